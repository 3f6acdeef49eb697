// A start that failed started nothing, however the code learns it: the
// result tested where it is assigned, saved and tested later, a switch, a
// flag computed from it, a flag set after the start. The path where nothing
// started needs no join.
#include <cerrno>
#include <cstdio>
#include <pthread.h>
#include <stdexcept>
#include <system_error>
#include <thread>

void *routine(void *);
bool ready();
void work();
void log(const char *);

// near-miss: the result assigned inside the condition.
int assignedInTheCondition() {
  pthread_t worker;
  int ret;
  if ((ret = pthread_create(&worker, nullptr, routine, nullptr)) != 0) {
    std::perror("pthread_create");
    return -1;
  }
  pthread_join(worker, nullptr);
  return 0;
}

// near-miss: saved, and tested after other work.
void savedAndTestedLater() {
  pthread_t worker;
  int rc = pthread_create(&worker, nullptr, routine, nullptr);
  log("create returned");
  if (rc)
    return;
  pthread_join(worker, nullptr);
}

// near-miss: a switch on the result.
void switchOnTheResult() {
  pthread_t worker;
  switch (pthread_create(&worker, nullptr, routine, nullptr)) {
  case 0:
    break;
  case EAGAIN:
    log("no resources");
    return;
  default:
    return;
  }
  pthread_join(worker, nullptr);
}

// near-miss: `< 0` is never true for pthread_create, but the code means the
// failure: on that branch nothing started.
void negativeMeansFailure() {
  pthread_t worker;
  if (pthread_create(&worker, nullptr, routine, nullptr) < 0)
    return;
  pthread_join(worker, nullptr);
}

// near-miss: a boolean made from the result, tested before the join.
void flagFromTheResult() {
  pthread_t worker;
  bool have = pthread_create(&worker, nullptr, routine, nullptr) == 0;
  log("maybe started");
  if (have)
    pthread_join(worker, nullptr);
}

// near-miss: a flag set where the thread started, tested before the join.
void flagSetAfterTheStart(bool wanted) {
  pthread_t worker;
  bool started = false;
  if (wanted && pthread_create(&worker, nullptr, routine, nullptr) == 0)
    started = true;
  log("working");
  if (!started)
    return;
  pthread_join(worker, nullptr);
}

// near-miss: the same with std::thread, under a flag set with the start.
void stdThreadUnderAFlag(bool wanted) {
  std::thread helper;
  bool started = false;
  if (wanted) {
    helper = std::thread(work);
    started = true;
  }
  work();
  if (started)
    helper.join();
}

// near-miss: the condition that started it is tested again before the join.
void sameConditionTwice(bool wanted) {
  std::thread helper;
  if (wanted)
    helper = std::thread(work);
  work();
  if (wanted)
    helper.join();
}

// near-miss: a constructor that throws started nothing; the handler only
// runs for the throw before the start.
void throwingStart() {
  std::thread helper;
  try {
    if (!ready())
      throw std::runtime_error("not ready");
    helper = std::thread(work);
  } catch (const std::exception &) {
    return;
  }
  helper.join();
}

// The flag is set whether or not the create succeeded: the early return
// leaks the thread that did start.
void flagSetRegardless(bool wanted) {
  pthread_t worker;
  bool tried = false;
  // EXPECT-WARNING@+1:3 thread started by pthread_create can leave this function without being joined or detached, which leaks it; call pthread_join or pthread_detach on 'worker' on every path
  pthread_create(&worker, nullptr, routine, nullptr);
  tried = true;
  if (tried && !ready())
    // EXPECT-NOTE@+1:5 'worker' is neither joined nor detached when the function returns here
    return;
  pthread_join(worker, nullptr);
}

// The success branch returns: the thread that started is leaked.
int successReturns() {
  pthread_t worker;
  int rc;
  // EXPECT-WARNING@+1:13 thread started by pthread_create can leave this function without being joined or detached, which leaks it; call pthread_join or pthread_detach on 'worker' on every path
  if ((rc = pthread_create(&worker, nullptr, routine, nullptr)) == 0 &&
      !ready())
    // EXPECT-NOTE@+1:5 'worker' is neither joined nor detached when the function returns here
    return rc;
  if (rc == 0)
    pthread_join(worker, nullptr);
  return rc;
}

// The saved result is overwritten before it is tested: the test says
// nothing about the create.
void overwrittenResult() {
  pthread_t worker;
  // EXPECT-WARNING@+1:12 thread started by pthread_create can leave this function without being joined or detached, which leaks it; call pthread_join or pthread_detach on 'worker' on every path
  int rc = pthread_create(&worker, nullptr, routine, nullptr);
  rc = ready() ? 0 : -1;
  if (rc != 0)
    // EXPECT-NOTE@+1:5 'worker' is neither joined nor detached when the function returns here
    return;
  pthread_join(worker, nullptr);
}

// The flag is tested the wrong way round.
void flagTestedBackwards(bool wanted) {
  // EXPECT-WARNING@+1:15 std::thread 'helper' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  std::thread helper;
  bool started = false;
  if (wanted) {
    helper = std::thread(work);
    started = true;
  }
  if (!started)
    helper.join();
// EXPECT-NOTE@+1:1 'helper' goes out of scope here while joinable
}
