// parlint::Span<T>: a non-owning view of contiguous elements, the C++17
// stand-in for std::span (converts to std::span when compiled as C++20).
#pragma once

#include <cstddef>
#if __cplusplus >= 202002L
#include <span>
#endif

namespace parlint {

template <class T>
class Span {
 public:
  constexpr Span() = default;
  constexpr Span(T* data, std::size_t size) : data_(data), size_(size) {}

  constexpr T* data() const { return data_; }
  constexpr std::size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr T* begin() const { return data_; }
  constexpr T* end() const { return data_ + size_; }
  constexpr T& operator[](std::size_t i) const { return data_[i]; }
  constexpr Span subspan(std::size_t offset, std::size_t count) const {
    return Span(data_ + offset, count);
  }
#if __cplusplus >= 202002L
  constexpr operator std::span<T>() const { return std::span<T>(data_, size_); }
#endif

 private:
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace parlint
