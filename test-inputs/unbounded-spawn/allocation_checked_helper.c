/* C: a helper that allocates a context for each connection, gives up when
 * the allocation fails, and otherwise starts a detached thread for it. The
 * failed allocation is an error exit, not a cap: every call that matters
 * leaves a thread running, and the accept loop calls it for every client. */
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>

struct session {
  int fd;
};
void *session_main(void *arg);

static int start_session(int fd) {
  struct session *s = malloc(sizeof *s);
  if (s == NULL)
    return -1;
  s->fd = fd;
  pthread_t tid;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  // EXPECT-NOTE@+1:7 calling pthread_create here leaves a thread running after 'start_session' returns
  if (pthread_create(&tid, &attr, session_main, s) != 0) {
    free(s);
    return -1;
  }
  return 0;
}

void serve_forever(int listener) {
  // EXPECT-NOTE@+1:3 the loop has no exit condition
  for (;;) {
    int fd = accept(listener, NULL, NULL);
    // EXPECT-WARNING@+1:5 calling 'start_session' on every iteration of a loop without a small bound creates an unbounded number of threads: each call leaves a thread running; use a bounded pool
    start_session(fd);
  }
}

/* near-miss: the early exit tests a pointer the helper did not allocate
 * (a lookup that may find nothing), so the helper starts a thread only
 * sometimes. */
struct session *find_session(int fd);

static void resume_session(int fd) {
  struct session *s = find_session(fd);
  if (!s)
    return;
  pthread_t tid;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_create(&tid, &attr, session_main, s);
}

void resume_forever(int listener) {
  for (;;) {
    int fd = accept(listener, NULL, NULL);
    resume_session(fd);
  }
}
