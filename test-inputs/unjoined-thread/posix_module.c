/* A C module that starts a thread per command, the way a server plugin does:
 * the thread is never joined nor detached. parlint analyses C as well. */
#include <pthread.h>
#include <stdlib.h>

typedef struct Request { int id; } Request;

static void *serve(void *arg) {
  free(arg);
  return NULL;
}

int handleCommand(int id) {
  pthread_t tid;
  Request *request = malloc(sizeof *request);
  request->id = id;
  // EXPECT-WARNING@+1:7 thread started by pthread_create is never joined or detached in this function, which leaks it; call pthread_join or pthread_detach on 'tid'
  if (pthread_create(&tid, NULL, serve, request) != 0) {
    free(request);
    return -1;
  }
  return 0;
}

/* near-miss: the thread is detached once it started. */
int handleDetached(int id) {
  pthread_t tid;
  Request *request = malloc(sizeof *request);
  request->id = id;
  if (pthread_create(&tid, NULL, serve, request) != 0) {
    free(request);
    return -1;
  }
  pthread_detach(tid);
  return 0;
}

/* near-miss: the thread id is handed to the caller, who joins it. */
int startFor(int id, pthread_t *out) {
  Request *request = malloc(sizeof *request);
  request->id = id;
  return pthread_create(out, NULL, serve, request);
}

/* near-miss: every worker is joined after the loop. */
void runAll(void) {
  pthread_t workers[4];
  for (int i = 0; i < 4; ++i)
    pthread_create(&workers[i], NULL, serve, NULL);
  for (int i = 0; i < 4; ++i)
    pthread_join(workers[i], NULL);
}
