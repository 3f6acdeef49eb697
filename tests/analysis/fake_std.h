// The little of the standard library and POSIX the layer tests use, declared
// by hand so snippets parse fast and without installed headers.
#ifndef PARLINT_TESTS_ANALYSIS_FAKE_STD_H
#define PARLINT_TESTS_ANALYSIS_FAKE_STD_H

namespace parlint::test {

inline constexpr const char *FakeStd = R"cpp(
namespace std {
using size_t = decltype(sizeof(0));
struct thread {
  thread() noexcept;
  template <class F, class... A> explicit thread(F &&, A &&...) {}
  thread(thread &&) noexcept;
  thread &operator=(thread &&) noexcept;
  ~thread();
  void join();
  void detach();
  bool joinable() const noexcept;
};
struct stop_token {};
struct jthread {
  template <class F, class... A> explicit jthread(F &&, A &&...) {}
  ~jthread();
  void join();
};
template <class T> struct future {
  future(future &&);
  ~future();
  T get();
  void wait() const;
  bool valid() const noexcept;
};
enum class launch { async = 1, deferred = 2 };
future<int> &&never(); // bodies below only need to compile, never to run
template <class F, class... A> future<int> async(F &&, A &&...) { return never(); }
template <class F, class... A> future<int> async(launch, F &&, A &&...) { return never(); }
template <class T> struct vector {
  vector();
  vector(const vector &);
  ~vector();
  template <class... A> void emplace_back(A &&...) {}
  template <class... A> void emplace_front(A &&...);
  template <class... A> T *emplace(const T *, A &&...);
  void push_back(T &&);
  void reserve(size_t);
  void clear();
  T &operator[](size_t);
  const T *begin() const;
  const T *end() const;
  T *begin();
  T *end();
  size_t size() const;
  void push_back(const T &);
  T *data();
};
template <class T> T &&move(T &) noexcept;
} // namespace std
typedef unsigned long pthread_t;
extern "C" int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);
extern "C" int pthread_join(pthread_t, void **);
extern "C" int fork();
extern "C" void exit(int) __attribute__((noreturn));
namespace parlint {
struct ThreadPool {
  template <class F, class... A> std::future<int> submit(F &&, A &&...) { return std::never(); }
};
} // namespace parlint
void work(int);
void *entry(void *);
)cpp";

/// Locks, atomics and a map, for the synchronization layers; goes after
/// FakeStd.
inline constexpr const char *FakeSync = R"cpp(
namespace std {
struct mutex { void lock(); void unlock(); bool try_lock(); };
struct defer_lock_t {};
inline constexpr defer_lock_t defer_lock{};
struct try_to_lock_t {};
inline constexpr try_to_lock_t try_to_lock{};
template <class M> struct lock_guard { explicit lock_guard(M &); ~lock_guard(); };
template <class M> struct unique_lock {
  explicit unique_lock(M &); unique_lock(M &, defer_lock_t);
  unique_lock(M &, try_to_lock_t); ~unique_lock();
  void lock(); void unlock(); bool try_lock(); bool owns_lock() const;
  explicit operator bool() const;
};
enum memory_order { memory_order_relaxed, memory_order_acquire, memory_order_release,
                    memory_order_seq_cst };
template <class T> struct atomic {
  atomic() = default;
  atomic(T);
  T operator++(int); T operator--(); T fetch_add(T);
  T fetch_sub(T, memory_order = memory_order_seq_cst); T exchange(T);
  T load(memory_order = memory_order_seq_cst) const;
  void store(T, memory_order = memory_order_seq_cst);
  operator T() const;
};
template <class K, class V> struct map { V &operator[](const K &); size_t size() const; };
struct condition_variable { void notify_one(); template <class L> void wait(L &);
  template <class L, class P> void wait(L &, P); };
template <class T> struct reference_wrapper { reference_wrapper(T &); };
template <class T> reference_wrapper<T> ref(T &t) { return reference_wrapper<T>(t); }
} // namespace std
struct SpinLock { void lock(); void unlock(); };
struct MutexLock { explicit MutexLock(std::mutex *); ~MutexLock(); };
void acquireTable();
void unlockTable();
)cpp";

} // namespace parlint::test

#endif
