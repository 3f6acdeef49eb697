#ifndef PARLINT_CHECKS_UNBOUNDEDSPAWNCHECK_H
#define PARLINT_CHECKS_UNBOUNDEDSPAWNCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::parlint {

/// parlint-unbounded-spawn: see README.md for what it flags and why.
class UnboundedSpawnCheck : public ClangTidyCheck {
public:
  UnboundedSpawnCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::parlint

#endif
