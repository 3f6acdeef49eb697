// oneTBB's task_group: `defer` only makes a handle, which runs nothing until
// it is passed to `run`, so a group that has only deferred tasks queues no
// work; `run_and_wait` runs its task and waits for the whole group. A group
// that runs a deferred handle and is never waited is still reported.
#include <oneapi/tbb/task_group.h>

void render(int frame);

void deferredButNeverRun(int frame) {
  tbb::task_group group;
  tbb::task_handle handle = group.defer([frame] { render(frame); });
  (void)handle;
}

void runAndWaitWaitsForTheGroup(int first, int second) {
  tbb::task_group group;
  group.run([first] { render(first); });
  group.run_and_wait([second] { render(second); });
}

void deferredThenRunAndWait(int frame) {
  tbb::task_group group;
  tbb::task_handle handle = group.defer([frame] { render(frame); });
  group.run_and_wait(std::move(handle));
}

void deferredThenRunNeverWaited(int frame) {
  // EXPECT-WARNING@+1:19 'group' (tbb::detail::d1::task_group) may be destroyed without wait(); its destructor abandons queued work — call group.wait() before it goes out of scope
  tbb::task_group group;
  tbb::task_handle handle = group.defer([frame] { render(frame); });
  group.run(std::move(handle));
  // EXPECT-NOTE@+1:1 'group' is destroyed here without wait(); call group.wait() before this point
  group.wait();
}
