/* C: a failed pthread_create started nothing, however the result is
 * tested; a thread created with detached attributes needs no join; leaving
 * main ends every thread with the process. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

void *routine(void *);
int ready(void);

/* near-miss: the result assigned inside the condition, the error branch
 * returns. */
int start_and_wait(void) {
  pthread_t tid;
  int ret;
  if ((ret = pthread_create(&tid, NULL, routine, NULL)) != 0) {
    fprintf(stderr, "pthread_create: %d\n", ret);
    return -1;
  }
  pthread_join(tid, NULL);
  return 0;
}

/* near-miss: an int flag set on success, tested before the join. */
void flagged(int wanted) {
  pthread_t tid;
  int have_thread = 0;
  if (wanted && !pthread_create(&tid, NULL, routine, NULL))
    have_thread = 1;
  if (have_thread)
    pthread_join(tid, NULL);
}

/* near-miss: detached through its attributes. */
int start_detached(void *arg) {
  pthread_t tid;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  int rc = pthread_create(&tid, &attr, routine, arg);
  pthread_attr_destroy(&attr);
  return rc;
}

/* Attributes set joinable: the thread needs a join it never gets. */
int start_joinable(void *arg) {
  pthread_t tid;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_JOINABLE);
  // EXPECT-WARNING@+1:12 thread started by pthread_create is never joined or detached in this function, which leaks it; call pthread_join or pthread_detach on 'tid'
  int rc = pthread_create(&tid, &attr, routine, arg);
  pthread_attr_destroy(&attr);
  return rc;
}

/* Detached attributes on another attribute object than the one passed. */
int wrong_attributes(void *arg) {
  pthread_t tid;
  pthread_attr_t detached, plain;
  pthread_attr_init(&detached);
  pthread_attr_init(&plain);
  pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
  // EXPECT-WARNING@+1:10 thread started by pthread_create is never joined or detached in this function, which leaks it; call pthread_join or pthread_detach on 'tid'
  return pthread_create(&tid, &plain, routine, arg);
}

/* near-miss: main returns while the thread runs: the process ends. */
int main(int argc, char **argv) {
  pthread_t tid;
  (void)argv;
  if (pthread_create(&tid, NULL, routine, NULL) != 0)
    return 1;
  if (argc > 1 || !ready())
    return 2;
  pthread_join(tid, NULL);
  return start_and_wait();
}
