// How a ProcessPool task crosses into a worker: the function pointer and its
// arguments are copied as raw bytes into a task record, and a per-signature
// trampoline (a plain function, at the same address in every forked worker)
// unpacks them there and writes the result's bytes back.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <new>
#include <type_traits>
#include <utility>

namespace parlint::detail {

constexpr std::size_t kProcessMaxArgBytes = 128;  // the function pointer included
constexpr std::size_t kProcessMaxResultBytes = 64;
constexpr std::size_t kProcessMaxAlign = 16;

// Runs a task in the worker: unpacks function pointer and arguments from
// `args`, writes the return value's bytes to `result`.
using ProcessTrampoline = void (*)(const unsigned char* args, unsigned char* result);

constexpr std::size_t align_up(std::size_t n, std::size_t a) { return (n + a - 1) / a * a; }

// Byte offsets of a function pointer followed by each argument.
template <class... Params>
struct ArgLayout {
  static constexpr std::size_t count = sizeof...(Params);
  struct Offsets {
    std::size_t at[count + 1];
    std::size_t total;
  };
  static constexpr Offsets compute() {
    Offsets o{};
    std::size_t sizes[] = {sizeof(void (*)()), sizeof(Params)...};
    std::size_t aligns[] = {alignof(void (*)()), alignof(Params)...};
    std::size_t off = 0;
    for (std::size_t i = 0; i <= count; ++i) {
      off = align_up(off, aligns[i]);
      o.at[i] = off;
      off += sizes[i];
    }
    o.total = off;
    return o;
  }
  static constexpr Offsets offsets = compute();
};

template <class R, class... Params, std::size_t... I>
R call_unpacked(const unsigned char* args, std::index_sequence<I...>) {
  using Layout = ArgLayout<Params...>;
  R (*fn)(Params...);
  std::memcpy(&fn, args, sizeof fn);
  // The bytes were copied from live objects of trivially copyable types.
  return fn(*std::launder(reinterpret_cast<const Params*>(args + Layout::offsets.at[I + 1]))...);
}

template <class R, class... Params>
void trampoline(const unsigned char* args, unsigned char* result) {
  if constexpr (std::is_void_v<R>) {
    call_unpacked<R, Params...>(args, std::index_sequence_for<Params...>{});
    (void)result;
  } else {
    R value = call_unpacked<R, Params...>(args, std::index_sequence_for<Params...>{});
    std::memcpy(result, &value, sizeof(R));
  }
}

template <class R, class... Params, class... Args, std::size_t... I>
void pack_arguments(unsigned char* out, R (*fn)(Params...), std::index_sequence<I...>, Args&&... args) {
  using Layout = ArgLayout<Params...>;
  std::memcpy(out, &fn, sizeof fn);
  // Convert each argument to its parameter type first, then copy its bytes.
  (
      [&] {
        Params converted(std::forward<Args>(args));
        std::memcpy(out + Layout::offsets.at[I + 1], &converted, sizeof(Params));
      }(),
      ...);
}

// The parent-side half of a task, shared by its future and the pool: the
// pool fills it when it sees the task's record finished (or the pool broken),
// the future reads it. Freed by whichever of the two lets go last.
struct TaskState {
  enum Status : std::uint32_t { kPending, kDone, kFailed };

  std::atomic<std::uint32_t> status{kPending};
  std::atomic<int> refs{2};
  // Set (release) once the task sits in a worker's ring at `sequence`; until
  // then it waits in the pool's overflow queue.
  std::atomic<bool> placed{false};
  std::uint32_t channel = 0;
  std::uint32_t sequence = 0;
  alignas(kProcessMaxAlign) unsigned char result[kProcessMaxResultBytes];
  std::exception_ptr error;

  void release() noexcept {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }
};

}  // namespace parlint::detail
