// RUN-STD: c++17
// A registry reached through its accessor (`static Registry &instance() {
// static Registry r; return r; }`): every call designates the one static
// object, so two subsystem threads that register types through their own
// calls of the accessor share it. The id counter is bumped before the
// lock is taken. Near misses: the table written under the lock; a
// per-thread scratch registry returned by an accessor of a thread_local;
// the size read by the main thread after the joins.
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

class Registry {
public:
  static Registry &instance() {
    static Registry registry;
    return registry;
  }

  int add(const std::string &name) {
    // EXPECT-NOTE@+2:14 another worker writes 'registry.next_id_' here
    // EXPECT-WARNING@+1:14 unsynchronized write to 'registry.next_id_' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    int id = next_id_++;
    std::lock_guard<std::mutex> guard(mu_);
    ids_.emplace(name, id);
    return id;
  }

  std::size_t size() {
    std::lock_guard<std::mutex> guard(mu_);
    return ids_.size();
  }

private:
  Registry() = default;
  int next_id_ = 1;
  std::mutex mu_;
  std::unordered_map<std::string, int> ids_;
};

struct Scratch {
  int uses = 0;
};

static Scratch &scratch() {
  static thread_local Scratch mine;
  return mine;
}

static void physics() {
  Registry &r = Registry::instance();
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'add'
  r.add("RigidBody");
  r.add("Collider");
  scratch().uses++;
}

static void render() {
  Registry::instance().add("Mesh");
  Registry::instance().add("Camera");
  scratch().uses++;
}

int main() {
  std::thread a(physics);
  std::thread b(render);
  a.join();
  b.join();
  std::printf("%zu types\n", Registry::instance().size());
  return 0;
}
