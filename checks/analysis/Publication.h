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

private:
  bool publishes(const Stmt &Element) const;
  bool blockPublishes(const CFGBlock &Block,
                      llvm::function_ref<bool(const Stmt &)> Counts) const;
  bool destroysObjectAfter(const Stmt &S) const;

  const FunctionAnalysis &Code;
  /// Whole blocks are asked once (many writes share them).
  mutable llvm::DenseMap<const CFGBlock *, bool> PublishingBlocks;
};

} // namespace clang::tidy::parlint

#endif
