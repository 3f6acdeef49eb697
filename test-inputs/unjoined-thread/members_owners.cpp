// A class that starts its thread in start() and joins it in stop(), but not
// in its destructor, leaves the join to its owner, as std::thread does. A
// local object of it destroyed on some path after start() and before stop()
// (an early return, a throw) terminates the program: reported at the object.
#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

void serve();
bool ready();

class Server {
public:
  void start() {
    worker_ = std::thread([this] {
      while (running_)
        serve();
    });
  }
  void stop() {
    running_ = false;
    if (worker_.joinable())
      worker_.join();
  }
  ~Server() {}

private:
  std::atomic<bool> running_{true};
  std::thread worker_;
};

void inspect(const Server &server);
void shutdown(Server &server) { server.stop(); }
void keep(Server &server);

int earlyReturn() {
  // EXPECT-WARNING@+1:10 'server' can be destroyed while its thread 'worker_' runs, which calls std::terminate; 'Server' joins it only in 'stop': call server.stop() on every path
  Server server;
  // EXPECT-NOTE@+1:3 'worker_' is started here
  server.start();
  if (!ready())
    // EXPECT-NOTE@+1:5 'server' goes out of scope here with 'worker_' running
    return 1;
  server.stop();
  return 0;
}

void explicitThrow() {
  // EXPECT-WARNING@+1:10 'server' can be destroyed while its thread 'worker_' runs, which calls std::terminate; 'Server' joins it only in 'stop': call server.stop() on every path
  Server server;
  // EXPECT-NOTE@+1:3 'worker_' is started here
  server.start();
  if (!ready())
    // EXPECT-NOTE@+1:5 'server' goes out of scope here with 'worker_' running
    throw std::runtime_error("not ready");
  server.stop();
}

void neverStopped() {
  // EXPECT-WARNING@+1:10 'server' can be destroyed while its thread 'worker_' runs, which calls std::terminate; 'Server' joins it only in 'stop': call server.stop() on every path
  Server server;
  // EXPECT-NOTE@+1:3 'worker_' is started here
  server.start();
  inspect(server);
// EXPECT-NOTE@+1:1 'server' goes out of scope here with 'worker_' running
}

// near-miss: stopped on every path, directly or through a helper.
void stoppedEverywhere(bool quick) {
  Server server;
  server.start();
  if (quick) {
    shutdown(server);
    return;
  }
  inspect(server);
  server.stop();
}

// near-miss: never started.
void neverStarted() {
  Server server;
  inspect(server);
}

// near-miss: started and stopped under the same condition (the paths are
// not correlated; a scope end is not reported when the object is stopped
// somewhere).
void sameCondition(bool threaded) {
  Server server;
  if (threaded)
    server.start();
  inspect(server);
  if (threaded)
    server.stop();
}

// near-miss: handed to code that may keep and stop it.
void handedOver() {
  Server server;
  server.start();
  keep(server);
}

// near-miss: used by a lambda, which may stop it whenever it runs.
void usedByLambda() {
  Server server;
  server.start();
  auto stopLater = [&server] { server.stop(); };
  stopLater();
}

// near-miss: a class whose destructor joins is its own owner.
class SelfJoining {
public:
  void start() { worker_ = std::thread(serve); }
  void stop() { worker_.join(); }
  ~SelfJoining() {
    if (worker_.joinable())
      worker_.join();
  }

private:
  std::thread worker_;
};

void selfJoining() {
  SelfJoining object;
  object.start();
}
