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
  /// The nearest enclosing loop, in the spawn's own function body, whose
  /// iterations do not wait for the spawn and whose trip count is unbounded.
  const Stmt *findUnboundedLoop(const SpawnSite &Site,
                                const FunctionUnderCheck &Function,
                                LoopVerdict &Verdict) const;
  void report(const SpawnSite &Site, const Stmt &Loop, LoopVerdict Verdict,
              const SourceManager &SM);

  const unsigned MaxConstantTripCount;
};

} // namespace clang::tidy::parlint

#endif
