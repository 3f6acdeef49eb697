// Whether anything after a write can publish it to another thread: a lock
// taken or released, a hand-off that releases (an atomic store, a
// semaphore's post, a promise's value), code that may do either, or a
// guard's destructor at the end of a block around the write. A condition
// variable's notify is not one: it wakes a waiter, and only the mutex the
// waiter takes again orders what the notifier wrote before it released that
// mutex. Nor is a wait that only takes (`sem_wait`, a future's `get`, an
// atomic load): it orders what comes after it, not what came before.
#ifndef PARLINT_CHECKS_ANALYSIS_PUBLICATION_H
#define PARLINT_CHECKS_ANALYSIS_PUBLICATION_H

#include "../common/AnalysisCache.h"
#include "LockKeys.h"
#include "SummaryWrites.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::parlint {

class PublicationPaths {
public:
  explicit PublicationPaths(const FunctionAnalysis &Code) : Code(Code) {}

  /// Whether a path of Code from S (a statement of its own, not of a lambda
  /// inside) reaches something that may publish what S wrote. True when
  /// the paths cannot be told.
  bool mayPublishAfter(const Stmt &S) const;
  /// The same, counting only what Counts accepts of the statements that
  /// may publish (the launching thread's, while a worker still runs).
  bool mayPublishAfter(const Stmt &S,
                       llvm::function_ref<bool(const Stmt &)> Counts) const;

  /// The mutexes that paths of Code from S may release (those held at S,
  /// those taken after it), when releasing them is all those paths may do
  /// to publish; nullopt when they may also hand off, run code parlint
  /// cannot see, or run a destructor of the program's.
  std::optional<LockKeys> locksReleasedAfter(const Stmt &S) const;

private:
  bool publishes(const Stmt &Element) const;
  /// Visits the statements on paths from S (the rest of S's element, then
  /// every block reachable after it) until Visit returns true; false when
  /// it never did, true when the paths cannot be told. VisitBlock, when
  /// given, is asked for whole blocks after S's own instead.
  bool anyAfter(const Stmt &S, llvm::function_ref<bool(const Stmt &)> Visit,
                llvm::function_ref<bool(const CFGBlock &)> VisitBlock = nullptr) const;
  /// Visits the locals declared before S in the blocks around it, whose
  /// destructors run after S, until Visit returns true.
  bool anyDestroyedAfter(const Stmt &S,
                         llvm::function_ref<bool(const VarDecl &)> Visit) const;
  bool blockPublishes(const CFGBlock &Block,
                      llvm::function_ref<bool(const Stmt &)> Counts) const;
  bool destroysObjectAfter(const Stmt &S) const;

  const FunctionAnalysis &Code;
  /// Whole blocks are asked once (many writes share them).
  mutable llvm::DenseMap<const CFGBlock *, bool> PublishingBlocks;
  mutable llvm::DenseMap<const CFGBlock *, SummaryWrites::Locking> ReleasingBlocks;
};

} // namespace clang::tidy::parlint

#endif
