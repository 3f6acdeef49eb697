#ifndef PARLINT_CHECKS_UNBOUNDEDSPAWN_UNBOUNDEDSPAWNCHECK_H
#define PARLINT_CHECKS_UNBOUNDEDSPAWN_UNBOUNDEDSPAWNCHECK_H

#include "../analysis/LoopBounds.h"
#include "../analysis/SpawnHandle.h"
#include "../common/ParlintCheck.h"

namespace clang::tidy::parlint {

/// parlint-unbounded-spawn: a thread or process started on every iteration
/// of a loop whose trip count grows with the input (or is a large constant).
/// See docs/checks/parlint-unbounded-spawn.md.
class UnboundedSpawnCheck : public ParlintCheck {
public:
  UnboundedSpawnCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

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

  /// The nearest enclosing loop, in the spawn's own function body, whose
  /// trip count is unbounded, and how the spawns inside it add up.
  std::optional<Finding> findUnboundedLoop(const SpawnSite &Site,
                                           const FunctionUnderCheck &Function) const;
  void report(const SpawnSite &Site, const Finding &Found,
              const SourceManager &SM);

  const unsigned MaxConstantTripCount;
};

} // namespace clang::tidy::parlint

#endif
