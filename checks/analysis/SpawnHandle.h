// Where the handle of a launch goes, and whether one loop iteration waits
// for it: a launch that the iteration waits for (join, get, waitpid, a
// std::jthread or std::async future destroyed at the end of the iteration)
// runs one at a time.
#ifndef PARLINT_CHECKS_ANALYSIS_SPAWNHANDLE_H
#define PARLINT_CHECKS_ANALYSIS_SPAWNHANDLE_H

#include "../common/AnalysisCache.h"
#include "../model/Launch.h"

namespace clang::tidy::parlint {

struct SpawnSite {
  const Launch *Spawn = nullptr;
  /// The variable, container or field the handle is stored in, if any.
  const ValueDecl *Holder = nullptr;
  /// Waited for within its own full-expression: `std::thread(f).join()`,
  /// `std::async(f).get()`, a discarded future or thread temporary, a future
  /// assigned over another one (the old one's destructor waits).
  bool WaitedAtOnce = false;
  /// The handle's value is dropped where it is made: the call is a statement
  /// of its own or cast to void (`(void)`, `static_cast<void>`), the object of
  /// a member call that does not wait for the worker (`std::async(f).valid()`),
  /// or only compared (`if (fork() == 0)`, `switch (fork())`).
  bool Discarded = false;
};

/// Whether the value of Call goes nowhere (as SpawnSite::Discarded): a
/// statement of its own, cast to void, or the object of a member call that
/// does not wait for or detach it.
bool isResultDiscarded(const Expr &Call, const FunctionAnalysis &Function);

/// Finds where the handle of the launch goes.
SpawnSite describeSpawn(const Launch &Spawn, const FunctionAnalysis &Function);

/// Whether every spawn of one iteration of the loop with this body is waited
/// for, or destroyed (which waits or terminates), before the next iteration.
bool isWaitedWithin(const SpawnSite &Site, const Stmt &LoopBody,
                    ASTContext &Context);

/// Whether the loop with this body stops once a spawn succeeds: a return, or
/// a break out of the loop, under a branch on the spawn's result (`if
/// (posix_spawn(...) == 0) return 0;`, `switch (err) { default: return err; }`
/// after `err = posix_spawn(...)`): a search for the program to run, which
/// starts one process however long it looks.
bool stopsOnSpawnResult(const Launch &Spawn, const Stmt &LoopBody,
                        const FunctionAnalysis &Function);

} // namespace clang::tidy::parlint

#endif
