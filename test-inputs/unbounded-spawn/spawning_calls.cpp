// A helper that starts a detached thread on every call, called once per item
// of an input loop: one thread per item, as if the loop started them itself.
#include <pthread.h>
#include <thread>
#include <vector>

struct Conn { int fd; };
void serve(Conn c);
int acceptConnection();

// Two callers' findings note the same start.
// EXPECT-NOTE@+2:23 the detached thread is started here, in 'handle'
// EXPECT-NOTE@+1:23 the detached thread is started here, in 'handle'
void handle(Conn c) { std::thread(serve, c).detach(); }

void handleLocal(Conn c) {
  // EXPECT-NOTE@+1:15 the detached thread is started here, in 'handleLocal'
  std::thread worker(serve, c);
  worker.detach();
}

// Through a helper of the helper, past an early return.
void dispatch(Conn c) {
  if (c.fd < 0)
    return;
  handle(c);
}

void perItem(const std::vector<Conn> &conns) {
  // EXPECT-NOTE@+2:3 the loop iterates over a container or range, so its trip count grows with the input
  // EXPECT-WARNING@+1:31 calling 'handle' on every iteration of a loop without a small bound creates an unbounded number of threads: each call starts a detached thread; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  for (const Conn &c : conns) handle(c);
  // EXPECT-NOTE@+2:3 the loop iterates over a container or range, so its trip count grows with the input
  // EXPECT-WARNING@+1:31 calling 'handleLocal' on every iteration of a loop without a small bound creates an unbounded number of threads: each call starts a detached thread; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  for (const Conn &c : conns) handleLocal(c);
}

void perConnection() {
  // EXPECT-NOTE@+1:3 the loop has no exit condition
  for (;;) {
    Conn c{acceptConnection()};
    // EXPECT-WARNING@+1:5 calling 'dispatch' on every iteration of a loop without a small bound creates an unbounded number of threads: each call starts a detached thread; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    dispatch(c);
  }
}

// Near misses: the helper waits for its thread, starts one only sometimes,
// keeps it where it may be joined later, is virtual or has no body here; the
// loop is small or caps the live workers.
void handleJoined(Conn c) {
  std::thread worker(serve, c);
  worker.join();
}
void handleSometimes(Conn c) {
  if (c.fd > 2)
    std::thread(serve, c).detach();
}
struct Server {
  std::vector<std::thread> workers;
  void add(Conn c) { workers.emplace_back(serve, c); }
  virtual void start(Conn c) { std::thread(serve, c).detach(); }
};
void declaredOnly(Conn c);

void nearMisses(const std::vector<Conn> &conns, Server &server) {
  for (const Conn &c : conns) handleJoined(c);
  for (const Conn &c : conns) handleSometimes(c);
  for (const Conn &c : conns) server.add(c);
  for (const Conn &c : conns) server.start(c);
  for (const Conn &c : conns) declaredOnly(c);
  for (int i = 0; i < 4; ++i) handle(conns[i]);
  handle(conns.front());
  int active = 0;
  for (const Conn &c : conns) {
    if (active >= 8)
      break;
    ++active;
    handle(c);
  }
}
