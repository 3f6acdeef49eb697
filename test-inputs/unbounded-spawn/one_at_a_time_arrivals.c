/* A loop driven by arrivals (an endless loop, a loop that reads each request)
   that starts one worker and waits for it before the next keeps one alive at
   a time: bounded. (A fork-safety test forking once per step; a server that
   serves one request after another in a child.) */
#include <pthread.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern int next_request(void);
extern void handle(int request);
extern void wait_for_step(void);
static void *serve(void *arg) { return arg; }

/* near-miss: one child per step of an endless loop, each waited */
void fork_every_step(void) {
  for (;;) {
    wait_for_step();
    pid_t child = fork();
    if (child == 0)
      _exit(0);
    (void)waitpid(child, NULL, 0);
  }
}

/* near-miss: one thread per request, joined before the next request */
void serve_one_by_one(void) {
  int request;
  while ((request = next_request()) >= 0) {
    pthread_t worker;
    if (pthread_create(&worker, NULL, serve, &request) != 0)
      continue;
    pthread_join(worker, NULL);
  }
}
