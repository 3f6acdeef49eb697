// oneTBB's task_group, destroyed while tasks it runs are still queued,
// cancels them and throws missing_wait: its wait() is the shutdown (built in,
// whatever PoolTypes says).
#include <oneapi/tbb/task_group.h>
#include <string>
#include <vector>

void render(const std::string &name);

void notWaited(const std::vector<std::string> &names) {
  // EXPECT-WARNING@+1:19 'group' (tbb::detail::d1::task_group) may be destroyed without wait(); its destructor abandons queued work — call group.wait() before it goes out of scope
  tbb::task_group group;
  for (const std::string &name : names)
    group.run([&name] { render(name); });
  // EXPECT-NOTE@+1:1 'group' is destroyed here without wait(); call group.wait() before this point
}

void waitedOnOnePathOnly(const std::vector<std::string> &names, bool quick) {
  // EXPECT-WARNING@+1:19 'group' (tbb::detail::d1::task_group) may be destroyed without wait(); its destructor abandons queued work — call group.wait() before it goes out of scope
  tbb::task_group group;
  for (const std::string &name : names)
    group.run([&name] { render(name); });
  if (quick)
    // EXPECT-NOTE@+1:5 'group' is destroyed here without wait(); call group.wait() before this point
    return;
  group.wait();
}

// near-miss: waited before the end of its scope.
void waited(const std::vector<std::string> &names) {
  tbb::task_group group;
  for (const std::string &name : names)
    group.run([&name] { render(name); });
  group.wait();
}

// near-miss: nothing was queued.
void unused() { tbb::task_group group; }
