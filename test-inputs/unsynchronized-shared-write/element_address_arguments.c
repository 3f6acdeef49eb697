/* A helper given an element's address straight in the call
 * (`finish_job(&s->jobs[i], ...)`, `job_latency(&s.jobs[i])`) touches that
 * element of the array. A worker writing it that way meets the launching
 * thread reading it the same way before the join. Near misses: the read
 * after the join, and each worker given its own element. */
#include <pthread.h>

struct job {
  long arg;
  long finished_at;
  long submitted_at;
};

struct scheduler {
  pthread_t thread;
  struct job jobs[4];
};

static void finish_job(struct job *j, long now) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 's.jobs.finished_at' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  j->finished_at = now;
}

static long job_latency(const struct job *j) { return j->finished_at - j->submitted_at; }

static void *scheduler_main(void *arg) {
  struct scheduler *s = arg;
  for (int i = 0; i < 4; i++)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'finish_job'
    finish_job(&s->jobs[i], s->jobs[i].arg * 2);
  return 0;
}

long latency_while_running(void) {
  static struct scheduler s;
  long total = 0;
  if (pthread_create(&s.thread, 0, scheduler_main, &s) != 0)
    return -1;
  for (int i = 0; i < 4; i++)
    // EXPECT-NOTE@+1:14 the launching thread reads 's.jobs.finished_at' here while the worker may still be running
    total += job_latency(&s.jobs[i]);
  pthread_join(s.thread, 0);
  return total;
}

/* Near misses. */

static void *quiet_main(void *arg) {
  struct scheduler *s = arg;
  for (int i = 0; i < 4; i++)
    finish_job(&s->jobs[i], i);
  return 0;
}

long latency_after_join(void) {
  static struct scheduler s;
  long total = 0;
  if (pthread_create(&s.thread, 0, quiet_main, &s) != 0)
    return -1;
  pthread_join(s.thread, 0);
  for (int i = 0; i < 4; i++)
    total += job_latency(&s.jobs[i]);
  return total;
}

static void *one_job(void *arg) {
  finish_job(arg, 1);
  return 0;
}

void each_its_own(void) {
  struct job jobs[4] = {{0, 0, 0}};
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, one_job, &jobs[i]);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}
