#include "Allocation.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::parlint {

bool isAllocationCall(const Expr *E) {
  const auto *Call = E ? dyn_cast<CallExpr>(E->IgnoreParenCasts()) : nullptr;
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier() ||
      !Callee->getReturnType()->isPointerType())
    return false;
  std::string Name = Callee->getName().lower();
  return StringRef(Name).ends_with("alloc") || Name == "strdup" ||
         Name == "strndup";
}

} // namespace clang::tidy::parlint
