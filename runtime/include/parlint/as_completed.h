// parlint::as_completed: hands out futures in the order they become ready.
//
//   for (std::future<int>& done : parlint::as_completed(std::move(futures)))
//     use(done.get());
//
// std::future offers no completion callback, so readiness is polled: every
// remaining future is checked, then the thread waits on one of them with a
// timeout that grows from 20 us to 1 ms. A future finishing while nobody
// polls is thus noticed within 1 ms. A deferred future (std::async with
// std::launch::deferred) counts as ready: get() runs it.
//
// as_completed blocks without running pool tasks: inside a ThreadPool task,
// collect subtask results with pool.wait(future) instead.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <future>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

namespace parlint {

template <class T>
class AsCompleted {
 public:
  // Throws std::future_error(no_state) if a future is not valid.
  explicit AsCompleted(std::vector<std::future<T>> futures) : remaining_(std::move(futures)) {
    for (const auto& f : remaining_)
      if (!f.valid()) throw std::future_error(std::future_errc::no_state);
  }

  std::size_t remaining() const noexcept { return remaining_.size(); }

  // Blocks until a remaining future is ready and hands it over; nullopt once
  // all were handed over.
  std::optional<std::future<T>> next() {
    if (remaining_.empty()) return std::nullopt;
    auto timeout = std::chrono::microseconds(20);
    for (std::size_t round = 0;; ++round) {
      for (std::size_t i = 0; i < remaining_.size(); ++i) {
        if (remaining_[i].wait_for(std::chrono::seconds(0)) != std::future_status::timeout) return take(i);
      }
      const std::size_t i = round % remaining_.size();
      if (remaining_[i].wait_for(timeout) != std::future_status::timeout) return take(i);
      timeout = std::min(timeout * 2, std::chrono::microseconds(1000));
    }
  }

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = std::future<T>;
    using difference_type = std::ptrdiff_t;
    using pointer = std::future<T>*;
    using reference = std::future<T>&;

    iterator() = default;
    explicit iterator(AsCompleted* owner) : owner_(owner) { advance(); }
    reference operator*() { return *current_; }
    pointer operator->() { return &*current_; }
    iterator& operator++() {
      advance();
      return *this;
    }
    bool operator==(const iterator& other) const { return at_end() == other.at_end(); }
    bool operator!=(const iterator& other) const { return !(*this == other); }

   private:
    void advance() { current_ = owner_->next(); }
    bool at_end() const { return !current_.has_value(); }

    AsCompleted* owner_ = nullptr;
    std::optional<std::future<T>> current_;
  };

  iterator begin() { return iterator(this); }
  iterator end() { return iterator(); }

 private:
  std::future<T> take(std::size_t i) {
    std::future<T> ready = std::move(remaining_[i]);
    remaining_[i] = std::move(remaining_.back());
    remaining_.pop_back();
    return ready;
  }

  std::vector<std::future<T>> remaining_;
};

template <class T>
AsCompleted<T> as_completed(std::vector<std::future<T>> futures) {
  return AsCompleted<T>(std::move(futures));
}

}  // namespace parlint
