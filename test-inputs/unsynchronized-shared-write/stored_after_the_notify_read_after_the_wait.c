// The launching thread hands a job to a waiting consumer under the lock,
// signals, unlocks, and only then stores the job's checksum; the consumer,
// woken, reads the checksum after its own unlock. Nothing orders the store
// with the read: the signal came before it, and the consumer tells no one
// that it has read. Near misses: the checksum stored under the lock before
// the signal; stored only once the consumer has acknowledged the job; stored
// after the join.
#include <pthread.h>
#include <stdio.h>

struct job {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int ready;
  int acked;
  int payload;
  long checksum;
};

static void *consumer(void *arg) {
  struct job *j = arg;
  pthread_mutex_lock(&j->mu);
  while (!j->ready)
    pthread_cond_wait(&j->cv, &j->mu);
  int p = j->payload;
  pthread_mutex_unlock(&j->mu);
  // EXPECT-NOTE@+1:12 the worker reads 'j.checksum' here
  long c = j->checksum;
  printf("%d %ld\n", p, c);
  return NULL;
}

static void *acknowledging_consumer(void *arg) {
  struct job *j = arg;
  pthread_mutex_lock(&j->mu);
  while (!j->ready)
    pthread_cond_wait(&j->cv, &j->mu);
  long c = j->checksum;
  j->acked = 1;
  pthread_cond_signal(&j->cv);
  pthread_mutex_unlock(&j->mu);
  printf("%ld\n", c);
  return NULL;
}

static void hand_over(struct job *j, int value) {
  pthread_mutex_lock(&j->mu);
  j->payload = value;
  j->ready = 1;
  pthread_cond_signal(&j->cv);
  pthread_mutex_unlock(&j->mu);
}

int main(void) {
  static struct job j = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0};
  pthread_t t, t_locked, t_acked, t_joined;
  // EXPECT-NOTE@+1:3 the worker is started here
  pthread_create(&t, NULL, consumer, &j);
  hand_over(&j, 7);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'j.checksum' while a worker started earlier may be reading it; make it _Atomic or guard every access with one mutex
  j.checksum = 7 * 31L;
  pthread_join(t, NULL);

  static struct job locked = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0};
  pthread_create(&t_locked, NULL, consumer, &locked);
  pthread_mutex_lock(&locked.mu);
  locked.payload = 8;
  locked.checksum = 8 * 31L;
  locked.ready = 1;
  pthread_cond_signal(&locked.cv);
  pthread_mutex_unlock(&locked.mu);
  pthread_join(t_locked, NULL);

  static struct job acked = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0};
  pthread_create(&t_acked, NULL, acknowledging_consumer, &acked);
  hand_over(&acked, 9);
  pthread_mutex_lock(&acked.mu);
  while (!acked.acked)
    pthread_cond_wait(&acked.cv, &acked.mu);
  pthread_mutex_unlock(&acked.mu);
  acked.checksum = 0;
  pthread_join(t_acked, NULL);

  static struct job joined = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0};
  pthread_create(&t_joined, NULL, consumer, &joined);
  hand_over(&joined, 10);
  pthread_join(t_joined, NULL);
  joined.checksum = 10 * 31L;
  return 0;
}
