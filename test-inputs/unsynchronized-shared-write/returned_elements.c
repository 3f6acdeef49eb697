/* Elements a helper returns (`return &s->slots[id & 3];`, `return
 * &kv->shards[hash(key) % N];`): what the caller does through the pointer
 * it does to that array's element. Five workers folded onto four slots
 * share one; a shard's lock is one of the array's stripes, which guards the
 * shard but not a store-wide count. Near misses: four workers on four
 * slots, and the shard's own count under its lock. */
#include <pthread.h>

#define NSLOTS 4
#define NSHARDS 4

struct slot {
  unsigned long jobs;
};
struct scheduler {
  struct slot slots[NSLOTS];
};
struct worker {
  struct scheduler *sched;
  int id;
};

static struct slot *slot_for(struct scheduler *s, int id) {
  return &s->slots[id & (NSLOTS - 1)];
}

static void *run_folded(void *arg) {
  struct worker *w = arg;
  struct slot *mine = slot_for(w->sched, w->id);
  for (int i = 0; i < 100; i++)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'folded.slots.jobs' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    mine->jobs++;
  return 0;
}

static struct scheduler folded, fitted;

void schedule_five(void) {
  struct worker workers[5];
  pthread_t threads[5];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 5; i++) {
    workers[i].sched = &folded;
    workers[i].id = i;
    pthread_create(&threads[i], 0, run_folded, &workers[i]);
  }
  for (int i = 0; i < 5; i++)
    pthread_join(threads[i], 0);
}

static void *run_fitted(void *arg) {
  struct worker *w = arg;
  struct slot *mine = slot_for(w->sched, w->id);
  for (int i = 0; i < 100; i++)
    mine->jobs++;
  return 0;
}

void schedule_four(void) {
  struct worker workers[4];
  pthread_t threads[4];
  for (int i = 0; i < 4; i++) {
    workers[i].sched = &fitted;
    workers[i].id = i;
    pthread_create(&threads[i], 0, run_fitted, &workers[i]);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(threads[i], 0);
}

struct shard {
  pthread_mutex_t lock;
  unsigned long gets;
};
struct store {
  struct shard shards[NSHARDS];
  unsigned long lookups;
};

static unsigned hash_key(const char *k) {
  unsigned h = 2166136261u;
  while (*k)
    h = (h ^ (unsigned char)*k++) * 16777619u;
  return h;
}

static struct shard *shard_for(struct store *kv, const char *key) {
  return &kv->shards[hash_key(key) % NSHARDS];
}

static void store_get(struct store *kv, const char *key) {
  struct shard *s = shard_for(kv, key);
  // EXPECT-NOTE@+1:23 this lock is one of an array's stripes, picked by the data; two threads holding different stripes write 'kv.lookups' at the same time: guard it with one lock for the whole array, or make it per stripe
  pthread_mutex_lock(&s->lock);
  s->gets++;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'kv.lookups' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  kv->lookups++;
  pthread_mutex_unlock(&s->lock);
}

struct client {
  struct store *kv;
  const char *key;
};

static void *serve(void *arg) {
  struct client *c = arg;
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'store_get'
  store_get(c->kv, c->key);
  return 0;
}

static struct store kv;

void serve_two(void) {
  struct client clients[2] = {{&kv, "a"}, {&kv, "b"}};
  pthread_t threads[2];
  for (int s = 0; s < NSHARDS; s++)
    pthread_mutex_init(&kv.shards[s].lock, 0);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], 0, serve, &clients[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], 0);
}
