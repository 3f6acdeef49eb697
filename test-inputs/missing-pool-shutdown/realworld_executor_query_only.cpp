// Mirrors: boostorg/asio test/any_io_executor.cpp:155,244,340,418,419,443,
// test/any_completion_executor.cpp:108,197,293,371,372,396,
// test/execution/any_executor.cpp:135,446,778,1049,1050,1112 (missing-pool-shutdown).
// The pool is only used to obtain an executor, which is copied, compared,
// converted to a type-erased executor and queried. Nothing is ever queued on it,
// so nothing can be abandoned at destruction: parlint must stay silent.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/execution.hpp>
#include <boost/asio/query.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cassert>

// near-miss: executor obtained, converted and compared, never used to run work.
void convertsExecutor() {
  boost::asio::thread_pool pool(1);
  boost::asio::any_io_executor erased(pool.executor());
  boost::asio::any_io_executor copy = erased;
  assert(copy == erased);
  assert(erased.target<void>() != nullptr);
}

// near-miss: assigned later, then only compared.
void assignsExecutor() {
  boost::asio::thread_pool pool(1);
  boost::asio::any_io_executor erased;
  erased = pool.executor();
  assert(erased == boost::asio::any_io_executor(pool.get_executor()));
}

// near-miss: properties of the executor are queried.
void queriesExecutor() {
  boost::asio::thread_pool pool(1);
  boost::asio::any_io_executor erased(pool.executor());
  assert(boost::asio::query(erased, boost::asio::execution::blocking) ==
         boost::asio::execution::blocking.possibly);
}

// near-miss: two pools whose executors are compared with each other.
void comparesTwoPools() {
  boost::asio::thread_pool first(1);
  boost::asio::thread_pool second(1);
  boost::asio::any_io_executor a(first.executor());
  boost::asio::any_io_executor b(second.executor());
  assert(a != b);
}

// Positive counterpart: the executor obtained from the pool is used to queue work.
void work();
void queuesThroughErasedExecutor() {
  boost::asio::thread_pool pool(1); // a warning is expected here
  boost::asio::any_io_executor erased(pool.executor());
  boost::asio::execution::execute(erased, [] { work(); });
}
