// Lock striping in a class: `std::lock_guard g(stripes_[id % kStripes])`
// guards the stripe's own shard, not one map shared by every stripe. Near
// misses: shards indexed like the stripe, a map also under one class-wide
// mutex, a stripe picked by a constant.
#include <array>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

class SessionCache {
public:
  void touch(int user, const std::string &page) {
    // EXPECT-NOTE@+1:40 this lock is one of an array's stripes, picked by the data; two threads holding different stripes write 'cache.last_page_' at the same time: guard it with one lock for the whole array, or make it per stripe
    std::lock_guard<std::mutex> stripe(stripes_[user % kStripes]);
    shards_[user % kStripes][user] = page;
    // EXPECT-WARNING@+1:5 unsynchronized call to 'emplace' on 'cache.last_page_' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    last_page_.emplace(user, page);
  }

  void count(int user) {
    std::lock_guard<std::mutex> stripe(stripes_[user % kStripes]);
    std::lock_guard<std::mutex> all(counts_mutex_);
    ++visits_[user];
  }

  void audit() {
    std::lock_guard<std::mutex> first(stripes_[0]);
    audited_.push_back(1);
  }

private:
  static constexpr int kStripes = 4;
  std::array<std::mutex, kStripes> stripes_;
  std::array<std::unordered_map<int, std::string>, kStripes> shards_;
  std::unordered_map<int, std::string> last_page_;
  std::mutex counts_mutex_;
  std::unordered_map<int, int> visits_;
  std::vector<int> audited_;
};

static void serve(SessionCache &cache, const std::vector<int> &users) {
  for (int user : users) {
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'touch'
    cache.touch(user, "/home");
    cache.count(user);
    cache.audit();
  }
}

void serve_all(const std::vector<int> &even, const std::vector<int> &odd) {
  SessionCache cache;
  std::thread a(serve, std::ref(cache), std::cref(even));
  // EXPECT-NOTE@+1:15 the same worker is launched again here, and both may run at the same time
  std::thread b(serve, std::ref(cache), std::cref(odd));
  a.join();
  b.join();
}
