// An accept loop keeps a table of pointers to connections and hands each
// handler thread one of them (`conns[i]`), then marks that connection
// handed off through the table: the handler, already running, reads the
// state and writes nothing. Near misses: the state set before the start; a
// field the handler never reads, set after the start; the slot itself
// cleared after a failed start; the state read back after the joins.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { CONN_NEW, CONN_HANDED_OFF };

struct conn {
  int fd;
  int state;
  int accepted_at;
};

static void *report(void *arg) {
  const struct conn *c = arg;
  // EXPECT-NOTE@+1:7 the worker reads 'conns.state' here
  if (c->state == CONN_HANDED_OFF)
    printf("conn %d handed off\n", c->fd);
  return NULL;
}

int accept_loop(void) {
  struct conn *conns[4];
  pthread_t threads[4];
  int started[4] = {0};
  for (int i = 0; i < 4; i++) {
    conns[i] = calloc(1, sizeof *conns[i]);
    conns[i]->fd = 10 + i;
    conns[i]->state = CONN_NEW;
    // EXPECT-NOTE@+1:9 the worker is started here
    if (pthread_create(&threads[i], NULL, report, conns[i]) != 0) {
      free(conns[i]);
      conns[i] = NULL;
      continue;
    }
    started[i] = 1;
    // EXPECT-WARNING@+1:5 unsynchronized write to 'conns.state' while a worker started earlier may be reading it; make it _Atomic, write it before the worker starts, or guard every access with one mutex
    conns[i]->state = CONN_HANDED_OFF;
    conns[i]->accepted_at = i;
  }
  int handed = 0;
  for (int i = 0; i < 4; i++) {
    if (!started[i])
      continue;
    pthread_join(threads[i], NULL);
    handed += conns[i]->state == CONN_HANDED_OFF;
    free(conns[i]);
  }
  return handed;
}

int main(void) {
  printf("%d\n", accept_loop());
  return 0;
}
