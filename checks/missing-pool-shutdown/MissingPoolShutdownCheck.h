#ifndef PARLINT_CHECKS_MISSINGPOOLSHUTDOWN_MISSINGPOOLSHUTDOWNCHECK_H
#define PARLINT_CHECKS_MISSINGPOOLSHUTDOWN_MISSINGPOOLSHUTDOWNCHECK_H

#include "../analysis/HandleFlow.h"
#include "../analysis/PoolUses.h"
#include "../common/ParlintCheck.h"
#include <string>
#include <vector>

namespace clang::tidy::parlint {

/// parlint-missing-pool-shutdown: a thread pool (a type in PoolTypes, or a
/// library pool whose destructor abandons queued work) that
/// may be destroyed after work was queued on it without one of the
/// ShutdownMethods having run, or that is created with new and neither
/// deleted nor stored. See docs/checks/parlint-missing-pool-shutdown.md.
class MissingPoolShutdownCheck : public ParlintCheck {
public:
  MissingPoolShutdownCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

protected:
  void checkFunction(const FunctionUnderCheck &Function) override;

private:
  bool isPoolType(QualType Type) const;
  /// A `new Pool(...)` expression (not an array, not placement new).
  const CXXNewExpr *newPool(const Expr *E) const;
  void checkLocalPool(const VarDecl &Pool, ASTContext &Context);
  void reportNeverDeleted(const CXXNewExpr &New, ASTContext &Context);
  void checkOwningPointer(const CXXNewExpr &New, const VarDecl &Pointer,
                          ASTContext &Context);
  void notePoints(StringRef Name, StringRef Access, StringRef Method,
                  llvm::ArrayRef<BadExit> Points);
  /// The shutdown methods that count for a pool of this type: the option's,
  /// and the library's own wait (model/Pools: waitBeforeDestruction).
  PoolUseRules rules(QualType Pool);
  /// The method the messages and the fix-it name for a pool of this type.
  StringRef shutdownMethod(QualType Pool) const;

  const std::string RawPoolTypes;
  const std::string RawShutdownMethods;
  const std::vector<StringRef> PoolTypes;
  const std::vector<StringRef> ShutdownMethods;
  /// Storage behind rules(): ShutdownMethods plus the pool's own.
  std::vector<StringRef> Shutdowns;
};

} // namespace clang::tidy::parlint

#endif
