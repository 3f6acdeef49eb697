// Templates are reported once; a literal handed to a spawning macro is
// reported at the literal; a #define name for a literal is a literal, with a
// note at the #define and no fix (the macro may size arrays too).
#include <parlint/worker_count.h>

#include <thread>
#include <vector>

void work(int);

template <typename Fn> void startAll(Fn fn) {
  std::vector<std::thread> threads;
  for (int i = 0; i < parlint::default_worker_count(); ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 4 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    threads.emplace_back(fn, i);
  for (auto &t : threads)
    t.join();
}

void useTemplates() {
  startAll(work);
  startAll([](int i) { work(i + 1); });
}

template <int N> void startN() {
  std::vector<std::thread> threads;
  // near-miss: N is a template parameter, a named count
  for (int i = 0; i < N; ++i)
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}
template void startN<8>();

#define SPAWN_WORKERS(pool, count, fn)                                         \
  for (int i_ = 0; i_ < (count); ++i_)                                         \
    (pool).emplace_back(fn, i_)

void macroWithLiteral() {
  std::vector<std::thread> threads;
  SPAWN_WORKERS(threads, 8, work); // EXPECT-WARNING:26 hardcoded worker count: this loop starts 8 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  for (auto &t : threads)
    t.join();
}

// EXPECT-NOTE@+2:17 'WORKERS' is defined as 8 here
// EXPECT-NOTE@+1:17 'WORKERS' is defined as 8 here
#define WORKERS 8
void macroName() {
  std::vector<std::thread> threads;
  // EXPECT-WARNING@+1:3 hardcoded worker count: this loop starts 8 threads whatever the machine ('WORKERS' is the literal 8); use parlint::default_worker_count() or a configured count instead of the literal
  for (int i = 0; i < WORKERS; ++i)
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}

void macroWithName() {
  std::vector<std::thread> threads;
  // The macro is handed a name for a literal: reported at the name.
  // EXPECT-WARNING@+1:26 hardcoded worker count: this loop starts 8 threads whatever the machine ('WORKERS' is the literal 8); use parlint::default_worker_count() or a configured count instead of the literal
  SPAWN_WORKERS(threads, WORKERS, work);
  for (auto &t : threads)
    t.join();
}
