/* C: every pthread call wrapped in a checking macro written as
 * `do { ... } while (0)`, the usual way to make a macro one statement. The
 * macro's do-while runs once: a join inside it, in a loop over the array,
 * joins every element once that loop is done. */
#include <pthread.h>
#include <stddef.h>

void die(int code, const char *what) __attribute__((noreturn));
#define CHECK(call)                                                            \
  do {                                                                         \
    int rc_;                                                                   \
    if ((rc_ = (call)) != 0)                                                   \
      die(rc_, #call);                                                         \
  } while (0)

void *reader(void *arg);
void *verifier(void *arg);
unsigned worker_count(void);

/* near-miss: the workers, then one more thread in the next slot; all joined
   by one loop. */
void run_once(void) {
  pthread_t ids[1000];
  unsigned i, j, workers = worker_count();
  for (i = 0; i < workers; ++i)
    CHECK(pthread_create(&ids[i], NULL, reader, NULL));
  CHECK(pthread_create(&ids[i], NULL, verifier, NULL));
  ++i;
  for (j = 0; j < i; ++j)
    CHECK(pthread_join(ids[j], NULL));
}

/* The macro's loop is no loop: the thread created before it is still left
   running when the function returns. */
void run_unjoined(void) {
  pthread_t id;
  // EXPECT-WARNING@+1:9 thread started by pthread_create is never joined or detached in this function, which leaks it; call pthread_join or pthread_detach on 'id'
  CHECK(pthread_create(&id, NULL, reader, NULL));
}
