/* A gauge raised under the pool's lock at checkout and lowered under the
 * statistics lock at checkin: each write holds a lock, but not the same
 * one, so two clients change it at once. Near miss: both under the pool's
 * lock (the statistics lock taken as well at checkin). */
#include <pthread.h>

struct pool {
  pthread_mutex_t lock;
  int active;
  int busy;
};

static struct pool g_pool = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
static pthread_mutex_t g_stats_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long g_total_us;

static void checkout(struct pool *p) {
  pthread_mutex_lock(&p->lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_pool.active' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  p->active++;
  p->busy++;
  pthread_mutex_unlock(&p->lock);
}

static void checkin(struct pool *p, unsigned long us) {
  pthread_mutex_lock(&g_stats_lock);
  g_total_us += us;
  // EXPECT-NOTE@+1:3 each instance also writes 'g_pool.active' here, holding another lock than the one taken at the write
  p->active--;
  pthread_mutex_unlock(&g_stats_lock);
  pthread_mutex_lock(&p->lock);
  pthread_mutex_lock(&g_stats_lock);
  p->busy--;
  pthread_mutex_unlock(&g_stats_lock);
  pthread_mutex_unlock(&p->lock);
}

static void *client(void *arg) {
  unsigned long id = *(unsigned long *)arg;
  for (unsigned long q = 0; q < 100; q++) {
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'checkout'
    checkout(&g_pool);
    checkin(&g_pool, id + q);
  }
  return 0;
}

int main(void) {
  pthread_t t[4];
  unsigned long ids[4] = {0, 1, 2, 3};
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, client, &ids[i]);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  return g_pool.active + g_pool.busy;
}
