// A pool given exactly as many tasks as it has workers, from one loop of the
// same count: one worker per task on purpose (tasks that must all run at
// once, a test of the pool itself). The count is the work's, not the
// machine's: silent. A pool with a different number of tasks is reported.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstddef>

void waitForOthers(std::size_t task);
void work(int);

// near-miss: four tasks that wait for each other, on four workers.
void allAtOnce() {
  constexpr std::size_t num_waiting_tasks = 4;
  boost::asio::thread_pool pool(num_waiting_tasks);
  for (std::size_t i = 0; i < num_waiting_tasks; ++i)
    boost::asio::post(pool, [i] { waitForOthers(i); });
  pool.join();
}

// near-miss: the same with the literal written twice.
void literalTwice() {
  boost::asio::thread_pool pool(3);
  for (int i = 0; i < 3; ++i)
    boost::asio::post(pool, [i] { work(i); });
  pool.join();
}

// Eight tasks on four workers: the four is a tuning of the machine.
void moreTasksThanWorkers() {
  // EXPECT-WARNING@+1:33 hardcoded worker count: boost::asio::thread_pool is constructed with 4 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  boost::asio::thread_pool pool(4);
  for (int i = 0; i < 8; ++i)
    boost::asio::post(pool, [i] { work(i); });
  pool.join();
}

// Four tasks, but on another pool.
void tasksElsewhere(boost::asio::thread_pool &other) {
  // EXPECT-WARNING@+1:33 hardcoded worker count: boost::asio::thread_pool is constructed with 4 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  boost::asio::thread_pool pool(4);
  for (int i = 0; i < 4; ++i)
    boost::asio::post(other, [i] { work(i); });
  pool.join();
}
