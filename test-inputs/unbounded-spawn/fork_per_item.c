/* A C program that forks a worker per input line and never limits them. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

void process_line(const char *line);

void fork_per_line(FILE *input) {
  char line[256];
  // EXPECT-NOTE@+1:3 the loop's condition reads input, so it runs once per input
  while (fgets(line, sizeof line, input)) {
    // EXPECT-WARNING@+1:17 calling fork on every iteration of a loop without a small bound creates an unbounded number of processes; use a bounded pool
    pid_t pid = fork();
    if (pid == 0) {
      process_line(line);
      _exit(0);
    }
  }
  while (wait(NULL) > 0) {
  }
}

/* near-miss: each child runs a program and is waited for. */
void run_each(FILE *input) {
  char line[256];
  while (fgets(line, sizeof line, input)) {
    pid_t pid = fork();
    if (pid == 0) {
      execlp("sh", "sh", "-c", line, (char *)NULL);
      _exit(127);
    }
    waitpid(pid, NULL, 0);
  }
}

/* near-miss: a fixed number of workers. */
void four_workers(void) {
  for (int i = 0; i < 4; ++i)
    if (fork() == 0)
      _exit(0);
  while (wait(NULL) > 0) {
  }
}
