#ifndef PARLINT_CHECKS_UNBOUNDEDSPAWNCHECK_H
#define PARLINT_CHECKS_UNBOUNDEDSPAWNCHECK_H

#include "UnboundedSpawnHandles.h"
#include "UnboundedSpawnLoops.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::parlint {

/// parlint-unbounded-spawn: a thread or process started on every iteration
/// of a loop whose trip count grows with the input (or is a large constant).
/// See docs/checks/parlint-unbounded-spawn.md.
class UnboundedSpawnCheck : public ClangTidyCheck {
public:
  UnboundedSpawnCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override { Reported.clear(); }

private:
  /// The nearest enclosing loop, in the spawn's own function body, whose
  /// iterations do not wait for the spawn and whose trip count is unbounded.
  const Stmt *findUnboundedLoop(const spawn::SpawnSite &Site, ASTContext &Ctx,
                                spawn::LoopVerdict &Verdict) const;
  void report(const spawn::SpawnSite &Site, const Stmt &Loop,
              spawn::LoopVerdict Verdict, const SourceManager &SM);

  const unsigned MaxConstantTripCount;
  /// Spawn locations already reported: a template's instantiations share
  /// them, and each is reported once.
  llvm::DenseSet<unsigned> Reported;
};

} // namespace clang::tidy::parlint

#endif
