/* A pthread_t kept in a field of a local struct (`&acc.thread`), whose
 * address is the worker's argument: the worker runs from the launch until
 * the launching function joins that field (a loop joining each element's
 * `&workers[i].thread` too), or hands the struct to code that
 * may join it. What the launching thread touches in between meets the
 * worker, including what the struct's pointer fields point to (`tr.dl`,
 * given only `&dl`). Near misses: a read after the join, after a helper that
 * joins, after a function parlint cannot see, on the failure path of the
 * launch, through a field that points at another object, and per-worker
 * results read after the loop that joins every element's thread. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

struct table {
  pthread_mutex_t lock;
  int active;
  unsigned long accepted;
};

struct acceptor {
  pthread_t thread;
  struct table *table;
  int backlog;
};

static void table_insert(struct table *t) {
  pthread_mutex_lock(&t->lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'table.active' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  t->active++;
  t->accepted++;
  pthread_mutex_unlock(&t->lock);
}

static int table_active(const struct table *t) { return t->active; }

static void *acceptor_main(void *arg) {
  struct acceptor *a = arg;
  for (int i = 0; i < a->backlog; i++)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'table_insert'
    table_insert(a->table);
  return 0;
}

int status_while_accepting(void) {
  static struct table table;
  struct acceptor acc = {.table = &table, .backlog = 16};
  pthread_mutex_init(&table.lock, 0);
  if (pthread_create(&acc.thread, 0, acceptor_main, &acc) != 0)
    return -1;
  // EXPECT-NOTE@+1:16 the launching thread reads 'table.active' here while the worker may still be running without holding the lock taken at the write
  int active = table_active(&table);
  pthread_join(acc.thread, 0);
  return active + (int)table.accepted;
}

struct download {
  unsigned long received, total;
  int paused;
};

struct transfer {
  pthread_t tid;
  struct download *dl;
  atomic_int started;
};

static void *transfer_main(void *arg) {
  struct transfer *t = arg;
  struct download *d = t->dl;
  atomic_store(&t->started, 1);
  while (d->received < d->total)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'dl.received' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    d->received += 4096;
  return 0;
}

static unsigned long progress_of(const struct download *d) { return d->received; }

static void wait_started(struct transfer *t) {
  while (!atomic_load(&t->started))
    sched_yield();
}

unsigned long progress_while_running(void) {
  struct download dl = {0, 1 << 20, 0};
  struct transfer tr;
  tr.dl = &dl;
  atomic_init(&tr.started, 0);
  if (pthread_create(&tr.tid, 0, transfer_main, &tr) != 0)
    return 0;
  wait_started(&tr); // never reaches `tid`: the worker still runs
  // EXPECT-NOTE@+1:24 the launching thread reads 'dl.received' here while the worker may still be running
  unsigned long seen = progress_of(tr.dl);
  pthread_join(tr.tid, 0);
  return seen;
}

struct indexer {
  pthread_t thread;
  int id;
};

static long indexed_docs;

static void *indexer_main(void *arg) {
  struct indexer *me = arg;
  long mine = me->id;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'indexed_docs' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  indexed_docs += mine;
  return 0;
}

long progress_of_indexers(void) {
  struct indexer workers[4];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 4; i++) {
    workers[i] = (struct indexer){.id = i}; // a store over the struct joins nothing
    pthread_create(&workers[i].thread, 0, indexer_main, &workers[i]);
  }
  long seen = indexed_docs; // also before the join loop (one finding per write)
  for (int i = 0; i < 4; i++)
    pthread_join(workers[i].thread, 0);
  return seen;
}

static long reset_count;

static void *resetter_main(void *arg) {
  struct indexer *me = arg;
  // EXPECT-NOTE@+1:17 the worker reads 'reset_count' here
  me->id = (int)reset_count;
  return 0;
}

long reset_between_loops(void) {
  struct indexer workers[2];
  for (int i = 0; i < 2; i++)
    // EXPECT-NOTE@+1:9 the worker is started here
    if (pthread_create(&workers[i].thread, 0, resetter_main, &workers[i]) != 0)
      return -1;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'reset_count' while a worker started earlier may be reading it; make it _Atomic or guard every access with one mutex
  reset_count = 5;
  for (int i = 0; i < 2; i++)
    pthread_join(workers[i].thread, 0);
  return reset_count;
}

/* Near misses. */

static long results[4];

static void *result_main(void *arg) {
  struct indexer *me = arg;
  results[me->id] = 2L * me->id;
  return 0;
}

long results_after_join_loop(void) {
  struct indexer workers[4];
  for (int i = 0; i < 4; i++) {
    workers[i].id = i;
    pthread_create(&workers[i].thread, 0, result_main, &workers[i]);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(workers[i].thread, 0);
  long sum = 0;
  for (int i = 0; i < 4; i++)
    sum += results[i];
  return sum;
}

static struct table quiet_table;

static void *quiet_main(void *arg) {
  struct acceptor *a = arg;
  a->table->active++;
  return 0;
}

static void acceptor_stop(struct acceptor *a) { pthread_join(a->thread, 0); }
void acceptor_wait(struct acceptor *a); // defined elsewhere: it may join

int read_after_join(void) {
  struct acceptor acc = {.table = &quiet_table, .backlog = 1};
  if (pthread_create(&acc.thread, 0, quiet_main, &acc) != 0)
    return table_active(&quiet_table); // the launch failed: nothing runs
  pthread_join(acc.thread, 0);
  return table_active(&quiet_table);
}

int read_after_stop(void) {
  struct acceptor acc = {.table = &quiet_table, .backlog = 1};
  if (pthread_create(&acc.thread, 0, quiet_main, &acc) != 0)
    return -1;
  acceptor_stop(&acc);
  return table_active(&quiet_table);
}

int read_after_unseen_wait(void) {
  struct acceptor acc = {.table = &quiet_table, .backlog = 1};
  if (pthread_create(&acc.thread, 0, quiet_main, &acc) != 0)
    return -1;
  acceptor_wait(&acc);
  return table_active(&quiet_table);
}

static void *spare_main(void *arg) {
  struct transfer *t = arg;
  t->dl->received = t->dl->total;
  return 0;
}

unsigned long other_download(void) {
  struct download mine = {0, 8, 0}, other = {0, 8, 0};
  struct transfer tr, spare;
  tr.dl = &mine;
  spare.dl = &other;
  if (pthread_create(&tr.tid, 0, spare_main, &tr) != 0)
    return 0;
  unsigned long seen = progress_of(spare.dl); // another download
  pthread_join(tr.tid, 0);
  return seen + progress_of(tr.dl);
}
