/* Workers launched in a loop, each with its own element of an array
 * (`&group[p]`) that also points at the whole array: each writes its own
 * element's `lag`, and reads the other elements' `lag` while they run.
 * Near misses: the peers' fields nobody writes, a read only of its own
 * element, peers read after a barrier, and a single launch. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

#define N 3

struct consumer {
  pthread_t tid;
  int id;
  struct consumer *group;
  int ngroup;
  long lag;
  long weight;
  int hint;
};

static int busiest_peer(const struct consumer *self) {
  int best = -1;
  long max = 0;
  for (int j = 0; j < self->ngroup; j++) {
    if (j == self->id)
      continue;
    long lag = self->group[j].lag;
    if (lag > max) {
      max = lag;
      best = j;
    }
  }
  return best;
}

static int heaviest_peer(const struct consumer *self) {
  int best = -1;
  for (int j = 0; j < self->ngroup; j++)
    if (j != self->id && self->group[j].weight > 10)
      best = j;
  return best;
}

static void *consumer_main(void *arg) {
  struct consumer *c = arg;
  for (int m = 0; m < 64; m++) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'group.lag' in the worker's own slot, which another instance of the worker reads while the worker may still be running; make it _Atomic, guard every access with one mutex, or read the slots only once the workers have finished
    c->lag = 63 - m;
    if (m % 16 == 15)
      // EXPECT-NOTE@+1:17 each instance reads 'group.lag' through this call of 'busiest_peer', other instances' slots included
      c->hint = busiest_peer(c);
  }
  return 0;
}

static void *weigher_main(void *arg) {
  struct consumer *c = arg;
  for (int m = 0; m < 64; m++) {
    c->lag = 63 - m;
    c->hint = heaviest_peer(c) + (int)c->lag;
  }
  return 0;
}

static pthread_barrier_t round_done;

static void *stepped_main(void *arg) {
  struct consumer *c = arg;
  c->lag = c->id * 10;
  pthread_barrier_wait(&round_done);
  c->hint = busiest_peer(c);
  return 0;
}

int run_group(void) {
  struct consumer group[N];
  for (int p = 0; p < N; p++)
    group[p] = (struct consumer){.id = p, .group = group, .ngroup = N, .lag = 64};
  for (int p = 0; p < N; p++)
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&group[p].tid, 0, consumer_main, &group[p]);
  for (int p = 0; p < N; p++)
    pthread_join(group[p].tid, 0);
  return group[0].hint;
}

int run_weighers(void) {
  struct consumer group[N];
  for (int p = 0; p < N; p++)
    group[p] = (struct consumer){.id = p, .group = group, .ngroup = N, .weight = p};
  for (int p = 0; p < N; p++)
    pthread_create(&group[p].tid, 0, weigher_main, &group[p]);
  for (int p = 0; p < N; p++)
    pthread_join(group[p].tid, 0);
  return group[0].hint;
}

int run_stepped(void) {
  struct consumer group[N];
  pthread_barrier_init(&round_done, 0, N);
  for (int p = 0; p < N; p++)
    group[p] = (struct consumer){.id = p, .group = group, .ngroup = N};
  for (int p = 0; p < N; p++)
    pthread_create(&group[p].tid, 0, stepped_main, &group[p]);
  for (int p = 0; p < N; p++)
    pthread_join(group[p].tid, 0);
  return group[1].hint;
}

int run_alone(void) {
  struct consumer group[N] = {{.id = 0, .ngroup = N}};
  group[0].group = group;
  pthread_create(&group[0].tid, 0, consumer_main, &group[0]);
  pthread_join(group[0].tid, 0);
  return group[0].hint;
}
