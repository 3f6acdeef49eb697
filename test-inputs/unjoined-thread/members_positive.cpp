// std::thread members that the class never joins, though a method starts
// them: destroying the object once a thread started calls std::terminate.
// Reported once per member, at its declaration, with a note at a start and
// at the destructor (or the class, for an implicit one). No fix-it here: each
// thread waits to be told to stop, or the member is a container.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

void serve();
void process(int item);

// A container of threads and an implicit destructor.
// EXPECT-NOTE@+1:7 'Workers' has an implicit destructor, which does not join 'threads_'
class Workers {
public:
  void add(int item) {
    // EXPECT-NOTE@+1:5 'threads_' is started here, in 'add'
    threads_.emplace_back(process, item);
  }

private:
  // EXPECT-WARNING@+1:28 threads in member 'threads_' are never joined: destroying a 'Workers' after one started calls std::terminate; join every element in the destructor
  std::vector<std::thread> threads_;
};

// Started through a helper the constructor calls; the destructor only
// signals the thread, it never joins it.
class Notifier {
public:
  Notifier() { launch(); }
  // EXPECT-NOTE@+1:3 '~Notifier' does not join 'thread_'
  ~Notifier() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    ready_.notify_all();
  }

private:
  void launch() {
    // EXPECT-NOTE@+1:5 'thread_' is started here, in 'launch'
    thread_ = std::thread([this] {
      std::unique_lock<std::mutex> lock(mutex_);
      ready_.wait(lock, [this] { return done_; });
    });
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  bool done_ = false;
  // EXPECT-WARNING@+1:15 std::thread member 'thread_' is never joined: destroying a 'Notifier' after it started calls std::terminate; join it in the destructor
  std::thread thread_;
};

// A class template: reported once, whatever the instantiations.
// EXPECT-NOTE@+1:26 'Poller' has an implicit destructor, which does not join 'worker_'
template <class T> class Poller {
public:
  void start(T *source) {
    // EXPECT-NOTE@+1:5 'worker_' is started here, in 'start'
    worker_ = std::thread([source] {
      while (source->poll())
        serve();
    });
  }

private:
  // EXPECT-WARNING@+1:15 std::thread member 'worker_' is never joined: destroying a 'Poller' after it started calls std::terminate; join it in the destructor
  std::thread worker_;
};

struct Socket {
  bool poll();
};
struct Pipe {
  bool poll();
};

void usePollers(Socket *socket, Pipe *pipe) {
  Poller<Socket> first;
  first.start(socket);
  Poller<Pipe> second;
  second.start(pipe);
}

// The destructor runs a cleanup that does not touch the thread: the path
// engine follows the call and finds no join.
class Logger {
public:
  // EXPECT-NOTE@+1:14 'writer_' is started here, in 'Logger'
  Logger() : writer_([this] { drain(); }) {}
  // EXPECT-NOTE@+1:3 '~Logger' does not join 'writer_'
  ~Logger() { flush(); }

private:
  void flush() { pending_ = 0; }
  void drain() {
    while (pending_ > 0)
      --pending_;
  }
  std::atomic<int> pending_{0};
  // EXPECT-WARNING@+1:15 std::thread member 'writer_' is never joined: destroying a 'Logger' after it started calls std::terminate; join it in the destructor
  std::thread writer_;
};

// The classes above with an implicit destructor are destroyed here (an
// implicit destructor is judged where it is used).
void destroyWorkers() {
  Workers workers;
  workers.add(1);
}
