// RUN-ARGS: -D_GNU_SOURCE
/* Mirrors: libuv/libuv src/unix/process.c:802 (unbounded-spawn, posix_spawn).
 * execvpe emulation: try posix_spawn with each PATH entry in turn; a failure
 * (ENOENT, EACCES) moves on to the next entry, and success leaves the loop
 * (here: return). At most ONE process is ever created, however long PATH is.
 * parlint must stay silent. (It currently also notes "the loop has no exit
 * condition", although the loop has breaks.) */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

extern char **environ;

/* near-miss: the spawn that succeeds ends the loop. */
int spawn_in_path(pid_t *pid, const char *path, const char *file, char *const argv[]) {
  const char *p, *z;
  int err = ENOENT;
  for (p = path;; p = z) {
    char candidate[4096];
    z = strchr(p, ':');
    if (!z)
      z = p + strlen(p);
    snprintf(candidate, sizeof candidate, "%.*s/%s", (int)(z - p), p, file);
    do
      err = posix_spawn(pid, candidate, NULL, NULL, argv, environ);
    while (err == EINTR);
    switch (err) {
    case ENOENT:
    case EACCES:
      break; /* try the next entry */
    default:
      return err; /* 0 (started) or a hard error */
    }
    if (!*z++)
      break;
  }
  return err;
}

/* near-miss: same with fork-free retry until success, success breaks. */
int spawn_first_found(pid_t *pid, char *const candidates[], int n, char *const argv[]) {
  for (int i = 0; i < n; ++i) {
    if (posix_spawn(pid, candidates[i], NULL, NULL, argv, environ) == 0)
      return 0;
  }
  return ENOENT;
}

/* Positive counterpart: one process per input line, success does not stop the loop. */
void spawn_per_line(FILE *in, char *const argv[]) {
  char line[4096];
  pid_t pid;
  // EXPECT-NOTE@+1:3 the loop's condition reads input, so it runs once per input
  while (fgets(line, sizeof line, in)) {
    line[strcspn(line, "\n")] = 0;
    // EXPECT-WARNING@+1:5 calling posix_spawn on every iteration of a loop without a small bound creates an unbounded number of processes; use a bounded pool
    posix_spawn(&pid, line, NULL, NULL, argv, environ); /* a warning is expected here */
  }
}
