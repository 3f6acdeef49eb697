// A method of a shared object writes a member on some of its paths: every
// thread that calls the method may take that path.
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

std::string render(int key);

class PageCache {
public:
  std::string page(int key) {
    {
      std::lock_guard<std::mutex> guard(mutex_);
      auto found = pages_.find(key);
      if (found != pages_.end())
        return found->second;
    }
    std::string made = render(key);
    // EXPECT-WARNING@+1:5 unsynchronized insertion into 'cache.pages_' by operator[] in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    pages_[key] = made;
    return made;
  }
  std::string pageLocked(int key) {
    std::lock_guard<std::mutex> guard(mutex_);
    auto found = pages_.find(key);
    if (found != pages_.end())
      return found->second;
    return pages_[key] = render(key);
  }

private:
  std::mutex mutex_;
  std::map<int, std::string> pages_;
};

void serveAll(const std::vector<int> &requests, int threads) {
  PageCache cache;
  std::vector<std::thread> servers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int t = 0; t < threads; ++t)
    servers.emplace_back([&cache, &requests] {
      for (int key : requests)
        // EXPECT-NOTE@+1:15 the worker makes the write through this call of 'page'
        (void)cache.page(key);
    });
  for (std::thread &s : servers)
    s.join();
}

// near-miss: the same miss path, under the lock.
void serveAllLocked(const std::vector<int> &requests, int threads) {
  PageCache cache;
  std::vector<std::thread> servers;
  for (int t = 0; t < threads; ++t)
    servers.emplace_back([&cache, &requests] {
      for (int key : requests)
        (void)cache.pageLocked(key);
    });
  for (std::thread &s : servers)
    s.join();
}

long g_rejected;
void reject() { ++g_rejected; }
bool valid(int key);
void handle(int key) {
  if (!valid(key))
    reject();
}

// near-miss: a global written on some paths of a helper is no evidence that
// the workers take them (a mode, a rare error).
void handleAll(const std::vector<int> &requests, int threads) {
  std::vector<std::thread> servers;
  for (int t = 0; t < threads; ++t)
    servers.emplace_back([&requests] {
      for (int key : requests)
        handle(key);
    });
  for (std::thread &s : servers)
    s.join();
}

class FileNamer {
public:
  // A new id only when the caller does not pass one.
  int name(int id = -1) {
    if (id == -1)
      id = ++last_id_;
    return id;
  }

private:
  int last_id_ = 0;
};

// near-miss: the workers always pass their own id, so none takes the path
// that writes last_id_ (the caller picks it with an argument).
void nameAll(int files) {
  FileNamer namer;
  std::vector<std::thread> workers;
  for (int f = 0; f < files; ++f)
    workers.emplace_back([&namer, f] { (void)namer.name(f); });
  for (std::thread &w : workers)
    w.join();
}
