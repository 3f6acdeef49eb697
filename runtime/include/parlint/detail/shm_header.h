// The header at the start of every segment made by SharedArray/SharedValue:
// it lets an unrelated process that opens the segment by name check the
// element size and recover the shape, instead of trusting the file size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <system_error>
#include <vector>

#include "parlint/shared_memory.h"

namespace parlint::detail {

constexpr std::uint64_t kSegmentMagic = 0x31544e494c524150ull;  // "PARLINT1"
constexpr std::size_t kMaxRank = 8;

struct SegmentHeader {
  std::uint64_t magic;  // written last, with release order
  std::uint32_t element_size;
  std::uint32_t rank;
  std::uint64_t element_count;
  std::uint64_t shape[kMaxRank];
};

// Data starts on its own cache line after the header.
constexpr std::size_t kDataOffset = 128;
static_assert(sizeof(SegmentHeader) <= kDataOffset, "header must fit before the data");

[[noreturn]] inline void throw_shape_error(const std::string& what) {
  throw std::system_error(EINVAL, std::generic_category(), "parlint: " + what);
}

// Element count of a shape; rejects empty shapes, zero extents and overflow.
inline std::size_t checked_count(const std::vector<std::size_t>& shape, std::size_t element_size) {
  if (shape.empty() || shape.size() > kMaxRank)
    throw_shape_error("shape must have 1 to 8 dimensions, got " + std::to_string(shape.size()));
  std::size_t count = 1;
  for (std::size_t extent : shape) {
    if (extent == 0) throw_shape_error("shape has a zero extent");
    if (__builtin_mul_overflow(count, extent, &count))
      throw_shape_error("shape's element count overflows size_t");
  }
  std::size_t bytes = 0;
  if (__builtin_mul_overflow(count, element_size, &bytes) ||
      __builtin_add_overflow(bytes, kDataOffset, &bytes))
    throw_shape_error("array of " + std::to_string(count) + " elements does not fit in memory");
  return count;
}

inline void write_header(SharedMemory& segment, std::size_t element_size,
                         const std::vector<std::size_t>& shape, std::size_t count) {
  auto* h = static_cast<SegmentHeader*>(segment.data());
  h->element_size = static_cast<std::uint32_t>(element_size);
  h->rank = static_cast<std::uint32_t>(shape.size());
  h->element_count = count;
  for (std::size_t i = 0; i < shape.size(); ++i) h->shape[i] = shape[i];
  __atomic_store_n(&h->magic, kSegmentMagic, __ATOMIC_RELEASE);
}

// Validates the header of an opened segment; returns its shape.
inline std::vector<std::size_t> read_header(const SharedMemory& segment, std::size_t element_size) {
  const std::string& name = segment.name();
  if (segment.size() < kDataOffset) throw_shape_error("'" + name + "' is too small to be a parlint segment");
  auto* h = static_cast<const SegmentHeader*>(segment.data());
  if (__atomic_load_n(&h->magic, __ATOMIC_ACQUIRE) != kSegmentMagic)
    throw_shape_error("'" + name + "' is not an initialized parlint segment");
  if (h->element_size != element_size)
    throw_shape_error("'" + name + "' holds elements of " + std::to_string(h->element_size) +
                      " bytes, not " + std::to_string(element_size));
  if (h->rank > kMaxRank) throw_shape_error("'" + name + "' has a corrupt header");
  std::vector<std::size_t> shape(h->shape, h->shape + h->rank);
  std::size_t count = h->rank == 0 ? 1 : checked_count(shape, element_size);
  if (count != h->element_count || kDataOffset + count * element_size > segment.size())
    throw_shape_error("'" + name + "' has a corrupt header");
  return shape;
}

}  // namespace parlint::detail
