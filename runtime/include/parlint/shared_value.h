// parlint::SharedValue<T>: one value in shared memory with atomic operations,
// so the racy `shared += 1` across processes has a correct form:
//
//   auto counter = parlint::SharedValue<long>::create(0);
//   // in each forked child: counter.fetch_add(1);
//
// The value lives in a MAP_SHARED segment; every access is a sequentially
// consistent __atomic builtin on it (C++17 has no std::atomic_ref). Lock-free
// atomics are address-free, so they synchronize across processes too.
#pragma once

#include <string>
#include <type_traits>
#include <utility>

#include "parlint/detail/shm_header.h"
#include "parlint/shared_memory.h"

namespace parlint {

template <class T>
class SharedValue {
  static_assert(std::is_trivially_copyable_v<T>,
                "parlint::SharedValue<T> requires a trivially copyable T: other processes see "
                "only its bytes");
  static_assert(__atomic_always_lock_free(sizeof(T), 0),
                "parlint::SharedValue<T> requires a T the CPU can update atomically without a "
                "lock (1, 2, 4 or 8 bytes): a lock would not work across processes");

 public:
  // Anonymous value, shared with children forked after this call.
  static SharedValue create(T initial = T{}) {
    return SharedValue(SharedMemory::anonymous(detail::kDataOffset + sizeof(T)), initial);
  }
  // Named value "/parlint.<pid>.<name>", unlinked when this object dies.
  static SharedValue create_named(const std::string& name, T initial = T{}) {
    return SharedValue(SharedMemory::create(name, detail::kDataOffset + sizeof(T)), initial);
  }
  static SharedValue open(const std::string& full_name) {
    SharedMemory segment = SharedMemory::open(full_name);
    if (!detail::read_header(segment, sizeof(T)).empty())
      detail::throw_shape_error("'" + full_name + "' holds a SharedArray, not a value");
    SharedValue v;
    v.segment_ = std::move(segment);
    return v;
  }

  SharedValue() = default;

  T load() const {
    T out;
    __atomic_load(ptr(), &out, __ATOMIC_SEQ_CST);
    return out;
  }
  void store(T desired) { __atomic_store(ptr(), &desired, __ATOMIC_SEQ_CST); }
  T exchange(T desired) {
    T out;
    __atomic_exchange(ptr(), &desired, &out, __ATOMIC_SEQ_CST);
    return out;
  }
  // Like std::atomic::compare_exchange_strong: on failure `expected` receives
  // the current value.
  bool compare_exchange(T& expected, T desired) {
    return __atomic_compare_exchange(ptr(), &expected, &desired, false, __ATOMIC_SEQ_CST,
                                     __ATOMIC_SEQ_CST);
  }
  // Returns the previous value.
  T fetch_add(T delta) {
    static_assert(std::is_integral_v<T>, "fetch_add needs an integral T; use compare_exchange");
    return __atomic_fetch_add(ptr(), delta, __ATOMIC_SEQ_CST);
  }
  T fetch_sub(T delta) {
    static_assert(std::is_integral_v<T>, "fetch_sub needs an integral T; use compare_exchange");
    return __atomic_fetch_sub(ptr(), delta, __ATOMIC_SEQ_CST);
  }

  // The raw address, for passing to ProcessPool tasks forked after creation.
  T* address() const { return ptr(); }
  const std::string& name() const { return segment_.name(); }

 private:
  SharedValue(SharedMemory segment, T initial) : segment_(std::move(segment)) {
    store(initial);
    detail::write_header(segment_, sizeof(T), {}, 1);
  }
  T* ptr() const {
    return reinterpret_cast<T*>(static_cast<unsigned char*>(segment_.data()) + detail::kDataOffset);
  }

  SharedMemory segment_;
};

}  // namespace parlint
