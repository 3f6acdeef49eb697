// RUN-STD: c++20
// Templates (each instantiation analyzed, reported once), macros, C++20.
#include <concepts>
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

void runChild();

#define SPAWN_CHILD(pid)                                                       \
  do {                                                                         \
    (pid) = fork();                                                            \
    if ((pid) == 0) {                                                          \
      runChild();                                                              \
      _exit(0);                                                                \
    }                                                                          \
  } while (0)

#define REAP(pid) waitpid((pid), nullptr, 0)

// A template instantiated twice: one report.
template <typename Task> void launch(Task task) {
  // EXPECT-WARNING@+1:15 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  pid_t pid = fork();
  if (pid == 0) {
    task();
    _exit(0);
  }
  if constexpr (sizeof(Task) > 64)
    std::puts("large task");
// EXPECT-NOTE@+1:1 'pid' is not waited for when the function ends here
}

void useLaunch() {
  launch([] { runChild(); });
  launch([] { std::puts("child"); });
}

// The fork written in a macro, never reaped.
void macroSpawn() {
  pid_t pid;
  // EXPECT-WARNING@+1:3 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  SPAWN_CHILD(pid);
// EXPECT-NOTE@+1:1 'pid' is not waited for when the function ends here
}

// near-miss: spawned and reaped through macros.
void macroSpawnReaped() {
  pid_t pid;
  SPAWN_CHILD(pid);
  REAP(pid);
}

// A constrained template (C++20) with an early return.
template <std::integral Code> Code checked(Code code) {
  // EXPECT-WARNING@+1:15 child process started by fork can be left unwaited when the function returns, so it stays a zombie after it exits; waitpid() 'pid' on every path in the parent
  pid_t pid = fork();
  if (pid == 0)
    _exit(static_cast<int>(code));
  if (code < 0)
    // EXPECT-NOTE@+1:5 'pid' is not waited for when the function returns here
    return code;
  waitpid(pid, nullptr, 0);
  return 0;
}

int useChecked() { return checked(3) + static_cast<int>(checked(4L)); }

// near-miss: the if-with-initializer form of C++17, waited.
void ifWithInitializer() {
  if (pid_t pid = fork(); pid == 0) {
    runChild();
    _exit(0);
  } else if (pid > 0) {
    waitpid(pid, nullptr, 0);
  }
}

// near-miss: a template that waits.
template <typename Task> int launchAndWait(Task task) {
  pid_t pid = fork();
  if (pid == 0) {
    task();
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

int useLaunchAndWait() {
  return launchAndWait([] { runChild(); });
}
