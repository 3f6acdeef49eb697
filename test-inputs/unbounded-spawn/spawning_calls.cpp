// A helper that starts a detached thread on every call, called once per item
// of an input loop: one thread per item, as if the loop started them itself.
#include <pthread.h>
#include <thread>
#include <vector>

struct Conn { int fd; };
void serve(Conn c);
void log(Conn c);
int acceptConnection();

// Two callers' findings note the same start.
// EXPECT-NOTE@+2:23 starting a std::thread here leaves a thread running after 'handle' returns
// EXPECT-NOTE@+1:23 starting a std::thread here leaves a thread running after 'dispatch' returns
void handle(Conn c) { std::thread(serve, c).detach(); }

void handleLocal(Conn c) {
  // EXPECT-NOTE@+1:15 starting a std::thread here leaves a thread running after 'handleLocal' returns
  std::thread worker(serve, c);
  worker.detach();
}

// Through a helper of the helper.
void dispatch(Conn c) {
  log(c);
  handle(c);
}

void perItem(const std::vector<Conn> &conns) {
  // EXPECT-NOTE@+2:3 the loop iterates over a container or range, so its trip count grows with the input
  // EXPECT-WARNING@+1:31 calling 'handle' on every iteration of a loop without a small bound creates an unbounded number of threads: each call leaves a thread running; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  for (const Conn &c : conns) handle(c);
  // EXPECT-NOTE@+2:3 the loop iterates over a container or range, so its trip count grows with the input
  // EXPECT-WARNING@+1:31 calling 'handleLocal' on every iteration of a loop without a small bound creates an unbounded number of threads: each call leaves a thread running; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  for (const Conn &c : conns) handleLocal(c);
}

void perConnection() {
  // EXPECT-NOTE@+1:3 the loop has no exit condition
  for (;;) {
    Conn c{acceptConnection()};
    // EXPECT-WARNING@+1:5 calling 'dispatch' on every iteration of a loop without a small bound creates an unbounded number of threads: each call leaves a thread running; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    dispatch(c);
  }
}

// A thread kept in the member vector of one object made outside the loop:
// the vector grows by a running thread per item.
struct Server {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:22 starting a std::thread here leaves a thread running after 'add' returns
  void add(Conn c) { workers.emplace_back(serve, c); }
  virtual void start(Conn c) { std::thread(serve, c).detach(); }
};
void perItemKept(const std::vector<Conn> &conns, Server &server) {
  // EXPECT-NOTE@+2:3 the loop iterates over a container or range, so its trip count grows with the input
  // EXPECT-WARNING@+1:31 calling 'add' on every iteration of a loop without a small bound creates an unbounded number of threads: each call leaves a thread running; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  for (const Conn &c : conns) server.add(c);
}

// Near misses: the helper waits for its thread, starts one only sometimes,
// is virtual or has no body here; the loop is small or caps the live
// workers.
void handleJoined(Conn c) {
  std::thread worker(serve, c);
  worker.join();
}
void handleSometimes(Conn c) {
  if (c.fd > 2)
    std::thread(serve, c).detach();
}
void declaredOnly(Conn c);

void nearMisses(const std::vector<Conn> &conns, Server &server) {
  for (const Conn &c : conns) handleJoined(c);
  for (const Conn &c : conns) handleSometimes(c);
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
