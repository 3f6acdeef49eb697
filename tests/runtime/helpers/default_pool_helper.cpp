// A program for default_pool_test: uses parlint::default_pool() and then
// exits in the way its argument names. The test runs it as a separate
// process and checks that it ends, with the expected status, in time.
//
//   default_pool_helper clean          groups waited for, then return 0
//   default_pool_helper blocked        every worker blocked in a task, more
//                                      queued, then exit(0)
//   default_pool_helper exit-in-task   a task calls exit(3)
//   default_pool_helper late-post      a static destructor posts after the
//                                      pool shut down: it gets an exception
#include <parlint/task_group.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace {

std::atomic<int> g_started{0};
std::atomic<bool> g_never{false};

// Runs after the default pool was shut down at exit (it is constructed
// before the pool's at-exit handler is registered, so destroyed after it).
struct PostsWhenDestroyed {
  bool armed = false;
  ~PostsWhenDestroyed() {
    if (!armed) return;
    try {
      parlint::default_pool().post([] {});
      std::_Exit(10);  // accepted: the pool did not shut down
    } catch (const std::runtime_error&) {
      std::_Exit(0);
    }
  }
};
PostsWhenDestroyed g_late_poster;

int clean() {
  std::atomic<int> ran{0};
  for (int round = 0; round < 10; ++round) {
    parlint::TaskGroup group;
    for (int i = 0; i < 100; ++i) group.post([&ran] { ran++; });
    group.wait();
  }
  return ran.load() == 1000 ? 0 : 1;
}

int blocked() {
  const int workers = static_cast<int>(parlint::default_pool().size());
  for (int i = 0; i < workers; ++i)
    parlint::default_pool().post([] {
      g_started++;
      while (!g_never.load()) std::this_thread::yield();
    });
  while (g_started.load() < workers) std::this_thread::yield();
  for (int i = 0; i < 10; ++i) parlint::default_pool().post([] { std::_Exit(20); });  // never runs
  std::exit(0);
}

int exit_in_task() {
  parlint::TaskGroup group;
  group.post([] { std::exit(3); });
  group.wait();  // never returns: exit() ends the process from the task
  return 30;
}

int late_post() {
  g_late_poster.armed = true;
  parlint::TaskGroup group;
  group.post([] {});
  group.wait();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "";
  if (std::strcmp(mode, "clean") == 0) return clean();
  if (std::strcmp(mode, "blocked") == 0) return blocked();
  if (std::strcmp(mode, "exit-in-task") == 0) return exit_in_task();
  if (std::strcmp(mode, "late-post") == 0) return late_post();
  std::fprintf(stderr, "usage: default_pool_helper clean|blocked|exit-in-task|late-post\n");
  return 2;
}
