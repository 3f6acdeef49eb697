/* C: threads that take care of their own id, so the function creating them
 * rightly keeps none. A worker pool whose exiting workers each publish their
 * own id in the pool and join the one published before (the destroy path
 * joins the last), and a thread that detaches itself. A start routine that
 * only reads or prints its own id still leaves its creator's handle to
 * join. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct crew {
  pthread_mutex_t guard;
  pthread_t last_out;
  int has_last;
  int running;
};

int next_job(struct crew *c);

/* Hands its id to the crew: the next worker to leave joins it. */
static void leave_crew(struct crew *c) {
  pthread_t previous;
  int had_previous;
  pthread_mutex_lock(&c->guard);
  previous = c->last_out;
  had_previous = c->has_last;
  c->last_out = pthread_self();
  c->has_last = 1;
  c->running--;
  pthread_mutex_unlock(&c->guard);
  if (had_previous)
    pthread_join(previous, NULL);
}

static void *crew_worker(void *arg) {
  struct crew *c = arg;
  while (next_job(c))
    ;
  leave_crew(c);
  return NULL;
}

/* near-miss: the id is handed over two calls below the start routine. */
int crew_grow(struct crew *c, int count) {
  for (int i = 0; i < count; ++i) {
    pthread_t id;
    if (pthread_create(&id, NULL, crew_worker, c) != 0)
      return -1;
    c->running++;
  }
  return 0;
}

static void *self_detaching(void *arg) {
  pthread_detach(pthread_self());
  free(arg);
  return NULL;
}

/* near-miss: the thread detaches itself. */
int start_detached(void) {
  pthread_t id;
  return pthread_create(&id, NULL, self_detaching, malloc(16));
}

static pthread_t registry[8];
static void record(int slot, pthread_t id) { registry[slot] = id; }

static void *registering(void *arg) {
  pthread_t me = pthread_self();
  record((int)(long)arg, me);
  return NULL;
}

/* near-miss: the routine passes a copy of its id to a function that keeps
 * it. */
int start_registered(long slot) {
  pthread_t id;
  return pthread_create(&id, NULL, &registering, (void *)slot);
}

static pthread_t owner;

static void *printing(void *arg) {
  printf("worker %lu\n", (unsigned long)pthread_self());
  pthread_t me = pthread_self();
  if (pthread_equal(me, owner))
    return NULL;
  pthread_setname_np(pthread_self(), "printer");
  return arg;
}

int start_printing(void) {
  pthread_t id;
  // EXPECT-WARNING@+1:10 thread started by pthread_create is never joined or detached in this function, which leaks it; call pthread_join or pthread_detach on 'id'
  return pthread_create(&id, NULL, printing, NULL);
}

static void *plain(void *arg) { return arg; }

/* The same pool's id handling, but this thread runs another routine. */
int start_plain(struct crew *c) {
  pthread_t id;
  // EXPECT-WARNING@+1:7 thread started by pthread_create is never joined or detached in this function, which leaks it; call pthread_join or pthread_detach on 'id'
  if (pthread_create(&id, NULL, plain, c) != 0)
    return -1;
  return 0;
}

int run_routine(void *(*routine)(void *));

/* A routine behind a pointer is not seen: its creator keeps the id. */
int start_unknown(void *(*routine)(void *)) {
  pthread_t id;
  // EXPECT-WARNING@+1:10 thread started by pthread_create is never joined or detached in this function, which leaks it; call pthread_join or pthread_detach on 'id'
  return pthread_create(&id, NULL, routine, NULL);
}
