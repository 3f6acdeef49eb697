// From googletest's gmock-matchers tests, reduced: a class with a task
// queue and no thread whose method queues onto other objects of the same
// class in a loop. Deciding whether the class is a pool asks about the
// launches of that loop, which ask about the class again: parlint used to
// recurse until the stack ran out (this check, unbounded-spawn,
// discarded-future and large-copy-to-worker all crashed). Nothing here is
// shared between threads.
#include <deque>
#include <functional>
#include <vector>

class TaskList {
public:
  void submit(std::function<void()> task) { tasks_.push_back(std::move(task)); }
  void forward_to(std::vector<TaskList> &others) {
    for (TaskList &other : others)
      other.submit([] {});
  }

private:
  std::deque<std::function<void()>> tasks_;
};

void fan_out(std::vector<TaskList> &lists) {
  TaskList head;
  head.forward_to(lists);
  head.submit([] {});
}
