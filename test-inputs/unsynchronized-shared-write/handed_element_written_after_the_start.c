// An accept loop hands each handler thread its own element of a
// connection table (`&conns[i]`), then marks the element handed off: the
// handler, already running, reads that state. Near misses: the fields set
// before the start; a field the handler never reads (`joined`), set after
// the start; a table of pointers whose slot is cleared when the start
// failed (storing another pointer changes nothing the handler reads);
// the counters read after the joins.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { CONN_NEW, CONN_HANDED_OFF, CONN_CLOSED };

struct conn {
  int fd;
  int state;
  int joined;
  long bytes;
};

static void *handle(void *arg) {
  struct conn *c = arg;
  // EXPECT-NOTE@+1:7 the worker reads 'conns.state' here
  if (c->state == CONN_CLOSED)
    return NULL;
  for (int i = 0; i < 8; i++)
    c->bytes += 128 + c->fd;
  return NULL;
}

int serve(void) {
  pthread_t threads[4];
  struct conn conns[4];
  for (int i = 0; i < 4; i++) {
    conns[i].fd = 100 + i;
    conns[i].state = CONN_NEW;
    conns[i].joined = 0;
    conns[i].bytes = 0;
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&threads[i], NULL, handle, &conns[i]);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'conns.state' while a worker started earlier may be reading it; make it _Atomic, write it before the worker starts, or guard every access with one mutex
    conns[i].state = CONN_HANDED_OFF;
    conns[i].joined = 1;
  }
  long total = 0;
  for (int i = 0; i < 4; i++) {
    pthread_join(threads[i], NULL);
    total += conns[i].bytes;
  }
  return (int)total;
}

int serve_pointers(void) {
  pthread_t threads[4];
  struct conn *conns[4];
  long total = 0;
  for (int i = 0; i < 4; i++) {
    conns[i] = calloc(1, sizeof *conns[i]);
    conns[i]->fd = 200 + i;
    if (pthread_create(&threads[i], NULL, handle, conns[i]) != 0) {
      free(conns[i]);
      conns[i] = NULL;
    }
  }
  for (int i = 0; i < 4; i++) {
    if (!conns[i])
      continue;
    pthread_join(threads[i], NULL);
    total += conns[i]->bytes;
    free(conns[i]);
  }
  return (int)total;
}

int main(void) {
  printf("%d %d\n", serve(), serve_pointers());
  return 0;
}
