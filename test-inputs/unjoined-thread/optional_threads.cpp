// A std::optional<std::thread> holds a thread only where it was started: its
// engagement is the flag of the start. Joined under `if (t)`, it is joined
// wherever a thread runs.
#include <optional>
#include <thread>

bool ready();
void work();

// near-miss: emplaced on one branch, joined under the same test.
void joinedWhenEngaged(bool wanted) {
  std::optional<std::thread> helper;
  if (wanted)
    helper.emplace(work);
  work();
  if (helper)
    helper->join();
}

// near-miss: assigned a thread, joined through value() after has_value().
void joinedThroughValue(bool wanted) {
  std::optional<std::thread> helper = std::nullopt;
  if (wanted)
    helper = std::thread(work);
  if (!helper.has_value())
    return;
  helper.value().join();
}

// near-miss: (*t).joinable() before the join.
void joinedWhenJoinable() {
  std::optional<std::thread> helper;
  helper.emplace(work);
  if ((*helper).joinable())
    (*helper).join();
}

// The early return leaves the engaged thread joinable.
void earlyReturn(bool wanted) {
  // EXPECT-WARNING@+1:30 the std::thread in 'helper' can be destroyed while joinable, which calls std::terminate; join it on every path
  std::optional<std::thread> helper;
  if (wanted)
    helper.emplace(work);
  if (!ready())
    // EXPECT-NOTE@+1:5 'helper' goes out of scope here while joinable
    return;
  if (helper)
    helper->join();
}

// The test is the wrong way round.
void testedBackwards(bool wanted) {
  // EXPECT-WARNING@+1:30 the std::thread in 'helper' can be destroyed while joinable, which calls std::terminate; join it on every path
  std::optional<std::thread> helper;
  if (wanted)
    helper.emplace(work);
  if (!helper)
    return;
// EXPECT-NOTE@+1:1 'helper' goes out of scope here while joinable
}
