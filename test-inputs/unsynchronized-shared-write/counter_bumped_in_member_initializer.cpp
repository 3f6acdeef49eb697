// RUN-STD: c++17
// Objects numbered by a static counter that their constructor bumps in a
// member initializer (`id_(next_id_++)`), or in a default member initializer
// the constructor uses (`int serial_ = ++jobs_made;`): two workers that each
// make one (as a local, or with std::make_unique) both write the counter.
// The same through emplace_back, which runs the constructor inside the
// container. Near misses: an atomic counter, a counter bumped under a lock
// by a helper the initializer calls, an object the launching thread makes
// before the worker starts.
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

class Session {
public:
  // EXPECT-WARNING@+1:34 unsynchronized write to 'next_id_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  explicit Session(int fd) : id_(next_id_++), fd_(fd) {}
  int id() const { return id_; }
  int fd() const { return fd_; }

private:
  static int next_id_;
  int id_;
  int fd_;
};
int Session::next_id_ = 0;

int serve(int fd) {
  // EXPECT-NOTE@+1:18 the worker makes the write through this call of 'Session'
  auto session = std::make_unique<Session>(fd);
  return session->id() + session->fd();
}

void acceptTwo() {
  std::thread first(serve, 3);
  // EXPECT-NOTE@+1:15 the same worker is launched again here, and both may run at the same time
  std::thread second(serve, 4);
  first.join();
  second.join();
}

int jobs_made = 0;

struct Job {
  explicit Job(int cost) : cost(cost) {}
  int cost;
  // EXPECT-WARNING@+2:16 unsynchronized write to 'jobs_made' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  // EXPECT-NOTE@+1:16 another worker writes 'jobs_made' here
  int serial = ++jobs_made;
};

void runJobs() {
  int total = 0;
  // EXPECT-NOTE@+1:32 the worker makes the write through this call of 'Job'
  std::thread a([&total] { Job j(5); total += j.serial; });
  std::thread b([] { Job j(7); (void)j; });
  a.join();
  b.join();
}

class Ticket {
public:
  Ticket() : number_(issued_.fetch_add(1) + 1) {}
  int number() const { return number_; }

private:
  static std::atomic<int> issued_;
  int number_;
};
std::atomic<int> Ticket::issued_{0};

int take() { return std::make_unique<Ticket>()->number(); }

void takeTwo() {
  std::thread a(take);
  std::thread b(take);
  a.join();
  b.join();
}

std::mutex registry_lock;
int registered = 0;

int nextRegistration() {
  std::lock_guard<std::mutex> guard(registry_lock);
  return ++registered;
}

class Registration {
public:
  Registration() : number_(nextRegistration()) {}
  int number() const { return number_; }

private:
  int number_;
};

void registerTwo() {
  std::thread a([] { Registration r; (void)r.number(); });
  std::thread b([] { Registration r; (void)r.number(); });
  a.join();
  b.join();
}

int serveAfter(int fd) {
  Session listener(fd);
  std::thread worker(serve, fd + 1);
  worker.join();
  return listener.id();
}

// Elements built in place by emplace_back: the container runs the
// constructor, whose initializer calls a helper bumping the counter.
class Entity {
public:
  Entity(int kind, float x) : id_(allocateId()), kind_(kind), x_(x) {}
  int id() const { return id_ + kind_ + static_cast<int>(x_); }

private:
  static int allocateId() {
    // EXPECT-WARNING@+1:12 unsynchronized write to 'next_entity_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    return next_entity_++;
  }
  static int next_entity_;
  int id_;
  int kind_;
  float x_;
};
int Entity::next_entity_ = 1;

void loadChunk(std::vector<Entity> &out) {
  for (int i = 0; i < 8; ++i)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'Entity'
    out.emplace_back(i % 4, 0.5f * static_cast<float>(i));
}

void loadTwo() {
  std::vector<Entity> a, b;
  std::thread first(loadChunk, std::ref(a));
  // EXPECT-NOTE@+1:15 the same worker is launched again here, and both may run at the same time
  std::thread second(loadChunk, std::ref(b));
  first.join();
  second.join();
}
