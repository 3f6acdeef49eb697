// A read the worker makes before it takes part in any hand-off, while it
// takes no lock, is ordered with the launching thread only by the start: a
// write the launching thread makes after the start and before it takes
// part in a hand-off meets it, whatever the two hand over later (a
// promise's value, a notify). Near misses: the write after the launching
// thread waited for the worker's value; the read after the worker waited
// for the launching thread's signal; both under one lock.
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

struct ProbeSettings {
  int timeoutMs = 250;
  int attempts = 3;
};
ProbeSettings gSettings;
std::mutex gSettingsLock;

bool probeOnce(int timeoutMs) { return timeoutMs > 100; }

void probe(std::promise<bool> healthy) {
  // EXPECT-NOTE@+1:17 the worker reads 'gSettings.timeoutMs' here without holding the lock taken at the write
  int timeout = gSettings.timeoutMs;
  healthy.set_value(probeOnce(timeout));
}

void applySettings(int timeoutMs) {
  std::lock_guard<std::mutex> hold(gSettingsLock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'gSettings.timeoutMs' while a worker started earlier may be reading it; make it std::atomic or guard every access with one mutex
  gSettings.timeoutMs = timeoutMs;
}

bool reloadWhileProbing() {
  std::promise<bool> healthy;
  std::future<bool> result = healthy.get_future();
  // EXPECT-NOTE@+1:3 the worker is started here
  std::thread(probe, std::move(healthy)).detach();
  // EXPECT-NOTE@+1:3 the launching thread makes the write through this call of 'applySettings'
  applySettings(400);
  return result.get();
}

bool reloadAfterProbing() {
  std::promise<bool> healthy;
  std::future<bool> result = healthy.get_future();
  std::thread(probe, std::move(healthy)).detach();
  bool ok = result.get();
  applySettings(400);
  return ok;
}

struct Gate {
  std::mutex lock;
  std::condition_variable opened;
  bool open = false;
};

void probeAfterGate(Gate &gate, std::promise<bool> healthy) {
  {
    std::unique_lock<std::mutex> hold(gate.lock);
    gate.opened.wait(hold, [&] { return gate.open; });
  }
  healthy.set_value(probeOnce(gSettings.attempts));
}

bool configureThenOpen(Gate &gate) {
  std::promise<bool> healthy;
  std::future<bool> result = healthy.get_future();
  std::thread worker(probeAfterGate, std::ref(gate), std::move(healthy));
  gSettings.attempts = 5;
  {
    std::lock_guard<std::mutex> hold(gate.lock);
    gate.open = true;
  }
  gate.opened.notify_one();
  bool ok = result.get();
  worker.join();
  return ok;
}

void probeLocked(std::promise<bool> healthy) {
  int attempts;
  {
    std::lock_guard<std::mutex> hold(gSettingsLock);
    attempts = gSettings.attempts;
  }
  healthy.set_value(probeOnce(attempts));
}

bool reloadUnderTheLock() {
  std::promise<bool> healthy;
  std::future<bool> result = healthy.get_future();
  std::thread(probeLocked, std::move(healthy)).detach();
  {
    std::lock_guard<std::mutex> hold(gSettingsLock);
    gSettings.attempts = 4;
  }
  return result.get();
}
