/* Workers that run a callback from their argument struct (`ctx->fn(...)`):
 * a field that only ever holds functions of the program runs one of them,
 * so what every one of them writes, each worker writes. Near misses: a
 * global only one of the callbacks writes, and a table whose callbacks
 * write under one lock. */
#include <pthread.h>
#include <string.h>

struct stage;
typedef int (*stage_fn)(struct stage *s, const char *item);

struct stage {
  const char *name;
  stage_fn fn;
  const char *item;
  int done;
};

static int first_error;
static int decode_failures;

static void note_error(int code) {
  if (first_error == 0)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'first_error' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    first_error = code;
}

static int decode(struct stage *s, const char *item) {
  (void)s;
  if (strchr(item, '{') == 0) {
    decode_failures++;
    note_error(65);
    return -1;
  }
  return 0;
}

static int upload(struct stage *s, const char *item) {
  (void)s;
  if (strlen(item) > 12) {
    note_error(74);
    return -1;
  }
  return 0;
}

static void *run_stage(void *arg) {
  struct stage *s = arg;
  // EXPECT-NOTE@+1:7 the worker makes the write through this call of 'decode'
  if (s->fn(s, s->item) == 0)
    s->done = 1;
  return 0;
}

void run_pipeline(void) {
  struct stage stages[] = {
      {"decode", decode, "{}", 0},
      {"upload", upload, "blob", 0},
  };
  pthread_t t[2];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, run_stage, &stages[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
}

/* Near miss: every callback writes the total under one lock. */
struct job {
  void (*apply)(struct job *j);
  long amount;
};

static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void add(struct job *j) {
  pthread_mutex_lock(&total_lock);
  total += j->amount;
  pthread_mutex_unlock(&total_lock);
}

static void subtract(struct job *j) {
  pthread_mutex_lock(&total_lock);
  total -= j->amount;
  pthread_mutex_unlock(&total_lock);
}

static void *run_job(void *arg) {
  struct job *j = arg;
  j->apply(j);
  return 0;
}

void run_jobs(void) {
  struct job jobs[2] = {{add, 5}, {subtract, 3}};
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, run_job, &jobs[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
}
