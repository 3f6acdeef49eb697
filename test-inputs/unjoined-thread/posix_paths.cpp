// pthread_create followed path by path: a join on one branch only leaks the
// thread on the others; a failed create started nothing.
#include <pthread.h>
#include <stdexcept>

void *routine(void *);
bool ready();

int joinedOnOneBranch(bool quick) {
  pthread_t worker;
  // EXPECT-WARNING@+1:3 thread started by pthread_create can leave this function without being joined or detached, which leaks it; call pthread_join or pthread_detach on 'worker' on every path
  pthread_create(&worker, nullptr, routine, nullptr);
  if (quick)
    // EXPECT-NOTE@+1:5 'worker' is neither joined nor detached when the function returns here
    return 1;
  pthread_join(worker, nullptr);
  return 0;
}

void joinedUnlessItThrows() {
  pthread_t worker;
  // EXPECT-WARNING@+1:3 thread started by pthread_create can leave this function without being joined or detached, which leaks it; call pthread_join or pthread_detach on 'worker' on every path
  pthread_create(&worker, nullptr, routine, nullptr);
  if (!ready())
    // EXPECT-NOTE@+1:5 'worker' is neither joined nor detached when the exception leaves the function here
    throw std::runtime_error("not ready");
  pthread_detach(worker);
}

void detachedInsideALoopOnly(int rounds) {
  pthread_t worker;
  // EXPECT-WARNING@+1:3 thread started by pthread_create can leave this function without being joined or detached, which leaks it; call pthread_join or pthread_detach on 'worker' on every path
  pthread_create(&worker, nullptr, routine, nullptr);
  for (int i = 0; i < rounds; ++i)
    if (i == 3) {
      pthread_detach(worker);
      break;
    }
// EXPECT-NOTE@+1:1 'worker' is neither joined nor detached when the function returns here
}

// near-miss: the failed create returns before anything started.
int failedCreateReturns() {
  pthread_t worker;
  int rc = pthread_create(&worker, nullptr, routine, nullptr);
  if (rc != 0)
    return rc;
  pthread_join(worker, nullptr);
  return 0;
}

// near-miss: joined on both branches.
void joinedOnBothBranches(bool quick) {
  pthread_t worker;
  if (pthread_create(&worker, nullptr, routine, nullptr) == 0) {
    if (quick) {
      pthread_join(worker, nullptr);
      return;
    }
    pthread_join(worker, nullptr);
  }
}

// near-miss: a path that ends the process leaks nothing.
void exitsOnError(bool broken) {
  pthread_t worker;
  pthread_create(&worker, nullptr, routine, nullptr);
  if (broken)
    __builtin_trap();
  pthread_join(worker, nullptr);
}
