// A helper returns a running std::thread and the caller drops it: the
// temporary is destroyed while joinable, which calls std::terminate.
#include <thread>
#include <utility>

void serve(int port);

// EXPECT-NOTE@+1:44 the thread is started here, in 'startServer'
std::thread startServer(int port) { return std::thread(serve, port); }

std::thread startKept(int port) {
  // EXPECT-NOTE@+1:15 the thread is started here, in 'startKept'
  std::thread worker(serve, port);
  return worker;
}

void dropped() {
  // EXPECT-WARNING@+1:3 the running std::thread returned by 'startServer' is dropped: it is destroyed while joinable at the end of the statement, which calls std::terminate; keep it and join it, or detach it
  startServer(80);
  startKept(81); // EXPECT-WARNING:3 the running std::thread returned by 'startKept' is dropped: it is destroyed while joinable at the end of the statement, which calls std::terminate; keep it and join it, or detach it
}

// Near misses: joined or detached at once, kept, a helper that may return an
// empty thread, one that joined its thread already, a virtual helper.
std::thread startMaybe(bool go, int port) {
  if (go)
    return std::thread(serve, port);
  return std::thread();
}
std::thread startJoined(int port) {
  std::thread worker(serve, port);
  worker.join();
  return worker;
}
struct Launcher {
  virtual std::thread start(int port) { return std::thread(serve, port); }
};

void nearMisses(Launcher &launcher) {
  startServer(1).detach();
  startServer(2).join();
  std::thread kept = startServer(3);
  kept.join();
  startMaybe(true, 4);
  startJoined(5);
  std::thread other = launcher.start(6);
  other.detach();
}
