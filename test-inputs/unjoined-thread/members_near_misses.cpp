// Near misses of the class rule: thread members that the destructor finishes
// (directly, through helpers, conditionally), that finish themselves, that
// the class hands over, or whose fate this translation unit cannot see. All
// must stay silent.
// RUN-STD: c++20
#include <algorithm>
#include <functional>
#include <parlint/scoped_thread.h>
#include <thread>
#include <utility>
#include <vector>

void serve();
void process(int item);
void adoptThread(std::thread &thread);

// near-miss: stop() joins, the destructor does not call it: the class leaves
// the join to its owner, who calls stop() before destroying it (as
// std::thread leaves it to its own). Debatable at the class; parlint stays
// silent there.
class OwnerStops {
public:
  void start() { worker_ = std::thread(serve); }
  void stop() {
    if (worker_.joinable())
      worker_.join();
  }
  ~OwnerStops() {}

private:
  std::thread worker_;
};

// near-miss: a public member: code outside the class may join it.
struct PublicThread {
  void start() { worker = std::thread(serve); }
  std::thread worker;
};
void stopPublic(PublicThread &owner) { owner.worker.join(); }

// near-miss: a friend may join it.
class Befriended {
  friend void stopFriend(Befriended &owner);

public:
  void start() { worker_ = std::thread(serve); }

private:
  std::thread worker_;
};

// near-miss: a method the class declares is defined in another translation
// unit; it may join.
class MethodsElsewhere {
public:
  void start() { worker_ = std::thread(serve); }
  void shutdown();

private:
  std::thread worker_;
};

// near-miss: the destructor calls stop(), which joins.
class StopJoins {
public:
  void start() { worker_ = std::thread(serve); }
  void stop() { worker_.join(); }
  ~StopJoins() { stop(); }

private:
  std::thread worker_;
};

// near-miss: through a helper, and only if joinable.
class HelperJoins {
public:
  void start() { worker_ = std::thread(serve); }
  ~HelperJoins() { shutdown(); }

private:
  void shutdown() { joinWorker(); }
  void joinWorker() {
    if (worker_.joinable())
      worker_.join();
  }
  std::thread worker_;
};

// near-miss: the destructor stops only when running; the flag is kept by the
// class with the thread (a path the destructor takes without joining is one
// where no thread was started).
class FlagGuarded {
public:
  void start() {
    running_ = true;
    worker_ = std::thread(serve);
  }
  void stop() {
    running_ = false;
    worker_.join();
  }
  ~FlagGuarded() {
    if (running_)
      stop();
  }

private:
  bool running_ = false;
  std::thread worker_;
};

// near-miss: std::jthread joins by itself.
class JoiningMember {
public:
  void start() { worker_ = std::jthread([] { serve(); }); }

private:
  std::jthread worker_;
};

// near-miss: parlint::ScopedThread joins by itself.
class ScopedMember {
public:
  void start() { worker_ = parlint::ScopedThread(serve); }

private:
  parlint::ScopedThread worker_;
};

// near-miss: a virtual stop(): an override may join.
class VirtualStop {
public:
  virtual ~VirtualStop() { stop(); }
  virtual void stop();
  void start() { worker_ = std::thread(serve); }

protected:
  std::thread worker_;
};

// near-miss: the destructor is defined in another translation unit.
class DefinedElsewhere {
public:
  ~DefinedElsewhere();
  void start() { worker_ = std::thread(serve); }

private:
  std::thread worker_;
};

// near-miss: the destructor calls a function defined in another translation
// unit, which may join.
class StopElsewhere {
public:
  ~StopElsewhere() { stop(); }
  void stop();
  void start() { worker_ = std::thread(serve); }

private:
  std::thread worker_;
};

// near-miss: detached as soon as it starts.
class Detached {
public:
  void start() {
    worker_ = std::thread(serve);
    worker_.detach();
  }

private:
  std::thread worker_;
};

// near-miss: moved out to the caller, who owns it from then on.
class HandsOver {
public:
  void start() { worker_ = std::thread(serve); }
  std::thread release() { return std::move(worker_); }

private:
  std::thread worker_;
};

// near-miss: given by reference to code that may keep or join it.
class Adopted {
public:
  void start() {
    worker_ = std::thread(serve);
    adoptThread(worker_);
  }

private:
  std::thread worker_;
};

// near-miss: never started by the class.
struct NeverStarted {
  bool running() const { return worker_.joinable(); }
  std::thread worker_;
};

// near-miss: every element joined in a loop.
class JoinAll {
public:
  void add(int item) { threads_.emplace_back(process, item); }
  ~JoinAll() {
    for (std::thread &thread : threads_)
      if (thread.joinable())
        thread.join();
  }

private:
  std::vector<std::thread> threads_;
};

// near-miss: joined with std::for_each and std::mem_fn.
class JoinAllForEach {
public:
  void add(int item) { threads_.emplace_back(process, item); }
  ~JoinAllForEach() {
    std::for_each(threads_.begin(), threads_.end(),
                  std::mem_fn(&std::thread::join));
  }

private:
  std::vector<std::thread> threads_;
};

// near-miss: joined from the back until empty.
class JoinFromBack {
public:
  void add(int item) { threads_.emplace_back(process, item); }
  ~JoinFromBack() {
    while (!threads_.empty()) {
      threads_.back().join();
      threads_.pop_back();
    }
  }

private:
  std::vector<std::thread> threads_;
};

// near-miss: the base class's destructor joins the thread the derived class
// starts (the base's destructor runs before its members die).
class JoiningBase {
public:
  virtual ~JoiningBase() {
    if (worker_.joinable())
      worker_.join();
  }

protected:
  std::thread worker_;
};
class InheritsTheJoin : public JoiningBase {
public:
  void start() { worker_ = std::thread(serve); }
};

// near-miss: the derived class's destructor joins the base's member.
class PlainBase {
public:
  void start() { worker_ = std::thread(serve); }

protected:
  std::thread worker_;
};
class JoiningDerived : public PlainBase {
public:
  ~JoiningDerived() { worker_.join(); }
};

// near-miss: started in the constructor, joined in the destructor.
class ConstructorStarts {
public:
  ConstructorStarts() : worker_([this] { run(); }) {}
  ~ConstructorStarts() { worker_.join(); }

private:
  void run() { serve(); }
  std::thread worker_;
};

// near-miss: an abstract class; a derived class elsewhere may join in its
// destructor.
class AbstractTask {
public:
  virtual ~AbstractTask() = default;
  void start() { worker_ = std::thread([this] { run(); }); }

protected:
  virtual void run() = 0;
  std::thread worker_;
};

// near-miss: a guard member joins the thread in its own destructor.
class ThreadGuard {
public:
  explicit ThreadGuard(std::thread &thread) : thread_(thread) {}
  ~ThreadGuard() {
    if (thread_.joinable())
      thread_.join();
  }

private:
  std::thread &thread_;
};
class Guarded {
public:
  void start() { worker_ = std::thread(serve); }

private:
  std::thread worker_;
  ThreadGuard guard_{worker_};
};

// near-miss: the destructor runs a callback the owner registered, which may
// stop the thread.
class Callback {
public:
  void start() { worker_ = std::thread(serve); }
  ~Callback() {
    if (onClose_)
      onClose_();
  }

private:
  std::function<void()> onClose_;
  std::thread worker_;
};

// near-miss: swapped into a local that is joined.
class SwapOut {
public:
  void start() { worker_ = std::thread(serve); }
  ~SwapOut() {
    std::thread last;
    last.swap(worker_);
    if (last.joinable())
      last.join();
  }

private:
  std::thread worker_;
};

// near-miss: a class template whose destructor joins, instantiated twice.
template <class T> class Holder {
public:
  void start(T value) { worker_ = std::thread(process, int(value)); }
  ~Holder() { worker_.join(); }

private:
  std::thread worker_;
};

void useHolders() {
  Holder<int> a;
  a.start(1);
  Holder<long> b;
  b.start(2);
}
