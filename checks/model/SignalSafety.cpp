#include "SignalSafety.h"

#include "llvm/ADT/StringSet.h"

namespace clang::tidy::parlint {

namespace {

/// A C function: declared in the global namespace (or extern "C"), reached
/// directly or through a using-declaration in std.
StringRef cFunctionName(const FunctionDecl *Function) {
  if (!Function || !Function->getIdentifier())
    return {};
  const DeclContext *Context = Function->getDeclContext()->getRedeclContext();
  if (!Context->isTranslationUnit() && !Function->isExternC() &&
      !Context->isStdNamespace())
    return {};
  return Function->getName();
}

const llvm::StringSet<> &safeFunctions() {
  // signal-safety(7): the functions POSIX.1 requires to be async-signal-safe.
  static const llvm::StringSet<> Names = {
      "_Exit", "_exit", "abort", "accept", "access", "aio_error",
      "aio_return", "aio_suspend", "alarm", "bind", "cfgetispeed",
      "cfgetospeed", "cfsetispeed", "cfsetospeed", "chdir", "chmod", "chown",
      "clock_gettime", "close", "connect", "creat", "dup", "dup2", "execl",
      "execle", "execv", "execve", "faccessat", "fchdir", "fchmod",
      "fchmodat", "fchown", "fchownat", "fcntl", "fdatasync", "fexecve",
      "ffs", "fork", "fstat", "fstatat", "fsync", "ftruncate", "futimens",
      "getegid", "geteuid", "getgid", "getgroups", "getpeername", "getpgrp",
      "getpid", "getppid", "getsockname", "getsockopt", "getuid", "htonl",
      "htons", "kill", "link", "linkat", "listen", "longjmp", "lseek",
      "lstat", "memccpy", "memchr", "memcmp", "memcpy", "memmove", "memset",
      "mkdir", "mkdirat", "mkfifo", "mkfifoat", "mknod", "mknodat", "ntohl",
      "ntohs", "open", "openat", "pause", "pipe", "poll", "posix_trace_event",
      "pselect", "pthread_kill", "pthread_self", "pthread_sigmask", "raise",
      "read", "readlink", "readlinkat", "recv", "recvfrom", "recvmsg",
      "rename", "renameat", "rmdir", "select", "sem_post", "send", "sendmsg",
      "sendto", "setgid", "setpgid", "setsid", "setsockopt", "setuid",
      "shutdown", "sigaction", "sigaddset", "sigdelset", "sigemptyset",
      "sigfillset", "sigismember", "siglongjmp", "signal", "sigpause",
      "sigpending", "sigprocmask", "sigqueue", "sigset", "sigsuspend",
      "sleep", "sockatmark", "socket", "socketpair", "stat", "stpcpy",
      "stpncpy", "strcat", "strchr", "strcmp", "strcpy", "strcspn", "strlen",
      "strncat", "strncmp", "strncpy", "strnlen", "strpbrk", "strrchr",
      "strspn", "strstr", "strtok_r", "symlink", "symlinkat", "tcdrain",
      "tcflow", "tcflush", "tcgetattr", "tcgetpgrp", "tcsendbreak",
      "tcsetattr", "tcsetpgrp", "time", "timer_getoverrun", "timer_gettime",
      "timer_settime", "times", "umask", "uname", "unlink", "unlinkat",
      "utime", "utimensat", "utimes", "wait", "waitpid", "wcpcpy", "wcpncpy",
      "wcscat", "wcschr", "wcscmp", "wcscpy", "wcscspn", "wcslen", "wcsncat",
      "wcsncmp", "wcsncpy", "wcsnlen", "wcspbrk", "wcsrchr", "wcsspn",
      "wcsstr", "wcstok", "wmemchr", "wmemcmp", "wmemcpy", "wmemmove",
      "wmemset", "write",
      // Linux system-call wrappers that take no lock and allocate nothing,
      // common in a child between fork and exec.
      "dup3", "pipe2", "close_range", "prctl", "setrlimit", "getrlimit",
      "ioctl", "setresuid", "setresgid", "setgroups", "chroot",
      "sched_setaffinity", "setpriority"};
  return Names;
}

} // namespace

bool isAsyncSignalSafe(const FunctionDecl *Function) {
  StringRef Name = cFunctionName(Function);
  return !Name.empty() && safeFunctions().contains(Name);
}

bool replacesOrEndsImage(const FunctionDecl *Function) {
  StringRef Name = cFunctionName(Function);
  return !Name.empty() &&
         llvm::is_contained({"execl", "execle", "execlp", "execv", "execve",
                             "execvp", "execvpe", "fexecve", "execveat",
                             "_exit", "_Exit"},
                            Name);
}

} // namespace clang::tidy::parlint
