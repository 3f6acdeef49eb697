#include "LocalObjectPointers.h"
#include "../common/AstHelpers.h"
#include "../model/Allocation.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {

namespace {

/// The value a copy hands on: through implicit conversions, `std::move`,
/// `std::forward`, the copy, move or converting construction of a smart pointer and its
/// `get()`.
const Expr *copiedValue(const Expr *E) {
  for (int Step = 0; E && Step < 8; ++Step) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 &&
        (Construct->getConstructor()->isCopyOrMoveConstructor() ||
         // shared_ptr<const Model> from a shared_ptr<Model>
         (isStdSmartPointer(Construct->getType()) &&
          isStdSmartPointer(Construct->getArg(0)->IgnoreImpCasts()->getType())))) {
      E = Construct->getArg(0);
      continue;
    }
    // `model.get()`: the smart pointer's object.
    if (const auto *Get = dyn_cast<CXXMemberCallExpr>(E);
        Get && Get->getNumArgs() == 0 && Get->getMethodDecl() &&
        identifierOf(Get->getMethodDecl()) == "get" &&
        isStdSmartPointer(
            Get->getImplicitObjectArgument()->IgnoreImpCasts()->getType())) {
      E = Get->getImplicitObjectArgument();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() == 1) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->isInStdNamespace() &&
          isNamed(Callee, {"move", "forward"})) {
        E = Call->getArg(0);
        continue;
      }
    }
    break;
  }
  return E;
}

bool isPointerLike(QualType Type) {
  return Type->isPointerType() || isStdSmartPointer(Type);
}

/// The construction of a local object of class or struct type, with its
/// brace initializer or constructor call.
const Expr *initializerOf(const VarDecl &Object) {
  if (!Object.hasLocalStorage() || Object.getType()->isReferenceType() ||
      !Object.getType()->isRecordType())
    return nullptr;
  return Object.getInit() ? Object.getInit()->IgnoreImplicit() : nullptr;
}

/// What Init stores into Field: the element of a brace initializer, or
/// the argument a constructor copies into it by its member initializer.
const Expr *storedBy(const Expr &Init, const FieldDecl &Field) {
  if (const auto *List = dyn_cast<InitListExpr>(&Init)) {
    const InitListExpr *Semantic = List->isSemanticForm() ? List : List->getSemanticForm();
    if (!Semantic || Field.getFieldIndex() >= Semantic->getNumInits())
      return nullptr;
    return Semantic->getInit(Field.getFieldIndex());
  }
  const auto *Construct = dyn_cast<CXXConstructExpr>(&Init);
  if (!Construct || !Construct->getConstructor())
    return nullptr;
  const auto *Definition = dyn_cast_or_null<CXXConstructorDecl>(
      Construct->getConstructor()->getDefinition());
  if (!Definition)
    return nullptr;
  for (const CXXCtorInitializer *Member : Definition->inits()) {
    if (Member->getMember() != &Field || !Member->getInit())
      continue;
    const auto *Ref = dyn_cast<DeclRefExpr>(copiedValue(Member->getInit()));
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (!Param || Param->getFunctionScopeIndex() >= Construct->getNumArgs())
      return nullptr;
    return Construct->getArg(Param->getFunctionScopeIndex());
  }
  return nullptr;
}

} // namespace

/// Whether E stores into Field of the object Base names (`this` when Base
/// is null): an assignment, a smart pointer's `reset`, `swap` or
/// assignment operator, or taking the member's address.
static bool storesInto(const Stmt &Node, const FieldDecl &Field,
                       const VarDecl *Base) {
  auto IsMember = [&](const Expr *E) {
    const auto *Member = E ? dyn_cast<MemberExpr>(E->IgnoreParenImpCasts()) : nullptr;
    if (!Member || Member->getMemberDecl() != &Field)
      return false;
    const Expr *Object = Member->getBase()->IgnoreParenImpCasts();
    return Base ? namesVariable(Object, Base) : isa<CXXThisExpr>(Object);
  };
  if (const auto *Assign = dyn_cast<BinaryOperator>(&Node))
    return Assign->isAssignmentOp() && IsMember(Assign->getLHS());
  if (const auto *Unary = dyn_cast<UnaryOperator>(&Node))
    return (Unary->getOpcode() == UO_AddrOf || Unary->isIncrementDecrementOp()) &&
           IsMember(Unary->getSubExpr());
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Node))
    return Op->isAssignmentOp() && IsMember(Op->getArg(0));
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&Node))
    return IsMember(Call->getImplicitObjectArgument()) && Call->getMethodDecl() &&
           isNamed(Call->getMethodDecl(), {"reset", "swap", "release"});
  return false;
}

/// The member functions of Field's class that may re-point it: those that
/// store into it outside a constructor's member initializers, and those
/// that call one of them on their own object.
static llvm::SmallPtrSet<const CXXMethodDecl *, 4>
reseatingMethods(const FieldDecl &Field) {
  llvm::SmallPtrSet<const CXXMethodDecl *, 4> Reseating;
  const auto *Record = dyn_cast<CXXRecordDecl>(Field.getParent());
  if (!Record)
    return Reseating; // a C struct: no member functions
  auto Body = [](const CXXMethodDecl *Method) -> const Stmt * {
    const FunctionDecl *Definition = nullptr;
    return Method->hasBody(Definition) ? Definition->getBody() : nullptr;
  };
  for (const CXXMethodDecl *Method : Record->methods())
    if (const Stmt *Code = Body(Method)) {
      bool Stores = false;
      forEachDescendant(Code, /*SkipLambdas=*/false, [&](const Stmt &Node) {
        Stores |= storesInto(Node, Field, nullptr);
      });
      if (Stores)
        Reseating.insert(Method);
    }
  if (Reseating.empty())
    return Reseating;
  for (const CXXMethodDecl *Method : Record->methods())
    if (const Stmt *Code = Body(Method))
      forEachDescendant(Code, /*SkipLambdas=*/false, [&](const Stmt &Node) {
        const auto *Call = dyn_cast<CXXMemberCallExpr>(&Node);
        if (Call && Reseating.count(Call->getMethodDecl()) &&
            isa<CXXThisExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts()))
          Reseating.insert(Method);
      });
  return Reseating;
}

bool mayHoldInitializedPointer(const VarDecl &Object) {
  if (!initializerOf(Object))
    return false;
  const RecordDecl *Record = Object.getType()->getAsRecordDecl();
  return Record && llvm::any_of(Record->fields(), [](const FieldDecl *Field) {
           return isPointerLike(Field->getType());
         });
}

std::optional<ObjectPath> throughInitializedPointer(const ObjectPath &Path,
                                                    const Stmt &Scope) {
  const auto *Object = dyn_cast_or_null<VarDecl>(Path.Root);
  if (!Object || Path.ThroughPointer || Path.Fields.size() < 2)
    return std::nullopt;
  const FieldDecl &Member = *Path.Fields.front();
  const Expr *Init = initializerOf(*Object);
  if (!Init || !isPointerLike(Member.getType()))
    return std::nullopt;
  const Expr *Stored = storedBy(*Init, Member);
  if (!Stored)
    return std::nullopt;
  // Re-pointed in Scope: stored into, or a member function that may re-point
  // it called on the object (`desk.reset(other)`).
  auto Reseating = reseatingMethods(Member);
  bool Changed = false;
  forEachDescendant(&Scope, /*SkipLambdas=*/false, [&](const Stmt &Node) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&Node);
    Changed |= storesInto(Node, Member, Object) ||
               (Call && Reseating.count(Call->getMethodDecl()) &&
                namesVariable(Call->getImplicitObjectArgument(), Object));
  });
  if (Changed)
    return std::nullopt;
  // `&totals`: the object itself; a pointer: what it points to.
  const Expr *Value = copiedValue(Stored);
  std::optional<ObjectPath> Target;
  if (isa<CXXThisExpr>(Value)) {
    Target = ObjectPath{};
  } else if (const auto *Unary = dyn_cast<UnaryOperator>(Value);
      Unary && Unary->getOpcode() == UO_AddrOf) {
    Target = objectPathOf(Unary->getSubExpr());
  } else if (isPointerLike(Value->getType())) {
    Target = objectPathOf(Value);
    if (Target && Target->Fields.empty()) {
      if (Target->ThroughPointer || !Target->Root)
        return std::nullopt;
      Target->ThroughPointer = true;
    } else if (Target && !isPointerLike(Target->Fields.back()->getType())) {
      return std::nullopt;
    }
  }
  if (!Target)
    return std::nullopt;
  Target->Fields.append(std::next(Path.Fields.begin()), Path.Fields.end());
  return Target;
}

} // namespace clang::tidy::parlint
