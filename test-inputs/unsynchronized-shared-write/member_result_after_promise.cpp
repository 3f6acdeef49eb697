// A member worker that hands its result over through a promise and only
// then records a statistic: the caller's wait for the future orders what
// came before set_value, not the store after it, so a method reading the
// statistic after get() races with it. Near miss: the statistic stored
// before set_value.
#include <future>
#include <string>
#include <thread>

class Fetcher {
public:
  std::future<std::string> start(std::string url) {
    std::future<std::string> body = body_.get_future();
    // EXPECT-NOTE@+1:15 the worker is started here and kept in 'thread_'
    thread_ = std::thread([this, url] {
      std::string page = "<html>" + url + "</html>";
      body_.set_value(page);
      // EXPECT-WARNING@+1:7 unsynchronized write to 'bytes_' in a worker that runs while other code calls its object's methods; make it std::atomic, guard every access with one mutex, or publish the value once the worker has finished
      bytes_ = page.size();
    });
    return body;
  }
  std::size_t bytes() const { return bytes_; }
  ~Fetcher() {
    if (thread_.joinable())
      thread_.join();
  }

private:
  std::size_t bytes_ = 0;
  std::promise<std::string> body_;
  std::thread thread_;
};

class OrderedFetcher {
public:
  std::future<std::string> start(std::string url) {
    std::future<std::string> body = body_.get_future();
    thread_ = std::thread([this, url] {
      std::string page = "<html>" + url + "</html>";
      bytes_ = page.size();
      body_.set_value(page);
    });
    return body;
  }
  std::size_t bytes() const { return bytes_; }
  ~OrderedFetcher() {
    if (thread_.joinable())
      thread_.join();
  }

private:
  std::size_t bytes_ = 0;
  std::promise<std::string> body_;
  std::thread thread_;
};

std::size_t fetch_both() {
  Fetcher late;
  std::string a = late.start("a").get();
  // EXPECT-NOTE@+1:19 'bytes' reads 'bytes_' here while the object's worker may still be running
  std::size_t n = late.bytes();
  OrderedFetcher early;
  std::string b = early.start("b").get();
  return n + early.bytes() + a.size() + b.size();
}
