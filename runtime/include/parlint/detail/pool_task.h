// A move-only `void()` callable: what the pool's queues hold.
//
// std::function needs copyable targets, but a task owns a std::packaged_task
// (move-only), so the pool carries its own type-erased wrapper. Small
// callables (a lambda with a few captures, a packaged_task) are stored
// inline: post() then costs no allocation, which matters on the per-task path
// where a malloc here and a free on another thread dominate the hand-over.
#pragma once

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace parlint::detail {

class Task {
 public:
  Task() noexcept = default;

  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Task>>>
  explicit Task(F&& f) {
    using Fn = std::decay_t<F>;
    if constexpr (fits_inline<Fn>() && std::is_trivially_copyable_v<Fn>) {
      ::new (static_cast<void*>(storage_)) Fn(std::forward<F>(f));
      ops_ = &trivial_ops<Fn>;
    } else if constexpr (fits_inline<Fn>()) {
      ::new (static_cast<void*>(storage_)) Fn(std::forward<F>(f));
      ops_ = &inline_ops<Fn>;
    } else {
      ::new (static_cast<void*>(storage_)) Fn*(new Fn(std::forward<F>(f)));
      ops_ = &heap_ops<Fn>;
    }
  }

  Task(Task&& other) noexcept { take(other); }
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { reset(); }

  explicit operator bool() const noexcept { return ops_ != nullptr; }
  void operator()() { ops_->run(storage_); }

  // Destroys a task that will never run (shutdown(drop_pending), exit),
  // first telling a callable with an on_drop() member (a TaskGroup's task:
  // its group counts it finished).
  void drop() noexcept {
    if (ops_ != nullptr && ops_->drop != nullptr) ops_->drop(storage_);
    reset();
  }

 private:
  static constexpr std::size_t kInlineSize = 48;

  // move and destroy are null for trivially copyable callables (a lambda
  // capturing pointers, references and numbers: the usual post): such a
  // task is moved by copying its bytes and needs no destructor call, so a
  // task crossing the queues costs no indirect call per hop.
  struct Ops {
    void (*run)(void* self);
    void (*move)(void* to, void* from) noexcept;  // move-constructs, destroys the source
    void (*destroy)(void* self) noexcept;
    void (*drop)(void* self) noexcept;  // on_drop(), for callables that have one
  };

  template <class Fn, class = void>
  struct HasOnDrop : std::false_type {};
  template <class Fn>
  struct HasOnDrop<Fn, std::void_t<decltype(std::declval<Fn&>().on_drop())>> : std::true_type {};

  template <class Fn>
  static constexpr void (*drop_of(bool heap))(void*) noexcept {
    if constexpr (HasOnDrop<Fn>::value) {
      if (heap) return [](void* self) noexcept { (*static_cast<Fn**>(self))->on_drop(); };
      return [](void* self) noexcept { static_cast<Fn*>(self)->on_drop(); };
    } else {
      (void)heap;
      return nullptr;
    }
  }

  template <class Fn>
  static constexpr bool fits_inline() {
    return sizeof(Fn) <= kInlineSize && alignof(Fn) <= alignof(std::max_align_t) &&
           std::is_nothrow_move_constructible_v<Fn>;
  }

  template <class Fn>
  static constexpr Ops inline_ops{
      [](void* self) { (*static_cast<Fn*>(self))(); },
      [](void* to, void* from) noexcept {
        ::new (to) Fn(std::move(*static_cast<Fn*>(from)));
        static_cast<Fn*>(from)->~Fn();
      },
      [](void* self) noexcept { static_cast<Fn*>(self)->~Fn(); },
      drop_of<Fn>(false),
  };

  template <class Fn>
  static constexpr Ops trivial_ops{[](void* self) { (*static_cast<Fn*>(self))(); }, nullptr, nullptr,
                                   drop_of<Fn>(false)};

  template <class Fn>
  static constexpr Ops heap_ops{
      [](void* self) { (**static_cast<Fn**>(self))(); },
      [](void* to, void* from) noexcept { ::new (to) Fn*(*static_cast<Fn**>(from)); },
      [](void* self) noexcept { delete *static_cast<Fn**>(self); },
      drop_of<Fn>(true),
  };

  void take(Task& other) noexcept {
    if (other.ops_ == nullptr) return;
    if (other.ops_->move == nullptr) {
      std::memcpy(storage_, other.storage_, kInlineSize);
    } else {
      other.ops_->move(storage_, other.storage_);
    }
    ops_ = other.ops_;
    other.ops_ = nullptr;
  }
  void reset() noexcept {
    if (ops_ == nullptr) return;
    if (ops_->destroy != nullptr) ops_->destroy(storage_);
    ops_ = nullptr;
  }

  const Ops* ops_ = nullptr;
  alignas(std::max_align_t) unsigned char storage_[kInlineSize];
};

}  // namespace parlint::detail
