/* A parent forks n children in one loop and reaps them with n waits for any
 * child in a second loop over the same count: every child is waited for,
 * although each loop could seem to run no trip on its own. Still reported:
 * a second loop that only polls without a wait, and an early return between
 * the two loops. */
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern void work(long n);

int stress(long processes, long loops) {
  long i;
  pid_t pid;
  for (i = 0; i < processes; i++) {
    pid = fork();
    if (pid < 0) {
      printf("fork fail\n");
    } else if (pid == 0) {
      work(loops);
      _exit(0);
    }
  }
  for (i = 0; i < processes; i++)
    pid = wait(NULL);
  return 0;
}

int stressEarlyExit(long processes, long loops) {
  long i;
  pid_t pid;
  for (i = 0; i < processes; i++) {
    // EXPECT-WARNING@+1:11 child process started by fork can be left unwaited when the function returns, so it stays a zombie after it exits; waitpid() 'pid' on every path in the parent
    pid = fork();
    if (pid == 0) {
      work(loops);
      _exit(0);
    }
  }
  if (loops > 1000)
    // EXPECT-NOTE@+1:5 'pid' is not waited for when the function returns here
    return 1;
  for (i = 0; i < processes; i++)
    wait(NULL);
  return 0;
}
