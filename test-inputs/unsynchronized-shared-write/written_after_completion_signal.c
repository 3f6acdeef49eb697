#define _POSIX_C_SOURCE 200809L
/* A resolver thread answers queries that callers queue and then wait for
 * on the query's own semaphore. What the thread stores after posting the
 * semaphore is not ordered by the caller's wait: the caller reads it while
 * it is written. The same through a helper, and with a C11 atomic flag the
 * caller polls. Near misses: everything stored before the post, a field
 * stored after it that no waiter reads, and a new query fetched after the
 * post. */
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stddef.h>

struct query {
  const char *name;
  unsigned addr;
  long elapsed_us;
  long cache_hits;
  int retries;
  sem_t done;
};

struct lookup {
  unsigned addr;
  long finish_us;
  atomic_int ready;
};

extern struct query *next_query(void);
extern unsigned resolve_name(const char *name);
extern long clock_us(void);

static void record_timing(struct query *q, long started) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'cache_hits' after the signal through 'done' that the object is ready: a thread waiting for that signal reads it while it is written; write it before the signal
  q->cache_hits = clock_us() - started;
}

static void *resolver_main(void *arg) {
  (void)arg;
  struct query *q;
  while ((q = next_query()) != NULL) {
    long started = clock_us();
    q->addr = resolve_name(q->name);
    sem_post(&q->done);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'elapsed_us' after the signal through 'done' that the object is ready: a thread waiting for that signal reads it while it is written; write it before the signal
    q->elapsed_us = clock_us() - started;
    // EXPECT-NOTE@-3:5 the object is signalled ready here
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'record_timing'
    record_timing(q, started);
    // EXPECT-NOTE@-6:5 the object is signalled ready here
    q->retries = 0;
  }
  return NULL;
}

unsigned lookup_host(struct query *q, long *slow) {
  // EXPECT-NOTE@+2:3 another thread waits for the signal here in 'lookup_host'
  // EXPECT-NOTE@+1:3 another thread waits for the signal here in 'lookup_host'
  sem_wait(&q->done);
  // EXPECT-NOTE@+1:7 and then reads 'elapsed_us' here
  if (q->elapsed_us > 250)
    // EXPECT-NOTE@+1:14 and then reads 'cache_hits' here
    *slow += q->cache_hits;
  return q->addr;
}

static void *prefetch_main(void *arg) {
  struct lookup *l = arg;
  l->addr = resolve_name("example.org");
  atomic_store(&l->ready, 1);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'finish_us' after the signal through 'ready' that the object is ready: a thread waiting for that signal reads it while it is written; write it before the signal
  l->finish_us = clock_us();
  // EXPECT-NOTE@-3:3 the object is signalled ready here
  return NULL;
}

long prefetch(void) {
  static struct lookup l;
  pthread_t tid;
  pthread_t resolver;
  pthread_create(&resolver, NULL, resolver_main, NULL);
  pthread_create(&tid, NULL, prefetch_main, &l);
  // EXPECT-NOTE@+1:11 another thread waits for the signal here in 'prefetch'
  while (!atomic_load(&l.ready))
    ;
  // EXPECT-NOTE@+1:12 and then reads 'finish_us' here
  long t = l.finish_us;
  pthread_join(tid, NULL);
  pthread_join(resolver, NULL);
  return t;
}

/* Near misses. */

struct job {
  int result;
  long queued_us;
  long done_us;
  int attempts;
  sem_t finished;
};

extern struct job *next_job(void);

static void *runner_main(void *arg) {
  (void)arg;
  struct job *j;
  while ((j = next_job()) != NULL) {
    j->result = 42;
    j->done_us = clock_us(); // before the post: the waiter sees it
    sem_post(&j->finished);
    j->attempts++; // no waiter reads it
  }
  return NULL;
}

static void *chained_main(void *arg) {
  struct job *j = arg;
  j->result = 1;
  sem_post(&j->finished);
  j = next_job(); // another job from here on
  j->done_us = clock_us();
  return NULL;
}

int wait_job(struct job *j) {
  long queued = j->queued_us;
  sem_wait(&j->finished);
  return j->result + (int)(j->done_us - queued);
}

void start_runners(struct job *first) {
  pthread_t a, b;
  pthread_create(&a, NULL, runner_main, NULL);
  pthread_create(&b, NULL, chained_main, first);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}
