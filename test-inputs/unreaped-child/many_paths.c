/* A loop body with many independent branches before and after the fork: so
   many combinations of values that the engine forgets them. A path whose
   values were forgotten cannot tell `pid >= 0` from a failed fork, so it is
   not reported. */
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern int probe(int what);
extern void touch(int what);

/* near-miss: each iteration waits for its child whenever fork succeeded */
int exercise(int rounds) {
  for (int round = 0; round < rounds; ++round) {
    pid_t pid = -1;
    int a = probe(1), b = probe(2), c = probe(3), d = probe(4), e = probe(5),
        f = probe(6);
    if (a < 0)
      goto reap;
    if (b < 0)
      goto reap;
    if (c < 0)
      goto reap;
    pid = fork();
    if (pid == 0)
      _exit(0);
  reap:
    if (a > 0)
      touch(a);
    if (b > 0)
      touch(b);
    if (c > 0)
      touch(c);
    if (d > 0)
      touch(d);
    if (e > 0)
      touch(e);
    if (f > 0)
      touch(f);
    if (pid >= 0)
      (void)waitpid(pid, NULL, 0);
  }
  return 0;
}
