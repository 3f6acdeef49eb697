// Whether the workers a loop spawns into a container can move onto a bounded
// pool by a mechanical rewrite that keeps the program's behaviour, and which
// statements the rewrite touches. Three shapes qualify, each only when every
// use of the container is one the rewrite accounts for:
//  - Futures: a container of std::future filled with std::async in the loop;
//    the call becomes pool.submit(...), which returns the same future, and
//    the code that collects the futures stays;
//  - Threads: a container of std::thread filled in the loop (emplace_back /
//    push_back(std::thread(...))) and joined by one later join-all
//    statement; the container becomes the pool, the spawn pool.post(...),
//    the join-all pool.wait_idle();
//  - JThreads: the same with std::jthread, the join-all optional (the
//    container's destructor joins them, as the pool's does).
#ifndef PARLINT_CHECKS_ANALYSIS_POOLREWRITEPLAN_H
#define PARLINT_CHECKS_ANALYSIS_POOLREWRITEPLAN_H

#include "SpawnHandle.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

enum class PoolRewriteShape { Futures, Threads, JThreads };

/// Why a spawn cannot be rewritten mechanically.
enum class PoolRewriteBlocker {
  None,
  NotAContainer,     ///< the handle is not kept in a local container
  ContainerEscapes,  ///< moved, returned, captured, passed on, not understood
  OtherUse,          ///< a use the rewrite does not account for (an element
                     ///< named, cleared, a second store, ...)
  Detached,          ///< some thread is detached
  NoJoinAll,         ///< threads not joined by one later join-all statement
                     ///< in the same block (also: a conditional join)
  ReferenceArgument, ///< std::ref/std::cref into a callable whose parameters
                     ///< are unknown: submit unwraps them, std::async not
  StopToken,         ///< std::jthread would pass the callable a stop token
  TaskWaits,         ///< the task waits for another thread: a bounded pool
                     ///< can deadlock
  ThreadIdentity,    ///< the task uses thread_local state or its thread id,
                     ///< which a pool's reused workers share
  OtherSpawn,        ///< another worker starts in the same loop
  Placement,         ///< no place for the pool (the loop is not a statement
                     ///< of a block, a switch or goto could jump past it)
  Spelling,          ///< macros, `auto`, an initializer, explicit template
                     ///< arguments: the text to rewrite is not plain
};

struct PoolRewritePlan {
  PoolRewriteShape Shape = PoolRewriteShape::Futures;
  const VarDecl *Container = nullptr;
  /// The input loop: Futures declare the pool just before it.
  const Stmt *Loop = nullptr;
  /// The container's call that stores the spawn (emplace_back, push_back).
  const CXXMemberCallExpr *Store = nullptr;
  /// Threads and JThreads: the declaration of the container.
  const DeclStmt *Declaration = nullptr;
  /// Threads (and JThreads, when present): the join-all statement.
  const Stmt *JoinAll = nullptr;
  /// Threads and JThreads: reserve() statements, dropped with the container.
  llvm::SmallVector<const Stmt *, 1> Dropped;
};

struct PoolRewriteVerdict {
  std::optional<PoolRewritePlan> Plan;
  PoolRewriteBlocker Blocker = PoolRewriteBlocker::None;
};

/// Plans the rewrite of the spawn at Site, started on every iteration of
/// Loop (a loop of Function's body around it) with nothing waiting for it in
/// the loop.
PoolRewriteVerdict planPoolRewrite(const SpawnSite &Site, const Stmt &Loop,
                                   const FunctionAnalysis &Function);

/// What in the task's own code (the lambda's body, the function's definition
/// when it is visible; not the functions it calls) forbids running it on a
/// bounded pool: StopToken, TaskWaits, ThreadIdentity, or None.
PoolRewriteBlocker poolTaskBlocker(const Launch &Spawn);

/// The full statement around S: the outermost expression containing it, or
/// the declaration statement that expression initializes.
const Stmt *enclosingStatement(const Stmt &S, const FunctionAnalysis &Function);

} // namespace clang::tidy::parlint

#endif
