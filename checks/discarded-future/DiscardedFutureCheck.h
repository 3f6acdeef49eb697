#ifndef PARLINT_CHECKS_DISCARDEDFUTURE_DISCARDEDFUTURECHECK_H
#define PARLINT_CHECKS_DISCARDEDFUTURE_DISCARDEDFUTURECHECK_H

#include "../analysis/HandleFlow.h"
#include "../common/ParlintCheck.h"

namespace clang::tidy::parlint {

/// parlint-discarded-future: the future of a std::async that may start a
/// thread is discarded, or kept in a local that can reach the end of its scope
/// without being waited for; a discarded parlint::ThreadPool::submit result.
/// See docs/checks/parlint-discarded-future.md.
class DiscardedFutureCheck : public ParlintCheck {
public:
  DiscardedFutureCheck(StringRef Name, ClangTidyContext *Context)
      : ParlintCheck(Name, Context, TemplateCode::Instantiations) {}

protected:
  void checkFunction(const FunctionUnderCheck &Function) override;

private:
  void checkFuture(const VarDecl &Future, const FunctionAnalysis &Owner);
  /// A dropped call whose callee returns the future of a std::async it
  /// started (analysis/ReturnedWorkers).
  void checkReturnedFuture(const CallExpr &Call, const FunctionAnalysis &Owner);
};

} // namespace clang::tidy::parlint

#endif
