/* A worker's helper picks an element of a shared table (`m =
 * mirror_for_repo(p->repo)`, `m = &mirrors[k]`) and hands it to another
 * helper that writes through its pointer parameter: the write is to that
 * element, which another worker may pick too. Near miss: the write under
 * the table's lock. */
#include <pthread.h>

#define NMIRRORS 3
#define NWORKERS 2

struct mirror { double ewma_ms; int failures; };

static struct mirror mirrors[NMIRRORS];
static pthread_mutex_t mirrors_lock = PTHREAD_MUTEX_INITIALIZER;

struct pkg { unsigned long size; int repo; };

struct worker {
  pthread_t tid;
  const struct pkg *pkgs;
  int first, count;
};

static struct mirror *mirror_for_repo(int repo) { return &mirrors[repo % NMIRRORS]; }

static void account_latency(struct mirror *m, double ms) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'mirrors.ewma_ms' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  m->ewma_ms = 0.8 * m->ewma_ms + 0.2 * ms;
}

static void count_failure(struct mirror *m) { m->failures++; }

static void fetch_from(struct mirror *m, const struct pkg *p) {
  account_latency(m, 5.0 + (double)p->size / 40000.0);
}

static void download_pkg(const struct pkg *p) {
  struct mirror *m = mirror_for_repo(p->repo);
  fetch_from(m, p);
  pthread_mutex_lock(&mirrors_lock);
  struct mirror *locked = &mirrors[p->repo % NMIRRORS];
  count_failure(locked);
  pthread_mutex_unlock(&mirrors_lock);
}

static void *worker_main(void *arg) {
  struct worker *w = arg;
  for (int i = w->first; i < w->first + w->count; i++)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'download_pkg'
    download_pkg(&w->pkgs[i]);
  return 0;
}

int download(const struct pkg *txn, int n) {
  struct worker ws[NWORKERS];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < NWORKERS; i++) {
    ws[i].pkgs = txn;
    ws[i].first = i * n / NWORKERS;
    ws[i].count = (i + 1) * n / NWORKERS - ws[i].first;
    pthread_create(&ws[i].tid, 0, worker_main, &ws[i]);
  }
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(ws[i].tid, 0);
  return mirrors[0].failures;
}
