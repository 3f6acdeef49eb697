// What a function does with one local thread handle: where it starts a
// thread, where it joins or detaches it, and whether it lets the handle escape
// (then parlint-unjoined-thread stays silent about it).
#ifndef PARLINT_CHECKS_THREADJOINUSES_H
#define PARLINT_CHECKS_THREADJOINUSES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

enum class HandleKind {
  None,
  Thread,          // std::thread
  ThreadContainer, // std::vector/deque/list/forward_list/array of std::thread
  PosixThread,     // pthread_t, or an array of them
};

/// The kind of handle a local variable of this type is.
HandleKind handleKindOf(QualType Type);

/// True for the constructors that start a thread: not the default, copy or
/// move ones.
bool isThreadLaunch(const CXXConstructExpr *Construct);

enum class HandleEffect {
  Launch, // the handle now owns a running thread
  Finish, // joined or detached: nothing runs behind it any more
};

struct HandleUses {
  /// Moved out, returned, stored, captured by reference, passed by non-const
  /// reference or pointer, or anything not understood.
  bool Escapes = false;
  /// detach() is called somewhere: std::jthread would not restore the intent.
  bool Detached = false;
  /// A use that would stop compiling if the variable became a std::jthread.
  bool BlocksJThread = false;
  /// The initial state set by the declaration (Launch, or none when the
  /// handle starts empty).
  std::optional<HandleEffect> Initial;
  /// Statements (as they appear in the CFG) that change the handle's state.
  llvm::DenseMap<const Stmt *, HandleEffect> StmtEffects;
  /// Loops that join or detach every element of a container: the effect holds
  /// once control leaves the loop's condition.
  llvm::DenseMap<const Stmt *, HandleEffect> LoopEffects;
  /// For pthread_t: the pthread_create calls that start it, and whether any
  /// pthread_join/pthread_detach names it.
  llvm::SmallVector<const CallExpr *, 2> PosixCreates;
  bool PosixFinished = false;
};

/// Every use of Var (a local of the given kind) inside Body. Lambda bodies are
/// not the function's own code: a lambda capturing Var makes it escape.
HandleUses collectHandleUses(const Stmt *Body, const VarDecl *Var,
                             HandleKind Kind, ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
