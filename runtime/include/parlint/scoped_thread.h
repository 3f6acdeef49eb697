// parlint::ScopedThread: a std::thread that joins in its destructor.
//
// A C++17 stand-in for std::jthread without the stop token, and the fix-it
// target of parlint-unjoined-thread before C++20: a std::thread destroyed
// while joinable calls std::terminate; a ScopedThread waits for it instead.
// Moving into a ScopedThread that still runs a thread joins that thread
// first (as std::jthread does). Destroying a ScopedThread from the thread it
// owns throws std::system_error (resource_deadlock_would_occur) from join(),
// which terminates, as for std::jthread.
#pragma once

#include <thread>
#include <type_traits>
#include <utility>

namespace parlint {

class ScopedThread {
 public:
  using id = std::thread::id;
  using native_handle_type = std::thread::native_handle_type;

  ScopedThread() noexcept = default;

  // Same arguments as std::thread's constructor.
  template <class F, class... Args,
            class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, ScopedThread> &&
                                     !std::is_same_v<std::decay_t<F>, std::thread>>>
  explicit ScopedThread(F&& f, Args&&... args) : thread_(std::forward<F>(f), std::forward<Args>(args)...) {}

  // Takes over a running std::thread.
  explicit ScopedThread(std::thread&& thread) noexcept : thread_(std::move(thread)) {}

  ScopedThread(ScopedThread&&) noexcept = default;
  ScopedThread& operator=(ScopedThread&& other) noexcept {
    if (this != &other) {
      join_if_joinable();
      thread_ = std::move(other.thread_);
    }
    return *this;
  }
  ScopedThread(const ScopedThread&) = delete;
  ScopedThread& operator=(const ScopedThread&) = delete;

  ~ScopedThread() { join_if_joinable(); }

  bool joinable() const noexcept { return thread_.joinable(); }
  void join() { thread_.join(); }
  void detach() { thread_.detach(); }
  id get_id() const noexcept { return thread_.get_id(); }
  native_handle_type native_handle() { return thread_.native_handle(); }
  void swap(ScopedThread& other) noexcept { thread_.swap(other.thread_); }
  static unsigned hardware_concurrency() noexcept { return std::thread::hardware_concurrency(); }

 private:
  void join_if_joinable() {
    if (thread_.joinable()) thread_.join();
  }

  std::thread thread_;
};

inline void swap(ScopedThread& a, ScopedThread& b) noexcept { a.swap(b); }

}  // namespace parlint
