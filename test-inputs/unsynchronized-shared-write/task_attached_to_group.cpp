// A task queued on an arena but attached to a task group (oneTBB's
// `arena.enqueue(f, group)`) is waited by the group's wait, not the
// arena's: a read after `group.wait()` is ordered after the task's write,
// a read before it is not. The library is declared here in its shape
// (oneTBB before 2022 lacks this overload).
namespace tbb {
struct task_group {
  template <class F> void run(F &&f) { f(); }
  void wait();
};
struct task_arena {
  template <class F> void enqueue(F &&f) { f(); }
  template <class F> void enqueue(F &&f, task_group &group) { group.run(f); }
};
} // namespace tbb

void show(bool value);

void readAfterTheGroupsWait() {
  tbb::task_arena arena;
  tbb::task_group group;
  bool done = false;
  arena.enqueue([&] { done = true; }, group);
  group.wait();
  show(done);
}

void readBeforeTheGroupsWait() {
  tbb::task_arena arena;
  tbb::task_group group;
  bool done = false;
  // EXPECT-WARNING@+1:23 unsynchronized write to 'done' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  arena.enqueue([&] { done = true; }, group);
  // EXPECT-NOTE@+1:8 the launching thread reads 'done' here while the worker may still be running
  show(done);
  group.wait();
}
