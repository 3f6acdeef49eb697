/* A path that sends SIGKILL to its own process ends there: nothing after it
   runs, so a thread it leaves unjoined is not a leak. */
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

static void *spin(void *arg) { return arg; }
extern int run_program(void);

/* near-miss: every path that started the thread kills the process */
int run_then_kill(void) {
  pthread_t helper;
  if (pthread_create(&helper, NULL, spin, NULL) != 0)
    return run_program();
  int rc = run_program();
  (void)pthread_kill(helper, SIGKILL);
  return rc;
}

/* near-miss: raise(SIGKILL) and kill(getpid(), SIGKILL) end it as well */
void raise_kill(void) {
  pthread_t helper;
  if (pthread_create(&helper, NULL, spin, NULL) != 0)
    return;
  if (run_program() < 0)
    (void)raise(SIGKILL);
  else
    (void)kill(getpid(), SIGKILL);
}

/* another signal can be handled: the thread is still leaked */
void terminate_politely(void) {
  pthread_t helper;
  // EXPECT-WARNING@+1:7 thread started by pthread_create is never joined or detached in this function, which leaks it; call pthread_join or pthread_detach on 'helper'
  if (pthread_create(&helper, NULL, spin, NULL) != 0)
    return;
  (void)pthread_kill(helper, SIGTERM);
}
