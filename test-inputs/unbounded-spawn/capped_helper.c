/* C: a lookup pool that grows one detached thread at a time up to a cap,
 * from inside its own workers' endless loop. The helper's early returns are
 * the cap (and "no thread needed"), so it starts a thread only sometimes:
 * silent. A helper with any early exit before its start is judged so. */
#include <pthread.h>

struct lookup_queue {
  int threads, idle;
};
static struct lookup_queue queue;
int max_lookup_threads = 4;
int queue_empty(void);
void take_request(void);
void *lookup_main(void *unused);

/* near-miss: capped by queue.threads == max_lookup_threads. */
static void grow_if_necessary(void) {
  if (queue.idle != 0 || queue_empty())
    return;
  if (queue.threads == max_lookup_threads)
    return;
  pthread_t tid;
  pthread_attr_t attr;
  int ret;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  if ((ret = pthread_create(&tid, &attr, lookup_main, 0)) != 0)
    return;
  pthread_attr_destroy(&attr);
  ++queue.threads;
  ++queue.idle;
}

void *lookup_main(void *unused) {
  (void)unused;
  while (1) {
    --queue.idle;
    while (!queue_empty()) {
      take_request();
      grow_if_necessary();
    }
    ++queue.idle;
  }
  return 0;
}
