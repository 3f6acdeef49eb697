// Compresses rotated logs with gzip while a progress reporter runs.
#include "logscan/logscan.h"

#include <cstdio>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace logscan {

int compressRotated(const std::string &path) {
  std::thread progress(reportProgress);
  pid_t pid = fork();
  if (pid == 0) {
    // The child of a multithreaded process: fprintf can wait forever on the
    // stdio lock the progress thread held at the fork.
    fprintf(stderr, "compressing %s\n", path.c_str());
    execlp("gzip", "gzip", path.c_str(), (char *)nullptr);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  progress.join();
  return status;
}

// Correct: the child only makes async-signal-safe calls before exec.
int compressQuietly(const std::string &path) {
  std::thread progress(reportProgress);
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    execlp("gzip", "gzip", path.c_str(), (char *)nullptr);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  progress.join();
  return status;
}

} // namespace logscan
