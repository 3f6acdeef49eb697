// Near misses of the class rule: pool members shut down by a destructor
// (directly, through a helper, conditionally, by a derived class), pools
// whose destructor waits, pools handed out, work that is awaited, and classes
// whose destructor this translation unit cannot see. All must stay silent.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>
#include <future>
#include <oneapi/tbb/task_group.h>
#include <parlint/thread_pool.h>
#include <vector>

void exportBatch(int batch);

// near-miss: joined in the destructor.
class Joined {
public:
  void add(int batch) { boost::asio::post(pool_, [batch] { exportBatch(batch); }); }
  ~Joined() { pool_.join(); }

private:
  boost::asio::thread_pool pool_;
};

// near-miss: joined through stop(), only when still open.
class StopJoins {
public:
  void add(int batch) { boost::asio::post(pool_, [batch] { exportBatch(batch); }); }
  void stop() {
    open_ = false;
    pool_.join();
  }
  ~StopJoins() {
    if (open_)
      stop();
  }

private:
  bool open_ = true;
  boost::asio::thread_pool pool_;
};

// near-miss: a task_group waited for in the destructor.
class Waited {
public:
  void add(int batch) { group_.run([batch] { exportBatch(batch); }); }
  ~Waited() { group_.wait(); }

private:
  tbb::task_group group_;
};

// near-miss: parlint::ThreadPool's destructor finishes the queued tasks.
class OwnPool {
public:
  void add(int batch) { pool_.post([batch] { exportBatch(batch); }); }

private:
  parlint::ThreadPool pool_;
};

// near-miss: the destructor is defined in another translation unit.
class DefinedElsewhere {
public:
  ~DefinedElsewhere();
  void add(int batch) { boost::asio::post(pool_, [batch] { exportBatch(batch); }); }

private:
  boost::asio::thread_pool pool_;
};

// near-miss: the pool is handed out; its user may join it.
class HandsOut {
public:
  boost::asio::thread_pool &pool() { return pool_; }
  void add(int batch) { boost::asio::post(pool_, [batch] { exportBatch(batch); }); }

private:
  boost::asio::thread_pool pool_;
};

// near-miss: every task is awaited through its future.
class Awaited {
public:
  int run(int batch) {
    auto done = boost::asio::post(pool_, boost::asio::use_future([batch] {
                                    exportBatch(batch);
                                    return batch;
                                  }));
    return done.get();
  }

private:
  boost::asio::thread_pool pool_;
};

// near-miss: no work is ever queued.
class Idle {
public:
  boost::asio::thread_pool::executor_type executor() { return pool_.get_executor(); }

private:
  boost::asio::thread_pool pool_;
};

// near-miss: the derived class's destructor joins the base's pool.
class BaseQueues {
public:
  void add(int batch) { boost::asio::post(pool_, [batch] { exportBatch(batch); }); }

protected:
  boost::asio::thread_pool pool_;
};
class DerivedJoins : public BaseQueues {
public:
  ~DerivedJoins() { pool_.join(); }
};

// near-miss: shutdown() joins, the destructor does not call it: the class
// leaves the shutdown to its owner. Debatable at the class; silent there.
class OwnerShutsDown {
public:
  void add(int batch) { boost::asio::post(pool_, [batch] { exportBatch(batch); }); }
  void shutdown() { pool_.join(); }

private:
  boost::asio::thread_pool pool_;
};

// near-miss: a method defined in another translation unit may join.
class MethodsElsewhere {
public:
  void add(int batch) { boost::asio::post(pool_, [batch] { exportBatch(batch); }); }
  void drain();

private:
  boost::asio::thread_pool pool_;
};

// near-miss: a public member: its owner may join it.
struct PublicPool {
  void add(int batch) { boost::asio::post(pool, [batch] { exportBatch(batch); }); }
  boost::asio::thread_pool pool;
};
