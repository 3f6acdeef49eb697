// Futures of std::async thrown away where they are made: the destructor of
// the temporary waits for the task, so nothing runs in parallel and the
// task's exception is lost.
#include <chrono>
#include <future>
#include <string>
#include <vector>

void work();
int compute(int value);
void save(const std::string &name);

// An expression statement.
void expressionStatement() {
  // EXPECT-WARNING@+1:3 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously and its exception is lost; keep the future and call get() on it
  std::async(std::launch::async, work);
}

// The default policy may start a thread too.
void defaultPolicy(int value) {
  // EXPECT-WARNING@+1:3 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously and its exception is lost; keep the future and call get() on it
  std::async(compute, value);
}

// A (void) cast does not help: bugprone-unused-return-value is silenced,
// the destructor still blocks.
void voidCast() {
  // EXPECT-WARNING@+1:9 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously and its exception is lost; keep the future and call get() on it
  (void)std::async(std::launch::async, work);
}

// static_cast<void>.
void staticVoidCast() {
  // EXPECT-WARNING@+1:21 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously and its exception is lost; keep the future and call get() on it
  static_cast<void>(std::async(std::launch::async | std::launch::deferred, work));
}

// A temporary used only for valid().
bool onlyValid() {
  // EXPECT-WARNING@+1:10 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously and its exception is lost; keep the future and call get() on it
  return std::async(std::launch::async, work).valid();
}

// In a loop: the iterations run one after another.
void serialLoop(const std::vector<std::string> &names) {
  for (const auto &name : names)
    // EXPECT-WARNING@+1:5 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously, the loop's iterations run one after another, and its exception is lost; keep the future and call get() on it after the loop
    std::async(std::launch::async, save, name);
}

// A while loop with a lambda.
void whileLoop(int rounds) {
  int round = 0;
  while (round < rounds) {
    // EXPECT-WARNING@+1:5 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously, the loop's iterations run one after another, and its exception is lost; keep the future and call get() on it after the loop
    std::async(std::launch::async, [round] { compute(round); });
    ++round;
  }
}

// Inside a lambda.
void insideLambda() {
  // EXPECT-WARNING@+1:20 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously and its exception is lost; keep the future and call get() on it
  auto kick = [] { std::async(std::launch::async, work); };
  kick();
}

// A nested lambda.
void nestedLambda() {
  auto outer = [] {
    // EXPECT-WARNING@+1:36 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously and its exception is lost; keep the future and call get() on it
    auto inner = [](int v) { (void)std::async(std::launch::async, compute, v); };
    inner(1);
  };
  outer();
}

// A member function.
class Uploader {
public:
  void upload(const std::string &name) {
    // EXPECT-WARNING@+1:5 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously and its exception is lost; keep the future and call get() on it
    std::async(std::launch::async, &Uploader::send, this, name);
  }

private:
  void send(const std::string &name);
};

// A do-while loop.
void doWhile(int n) {
  do {
    // EXPECT-WARNING@+1:5 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously, the loop's iterations run one after another, and its exception is lost; keep the future and call get() on it after the loop
    std::async(std::launch::async, compute, n);
  } while (--n > 0);
}
