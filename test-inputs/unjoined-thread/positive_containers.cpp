// Containers of threads, temporaries and pthread_create.
#include <deque>
#include <pthread.h>
#include <thread>
#include <vector>

void process(int item);
void work();
bool cancelled();
void *routine(void *);

// The container's threads are never joined.
void noJoinAll(const std::vector<int> &items) {
  // EXPECT-WARNING@+1:28 threads in 'workers' can be destroyed while joinable, which calls std::terminate; join every element on every path, or store parlint::ScopedThread
  std::vector<std::thread> workers;
  for (int item : items)
    workers.emplace_back(process, item);
// EXPECT-NOTE@+1:1 'workers' goes out of scope here while joinable
}

// The joining loop is skipped by an early return.
void earlyReturnBeforeJoinAll(const std::vector<int> &items) {
  // EXPECT-WARNING@+1:28 threads in 'workers' can be destroyed while joinable, which calls std::terminate; join every element on every path, or store parlint::ScopedThread
  std::vector<std::thread> workers;
  for (int item : items)
    workers.push_back(std::thread(process, item));
  if (cancelled())
    // EXPECT-NOTE@+1:5 'workers' goes out of scope here while joinable
    return;
  for (auto &worker : workers)
    worker.join();
}

// Indexed assignment into default-constructed slots.
void slotsNeverJoined(int count) {
  // EXPECT-WARNING@+1:27 threads in 'workers' can be destroyed while joinable, which calls std::terminate; join every element on every path, or store parlint::ScopedThread
  std::deque<std::thread> workers(count);
  for (int i = 0; i < count; ++i)
    workers[i] = std::thread(process, i);
// EXPECT-NOTE@+1:1 'workers' goes out of scope here while joinable
}

// A temporary thread is destroyed at the end of its statement.
void temporaries(bool flag) {
  // EXPECT-WARNING@+1:3 temporary std::thread is destroyed while joinable at the end of the statement, which calls std::terminate; keep it in a variable and join it, or use parlint::ScopedThread
  std::thread(process, 1);
  // EXPECT-WARNING@+1:3 temporary std::thread is destroyed while joinable at the end of the statement, which calls std::terminate; keep it in a variable and join it, or use parlint::ScopedThread
  std::thread{work};
  if (flag)
    // EXPECT-WARNING@+1:11 temporary std::thread is destroyed while joinable at the end of the statement, which calls std::terminate; keep it in a variable and join it, or use parlint::ScopedThread
    (void)std::thread(process, 2);
}

// pthread_create without pthread_join or pthread_detach.
void posixNeverJoined() {
  pthread_t id;
  // EXPECT-WARNING@+1:3 thread started by pthread_create is never joined or detached in this function, which leaks it; call pthread_join or pthread_detach on 'id'
  pthread_create(&id, nullptr, routine, nullptr);
}

// An array of pthread_t, none joined.
void posixArray() {
  pthread_t ids[4];
  for (int i = 0; i < 4; ++i)
    // EXPECT-WARNING@+1:5 thread started by pthread_create is never joined or detached in this function, which leaks it; call pthread_join or pthread_detach on 'ids'
    pthread_create(&ids[i], nullptr, routine, nullptr);
}
