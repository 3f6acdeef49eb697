/* A worker that hands data over (a condition variable, a semaphore) is
 * ordered only with a thread that takes part in the hand-off. A launching
 * thread that never waits for it, and reads what the worker writes under a
 * lock it does not take, races with it. */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

struct queue {
  pthread_mutex_t lock;
  pthread_cond_t changed;
  int length;
  unsigned long accepted;
};

static struct queue g_queue = {PTHREAD_MUTEX_INITIALIZER,
                               PTHREAD_COND_INITIALIZER, 0, 0};
static pthread_mutex_t g_report_lock = PTHREAD_MUTEX_INITIALIZER;

static void *acceptor(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&g_queue.lock);
    g_queue.length++;
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_queue.accepted' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    g_queue.accepted++;
    pthread_cond_broadcast(&g_queue.changed);
    pthread_mutex_unlock(&g_queue.lock);
  }
  return NULL;
}

static unsigned long report(void) {
  pthread_mutex_lock(&g_report_lock);
  unsigned long seen = g_queue.accepted;
  pthread_mutex_unlock(&g_report_lock);
  return seen;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, acceptor, NULL);
  unsigned long seen = 0;
  for (int i = 0; i < 10; i++)
    // EXPECT-NOTE@+1:13 the launching thread reads 'g_queue.accepted' here while the worker may still be running without holding the lock taken at the write
    seen += report();
  pthread_join(t, NULL);
  printf("%lu\n", seen);
  return 0;
}

/* Near miss: the worker posts a semaphore once its result is written, and
 * the launching thread waits for it before reading. */
struct job {
  sem_t done;
  long result;
};

static void *compute(void *arg) {
  struct job *job = arg;
  job->result = 42;
  sem_post(&job->done);
  return NULL;
}

long run_and_wait(void) {
  struct job job;
  sem_init(&job.done, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, compute, &job);
  sem_wait(&job.done);
  long result = job.result;
  pthread_join(t, NULL);
  sem_destroy(&job.done);
  return result;
}
