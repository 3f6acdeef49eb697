// What keeps a spawned thread or process, and whether the same loop
// iteration waits for it, for parlint-unbounded-spawn. A spawn that the
// iteration waits for (join, get, waitpid, a std::jthread or std::async future
// destroyed at the end of the iteration) runs one at a time: bounded.
#ifndef PARLINT_CHECKS_UNBOUNDEDSPAWNHANDLES_H
#define PARLINT_CHECKS_UNBOUNDEDSPAWNHANDLES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::parlint::spawn {

enum class SpawnKind { Thread, JThread, Async, PthreadCreate, Process };

struct SpawnSite {
  const Expr *Spawn = nullptr;
  SpawnKind Kind = SpawnKind::Thread;
  /// The variable, container or field the handle is stored in, if any.
  const ValueDecl *Holder = nullptr;
  /// Waited for within its own full-expression: `std::thread(f).join()`,
  /// `std::async(f).get()`, a discarded future or thread temporary, a future
  /// assigned over another one (the old one's destructor waits).
  bool WaitedAtOnce = false;
};

/// Finds where the handle of the spawn goes.
SpawnSite describeSpawn(const Expr &Spawn, SpawnKind Kind, ASTContext &Ctx);

/// Whether every spawn of one iteration of the loop with this body is waited
/// for, or destroyed (which waits or terminates), before the next iteration.
bool isWaitedWithin(const SpawnSite &Site, const Stmt &LoopBody,
                    ASTContext &Ctx);

} // namespace clang::tidy::parlint::spawn

#endif
