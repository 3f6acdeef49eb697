// Before C++20 a std::thread member that the class never joins becomes a
// parlint::ScopedThread, which joins in its destructor: when every use
// compiles on it, the thread ends by itself (a destructor that joins cannot
// wait forever), and no member declared after it dies before the join.
#include <string>
#include <thread>
#include <vector>

int compute(int value);
void warmUp() { compute(0); }

// Rewritten: started in the constructor's member initializer.
// EXPECT-NOTE@+1:7 'Loader' has an implicit destructor, which does not join 'worker_'
class Loader {
public:
  // EXPECT-NOTE@+1:14 'worker_' is started here, in 'Loader'
  Loader() : worker_(&Loader::load, this) {}
  int result() const { return result_; }

private:
  void load() { result_ = compute(1); }
  int result_ = 0;
  // EXPECT-WARNING@+1:15 std::thread member 'worker_' is never joined: destroying a 'Loader' after it started calls std::terminate; use parlint::ScopedThread, which joins on destruction
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
  bool busy() const { return worker_.joinable(); }

private:
  int value_ = 0;
  // EXPECT-WARNING@+1:15 std::thread member 'worker_' is never joined: destroying a 'Prefetcher' after it started calls std::terminate; use parlint::ScopedThread, which joins on destruction
  std::thread worker_;
};

// Rewritten: a default member initializer.
// EXPECT-NOTE@+1:7 'Warmer' has an implicit destructor, which does not join 'worker_'
class Warmer {
  // EXPECT-WARNING@+2:15 std::thread member 'worker_' is never joined: destroying a 'Warmer' after it started calls std::terminate; use parlint::ScopedThread, which joins on destruction
  // EXPECT-NOTE@+1:22 'worker_' is started by its initializer
  std::thread worker_{warmUp};
};

// Not rewritten: the name is destroyed before a joining destructor would
// wait for the thread that reads it.
// EXPECT-NOTE@+1:7 'Reporter' has an implicit destructor, which does not join 'worker_'
class Reporter {
public:
  void start() {
    // EXPECT-NOTE@+1:5 'worker_' is started here, in 'start'
    worker_ = std::thread([this] { compute(int(name_.size())); });
  }

private:
  // EXPECT-WARNING@+1:15 std::thread member 'worker_' is never joined: destroying a 'Reporter' after it started calls std::terminate; join it in the destructor
  std::thread worker_;
  std::string name_ = "report";
};

// Not rewritten: reset to an empty thread, which does not compile on the
// replacement.
// EXPECT-NOTE@+1:7 'Restartable' has an implicit destructor, which does not join 'worker_'
class Restartable {
public:
  // EXPECT-NOTE@+1:18 'worker_' is started here, in 'start'
  void start() { worker_ = std::thread(warmUp); }
  void forget() { worker_ = std::thread(); }

private:
  // EXPECT-WARNING@+1:15 std::thread member 'worker_' is never joined: destroying a 'Restartable' after it started calls std::terminate; join it in the destructor
  std::thread worker_;
};

// Not rewritten: the thread runs a loop until told to stop; a joining
// destructor would wait for it forever.
// EXPECT-NOTE@+1:7 'Spinner' has an implicit destructor, which does not join 'worker_'
class Spinner {
public:
  void start() {
    // EXPECT-NOTE@+1:5 'worker_' is started here, in 'start'
    worker_ = std::thread([this] {
      while (!stop_)
        compute(0);
    });
  }
  void stop() { stop_ = true; }

private:
  volatile bool stop_ = false;
  // EXPECT-WARNING@+1:15 std::thread member 'worker_' is never joined: destroying a 'Spinner' after it started calls std::terminate; join it in the destructor
  std::thread worker_;
};

// Objects of the classes above are destroyed (an implicit destructor is
// judged where it is used).
void destroyAll() {
  Loader loader;
  Prefetcher prefetcher;
  Warmer warmer;
  Reporter reporter;
  Restartable restartable;
  Spinner spinner;
}
