#ifndef PARLINT_CHECKS_HARDCODEDWORKERCOUNT_HARDCODEDWORKERCOUNTCHECK_H
#define PARLINT_CHECKS_HARDCODEDWORKERCOUNT_HARDCODEDWORKERCOUNTCHECK_H

#include "../common/ParlintCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include <string>
#include <vector>

namespace clang::tidy::parlint {

struct Launch;
struct SpawnSite;
struct WrittenCount;

/// parlint-hardcoded-worker-count: a number of workers alive at once written
/// as an integer literal > 1 (in place, through a macro, a const/constexpr or
/// a local set to it): the bound of the innermost loop that starts threads,
/// std::async tasks or pthreads without waiting for them, or the worker-count
/// argument of a pool constructor; not in tests, benchmarks and examples
/// (IncludeTestCode reports there too). See
/// docs/checks/parlint-hardcoded-worker-count.md.
class HardcodedWorkerCountCheck : public ParlintCheck {
public:
  HardcodedWorkerCountCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;

protected:
  void checkFunction(const FunctionUnderCheck &Function) override;
  bool supportsC() const override { return true; }

private:
  void checkLaunchLoops(const Launch &Spawn,
                        const FunctionUnderCheck &Function,
                        llvm::ArrayRef<const LambdaExpr *> Workers);
  /// The innermost loop around a start: reported when its constant count
  /// is written as a literal (in place, a macro, a constant, a local).
  void checkCountingLoop(const Stmt &Loop, const SpawnSite &Site,
                         const FunctionUnderCheck &Function,
                         llvm::ArrayRef<const LambdaExpr *> Workers);
  void checkPoolConstructions(const Stmt &Root, ASTContext &Context);
  /// The note at a named count's literal: the #define or the variable's value.
  void noteDefinition(const WrittenCount &Written, ASTContext &Context);
  void reportPoolCount(const Expr &Count, const CXXRecordDecl &Pool,
                       bool ListInit, QualType ParamType, ASTContext &Context);
  /// Whether a finding at Where is left out: test, benchmark or example
  /// code (common/SourceRoles) unless IncludeTestCode.
  bool isQuietAt(SourceLocation Where, const SourceManager &SM) const;
  /// The replacement text the message recommends and the fix-it writes.
  std::string replacement() const;
  /// Adds the fix-it replacing Literal and its headers.
  void addFix(DiagnosticBuilder &Diag, const Expr &Literal,
              ASTContext &Context);

  const std::string RawPoolTypes;
  const std::vector<StringRef> PoolTypes;
  const std::string FixItReplacement;
  const std::string FixItHeader;
  const bool IncludeTestCode;
  utils::IncludeInserter Inserter;
};

} // namespace clang::tidy::parlint

#endif
