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

/// What one statement naming a container of handles does with it.
enum class ContainerUseKind {
  Store,       ///< push_back, emplace_back, insert...: a new element
  Capacity,    ///< reserve(), shrink_to_fit(): no element changes
  Inspect,     ///< size(), empty(), capacity(), max_size()
  Remove,      ///< clear(), pop_back(), pop_front(), resize(): drops elements
  Element,     ///< one element named: v[i], front(), back(), at()
  EachElement, ///< a range-for over it, or std::for_each over begin()/end()
  ConstRef,    ///< passed as a const reference
};

struct ContainerUse {
  ContainerUseKind Kind;
  /// The member call, the subscript, the range-for or the std::for_each
  /// call (for ConstRef, the call it is passed to).
  const Stmt *Where;
};

struct HandleUses {
  /// Moved out, returned, stored, captured by reference, passed by non-const
  /// reference or pointer, or anything not understood.
  bool Escapes = false;
  /// detach() is called somewhere, or a pthread is created detached (or
  /// detaches itself, or hands its own id over): std::jthread would not
  /// restore the intent, and the thread runs on past the function.
  bool Detached = false;
  /// A use that would stop compiling if the variable became a std::jthread.
  bool BlocksJThread = false;
  /// Where threads start and finish, for HandleFlow.
  HandleEvents Events;
  /// For pthread_t: the pthread_create calls that start a joinable thread
  /// behind it, and whether any pthread_join/pthread_detach names it.
  llvm::SmallVector<const CallExpr *, 2> PosixCreates;
  bool PosixFinished = false;
  /// pthread_create calls given attributes that this function made
  /// detached (`pthread_attr_setdetachstate(&attr,
  /// PTHREAD_CREATE_DETACHED)`): the thread runs on and needs no join; for
  /// HandleFlow they finish the handle.
  llvm::SmallVector<const CallExpr *, 2> DetachedCreates;
  /// pthread_create calls whose start routine detaches itself or hands its
  /// own id over (`pthread_detach(pthread_self())`, `pool->last =
  /// pthread_self()` for a later thread to join; analysis/SelfManagedThreads):
  /// the function rightly keeps no id. Like DetachedCreates, the thread runs
  /// on and the create finishes the handle.
  llvm::SmallVector<const CallExpr *, 2> SelfManagedCreates;
  /// For containers (isHandleContainer): every use but the declaration, in
  /// source order, for rewrites that must account for each one.
  llvm::SmallVector<ContainerUse, 8> ContainerUses;

  /// Whether any thread may run behind the handle at all.
  bool startsAny() const {
    return Events.StartsAtDeclaration || !Events.AtStmt.empty();
  }
};

/// Every use of Var (a local std::thread, std::jthread, std::future, a
/// container of them, or pthread_t) inside Body. Lambda bodies are not the function's own code: a lambda
/// capturing Var makes it escape.
HandleUses collectHandleUses(const Stmt &Body, const VarDecl &Var,
                             HandleType Type);

} // namespace clang::tidy::parlint

#endif
