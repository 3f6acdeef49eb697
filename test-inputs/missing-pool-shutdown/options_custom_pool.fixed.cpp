// RUN-CONFIG: {CheckOptions: {parlint-missing-pool-shutdown.PoolTypes: 'myns::Pool;other::Executor', parlint-missing-pool-shutdown.ShutdownMethods: 'shutdown;drain'}}
// A project's own pool types and shutdown methods, set through the options.
#include <functional>

namespace myns {
class Pool {
public:
  explicit Pool(int threads);
  Pool(Pool &&other);
  ~Pool(); // abandons queued tasks
  void submit(std::function<void()> task);
  void shutdown();
  void drain();
  void join(); // not a shutdown method in this configuration
};
} // namespace myns

namespace other {
class Executor {
public:
  Executor();
  ~Executor();
  void submit(std::function<void()> task);
  void shutdown();
};
} // namespace other

void process(int item);

void noShutdown() {
  myns::Pool pool(4); // EXPECT-WARNING:14 'pool' (myns::Pool) may be destroyed without shutdown(); its destructor abandons queued work — call pool.shutdown() before it goes out of scope
  pool.submit([] { process(1); });
  pool.shutdown();
} // EXPECT-NOTE:1 'pool' is destroyed here without shutdown(); call pool.shutdown() before this point

void joinIsNotConfigured() {
  myns::Pool pool(4); // EXPECT-WARNING:14 'pool' (myns::Pool) may be destroyed without shutdown(); its destructor abandons queued work — call pool.shutdown() before it goes out of scope
  pool.submit([] { process(2); });
  pool.join();
  pool.shutdown();
} // EXPECT-NOTE:1 'pool' is destroyed here without shutdown(); call pool.shutdown() before this point

void secondType(bool early) {
  other::Executor executor; // EXPECT-WARNING:19 'executor' (other::Executor) may be destroyed without shutdown(); its destructor abandons queued work — call executor.shutdown() before it goes out of scope
  executor.submit([] { process(3); });
  if (early)
    return; // EXPECT-NOTE:5 'executor' is destroyed here without shutdown(); call executor.shutdown() before this point
  executor.shutdown();
}

// near-miss: the second configured method also counts.
void drained() {
  myns::Pool pool(2);
  pool.submit([] { process(4); });
  pool.drain();
}

// near-miss: shut down with the configured method.
void shutDown() {
  myns::Pool pool(2);
  pool.submit([] { process(5); });
  pool.shutdown();
}

// near-miss: a type with the same short name in another namespace.
namespace elsewhere {
struct Pool {
  explicit Pool(int) {}
  void submit(std::function<void()> task) { task(); }
};
} // namespace elsewhere
void lookAlike() {
  elsewhere::Pool pool(2);
  pool.submit([] { process(6); });
}

// near-miss: moved into a function that owns it from then on.
void consume(myns::Pool &&pool);
void movedAway() {
  myns::Pool pool(2);
  pool.submit([] { process(7); });
  consume(static_cast<myns::Pool &&>(pool));
}

// near-miss: returned to the caller, who decides when to shut it down.
myns::Pool startPool() {
  myns::Pool pool(2);
  pool.submit([] { process(8); });
  return pool;
}
