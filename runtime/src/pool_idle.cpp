// Searching, parking and waking ThreadPool workers, and starting them as
// work arrives.
//
// A worker without a task either searches (spins looking at the queues) or
// parks (sleeps on its own futex word). At most max_searchers_ search by
// their own choice; the others park at once. A submitter wakes a worker only
// when nobody searches: while one does, a submission costs one load of the
// counts. A searcher that finds a task stops searching; if it was the last
// one and more work is queued, it wakes a parked worker to search in its
// place (the submitters of that work saw a searcher and woke nobody). So a
// burst wakes workers one after the other, each paid by a worker, not by the
// submitter, and only while work is waiting.
#include "pool_core.h"

#include <algorithm>
#include <system_error>

#include "futex.h"
#include "pool_worker_context.h"
#include "process_seams.h"

namespace parlint::detail {
namespace {

using Counts = WorkerCounts;

// Rounds of 32 pause instructions (~1 us each) before spinning yields.
constexpr int kPureSpinRounds = 4;

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#else
  std::this_thread::yield();
#endif
}

}  // namespace

// Called after publishing `count` tasks (a sequentially consistent store or
// compare-and-swap): the submitter's half of the handshake with a worker
// that parks (see park()).
void PoolCore::announce(std::size_t count) {
  seams::pool_before_announce();
  const std::uint64_t word = counts_.load(std::memory_order_seq_cst);
  // No idle worker: every started worker looks for work again before it parks.
  if (Counts::idle(word) == 0) return;
  if (Counts::searching(word) < count) wake_searchers(count);
}

// Makes up to `wanted` searchers in all, taking idle workers; each one taken
// is counted as a searcher before it runs, so concurrent submitters do not
// wake a crowd for one task.
void PoolCore::wake_searchers(std::size_t wanted) {
  std::size_t taken = 0;
  std::uint64_t word = counts_.load(std::memory_order_seq_cst);
  while (taken < wanted && Counts::idle(word) != 0 && Counts::searching(word) < wanted) {
    const std::uint64_t next = word + Counts::kSearcher - Counts::kIdle;
    if (counts_.compare_exchange_weak(word, next, std::memory_order_seq_cst)) {
      ++taken;
      word = next;
    }
  }
  if (taken != 0) hand_over(taken);
}

// Wakes `count` parked workers, or starts new ones where none is parked.
// The idle count said they exist: a worker leaves parked_ on its own only
// when it can take one off that count (unpark_self). A worker starts only
// while more tasks are in flight than workers started, so a pool never runs
// more threads than it has had tasks at once.
void PoolCore::hand_over(std::size_t count) {
  WorkerSlot* one = nullptr;
  std::vector<WorkerSlot*> more;
  {
    std::lock_guard<std::mutex> lock(idle_mutex_);
    // Shutdown woke every parked worker and starts no more (join_workers()
    // reads the slots); the queue drains without these.
    if (stopping_.load(std::memory_order_acquire)) return;
    for (; count > 0; --count) {
      if (!parked_.empty()) {
        WorkerSlot* slot = workers_[parked_.back()].get();
        parked_.pop_back();
        slot->wake.store(1, std::memory_order_release);
        if (one == nullptr) {
          one = slot;
        } else {
          more.push_back(slot);
        }
        continue;
      }
      // Every started worker is awake (none is parked). When they are
      // enough, or no other can start, give the taken ones back: under the
      // lock, so a worker that parks later does so after that, and its last
      // look sees the work.
      const auto give_back = [&] {
        counts_.fetch_add(count * (Counts::kIdle - Counts::kSearcher), std::memory_order_seq_cst);
      };
      bool started = false;
      try {
        started = start_worker_if_needed_locked();
      } catch (...) {
        give_back();
        throw;
      }
      if (!started) {
        give_back();
        break;
      }
    }
  }
  // After the unlock: the woken worker does not block on our lock at once.
  if (one != nullptr) futex_wake_private(one->wake, 1);
  for (WorkerSlot* slot : more) futex_wake_private(slot->wake, 1);
}

// False when the tasks in flight do not need another thread, or when it
// could not be started and others run (with none started, the error is
// thrown: nothing would run the caller's task).
bool PoolCore::start_worker_if_needed_locked() {
  if (tasks_in_flight() <= started_) return false;
  try {
    start_worker_locked();
  } catch (const std::system_error&) {
    if (started_ == 0) throw;
    return false;
  }
  return true;
}

void PoolCore::start_worker_locked() {
  const std::size_t index = started_;
  workers_[index]->thread = std::thread([this, index] { worker_main(index); });
  ++started_;
}

bool PoolCore::try_start_searching(bool beyond_limit) noexcept {
  std::uint64_t word = counts_.load(std::memory_order_relaxed);
  do {
    if (!beyond_limit && Counts::searching(word) >= max_searchers_) return false;
  } while (!counts_.compare_exchange_weak(word, word + Counts::kSearcher, std::memory_order_seq_cst,
                                          std::memory_order_relaxed));
  return true;
}

// A searcher found a task. As the last searcher it hands the search on when
// more work waits: a submitter that saw it searching woke nobody. Its
// decrement comes before its look (both sequentially consistent), and a
// submitter's publish before its read of the counts, so either the submitter
// saw no searcher and woke one, or this look sees the submitter's task.
void PoolCore::leave_searching() {
  const std::uint64_t before = counts_.fetch_sub(Counts::kSearcher, std::memory_order_seq_cst);
  seams::pool_after_leave_searching();
  if (Counts::searching(before) == 1 && Counts::idle(before) != 0 && has_work(std::memory_order_seq_cst))
    wake_searchers(1);
}

bool PoolCore::spin_until_work(std::chrono::microseconds how_long) {
  const auto deadline = std::chrono::steady_clock::now() + how_long;
  for (int round = 0;; ++round) {
    for (int i = 0; i < 32; ++i) cpu_relax();
    if (has_work(std::memory_order_relaxed)) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // After a short pure spin, give the core away on each round: when the
    // machine is oversubscribed the thread that will produce our next task
    // may be waiting for this very core.
    if (round >= kPureSpinRounds) std::this_thread::yield();
  }
}

// The worker's half of the handshake: it joins the idle workers (and leaves
// the searchers) in one sequentially consistent step, then looks for work
// once more. A submitter publishes its task, then reads the counts. One of
// them sees the other: the submitter sees an idle worker and wakes one, or
// this look sees the task. Returns true when it leaves as a searcher (woken,
// or seeing work itself), false when the pool is shutting down.
bool PoolCore::park(std::size_t index, bool searching) {
  WorkerSlot& self = *workers_[index];
  const std::uint64_t change = Counts::kIdle - (searching ? Counts::kSearcher : 0);
  seams::pool_before_park();
  {
    std::lock_guard<std::mutex> lock(idle_mutex_);
    if (stopping_.load(std::memory_order_acquire)) {
      if (searching) counts_.fetch_sub(Counts::kSearcher, std::memory_order_seq_cst);
      return false;
    }
    self.wake.store(0, std::memory_order_relaxed);
    parked_.push_back(index);
    counts_.fetch_add(change, std::memory_order_seq_cst);
  }
  if (has_work(std::memory_order_seq_cst) && unpark_self(index)) return true;
  seams::pool_parking(+1);
  while (self.wake.load(std::memory_order_acquire) == 0) futex_wait_private(self.wake, 0);
  seams::pool_parking(-1);
  return true;
}

// Leaves parked_ without a waker, as a searcher, if this worker is still
// there and an idle worker is still unclaimed. As a searcher: submitters may
// have seen it searching (or busy) and woken nobody for several tasks, so
// when it takes one it must hand the search on like any searcher (a
// non-searcher here left the rest of a burst stranded: found by
// ThreadPoolWakeupRace.BurstsNeedingEveryWorkerWithEveryWindowWidened).
// Otherwise a waker has taken this worker, or has counted on taking one:
// its wake-up comes, and a searcher it wakes finds the work.
bool PoolCore::unpark_self(std::size_t index) {
  std::lock_guard<std::mutex> lock(idle_mutex_);
  const auto it = std::find(parked_.begin(), parked_.end(), index);
  if (it == parked_.end()) return false;
  std::uint64_t word = counts_.load(std::memory_order_seq_cst);
  do {
    if (Counts::idle(word) == 0) return false;
  } while (!counts_.compare_exchange_weak(word, word - Counts::kIdle + Counts::kSearcher, std::memory_order_seq_cst));
  parked_.erase(it);
  return true;
}

// Shutdown: stopping_ is set, so no worker parks and none starts after this.
// A pool that never started a worker starts one to drain what is queued.
void PoolCore::wake_all_parked() {
  std::vector<std::size_t> parked;
  {
    std::lock_guard<std::mutex> lock(idle_mutex_);
    parked.swap(parked_);
    for (std::size_t index : parked) workers_[index]->wake.store(1, std::memory_order_release);
    if (started_ == 0 && has_work(std::memory_order_seq_cst)) start_worker_locked();
  }
  for (std::size_t index : parked) futex_wake_private(workers_[index]->wake, 1);
}

}  // namespace parlint::detail

