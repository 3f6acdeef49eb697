// What a worker launch is, written once for every check: the calls and
// constructions that start a thread, a task or a process, which callable runs
// there, which arguments are decay-copied into it and which parameter of the
// callable receives each.
#ifndef PARLINT_CHECKS_MODEL_LAUNCH_H
#define PARLINT_CHECKS_MODEL_LAUNCH_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::parlint {

enum class LaunchKind {
  Thread,            ///< std::thread constructed from a callable
  JThread,           ///< std::jthread constructed from a callable
  ThreadInContainer, ///< emplace_back/emplace_front/emplace(pos, ...) of a
                     ///< std::thread into a container of them
  JThreadInContainer,
  Async,             ///< std::async
  PthreadCreate,     ///< pthread_create
  Process,           ///< fork, vfork, posix_spawn, posix_spawnp
  AsioPost,          ///< (boost::)asio::post/dispatch/defer onto an executor
  PoolSubmit,        ///< a task queued on a thread pool (model/Pools:
                     ///< parlint::ThreadPool::submit/post, BS, CTPL...)
  ProcessPoolSubmit, ///< parlint::ProcessPool::submit
};

struct Launch {
  const Expr *Call = nullptr;
  LaunchKind Kind = LaunchKind::Thread;
  /// The callable expression, when the launch takes one.
  const Expr *Callable = nullptr;
  /// The arguments after the callable: each is decay-copied into the worker.
  llvm::SmallVector<const Expr *, 4> Arguments;
  /// The lambda the callable is, written in place or held in a local.
  const LambdaExpr *Lambda = nullptr;
  /// The local the lambda is held in, when it is not written in place: the
  /// launch then copies the closure, captures and all, once more.
  const VarDecl *LambdaVariable = nullptr;
  /// The function that receives Arguments, when it is known.
  const FunctionDecl *Worker = nullptr;
  /// Parameter index of Worker that receives Arguments[I] is I + ParamShift
  /// (-1 for a pointer to member: Arguments[0] is the object; +1 for a
  /// jthread worker taking a std::stop_token first).
  int ParamShift = 0;
  /// The container a thread is emplaced into.
  const Expr *Container = nullptr;
  /// std::async: whether the policy may start a thread (the default policy,
  /// or one that includes std::launch::async). An unknown runtime policy
  /// counts as not starting one.
  bool StartsThread = true;

  /// The parameter of Worker receiving Arguments[Index], or null.
  const ParmVarDecl *parameterFor(unsigned Index) const;
  /// A new thread of execution (not a pooled task, not a process).
  bool startsOwnThread() const;
  bool startsProcess() const { return Kind == LaunchKind::Process; }
  /// The launch copies its callable and arguments (decay-copy).
  bool copiesArguments() const;
  /// Whether std::jthread would pass a std::stop_token first to the
  /// callable: it takes one as its first parameter, or its parameters are
  /// not known here (a generic lambda, a functor object).
  bool mayTakeStopToken() const;
  /// "thread", "task" or "process", for messages.
  StringRef workerNoun() const;
  /// "starting a std::thread", "calling fork", ... for messages.
  StringRef description() const;
};

/// The launch S is, if it is one.
std::optional<Launch> describeLaunch(const Stmt &S, ASTContext &Context);

/// Calls Visit on every launch inside Body, lambdas included.
void forEachLaunch(const Stmt &Body, ASTContext &Context,
                   llvm::function_ref<void(const Launch &)> Visit);

} // namespace clang::tidy::parlint

#endif
