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
  Thread,          ///< std::thread: terminates if destroyed while joinable
  JThread,         ///< std::jthread: joins in its destructor
  Future,          ///< std::future (std::async's waits in its destructor)
  ThreadContainer, ///< std::vector/deque/list/forward_list/array of std::thread
  PosixThread,     ///< pthread_t, or an array of them
};

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

/// A call that waits for any child: wait(), or waitpid(-1 or 0, ...).
bool waitsForAnyChild(const CallExpr &Call);
/// Container member functions that store a new element.
bool isStoringMethod(StringRef Name);
/// std::move or std::forward.
bool isStdMove(const CallExpr &Call);

} // namespace clang::tidy::parlint

#endif
