// Facts about the handles a worker launch leaves behind (std::thread,
// std::jthread, std::future, containers of threads, pthread_t, a child's pid,
// thread pools) and what each operation on them means. Written once; every
// check and analysis asks here.
#ifndef PARLINT_CHECKS_MODEL_HANDLES_H
#define PARLINT_CHECKS_MODEL_HANDLES_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Type.h"

namespace clang::tidy::parlint {

enum class HandleType {
  None,
  Thread,           ///< std::thread: terminates if destroyed while joinable
  JThread,          ///< std::jthread: joins in its destructor
  Future,           ///< std::future (std::async's waits in its destructor)
  ThreadContainer,  ///< std::vector/deque/list/forward_list/array of
                    ///< std::thread
  JThreadContainer, ///< the same of std::jthread
  FutureContainer,  ///< the same of std::future
  PosixThread,      ///< pthread_t, or an array of them
  OptionalThread,   ///< std::optional<std::thread>: a thread or none, its
                    ///< engagement a flag of the start (`if (t) t->join()`)
};

/// Whether the type is a standard container of handles (threads, jthreads,
/// futures), whose elements HandleUses follows like one handle.
bool isHandleContainer(HandleType Type);
/// The type of one element of such a container.
HandleType elementTypeOf(HandleType Container);

/// The kind of handle an object of this type is (references are None).
HandleType handleTypeOf(QualType Type);

/// std::thread or std::jthread.
bool isStdThreadClass(const CXXRecordDecl *Record);
bool isStdJThreadClass(const CXXRecordDecl *Record);
/// The element type of a standard container of std::thread or std::jthread
/// (the record the container's first template argument names), or null.
const CXXRecordDecl *threadElementOf(const CXXRecordDecl *Container);

/// What an operation does to the worker behind a handle.
enum class HandleOp {
  Other,  ///< anything else: the handle's fate is unknown from here
  Join,   ///< waits for the worker: join(), pthread_join, waitpid(pid)
  Detach, ///< lets the worker go: detach(), pthread_detach
  Wait,   ///< waits for the result: get(), wait()
  Query,  ///< reads state and changes nothing: joinable(), valid(), get_id(),
          ///< wait_for(), wait_until(), request_stop(), kill()
};

/// The operation a member function of a thread or future is.
HandleOp memberOp(const CXXMethodDecl *Method);
/// The operation a free function is on its handle argument (pthread_join,
/// pthread_detach, waitpid, wait4, waitid, kill, pthread_kill...).
HandleOp freeFunctionOp(const FunctionDecl *Function);

/// pthread_self(): the calling thread's own id, which a thread can hand to
/// whoever will join it, or detach itself with.
bool returnsOwnThreadId(const FunctionDecl *Function);
/// A function of the system's thread library (pthread_*, declared in a
/// system header at global scope) other than pthread_join/pthread_detach
/// given a thread id: it acts on that thread or reads it, and keeps no copy
/// (pthread_equal, pthread_kill, pthread_setname_np, pthread_getattr_np...).
bool onlyActsOnThreadId(const FunctionDecl *Function);

/// A call that waits for any child: wait(), or waitpid(-1 or 0, ...).
bool waitsForAnyChild(const CallExpr &Call);
/// Whether Body (a function's or a lambda's) reaps every child of the
/// process as it exits, whoever started it: a loop around a wait for any
/// child with WNOHANG (`while (waitpid(-1, &st, WNOHANG) > 0)`, the body of
/// a SIGCHLD handler or of an event loop's reaper); a wait for any child
/// inside a lambda (a callback run when a child exits, as with Boost.Asio's
/// `signal_set::async_wait`); the installation of a SIGCHLD handler
/// (`signal`, or `sa_handler`/`sa_sigaction` with `sigaction`), whether it
/// waits itself or only notes the signal for a loop that waits (a flag, a
/// self-pipe, a wake-up of select()). Lambdas inside Body count.
bool reapsEveryChild(const Stmt &Body, ASTContext &Context);
/// Container member functions that store a new element.
bool isStoringMethod(StringRef Name);
/// std::move or std::forward.
bool isStdMove(const CallExpr &Call);

/// A member call on a std::future / std::shared_future after which the caller
/// has waited for the task and can see its result or exception: get(), wait(),
/// and the timed waits wait_for() / wait_until() (memberOp calls those a
/// Query: they do not end the task, but the code then decides knowingly).
bool observesFutureResult(const CXXMethodDecl *Method);

/// fork() or vfork(): returns 0 in the child, -1 on failure, the child's pid
/// in the parent.
bool returnsChildPid(const FunctionDecl *Function);

/// execve and the other exec functions: on success the process runs
/// another program, and nothing after the call runs.
bool replacesProcessImage(const FunctionDecl *Function);

/// A call that sends SIGKILL to its own process, which no handler can stop:
/// pthread_kill(thread, SIGKILL), raise(SIGKILL), kill(getpid() or 0,
/// SIGKILL). Nothing after it runs.
bool killsOwnProcess(const CallExpr &Call, const ASTContext &Context);

/// What the value a starting call returns says about the start.
enum class StartResult {
  None,      ///< nothing (or the call starts nothing)
  ErrorCode, ///< 0: started; anything else: nothing started (pthread_create,
             ///< posix_spawn, posix_spawnp)
  ChildPid,  ///< > 0: started, the child's pid in the parent; 0: this is the
             ///< child, which has no child of its own behind it; < 0: nothing
             ///< started (fork, vfork)
};
StartResult startResultOf(const FunctionDecl *Function);

/// The thread attributes object a call sets to create detached threads:
/// `attr` in `pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED)`
/// (any state but a PTHREAD_CREATE_JOINABLE written as such). Null for other
/// calls.
const Expr *attributesMadeDetachedBy(const CallExpr &Call);
/// The attributes argument of pthread_create, or null.
const Expr *threadAttributesOf(const CallExpr &Create);
/// The argument of a wait call that names the child it waits for: waitpid's
/// and wait4's first, waitid's second. Null for other calls.
const Expr *waitedPidArgument(const CallExpr &Call);
/// Whether S (a statement of the translation unit) makes the kernel reap the
/// process's children by itself, so no child becomes a zombie:
/// `signal(SIGCHLD, SIG_IGN)` (or sigset/bsd_signal), a use of SA_NOCLDWAIT,
/// or `sa.sa_handler = SIG_IGN` next to `sigaction(SIGCHLD, ...)` in Body.
bool ignoresChildExit(const Stmt &Body, ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
