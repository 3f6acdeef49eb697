#ifndef PARLINT_CHECKS_UNBOUNDEDSPAWN_UNBOUNDEDSPAWNCHECK_H
#define PARLINT_CHECKS_UNBOUNDEDSPAWN_UNBOUNDEDSPAWNCHECK_H

#include "../analysis/LoopBounds.h"
#include "../analysis/PoolRewritePlan.h"
#include "../analysis/SpawnHandle.h"
#include "../common/ParlintCheck.h"
#include "PoolRewrite.h"
#include "clang-tidy/utils/IncludeInserter.h"

#include <string>

namespace clang::tidy::parlint {

/// Why a loop of this kind grows with the input, for the note at the loop.
StringRef loopExplanation(LoopKind Kind);

/// Whether Function is code of a class that is itself a pool (or a lambda
/// inside such code): there the advice is a bounded pool, not parlint's.
bool insidePoolImplementation(const FunctionDecl &Function);

/// parlint-unbounded-spawn: a thread or process started on every iteration
/// of a loop whose trip count flows from the program's input. One finding per
/// loop. See docs/checks/parlint-unbounded-spawn.md.
class UnboundedSpawnCheck : public ParlintCheck {
public:
  UnboundedSpawnCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;

protected:
  void checkFunction(const FunctionUnderCheck &Function) override;
  bool supportsC() const override { return true; }

private:
  /// How the workers of a spawn inside an unbounded loop add up.
  enum class Creation {
    Concurrent,    ///< nothing waits: they all run at once
    OneAtATime,    ///< each is waited in the same iteration
    Window,        ///< a container of handles is drained as it grows
    NestedBatches, ///< a small inner batch, waited, per outer iteration
  };
  struct Finding {
    const Stmt *Loop = nullptr;
    LoopVerdict Verdict;
    Creation How = Creation::Concurrent;
  };
  /// One spawn inside an input-driven loop.
  struct SpawnInLoop {
    SpawnSite Site;
    Finding Found;
  };

  /// The nearest enclosing loop, in the spawn's own function body, whose
  /// trip count flows from the input, and how the spawns inside it add up;
  /// nothing when the workers are bounded some other way.
  /// OutlivesCall: Site stands for a call of a function that leaves a
  /// worker running on every call (no iteration waits for it).
  std::optional<Finding> findUnboundedLoop(const SpawnSite &Site,
                                           const FunctionUnderCheck &Function,
                                           bool OutlivesCall = false) const;
  /// One finding for the spawns of one loop (in source order): a warning at
  /// the first, a note at the loop and one at each other spawn.
  void report(llvm::ArrayRef<SpawnInLoop> Spawns,
              const FunctionUnderCheck &Function);
  /// Calls, in an input-driven loop, of functions that leave a thread or a
  /// process running on every call: one finding per loop, except loops
  /// already reported for their own spawns.
  void checkSpawningCalls(const FunctionUnderCheck &Function,
                          llvm::ArrayRef<const Stmt *> ReportedLoops);
  /// A thread started on every level of a recursion without a cutoff.
  void checkRecursiveSpawn(const FunctionUnderCheck &Function);
  /// The rewrite onto the pool, when it is mechanical and keeps behaviour.
  std::optional<PoolRewritePlan> rewritable(const SpawnSite &Site,
                                            const Finding &Found,
                                            const FunctionUnderCheck &Function) const;
  /// The note that says what changes with the rewrite: exceptions.
  void noteExceptions(const PoolRewritePlan &Plan, const SourceManager &SM);
  /// The header the rewrite includes.
  StringRef targetHeader() const;
  /// The note with the loop on a bounded pool, where no fix-it is given.
  void notePoolVersion(const SpawnInLoop &Spawn,
                       const FunctionUnderCheck &Function);

  /// Read and stored so configurations that set it still load; ignored: a
  /// constant trip count is not input (see the check's page).
  const unsigned MaxConstantTripCount;
  /// Rewrite the mechanical shapes (else only notes).
  const bool FixToRuntime;
  /// The project's own pool to rewrite onto; empty: a parlint::TaskGroup on
  /// the process-wide pool.
  const std::string PoolType;
  /// PoolType's header; empty: the runtime's header of the target.
  const std::string PoolHeader;
  const TaskTarget Target;
  utils::IncludeInserter Inserter;
};

} // namespace clang::tidy::parlint

#endif
