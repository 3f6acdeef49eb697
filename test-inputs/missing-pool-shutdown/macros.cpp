// Macros: a pool declared by a macro is reported at the macro's use, with a
// note instead of a fix-it (the text to edit is the macro's); a join written
// through a macro counts.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

void process(int item);

#define WITH_POOL(name, threads) boost::asio::thread_pool name(threads)
#define SUBMIT(pool, n) boost::asio::post(pool, [] { process(n); })
#define JOIN(pool) (pool).join()

void declaredByMacro() {
  WITH_POOL(workers, 2); // EXPECT-WARNING:13 'workers' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call workers.join() before it goes out of scope
  SUBMIT(workers, 1);
} // EXPECT-NOTE:1 'workers' is destroyed here without join(); call workers.join() before this point

// The macros only hide the post and the join: the early return still skips it.
void submittedByMacro(bool ready) {
  boost::asio::thread_pool pool(2); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  SUBMIT(pool, 2);
  if (!ready)
    return; // EXPECT-NOTE:5 'pool' is destroyed here without join(); call pool.join() before this point
  JOIN(pool);
}

// near-miss: declared and joined through macros.
void joinedByMacro() {
  WITH_POOL(workers, 2);
  SUBMIT(workers, 3);
  JOIN(workers);
}

// near-miss: the whole function body comes from a macro that joins.
#define RUN_ONE(fn, n)                                                         \
  void fn() {                                                                  \
    boost::asio::thread_pool pool(1);                                          \
    boost::asio::post(pool, [] { process(n); });                               \
    pool.join();                                                               \
  }
RUN_ONE(runFour, 4)
