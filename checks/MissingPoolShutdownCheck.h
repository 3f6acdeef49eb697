#ifndef PARLINT_CHECKS_MISSINGPOOLSHUTDOWNCHECK_H
#define PARLINT_CHECKS_MISSINGPOOLSHUTDOWNCHECK_H

#include "MissingPoolPathAnalysis.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <vector>

namespace clang::tidy::parlint {

/// parlint-missing-pool-shutdown: a thread pool (a type in PoolTypes) that
/// may be destroyed after work was queued on it without one of the
/// ShutdownMethods having run, or that is created with new and neither
/// deleted nor stored. See docs/checks/parlint-missing-pool-shutdown.md.
class MissingPoolShutdownCheck : public ClangTidyCheck {
public:
  MissingPoolShutdownCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkLocalPool(const VarDecl &Pool, ASTContext &Context);
  void reportNeverDeleted(const CXXNewExpr &New, ASTContext &Context);
  void checkOwningPointer(const CXXNewExpr &New, const VarDecl &Pointer,
                          ASTContext &Context);
  void notePoints(StringRef Name, StringRef Access,
                  llvm::ArrayRef<UnsafeDestruction> Points);
  /// False if \p Loc was reported already (templates instantiated twice).
  bool firstReportAt(SourceLocation Loc);
  PoolUseRules rules() const;
  StringRef shutdownMethod() const;

  const std::string RawPoolTypes;
  const std::string RawShutdownMethods;
  const std::vector<StringRef> PoolTypes;
  const std::vector<StringRef> ShutdownMethods;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::parlint

#endif
