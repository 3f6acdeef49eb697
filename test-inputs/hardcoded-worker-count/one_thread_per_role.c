/* A loop that starts one dedicated thread per kind of background job: each
 * thread is handed its index as the kind and branches on it against the
 * job kinds (`if (type == JOB_CLOSE_FILE) ... else if (type ==
 * JOB_FSYNC)`). The count is the number of kinds, not a pool size to take
 * from the machine: silent. A loop of identical workers, where only worker
 * 0 does something extra (`if (id == 0)`), or whose workers branch on a
 * mode every launch shares, is a pool of four: reported. */
#include <pthread.h>
#include <stdio.h>

#define JOB_CLOSE_FILE 0
#define JOB_FSYNC 1
#define JOB_KINDS 2
// EXPECT-NOTE@+2:22 'POOL_WORKERS' is defined as 4 here
// EXPECT-NOTE@+1:22 'POOL_WORKERS' is defined as 4 here
#define POOL_WORKERS 4

static void *background_jobs(void *arg) {
  unsigned long type = (unsigned long)arg;
  if (type == JOB_CLOSE_FILE)
    puts("closing files");
  else if (type == JOB_FSYNC)
    puts("syncing");
  return 0;
}

void start_background_jobs(void) {
  pthread_t thread;
  for (int j = 0; j < JOB_KINDS; j++) {
    void *arg = (void *)(unsigned long)j;
    if (pthread_create(&thread, 0, background_jobs, arg) == 0)
      pthread_detach(thread);
  }
}

static void *pool_worker(void *arg) {
  unsigned long id = (unsigned long)arg;
  if (id == 0)
    puts("leader");
  puts("working");
  return 0;
}

void start_pool(void) {
  pthread_t threads[POOL_WORKERS];
  // EXPECT-WARNING@+1:3 hardcoded worker count: this loop starts 4 threads whatever the machine ('POOL_WORKERS' is the literal 4); use sysconf(_SC_NPROCESSORS_ONLN) or a configured count instead of the literal
  for (unsigned long i = 0; i < POOL_WORKERS; i++)
    pthread_create(&threads[i], 0, pool_worker, (void *)i);
  for (int i = 0; i < POOL_WORKERS; i++)
    pthread_join(threads[i], 0);
}

static void *mode_worker(void *arg) {
  int mode = *(int *)arg;
  switch (mode) {
  case 1:
    puts("fast");
    break;
  case 2:
    puts("slow");
    break;
  }
  return 0;
}

void start_mode_pool(int mode) {
  pthread_t threads[POOL_WORKERS];
  // EXPECT-WARNING@+1:3 hardcoded worker count: this loop starts 4 threads whatever the machine ('POOL_WORKERS' is the literal 4); use sysconf(_SC_NPROCESSORS_ONLN) or a configured count instead of the literal
  for (int i = 0; i < POOL_WORKERS; i++)
    pthread_create(&threads[i], 0, mode_worker, &mode);
  for (int i = 0; i < POOL_WORKERS; i++)
    pthread_join(threads[i], 0);
}
