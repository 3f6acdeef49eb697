// Threads started by a function the launching code calls: a method that
// returns the future of std::async on `this`, a helper that detaches a
// thread, a factory that returns a running std::thread. The worker runs
// alongside the caller from the call on, so what it touches is put in the
// caller's names (`this` is the call's object, a reference parameter the
// argument) and meets what the caller does before it waits. Near misses:
// the caller touches the object only after it waits; the helper joins what
// it starts; the worker touches only the helper's own copies; the caller
// uses another object than the one handed to the worker.
#include <future>
#include <mutex>
#include <string>
#include <thread>

class ExportJob {
public:
  std::future<int> begin() {
    // EXPECT-NOTE@+1:59 the worker makes the write through this call of 'render'
    return std::async(std::launch::async, [this] { return render(); });
  }
  void markQueued() { state_ = 1; }
  int state() const { return state_; }

private:
  int render() {
    text_ = "rendered";
    // EXPECT-WARNING@+1:5 unsynchronized write to 'job.state_' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    state_ = 2;
    return static_cast<int>(text_.size());
  }
  std::string text_;
  int state_ = 0;
};

int queuedWhileRendering(ExportJob &job) {
  // EXPECT-NOTE@+1:27 the worker is started by this call of 'ExportJob::begin'
  std::future<int> done = job.begin();
  // EXPECT-NOTE@+1:3 the launching thread writes 'job.state_' here while the worker may still be running
  job.markQueued();
  return done.get();
}

int queuedAfterRendering(ExportJob &job) {
  std::future<int> done = job.begin();
  int size = done.get();
  job.markQueued();
  return size;
}

int otherJobQueued(ExportJob &job, ExportJob &other) {
  std::future<int> done = job.begin();
  other.markQueued();
  return done.get();
}

struct Limits {
  int maxConnections = 64;
  int backlog = 16;
};
Limits gLimits;
std::mutex gLimitsLock;
int gObservedBacklog = 0;

// EXPECT-NOTE@+1:42 the worker reads 'gLimits.backlog' here without holding the lock taken at the write
void watchBacklog() { gObservedBacklog = gLimits.backlog; }

void startWatcher() { std::thread(watchBacklog).detach(); }

void startWatcherAndWait() {
  std::thread watcher(watchBacklog);
  watcher.join();
}

void reloadWhileWatched() {
  // EXPECT-NOTE@+1:3 the worker is started by this call of 'startWatcher'
  startWatcher();
  std::lock_guard<std::mutex> hold(gLimitsLock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'gLimits.backlog' while a worker started earlier may be reading it; make it std::atomic or guard every access with one mutex
  gLimits.backlog = 32;
}

void reloadAfterWatching() {
  startWatcherAndWait();
  std::lock_guard<std::mutex> hold(gLimitsLock);
  gLimits.backlog = 32;
}

std::thread countWords(const std::string &text, int &words) {
  return std::thread([&text, &words] {
    for (char c : text)
      if (c == ' ')
        // EXPECT-WARNING@+1:9 unsynchronized write to 'words' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        ++words;
  });
}

std::thread countOwnCopy(std::string text, int words) {
  return std::thread([text, words]() mutable {
    for (char c : text)
      if (c == ' ')
        ++words;
  });
}

int peekedBeforeJoin(const std::string &text) {
  int words = 0;
  // EXPECT-NOTE@+1:25 the worker is started by this call of 'countWords'
  std::thread counter = countWords(text, words);
  // EXPECT-NOTE@+1:15 the launching thread reads 'words' here while the worker may still be running
  int early = words;
  counter.join();
  return early + words;
}

int readAfterJoin(const std::string &text) {
  int words = 0;
  std::thread counter = countWords(text, words);
  counter.join();
  return words;
}

int ownCopies(const std::string &text) {
  int words = 0;
  std::thread counter = countOwnCopy(text, words);
  words = 5;
  counter.join();
  return words;
}
