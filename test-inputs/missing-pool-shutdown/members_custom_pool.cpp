// RUN-CONFIG: {CheckOptions: {parlint-missing-pool-shutdown.PoolTypes: 'myns::Pool', parlint-missing-pool-shutdown.ShutdownMethods: 'shutdown;drain'}}
// A project's own pool type as a member: its shutdown methods come from the
// check's options, in the destructor as in a function.
#include <functional>

namespace myns {
class Pool {
public:
  Pool();
  ~Pool(); // abandons queued tasks
  void submit(std::function<void()> task);
  void shutdown();
  void drain();
  void join(); // not a shutdown method in this configuration
};
} // namespace myns

void process(int item);

class Indexer {
public:
  // EXPECT-NOTE@+1:26 work is queued on 'pool_' here, in 'index'
  void index(int item) { pool_.submit([item] { process(item); }); }
  // EXPECT-NOTE@+1:3 '~Indexer' does not call pool_.shutdown()
  ~Indexer() { pool_.join(); }

private:
  // EXPECT-WARNING@+1:14 'pool_' (myns::Pool) has work queued on it but is never shut down: destroying a 'Indexer' abandons the queued work — call pool_.shutdown() in '~Indexer'
  myns::Pool pool_;
};

// near-miss: drained in the destructor, a configured shutdown method.
class Drained {
public:
  void index(int item) { pool_.submit([item] { process(item); }); }
  ~Drained() { pool_.drain(); }

private:
  myns::Pool pool_;
};
