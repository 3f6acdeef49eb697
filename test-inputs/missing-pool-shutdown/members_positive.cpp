// Pool members with work queued on them that no destructor shuts down: the
// pool's destructor drops what has not run yet. Reported once per member, at
// its declaration, with a note at the queueing and at the destructor (or the
// class, for an implicit one).
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <oneapi/tbb/task_group.h>
#include <string>
#include <vector>

void exportBatch(int batch);
void render(const std::string &name);

// EXPECT-NOTE@+1:7 'Exporter' has an implicit destructor, which does not call pool_.join()
class Exporter {
public:
  void exportAll(const std::vector<int> &batches) {
    for (int batch : batches)
      // EXPECT-NOTE@+1:7 work is queued on 'pool_' here, in 'exportAll'
      boost::asio::post(pool_, [batch] { exportBatch(batch); });
  }

private:
  // EXPECT-WARNING@+1:28 'pool_' (boost::asio::thread_pool) has work queued on it but is never shut down: destroying a 'Exporter' abandons the queued work — call pool_.join() in '~Exporter'
  boost::asio::thread_pool pool_;
};

// The destructor closes the files but not the pool; the work is queued
// through a helper.
class Archiver {
public:
  void archive(int batch) { queue(batch); }
  // EXPECT-NOTE@+1:3 '~Archiver' does not call pool_.join()
  ~Archiver() { closeFiles(); }

private:
  void queue(int batch) {
    // EXPECT-NOTE@+1:5 work is queued on 'pool_' here, in 'queue'
    boost::asio::post(pool_.get_executor(), [batch] { exportBatch(batch); });
  }
  void closeFiles() { open_ = 0; }
  int open_ = 1;
  // EXPECT-WARNING@+1:28 'pool_' (boost::asio::thread_pool) has work queued on it but is never shut down: destroying a 'Archiver' abandons the queued work — call pool_.join() in '~Archiver'
  boost::asio::thread_pool pool_;
};

// oneTBB's task_group: its destructor cancels the tasks (wait() is its
// shutdown).
// EXPECT-NOTE@+1:7 'Renderer' has an implicit destructor, which does not call group_.wait()
class Renderer {
public:
  void renderAll(const std::vector<std::string> &names) {
    for (const std::string &name : names)
      // EXPECT-NOTE@+1:7 work is queued on 'group_' here, in 'renderAll'
      group_.run([&name] { render(name); });
  }

private:
  // EXPECT-WARNING@+1:19 'group_' (tbb::detail::d1::task_group) has work queued on it but is never shut down: destroying a 'Renderer' abandons the queued work — call group_.wait() in '~Renderer'
  tbb::task_group group_;
};

// A class template: reported once.
// EXPECT-NOTE@+1:26 'Batcher' has an implicit destructor, which does not call pool_.join()
template <class T> class Batcher {
public:
  void add(T batch) {
    // EXPECT-NOTE@+1:5 work is queued on 'pool_' here, in 'add'
    boost::asio::post(pool_, [batch] { exportBatch(int(batch)); });
  }

private:
  // EXPECT-WARNING@+1:28 'pool_' (boost::asio::thread_pool) has work queued on it but is never shut down: destroying a 'Batcher' abandons the queued work — call pool_.join() in '~Batcher'
  boost::asio::thread_pool pool_;
};

void useBatchers() {
  Batcher<int> ints;
  ints.add(1);
  Batcher<long> longs;
  longs.add(2);
}

// stop() is not a shutdown: it drops the queued work as the destructor does.
class Stopped {
public:
  // EXPECT-NOTE@+1:25 work is queued on 'pool_' here, in 'add'
  void add(int batch) { boost::asio::post(pool_, [batch] { exportBatch(batch); }); }
  // EXPECT-NOTE@+1:3 '~Stopped' does not call pool_.join()
  ~Stopped() { pool_.stop(); }

private:
  // EXPECT-WARNING@+1:28 'pool_' (boost::asio::thread_pool) has work queued on it but is never shut down: destroying a 'Stopped' abandons the queued work — call pool_.join() in '~Stopped'
  boost::asio::thread_pool pool_;
};

// The classes above with an implicit destructor are destroyed here (an
// implicit destructor is judged where it is used).
void destroyAll() {
  Exporter exporter;
  Renderer renderer;
}
