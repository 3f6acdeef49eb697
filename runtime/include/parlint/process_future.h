// parlint::ProcessFuture<R>: the result of a ProcessPool task.
//
// Like std::future, but it waits on the task's record in the memory shared
// with the worker: the caller sees the result the moment the worker writes
// it, without a hand-over through another thread. get() throws the task's
// error (RemoteTaskError, WorkerCrashed, BrokenPool, or std::future_error
// broken_promise for a task dropped by shutdown(drop_pending)).
// A future may outlive its pool: the pool settles every task before it dies.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstring>
#include <future>
#include <new>
#include <type_traits>
#include <utility>

#include "parlint/detail/process_task.h"

namespace parlint {

namespace detail {
class ProcessPoolCore;
// Waits until `state` is settled or `timeout_ns` passed (negative: no
// limit); true when settled. Defined with the pool.
bool wait_for_task(ProcessPoolCore& core, TaskState& state, std::int64_t timeout_ns);
}  // namespace detail

template <class R>
class ProcessFuture {
 public:
  ProcessFuture() noexcept = default;
  ProcessFuture(ProcessFuture&& other) noexcept
      : core_(other.core_), state_(std::exchange(other.state_, nullptr)) {}
  ProcessFuture& operator=(ProcessFuture&& other) noexcept {
    if (this != &other) {
      reset();
      core_ = other.core_;
      state_ = std::exchange(other.state_, nullptr);
    }
    return *this;
  }
  ProcessFuture(const ProcessFuture&) = delete;
  ProcessFuture& operator=(const ProcessFuture&) = delete;
  ~ProcessFuture() { reset(); }

  // False after get() or for a default-constructed future.
  bool valid() const noexcept { return state_ != nullptr; }
  // True once get() would not block.
  bool ready() const {
    return checked().status.load(std::memory_order_acquire) != detail::TaskState::kPending;
  }

  void wait() const {
    if (!ready()) detail::wait_for_task(*core_, *state_, -1);
  }

  template <class Rep, class Period>
  std::future_status wait_for(const std::chrono::duration<Rep, Period>& timeout) const {
    if (ready()) return std::future_status::ready;
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
    return detail::wait_for_task(*core_, *state_, ns < 0 ? 0 : ns) ? std::future_status::ready
                                                                   : std::future_status::timeout;
  }

  // Waits, then returns the result or throws the task's error. Once only.
  R get() {
    wait();
    detail::TaskState* state = std::exchange(state_, nullptr);
    struct Release {
      detail::TaskState* s;
      ~Release() { s->release(); }
    } release{state};
    if (state->status.load(std::memory_order_acquire) == detail::TaskState::kFailed)
      std::rethrow_exception(state->error);
    if constexpr (!std::is_void_v<R>) {
      alignas(R) unsigned char storage[sizeof(R)];
      std::memcpy(storage, state->result, sizeof(R));
      return *std::launder(reinterpret_cast<R*>(storage));
    }
  }

 private:
  friend class ProcessPool;
  ProcessFuture(detail::ProcessPoolCore* core, detail::TaskState* state) noexcept : core_(core), state_(state) {}

  const detail::TaskState& checked() const {
    if (state_ == nullptr) throw std::future_error(std::future_errc::no_state);
    return *state_;
  }
  void reset() noexcept {
    if (state_ != nullptr) std::exchange(state_, nullptr)->release();
  }

  detail::ProcessPoolCore* core_ = nullptr;
  detail::TaskState* state_ = nullptr;
};

}  // namespace parlint
