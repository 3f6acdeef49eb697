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

/// The element type of a standard sequence container, for an
/// `emplace_back`/`emplace_front` call on one; null type otherwise.
static QualType emplacedElementOf(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() ||
      !llvm::is_contained({StringRef("emplace_back"), StringRef("emplace_front")},
                          Method->getName()))
    return QualType();
  const auto *Container = dyn_cast<ClassTemplateSpecializationDecl>(Method->getParent());
  if (!Container || !Container->isInStdNamespace() ||
      Container->getTemplateArgs().size() == 0 ||
      Container->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  return Container->getTemplateArgs()[0].getAsType();
}

const CXXConstructorDecl *constructorMadeBy(const CallExpr &Call) {
  QualType Made = emplacedElementOf(Call);
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (Made.isNull()) {
    if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier() ||
        !llvm::is_contained({StringRef("make_unique"), StringRef("make_shared")},
                            Callee->getName()))
      return nullptr;
    const TemplateArgumentList *Arguments = Callee->getTemplateSpecializationArgs();
    if (!Arguments || Arguments->size() == 0 ||
        Arguments->get(0).getKind() != TemplateArgument::Type)
      return nullptr;
    Made = Arguments->get(0).getAsType();
  }
  const CXXRecordDecl *Class = Made->getAsCXXRecordDecl();
  if (!Class || !Class->hasDefinition())
    return nullptr;
  unsigned Count = Call.getNumArgs();
  // A copy or a move of an existing object (`make_unique<T>(*other)`).
  if (Count == 1 && Call.getArg(0)->getType()->getAsCXXRecordDecl() ==
                        Class->getCanonicalDecl()->getDefinition())
    return nullptr;
  const CXXConstructorDecl *Chosen = nullptr;
  for (const CXXConstructorDecl *Constructor : Class->ctors()) {
    // An implicit constructor is declared only where something needs it,
    // which the library's unparsed body may be: left to `new T`.
    if (Constructor->isImplicit() || Constructor->isCopyOrMoveConstructor() ||
        Constructor->isDeleted() ||
        Constructor->isVariadic() || Count > Constructor->getNumParams() ||
        Count < Constructor->getMinRequiredArguments())
      continue;
    if (Chosen)
      return nullptr; // overloads: which one runs is the compiler's choice
    Chosen = Constructor;
  }
  return Chosen;
}

} // namespace clang::tidy::parlint
