// RUN-STD: c++20
// In C++20 a std::thread member that the class never joins becomes a
// std::jthread, under the same conditions as before C++20, and only when
// the callable cannot take the std::stop_token that std::jthread passes.
#include <thread>

int compute(int value);

// Rewritten: started in the constructor's member initializer.
// EXPECT-NOTE@+1:7 'Loader' has an implicit destructor, which does not join 'worker_'
class Loader {
public:
  // EXPECT-NOTE@+1:14 'worker_' is started here, in 'Loader'
  Loader() : worker_(&Loader::load, this) {}

private:
  void load() { result_ = compute(1); }
  int result_ = 0;
  // EXPECT-WARNING@+1:15 std::thread member 'worker_' is never joined: destroying a 'Loader' after it started calls std::terminate; use std::jthread, which joins on destruction
  std::thread worker_;
};

// Rewritten, with the temporary assigned in start().
// EXPECT-NOTE@+1:7 'Prefetcher' has an implicit destructor, which does not join 'worker_'
class Prefetcher {
public:
  void start(int key) {
    // EXPECT-NOTE@+1:5 'worker_' is started here, in 'start'
    worker_ = std::thread([this, key] { value_ = compute(key); });
  }

private:
  int value_ = 0;
  // EXPECT-WARNING@+1:15 std::thread member 'worker_' is never joined: destroying a 'Prefetcher' after it started calls std::terminate; use std::jthread, which joins on destruction
  std::thread worker_;
};

// Not rewritten: a generic callable would be handed a std::stop_token first.
// EXPECT-NOTE@+1:7 'Summer' has an implicit destructor, which does not join 'worker_'
class Summer {
public:
  void start(int a, int b) {
    // EXPECT-NOTE@+1:5 'worker_' is started here, in 'start'
    worker_ = std::thread([this](auto... values) { total_ = (values + ...); }, a, b);
  }

private:
  int total_ = 0;
  // EXPECT-WARNING@+1:15 std::thread member 'worker_' is never joined: destroying a 'Summer' after it started calls std::terminate; join it in the destructor
  std::thread worker_;
};

// Objects of the classes above are destroyed (an implicit destructor is
// judged where it is used).
void destroyAll() {
  Loader loader;
  Prefetcher prefetcher;
  Summer summer;
}
