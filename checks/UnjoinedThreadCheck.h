#ifndef PARLINT_CHECKS_UNJOINEDTHREADCHECK_H
#define PARLINT_CHECKS_UNJOINEDTHREADCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::parlint {

/// parlint-unjoined-thread: see README.md for what it flags and why.
class UnjoinedThreadCheck : public ClangTidyCheck {
public:
  UnjoinedThreadCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::parlint

#endif
