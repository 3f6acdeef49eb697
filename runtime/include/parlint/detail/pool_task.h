// A move-only `void()` callable: what the pool's queues hold.
//
// std::function needs copyable targets, but a task owns a std::packaged_task
// (move-only), so the pool carries its own small type-erased wrapper.
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace parlint::detail {

class Task {
 public:
  Task() noexcept = default;

  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Task>>>
  explicit Task(F&& f) : impl_(std::make_unique<Model<std::decay_t<F>>>(std::forward<F>(f))) {}

  Task(Task&&) noexcept = default;
  Task& operator=(Task&&) noexcept = default;

  explicit operator bool() const noexcept { return impl_ != nullptr; }
  void operator()() { impl_->run(); }

 private:
  struct Concept {
    virtual ~Concept() = default;
    virtual void run() = 0;
  };
  template <class F>
  struct Model final : Concept {
    template <class G>
    explicit Model(G&& g) : fn(std::forward<G>(g)) {}
    void run() override { fn(); }
    F fn;
  };

  std::unique_ptr<Concept> impl_;
};

}  // namespace parlint::detail
