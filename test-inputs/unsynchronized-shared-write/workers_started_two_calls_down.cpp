// A thread let go two or three calls below the launching code: a service's
// start() calls a helper that detaches the worker. The worker runs on from
// the outer call, so what it touches is put in the caller's names through
// every call on the way (the helper's reference parameter is start()'s
// member, which is the call's object in the caller). Near misses: the
// helper joins what it starts; the worker writes only the helper's own
// copy; the caller touches another object than the one handed over.
#include <string>
#include <thread>

struct Counters {
  long accepted = 0;
  long rejected = 0;
};

static void countForever(Counters &c) {
  for (int i = 0; i < 1000; ++i)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'l.counters_.accepted' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    c.accepted++;
}

static void launchCounter(Counters &c) {
  std::thread(countForever, std::ref(c)).detach();
}

static void launchCounterAndWait(Counters &c) {
  std::thread t(countForever, std::ref(c));
  t.join();
}

static void launchOnCopy(Counters c) {
  std::thread(countForever, std::ref(c)).detach();
}

class Listener {
public:
  void start() { launchCounter(counters_); }
  void startAndWait() { launchCounterAndWait(counters_); }
  void startOnCopy() { launchOnCopy(counters_); }
  void reset() { counters_.accepted = 0; }

private:
  Counters counters_;
};

void restart(Listener &l) {
  // EXPECT-NOTE@+1:3 the worker is started by this call of 'Listener::start'
  l.start();
  // EXPECT-NOTE@+1:3 the launching thread writes 'l.counters_.accepted' here while the worker may still be running
  l.reset();
}

void restartAfterWaiting(Listener &l) {
  l.startAndWait();
  l.reset();
}

void restartOnCopy(Listener &l) {
  l.startOnCopy();
  l.reset();
}

void restartOther(Listener &l, Listener &other) {
  l.start();
  other.reset();
}

static void tallyRejected(Counters &c) {
  for (int i = 0; i < 1000; ++i)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'gStats.rejected' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    c.rejected++;
}

static void launchTally(Counters &c) {
  std::thread(tallyRejected, std::ref(c)).detach();
}

static void bootstrap(Counters &c) { launchTally(c); }
static void bootstrapAll(Counters &c) { bootstrap(c); }

Counters gStats;
Counters gQuiet;

long sampleWhileTallying() {
  // EXPECT-NOTE@+1:3 the worker is started by this call of 'bootstrapAll'
  bootstrapAll(gStats);
  // EXPECT-NOTE@+1:10 the launching thread reads 'gStats.rejected' here while the worker may still be running
  return gStats.rejected;
}

long sampleBeforeTallying() {
  long before = gQuiet.rejected;
  bootstrapAll(gQuiet);
  return before;
}
