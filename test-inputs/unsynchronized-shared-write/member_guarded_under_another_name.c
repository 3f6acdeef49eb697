#define _POSIX_C_SOURCE 200809L
/* A fetch thread completes a transfer it reaches through its session
 * (`s->pending`); the caller holds the same transfer in a local and waits
 * for it under the transfer's own lock. The thread sets the finished flag
 * after dropping that lock: the caller's locked read meets it, whatever
 * name each side uses. Near misses: the flag set under the lock, a member
 * the caller never touches under the lock, and a caller that reads under
 * the lock only after the join. */
#include <pthread.h>
#include <stdlib.h>

struct transfer {
  pthread_mutex_t lock;
  pthread_cond_t changed;
  int finished;
  long bytes;
  long retries;
};

struct session {
  struct transfer *pending;
  struct transfer *spare;
};

extern long fetch_bytes(void);

static void finish(struct transfer *t, long bytes) {
  pthread_mutex_lock(&t->lock);
  t->bytes = bytes;
  pthread_mutex_unlock(&t->lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 's->pending->finished', which the launching thread reads under 't->lock' while the worker may still be running; take that lock at the write too
  t->finished = 1;
  pthread_cond_signal(&t->changed);
}

static void *fetch_main(void *arg) {
  struct session *s = arg;
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'finish'
  finish(s->pending, fetch_bytes());
  return NULL;
}

static long wait_transfer(struct transfer *t) {
  pthread_mutex_lock(&t->lock);
  while (!t->finished)
    pthread_cond_wait(&t->changed, &t->lock);
  long bytes = t->bytes;
  pthread_mutex_unlock(&t->lock);
  return bytes;
}

long download(struct session *s) {
  struct transfer *t = calloc(1, sizeof(*t));
  pthread_mutex_init(&t->lock, NULL);
  pthread_cond_init(&t->changed, NULL);
  s->pending = t;
  pthread_t tid;
  // EXPECT-NOTE@+1:3 the worker is started here
  pthread_create(&tid, NULL, fetch_main, s);
  // EXPECT-NOTE@+1:16 the launching thread reads 't->finished' under 't->lock' through this call of 'wait_transfer'
  long bytes = wait_transfer(t);
  pthread_join(tid, NULL);
  free(t);
  return bytes;
}

/* Near misses. */

static void finish_locked(struct transfer *t, long bytes) {
  pthread_mutex_lock(&t->lock);
  t->bytes = bytes;
  t->finished = 1;
  pthread_cond_signal(&t->changed);
  pthread_mutex_unlock(&t->lock);
  t->retries = 0; // the caller never touches it under the lock
}

static void *locked_fetch_main(void *arg) {
  struct session *s = arg;
  finish_locked(s->spare, fetch_bytes());
  return NULL;
}

static long retries_of(struct transfer *t) {
  pthread_mutex_lock(&t->lock);
  long n = t->retries;
  pthread_mutex_unlock(&t->lock);
  return n;
}

long download_locked(struct session *s, struct transfer *t) {
  s->spare = t;
  pthread_t tid;
  pthread_create(&tid, NULL, locked_fetch_main, s);
  long bytes = wait_transfer(t);
  pthread_join(tid, NULL);
  return bytes + retries_of(t); // after the join
}
