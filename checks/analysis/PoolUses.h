// Sorts every reference to a thread-pool variable inside one function into
// what the shutdown analysis needs: calls of a shutdown method, uses that may
// queue work, deletes of an owning pointer, and escapes (any use through
// which code we cannot see could shut the pool down or take it over).
#ifndef PARLINT_CHECKS_ANALYSIS_POOLUSES_H
#define PARLINT_CHECKS_ANALYSIS_POOLUSES_H

#include "../common/AnalysisCache.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::parlint {

/// How the analysed variable holds the pool.
enum class PoolHandleKind {
  Object,       ///< the variable is the pool
  OwningPointer ///< the variable points to a pool created with new
};

/// Names the classification depends on.
struct PoolUseRules {
  /// Member functions that finish the pool's queued work (e.g. join, wait).
  llvm::ArrayRef<llvm::StringRef> ShutdownMethods;
  /// Qualified names of functions that take the pool by non-const reference
  /// only to queue work on it (boost::asio::post, ...): not escapes.
  llvm::ArrayRef<llvm::StringRef> WorkFunctions;
};

struct PoolUses {
  /// Some use hands the pool to code that may shut it down or own it.
  bool Escapes = false;
  /// Shutdown-method calls made by the function itself (not in lambdas).
  llvm::SmallPtrSet<const Stmt *, 4> ShutdownCalls;
  /// Expressions that may queue work: references to the pool and lambdas
  /// that use it.
  llvm::SmallPtrSet<const Stmt *, 8> WorkUses;
  /// delete-expressions of an owning pointer.
  llvm::SmallPtrSet<const Stmt *, 2> Deletes;
};

PoolUses collectPoolUses(const VarDecl &Var, PoolHandleKind Kind,
                         const FunctionAnalysis &Parents, ASTContext &Context,
                         const PoolUseRules &Rules);

/// What one use of a pool object does (the classification collectPoolUses
/// applies to each reference to a local), for pools that are not locals: a
/// member of `*this` (`pool_`), for FunctionSummaries.
enum class PoolUseKind { Work, Query, Shutdown, Delete, Escape };
struct PoolUse {
  PoolUseKind Kind = PoolUseKind::Escape;
  /// Shutdown: the call; Work: the call that queues the work.
  const Stmt *Call = nullptr;
  /// Work: the future the queueing call returns is waited in this body.
  bool Awaited = false;
};
/// Use is an expression designating the pool object itself, inside
/// Parents' body.
PoolUse classifyPoolUse(const Expr &Use, const FunctionAnalysis &Parents,
                        const PoolUseRules &Rules);

/// True if \p Name (a qualified name such as "boost::asio::post") is one of
/// \p Names, which may be written with or without a leading "::".
bool isListedName(llvm::StringRef Name, llvm::ArrayRef<llvm::StringRef> Names);

} // namespace clang::tidy::parlint

#endif
