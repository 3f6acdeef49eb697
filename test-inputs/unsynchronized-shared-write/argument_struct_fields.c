// C: each thread gets its own argument struct, and a pointer in it that
// every launch sets to one shared object.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORKERS 4

long measure(long seed);

struct hist_job {
  const unsigned char *data;
  size_t begin, end;
  unsigned long *hist; // the same table for every job
};

static void *countBytes(void *arg) {
  struct hist_job *job = arg;
  for (size_t i = job->begin; i < job->end; i++)
    // EXPECT-WARNING@+1:5 unsynchronized write to '*hist' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    job->hist[job->data[i]]++;
  return NULL;
}

void histogram(const unsigned char *data, size_t len, unsigned long hist[256]) {
  pthread_t ids[WORKERS];
  struct hist_job jobs[WORKERS];
  size_t chunk = len / WORKERS;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int t = 0; t < WORKERS; t++) {
    jobs[t].data = data;
    jobs[t].begin = (size_t)t * chunk;
    jobs[t].end = (size_t)(t + 1) * chunk;
    jobs[t].hist = hist;
    pthread_create(&ids[t], NULL, countBytes, &jobs[t]);
  }
  for (int t = 0; t < WORKERS; t++)
    pthread_join(ids[t], NULL);
}

struct summary {
  pthread_mutex_t lock;
  long samples;
  long worst;
  char last_error[64];
};

struct probe {
  int id;
  struct summary *sum;
};

static void *runProbe(void *arg) {
  struct probe *p = (struct probe *)arg;
  struct summary *s = p->sum; // a copy of the shared pointer
  long value = measure(p->id);
  pthread_mutex_lock(&s->lock);
  s->samples++;
  pthread_mutex_unlock(&s->lock);
  if (value > s->worst)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'sum.worst' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    s->worst = value;
  if (value < 0)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'sum.last_error' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    snprintf(p->sum->last_error, sizeof p->sum->last_error, "probe %d", p->id);
  return NULL;
}

long probeAll(void) {
  struct summary sum = {.samples = 0, .worst = 0};
  pthread_mutex_init(&sum.lock, NULL);
  pthread_t ids[WORKERS];
  struct probe probes[WORKERS];
  // EXPECT-NOTE@+2:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < WORKERS; i++) {
    probes[i] = (struct probe){.id = i, .sum = &sum};
    pthread_create(&ids[i], NULL, runProbe, &probes[i]);
  }
  for (int i = 0; i < WORKERS; i++)
    pthread_join(ids[i], NULL);
  pthread_mutex_destroy(&sum.lock);
  return sum.worst + sum.samples;
}

// near-miss: the shared object is only written under its lock.
static void *lockedProbe(void *arg) {
  struct probe *p = arg;
  long value = measure(p->id);
  pthread_mutex_lock(&p->sum->lock);
  p->sum->samples++;
  if (value > p->sum->worst)
    p->sum->worst = value;
  snprintf(p->sum->last_error, sizeof p->sum->last_error, "probe %d", p->id);
  pthread_mutex_unlock(&p->sum->lock);
  return NULL;
}

long probeAllLocked(void) {
  struct summary sum = {.samples = 0, .worst = 0};
  pthread_mutex_init(&sum.lock, NULL);
  pthread_t ids[WORKERS];
  struct probe probes[WORKERS];
  for (int i = 0; i < WORKERS; i++) {
    probes[i].id = i;
    probes[i].sum = &sum;
    pthread_create(&ids[i], NULL, lockedProbe, &probes[i]);
  }
  for (int i = 0; i < WORKERS; i++)
    pthread_join(ids[i], NULL);
  return sum.worst;
}

struct fill_job {
  double *out; // one output array, each job its own range of it
  char *scratch;
  size_t begin, end;
};

static void *fillRange(void *arg) {
  struct fill_job *job = arg;
  for (size_t i = job->begin; i < job->end; i++)
    job->out[i] = (double)i * 0.5;
  memset(job->scratch, 0, 64);
  job->scratch[0] = 'x';
  return NULL;
}

// near-miss: the shared array is written in each job's own range; the
// scratch buffer is a new one per launch (the variable is reassigned).
void fillAll(double *out, size_t len) {
  pthread_t ids[WORKERS];
  struct fill_job jobs[WORKERS];
  char *scratch;
  for (int t = 0; t < WORKERS; t++) {
    scratch = malloc(64);
    jobs[t].out = out;
    jobs[t].scratch = scratch;
    jobs[t].begin = (size_t)t * (len / WORKERS);
    jobs[t].end = (size_t)(t + 1) * (len / WORKERS);
    pthread_create(&ids[t], NULL, fillRange, &jobs[t]);
  }
  for (int t = 0; t < WORKERS; t++) {
    pthread_join(ids[t], NULL);
    free(jobs[t].scratch);
  }
}

// near-miss: every launch gets its own table (the field varies per launch).
void histogramsApart(const unsigned char *data, size_t len,
                     unsigned long tables[WORKERS][256]) {
  pthread_t ids[WORKERS];
  struct hist_job jobs[WORKERS];
  for (int t = 0; t < WORKERS; t++) {
    jobs[t].data = data;
    jobs[t].begin = 0;
    jobs[t].end = len;
    jobs[t].hist = tables[t];
    pthread_create(&ids[t], NULL, countBytes, &jobs[t]);
  }
  for (int t = 0; t < WORKERS; t++)
    pthread_join(ids[t], NULL);
}

// near-miss: one launch, no other thread touches the table.
void histogramOnce(const unsigned char *data, size_t len, unsigned long hist[256]) {
  pthread_t id;
  struct hist_job job = {data, 0, len, hist};
  pthread_create(&id, NULL, countBytes, &job);
  pthread_join(id, NULL);
}
