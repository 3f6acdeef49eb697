// Each stream thread gets a struct of its own, built by a helper that
// allocates it and stores the connection it was given: every stream's
// struct points at the one connection, whose reference count the streams
// bump without a lock. Near misses: a helper that gives each stream its own
// counters (an element of an array per launch); the count bumped under the
// connection's mutex; a helper that builds its struct from a fresh
// allocation of its own.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct conn {
  pthread_mutex_t mu;
  int refs;
  long bytes;
};

struct stream {
  struct conn *conn;
  int id;
};

static struct stream *open_stream(struct conn *c, int id) {
  struct stream *s = malloc(sizeof *s);
  if (!s)
    return NULL;
  s->conn = c;
  s->id = id;
  return s;
}

static struct stream *open_private_stream(int id) {
  struct stream *s = malloc(sizeof *s);
  if (!s)
    return NULL;
  s->conn = calloc(1, sizeof *s->conn);
  s->id = id;
  return s;
}

static void *stream_worker(void *arg) {
  struct stream *s = arg;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'shared.refs' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  s->conn->refs++;
  free(s);
  return NULL;
}

static void *locked_stream_worker(void *arg) {
  struct stream *s = arg;
  pthread_mutex_lock(&s->conn->mu);
  s->conn->refs++;
  pthread_mutex_unlock(&s->conn->mu);
  free(s);
  return NULL;
}

static void *private_stream_worker(void *arg) {
  struct stream *s = arg;
  s->conn->bytes += s->id;
  free(s->conn);
  free(s);
  return NULL;
}

static void *own_stream_worker(void *arg) {
  struct stream *s = arg;
  s->conn->bytes += s->id;
  free(s);
  return NULL;
}

int main(void) {
  static struct conn shared = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
  static struct conn locked = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
  static struct conn own[4];
  pthread_t t[4];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, stream_worker, open_stream(&shared, i));
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, locked_stream_worker, open_stream(&locked, i));
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, private_stream_worker, open_private_stream(i));
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, own_stream_worker, open_stream(&own[i], i));
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  printf("%d %d %ld\n", shared.refs, locked.refs, own[0].bytes);
  return 0;
}
