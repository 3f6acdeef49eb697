// Templates: reported once however often they are instantiated, and also when
// never instantiated. A fix-it goes into the template only when the pool's
// type does not depend on a template parameter.
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <vector>

void process(long item);

// Instantiated twice: one warning and one inserted join. The pool's type is
// fixed, so the join compiles for every T.
template <class T> void runAll(const std::vector<T> &items) {
  boost::asio::thread_pool pool(4); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  for (const T &item : items)
    boost::asio::post(pool, [item] { process(item); });
} // EXPECT-NOTE:1 'pool' is destroyed here without join(); call pool.join() before this point

void useRunAll() {
  runAll(std::vector<int>{1, 2});
  runAll(std::vector<long>{3, 4});
}

// Never instantiated.
template <class T> void neverCalled(T value) {
  boost::asio::thread_pool pool(2); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  boost::asio::post(pool, [] { process(0); });
} // EXPECT-NOTE:1 'pool' is destroyed here without join(); call pool.join() before this point

// The pool's type is a parameter: only instantiations know it is a pool, and
// a fix written into the template would apply to every other type too.
template <class Pool> void runWith(int n) {
  Pool pool(2); // EXPECT-WARNING:8 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  boost::asio::post(pool, [n] { process(n); });
} // EXPECT-NOTE:1 'pool' is destroyed here without join(); call pool.join() before this point

void useRunWith() {
  runWith<boost::asio::thread_pool>(1);
  runWith<boost::asio::thread_pool>(2);
  // near-miss: the same template with a type that is not a pool.
  runWith<boost::asio::io_context>(3);
}

template <class T> class Scheduler {
public:
  void runBatch(const std::vector<T> &batch) {
    boost::asio::thread_pool pool(2); // EXPECT-WARNING:30 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
    for (const T &item : batch)
      boost::asio::post(pool, [item] { process(item); });
    if (batch.size() > 1)
      pool.join();
  } // EXPECT-NOTE:3 'pool' is destroyed here without join(); call pool.join() before this point
};

template class Scheduler<int>;
template class Scheduler<long>;

// near-miss: a template that joins, instantiated twice.
template <class T> void joinedTemplate(T value) {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [value] { process(value); });
  pool.join();
}
void useJoinedTemplate() {
  joinedTemplate(1);
  joinedTemplate(2.0);
}

// near-miss: a dependent pool joined through a dependent call.
template <class Pool> void joinedDependent() {
  Pool pool(2);
  boost::asio::post(pool, [] { process(5); });
  pool.join();
}
void useJoinedDependent() { joinedDependent<boost::asio::thread_pool>(); }
