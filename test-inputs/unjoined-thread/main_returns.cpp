// Leaving main ends the process and every thread in it: a pthread_t still
// running there leaks nothing. A joinable std::thread destroyed there still
// calls std::terminate.
#include <pthread.h>
#include <thread>

void *routine(void *);
bool ready();
void work();

int main(int argc, char **) {
  pthread_t poller;
  // near-miss: the pthread runs on until the process ends.
  if (pthread_create(&poller, nullptr, routine, nullptr) != 0)
    return 1;
  // EXPECT-WARNING@+1:15 std::thread 'helper' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  std::thread helper = std::thread(work);
  if (argc > 1 || !ready())
    // EXPECT-NOTE@+1:5 'helper' goes out of scope here while joinable
    return 2;
  helper.join();
  return 0;
}
