// What a function does with one local thread handle (a std::thread, a
// container of them, a pthread_t): where it starts a thread, where it joins
// or detaches it, and whether it lets the handle escape (then nothing can be
// said about it). The result feeds HandleFlow.
#ifndef PARLINT_CHECKS_ANALYSIS_HANDLEUSES_H
#define PARLINT_CHECKS_ANALYSIS_HANDLEUSES_H

#include "../model/Handles.h"
#include "HandleFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

struct HandleUses {
  /// Moved out, returned, stored, captured by reference, passed by non-const
  /// reference or pointer, or anything not understood.
  bool Escapes = false;
  /// detach() is called somewhere: std::jthread would not restore the intent.
  bool Detached = false;
  /// A use that would stop compiling if the variable became a std::jthread.
  bool BlocksJThread = false;
  /// Where threads start and finish, for HandleFlow.
  HandleEvents Events;
  /// For pthread_t: the pthread_create calls that start it, and whether any
  /// pthread_join/pthread_detach names it.
  llvm::SmallVector<const CallExpr *, 2> PosixCreates;
  bool PosixFinished = false;

  /// Whether any thread may run behind the handle at all.
  bool startsAny() const {
    return Events.StartsAtDeclaration || !Events.AtStmt.empty();
  }
};

/// Every use of Var (a local std::thread, container of them, or pthread_t)
/// inside Body. Lambda bodies are not the function's own code: a lambda
/// capturing Var makes it escape.
HandleUses collectHandleUses(const Stmt &Body, const VarDecl &Var,
                             HandleType Type);

} // namespace clang::tidy::parlint

#endif
