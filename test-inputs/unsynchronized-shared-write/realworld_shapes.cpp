// Shapes seen in real projects' tests and tools, written from scratch: all
// silent for the right reason.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct Queue {
  int *steal();
};

class Server {
public:
  bool listen(const std::string &host, int port);
  void stop();
  bool isRunning() const;
};

class Logger {
public:
  void info(const std::string &message);
  void flush();
};

std::string makeId();

// near-miss: stealing threads keep what they take in a slot of their own and
// count with an atomic they also poll.
void stealers(Queue &queue, size_t expected) {
  std::atomic<size_t> consumed{0};
  std::vector<std::vector<int *>> stolen(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      while (consumed != expected) {
        if (int *item = queue.steal()) {
          stolen[i].push_back(item);
          consumed.fetch_add(1, std::memory_order_relaxed);
        }
      }
    });
  for (auto &thread : threads)
    thread.join();
}

// near-miss: a server object listening on a thread, stopped by the parent:
// only its own member functions are called.
bool serveOnce(Server &server) {
  std::thread listener([&] { server.listen("localhost", 8080); });
  bool running = server.isRunning();
  server.stop();
  listener.join();
  return running;
}

// near-miss: a logger shared through a copied shared_ptr.
void logFromThreads(const std::shared_ptr<Logger> &logger, size_t messages) {
  std::vector<std::thread> threads;
  for (size_t t = 0; t < 4; ++t)
    threads.emplace_back([logger, messages] {
      for (size_t m = 0; m < messages; ++m)
        logger->info("message");
    });
  logger->flush();
  for (auto &thread : threads)
    thread.join();
}

// near-miss: identifiers collected under a lock_guard.
std::vector<std::string> collectIds() {
  std::mutex lock;
  std::vector<std::string> ids;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int n = 0; n < 100; ++n) {
        std::lock_guard<std::mutex> guard(lock);
        ids.push_back(makeId());
      }
    });
  for (auto &thread : threads)
    thread.join();
  return ids;
}

// near-miss: a callable handed in from elsewhere; its code is not here.
void runOnThreads(std::vector<std::thread> &pool,
                  const std::function<void(int)> &work) {
  for (size_t t = 0; t < pool.size(); ++t)
    pool[t] = std::thread(work, static_cast<int>(t + 1));
  work(0);
  for (auto &thread : pool)
    thread.join();
}

// near-miss: a stop flag the parent sets, polled by every worker.
void untilStopped(std::atomic<bool> &stop) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t, &stop] {
      int attempts = 0;
      while (!stop.load(std::memory_order_relaxed))
        attempts += t;
    });
  stop.store(true);
  for (auto &thread : threads)
    thread.join();
}
