/* Near misses across functions: pids a helper returns that are kept and
   waited for, helpers that return no pid, callers that wait for any child or
   exit, helpers not known here. All must stay silent. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

void run_child(void);

pid_t spawn_worker(void) {
  pid_t pid = fork();
  if (pid == 0) {
    run_child();
    _exit(0);
  }
  return pid;
}

/* near-miss: the caller keeps the pid and waits for it. */
int kept_and_waited(void) {
  pid_t pid = spawn_worker();
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

/* near-miss: a (void) cast is an explicit discard of the helper's result. */
void explicit_discard(void) { (void)spawn_worker(); }

/* near-miss: the helper returns -1 on failure and 0 on success, never the
   pid, which it keeps itself. */
static pid_t children[16];
static int child_count;
int start_child(void) {
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    run_child();
    _exit(0);
  }
  children[child_count++] = pid;
  return 0;
}
void drop_status(void) { start_child(); }

/* near-miss: the helper waits for the child and returns its status. */
int run_and_wait(void) {
  pid_t pid = fork();
  if (pid == 0) {
    run_child();
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}
void drop_waited(void) { run_and_wait(); }

/* near-miss: the helper waited for the pid before returning it. */
pid_t spawn_and_reap(void) {
  pid_t pid = fork();
  if (pid == 0)
    _exit(0);
  waitpid(pid, NULL, 0);
  return pid;
}
void drop_reaped(void) { spawn_and_reap(); }

/* near-miss: the caller reaps every child with a wait for any child. */
void drop_then_wait_any(void) {
  spawn_worker();
  while (wait(NULL) > 0) {
  }
}

/* near-miss: the caller exits at once: init reaps the orphan. */
void daemonize(void) {
  spawn_worker();
  exit(0);
}

/* near-miss: a helper without a body here, and one through a pointer. */
pid_t spawn_elsewhere(void);
void drop_unknown(pid_t (*spawn)(void)) {
  spawn_elsewhere();
  spawn();
}
