// What parlint-large-copy-to-worker needs to know about one worker launch:
// which arguments are decay-copied into the new thread, which callable runs
// there, and which parameter of that callable receives each argument.
#ifndef PARLINT_CHECKS_LARGECOPYLAUNCH_H
#define PARLINT_CHECKS_LARGECOPYLAUNCH_H

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

enum class LaunchKind { Thread, JThread, Async, ThreadEmplace };

struct WorkerLaunch {
  const Expr *Launch = nullptr;
  LaunchKind Kind = LaunchKind::Thread;
  /// The arguments after the callable: each is decay-copied into the worker.
  llvm::SmallVector<const Expr *, 4> Arguments;
  /// A lambda written in place as the callable (its captures are copies too).
  const LambdaExpr *Lambda = nullptr;
  /// The function that receives Arguments, when it is known and not a template.
  const FunctionDecl *Worker = nullptr;
  /// Parameter index of Worker that receives Arguments[I] is I + ParamShift
  /// (-1 for a pointer to member: Arguments[0] is the object; +1 for a
  /// jthread worker taking a std::stop_token first).
  int ParamShift = 0;

  /// The parameter of Worker receiving Arguments[Index], or null.
  const ParmVarDecl *parameterFor(unsigned Index) const;
  /// "thread" or "task", for messages.
  llvm::StringRef workerNoun() const;
};

/// Splits a matched launch (std::thread/jthread construction, std::async call,
/// emplace_back into a container of threads) into callable and arguments.
WorkerLaunch describeLaunch(const Expr *Launch, LaunchKind Kind);

} // namespace clang::tidy::parlint

#endif
