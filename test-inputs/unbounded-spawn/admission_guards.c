/* C servers that cap their live children without a plain counter: the
   number of handles in the list they are added to (through a function or a
   count field of the list), the occupied slots of a fixed-size table counted
   in the iteration, or a free slot of such a table. The iteration skips the
   spawn with continue or with a goto past it. Similar guards that cap
   nothing stay reported. */
#include <pthread.h>
#include <stddef.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_SESSIONS 32

struct handle_list;
size_t handle_list_length(const struct handle_list *list);
int handle_list_append(struct handle_list *list, pthread_t *thread);
struct counted_list {
  size_t count;
  size_t capacity;
};
#define counted_list_count(l) ((l)->count)
int counted_list_append(struct counted_list *list, pthread_t *thread);

struct settings {
  size_t max_clients;
};
extern struct settings *settings;

void *session(void *arg);
void handle(int fd);

static int session_pipes[MAX_SESSIONS];

/* near-miss: the list the threads go into is at its configured size. */
void serve_list(int listener, struct handle_list *sessions) {
  for (;;) {
    if (handle_list_length(sessions) >= settings->max_clients)
      continue;
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
      continue;
    pthread_t thread;
    if (pthread_create(&thread, NULL, session, (void *)(long)fd) != 0)
      continue;
    handle_list_append(sessions, &thread);
  }
}

/* near-miss: the same through a count field read by a macro. */
void serve_counted(int listener, struct counted_list *sessions) {
  for (;;) {
    if (counted_list_count(sessions) >= MAX_SESSIONS) {
      sleep(1);
      continue;
    }
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
      continue;
    pthread_t thread;
    counted_list_append(sessions, &thread);
    pthread_create(&thread, NULL, session, (void *)(long)fd);
  }
}

/* near-miss: the occupied slots of the table counted, a goto past the fork. */
void serve_table(int listener) {
  for (;;) {
    size_t busy = 0, j;
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
      continue;
    for (j = 0; j < MAX_SESSIONS; j++)
      if (session_pipes[j] >= 0)
        busy++;
    if (busy >= MAX_SESSIONS)
      goto done;
    if (fork() == 0) {
      handle(fd);
      _exit(0);
    }
  done:
    close(fd);
  }
}

/* near-miss: the fork only when the scan found a free slot. */
void serve_free_slot(int listener) {
  for (;;) {
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
      continue;
    int slot = -1;
    for (int j = 0; j < MAX_SESSIONS; j++)
      if (session_pipes[j] < 0) {
        slot = j;
        break;
      }
    if (slot < 0) {
      close(fd);
      continue;
    }
    int pipe_fds[2];
    if (pipe(pipe_fds) < 0)
      goto skip;
    if (fork() == 0) {
      handle(fd);
      _exit(0);
    }
    session_pipes[slot] = pipe_fds[0];
  skip:
    close(fd);
  }
}

/* The guard counts a list the threads do not go into. */
void serve_other_list(int listener, struct handle_list *sessions,
                      struct handle_list *pending) {
  // EXPECT-NOTE@+1:3 the loop has no exit condition
  for (;;) {
    if (handle_list_length(pending) >= MAX_SESSIONS)
      continue;
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
      continue;
    pthread_t thread;
    // EXPECT-WARNING@+1:5 calling pthread_create on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool
    pthread_create(&thread, NULL, session, (void *)(long)fd);
    handle_list_append(sessions, &thread);
  }
}

/* The guard reads the list's capacity, not how many it holds. */
void serve_capacity(int listener, struct counted_list *sessions) {
  // EXPECT-NOTE@+1:3 the loop has no exit condition
  for (;;) {
    if (sessions->capacity >= MAX_SESSIONS)
      continue;
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
      continue;
    pthread_t thread;
    counted_list_append(sessions, &thread);
    // EXPECT-WARNING@+1:5 calling pthread_create on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool
    pthread_create(&thread, NULL, session, (void *)(long)fd);
  }
}

/* The goto jumps to a label before the fork: it still runs. */
void serve_goto_before(int listener) {
  // EXPECT-NOTE@+1:3 the loop reads input on every iteration, so it runs once per input
  for (;;) {
    size_t busy = 0, j;
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
      continue;
    for (j = 0; j < MAX_SESSIONS; j++)
      if (session_pipes[j] >= 0)
        busy++;
    if (busy >= MAX_SESSIONS)
      goto start;
    close(listener);
  start:
    // EXPECT-WARNING@+1:9 calling fork on every iteration of a loop without a small bound creates an unbounded number of processes; use a bounded pool
    if (fork() == 0) {
      handle(fd);
      _exit(0);
    }
    close(fd);
  }
}

/* The slot is never reset: once one was found, every later iteration forks. */
void serve_stale_slot(int listener) {
  int slot = -1;
  // EXPECT-NOTE@+1:3 the loop has no exit condition
  for (;;) {
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
      continue;
    for (int j = 0; j < MAX_SESSIONS; j++)
      if (session_pipes[j] < 0)
        slot = j;
    if (slot < 0)
      continue;
    // EXPECT-WARNING@+1:9 calling fork on every iteration of a loop without a small bound creates an unbounded number of processes; use a bounded pool
    if (fork() == 0) {
      handle(fd);
      _exit(0);
    }
    close(fd);
  }
}
