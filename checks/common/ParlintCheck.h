// The base of every parlint check. It owns the policy all checks share:
//  - one function body at a time: a check is handed each function definition
//    of the user's code with its FunctionAnalysis, and walks it itself;
//  - silent on translation units that do not compile (clang-tidy already
//    reports the errors, and a partial AST makes path judgments guesswork);
//  - system headers are skipped;
//  - template code is looked at in its instantiations or in its pattern, as
//    the check chooses, and each source location is reported once however
//    many instantiations reach it;
//  - one matcher for all of them: the first parlint check registered with a
//    MatchFinder matches function definitions and hands each to every parlint
//    check, so nine checks cost one traversal, not nine.
#ifndef PARLINT_CHECKS_COMMON_PARLINTCHECK_H
#define PARLINT_CHECKS_COMMON_PARLINTCHECK_H

#include "AnalysisCache.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::parlint {

/// Which functions of template code a check analyzes.
enum class TemplateCode {
  Instantiations, ///< where calls and types are resolved
  Patterns,       ///< the code as written, once (dependent parts unknown)
  Both,           ///< both; firstReportAt keeps one report per location
};

/// One function definition handed to a check.
struct FunctionUnderCheck {
  const FunctionDecl &Decl;
  const Stmt &Body;
  FunctionAnalysis &Analysis;
  ASTContext &Context;
};

/// "true"/"false" (also 1/0, yes/no, case-insensitive) from a check option.
/// (clang-tidy's OptionsView::get<bool> is not exported by Debian's
/// clang-tidy-19 binary, so a module cannot call it.)
bool parseBoolOption(StringRef Value);

class ParlintCheck : public ClangTidyCheck {
public:
  /// Also reads the project's global options (common/ProjectConfig.h):
  /// clang-tidy creates the checks of a translation unit with its options.
  ParlintCheck(StringRef Name, ClangTidyContext *Context,
               TemplateCode Templates = TemplateCode::Instantiations);
  ~ParlintCheck() override;

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus || (supportsC() && !LangOpts.ObjC);
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) final;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final;
  void onStartOfTranslationUnit() override;
  /// clang-tidy calls the two translation-unit hooks only on the check that
  /// owns the shared matcher; it forwards them to every member.
  void onEndOfTranslationUnit() final;

protected:
  /// Called on every parlint check when a translation unit starts, and once
  /// it has been analyzed (every function handed to checkFunction): for
  /// findings that depend on the whole file (a SIGCHLD ignore anywhere).
  virtual void startOfTranslationUnit() {}
  virtual void endOfTranslationUnit() {}

  /// Analyzes one function definition.
  virtual void checkFunction(const FunctionUnderCheck &Function) = 0;
  /// Whether the check's pattern exists in C (pthreads, fork).
  virtual bool supportsC() const { return false; }

  /// False when Loc was reported already (a template instantiated twice);
  /// records it otherwise.
  bool firstReportAt(SourceLocation Loc);
  /// The analysis of another body of this translation unit (a lambda's).
  FunctionAnalysis &analysisOf(const Stmt &Body, ASTContext &Context) {
    return AnalysisCache::of(Body, Context);
  }

private:
  /// Hands one matched function to this check, if its policy wants it.
  void analyze(const FunctionDecl &Function, ASTContext &Context);

  const TemplateCode Templates;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::parlint

#endif
