#include "Allocation.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
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

bool isStdSmartPointer(QualType Type) {
  if (Type.isNull())
    return false;
  const auto *Record = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl());
  if (!Record || !Record->isInStdNamespace() || !Record->getIdentifier() ||
      !llvm::is_contained({StringRef("unique_ptr"), StringRef("shared_ptr")},
                          Record->getName()))
    return false;
  const TemplateArgumentList &Args = Record->getTemplateArgs();
  return Args.size() >= 1 && Args[0].getKind() == TemplateArgument::Type &&
         !Args[0].getAsType()->isArrayType();
}

const Expr *smartPointerDereferenced(const Expr *E) {
  const auto *Op = E ? dyn_cast<CXXOperatorCallExpr>(E->IgnoreParenImpCasts())
                     : nullptr;
  if (!Op || Op->getNumArgs() != 1 ||
      (Op->getOperator() != OO_Arrow && Op->getOperator() != OO_Star))
    return nullptr;
  const Expr *Pointer = Op->getArg(0)->IgnoreParenImpCasts();
  return isStdSmartPointer(Pointer->getType()) ? Pointer : nullptr;
}

} // namespace clang::tidy::parlint
