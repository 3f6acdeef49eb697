// parlint::SharedArray<T>: an array in shared memory, with a shape.
//
//   auto a = parlint::SharedArray<int64_t>::create({3, 5});   // 3x5, zeroed
//   a.view(2, 4) = 7;                                         // row 2, column 4
//   if (fork() == 0) { a.view(2, 4) += 1; _exit(0); }         // child sees it
//
//   auto b = parlint::SharedArray<int>::create_named("frames", {1000});
//   // an unrelated process: SharedArray<int>::open(b.name())
//
// The shape is stored in the segment, so a 3x5 request is a 3x5 array in every
// process that opens it. ref() gives a trivially copyable handle to pass to
// ProcessPool tasks (valid in workers forked after the array was created, or
// in any process for a named array it opened itself).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "parlint/detail/shm_header.h"
#include "parlint/span.h"
#include "parlint/shared_memory.h"

namespace parlint {

// Plain pointer + size: what a ProcessPool task receives instead of a copy.
template <class T>
struct SharedRef {
  T* data;
  std::size_t size;
  Span<T> span() const { return Span<T>(data, size); }
};

struct SharedOptions {
  // Fault every page in at creation (see SharedMemory::prefault).
  bool prefault = false;
};

template <class T>
class SharedArray {
  static_assert(std::is_trivially_copyable_v<T>,
                "parlint::SharedArray<T> requires a trivially copyable T: other processes see "
                "only its bytes, so constructors, destructors and pointers into private memory "
                "cannot work there");

 public:
  using Shape = std::vector<std::size_t>;

  // Anonymous array, shared with children forked after this call.
  static SharedArray create(std::initializer_list<std::size_t> shape, SharedOptions opts = {}) {
    return create(Shape(shape), opts);
  }
  static SharedArray create(const Shape& shape, SharedOptions opts = {}) {
    std::size_t count = detail::checked_count(shape, sizeof(T));
    return SharedArray(SharedMemory::anonymous(detail::kDataOffset + count * sizeof(T)), shape,
                       count, opts);
  }
  // Named array "/parlint.<pid>.<name>", unlinked when this object dies.
  static SharedArray create_named(const std::string& name, std::initializer_list<std::size_t> shape,
                                  SharedOptions opts = {}) {
    return create_named(name, Shape(shape), opts);
  }
  static SharedArray create_named(const std::string& name, const Shape& shape, SharedOptions opts = {}) {
    SharedMemory::validate_name(name);
    std::size_t count = detail::checked_count(shape, sizeof(T));
    return SharedArray(SharedMemory::create(name, detail::kDataOffset + count * sizeof(T)), shape,
                       count, opts);
  }
  // Opens a named array created by another process (full name from name()).
  static SharedArray open(const std::string& full_name) {
    SharedMemory segment = SharedMemory::open(full_name);
    Shape shape = detail::read_header(segment, sizeof(T));
    if (shape.empty()) detail::throw_shape_error("'" + full_name + "' holds a SharedValue, not an array");
    SharedArray a;
    a.count_ = detail::checked_count(shape, sizeof(T));
    a.shape_ = std::move(shape);
    a.segment_ = std::move(segment);
    return a;
  }

  SharedArray() = default;

  T* data() const { return segment_.data() ? elements() : nullptr; }
  std::size_t size() const { return count_; }
  const Shape& shape() const { return shape_; }
  std::size_t rank() const { return shape_.size(); }
  const std::string& name() const { return segment_.name(); }

  Span<T> span() const { return Span<T>(data(), count_); }
  T* begin() const { return data(); }
  T* end() const { return data() + count_; }
  T& operator[](std::size_t i) const { return elements()[i]; }
  SharedRef<T> ref() const { return SharedRef<T>{data(), count_}; }

  // Row-major element at the given indices; the number of indices must equal
  // rank() and each must be inside its extent (std::out_of_range otherwise).
  template <class... Index>
  T& view(Index... index) const {
    static_assert(sizeof...(Index) > 0, "view() needs one index per dimension");
    static_assert((std::is_integral_v<Index> && ...), "view() indices must be integers");
    const std::size_t indices[] = {static_cast<std::size_t>(index)...};
    return elements()[flat_index(indices, sizeof...(Index))];
  }

  void prefault() { segment_.prefault(); }

 private:
  SharedArray(SharedMemory segment, const Shape& shape, std::size_t count, SharedOptions opts)
      : segment_(std::move(segment)), shape_(shape), count_(count) {
    detail::write_header(segment_, sizeof(T), shape_, count_);
    if (opts.prefault) segment_.prefault();
  }

  T* elements() const {
    return reinterpret_cast<T*>(static_cast<unsigned char*>(segment_.data()) + detail::kDataOffset);
  }

  std::size_t flat_index(const std::size_t* indices, std::size_t n) const {
    if (n != shape_.size())
      throw std::out_of_range("parlint::SharedArray::view: " + std::to_string(n) +
                              " indices for an array of rank " + std::to_string(shape_.size()));
    std::size_t flat = 0;
    for (std::size_t d = 0; d < n; ++d) {
      if (indices[d] >= shape_[d])
        throw std::out_of_range("parlint::SharedArray::view: index " + std::to_string(indices[d]) +
                                " out of range for dimension " + std::to_string(d) + " of extent " +
                                std::to_string(shape_[d]));
      flat = flat * shape_[d] + indices[d];
    }
    return flat;
  }

  SharedMemory segment_;
  Shape shape_;
  std::size_t count_ = 0;
};

}  // namespace parlint
