// Which functions a forked child of a multithreaded process may call before
// it execs: the async-signal-safe functions of POSIX (signal-safety(7)), and
// the calls that end the child's copy of the parent's image (exec*, _exit).
#ifndef PARLINT_CHECKS_MODEL_SIGNALSAFETY_H
#define PARLINT_CHECKS_MODEL_SIGNALSAFETY_H

#include "clang/AST/Decl.h"

namespace clang::tidy::parlint {

/// A C library function that POSIX lists as async-signal-safe (the list of
/// signal-safety(7), POSIX.1-2008 TC2), or one of the few Linux system-call
/// wrappers children commonly call before exec (dup3, pipe2, prctl,
/// setrlimit, close_range, ...). Matched by name on functions of the global
/// namespace (also reached through std::).
bool isAsyncSignalSafe(const FunctionDecl *Function);

/// exec* (execl, execle, execlp, execv, execve, execvp, execvpe, fexecve,
/// execveat), _exit or _Exit: after it, nothing of the parent's image runs.
/// exit() is not one: it runs atexit handlers and flushes stdio.
bool replacesOrEndsImage(const FunctionDecl *Function);

} // namespace clang::tidy::parlint

#endif
