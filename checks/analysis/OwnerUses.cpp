#include "OwnerUses.h"
#include "../common/AstHelpers.h"
#include "FunctionSummaries.h"

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::parlint {

OwnerDuty ownerDutyOf(const ClassModel &Model) {
  for (const HandleMember &Member : Model.Members) {
    if ((Member.Kind != MemberHandleKind::Thread &&
         Member.Kind != MemberHandleKind::ThreadContainer) ||
        Member.Starts.empty() || !Member.Detaches.empty() ||
        !Member.Escapes.empty() || Member.UnseenMethod ||
        Member.Destruction != DestructorEffect::LeavesRunning)
      continue;
    for (const MemberSite &Join : Member.Joins)
      if (Join.Method)
        return {&Member, Join.Method};
  }
  return {};
}

namespace {

/// What a call does to the member, through the callee's summary, for the
/// object the call reaches as Reach (`this` for the object of a member call,
/// a parameter for an argument).
enum class CallEffect { None, Start, Finish, Unknown };

CallEffect effectOf(const FunctionDecl *Callee, ReachedHandle Reach,
                    const FieldDecl &Field, ASTContext &Context) {
  if (!Callee)
    return CallEffect::Unknown;
  const FunctionSummary &Summary = FunctionSummaries::of(*Callee, Context);
  if (Summary.Unknown)
    return CallEffect::Unknown;
  ReachedHandle Member = Reach;
  Member.Member = &Field;
  bool Starts = false, Finishes = false;
  for (const HandleStep &Effect : Summary.Effects) {
    if (!Effect.Handle.covers(Member))
      continue;
    if (Effect.Kind == HandleStepKind::Escape)
      return CallEffect::Unknown;
    Starts |= Effect.Kind == HandleStepKind::Start;
    Finishes |= finishes(Effect.Kind);
  }
  // A call that may do both counts as a finish: the owner's report needs a
  // path with no finish at all.
  if (Finishes)
    return CallEffect::Finish;
  return Starts ? CallEffect::Start : CallEffect::None;
}

bool isConstReferenceOrValue(QualType Type) {
  if (Type->isReferenceType())
    return Type.getNonReferenceType().isConstQualified();
  return !Type->isPointerType();
}

} // namespace

OwnerUses collectOwnerUses(const FunctionAnalysis &Owner, const VarDecl &Var,
                           const OwnerDuty &Duty, ASTContext &Context) {
  OwnerUses Uses;
  const FieldDecl &Field = *Duty.Member->Field;
  auto Record = [&](CallEffect Effect, const Stmt &At) {
    switch (Effect) {
    case CallEffect::Unknown:
      Uses.Escapes = true;
      return;
    case CallEffect::Start:
      Uses.Events.AtStmt[&At] = HandleEffect::Start;
      if (!Uses.FirstStart)
        Uses.FirstStart = &At;
      return;
    case CallEffect::Finish:
      Uses.Events.AtStmt[&At] = HandleEffect::Finish;
      return;
    case CallEffect::None:
      return;
    }
  };

  // The construction: the constructor, and the member's default initializer
  // when that constructor does not initialize the member itself.
  const auto *Construct =
      Var.getInit() ? dyn_cast<CXXConstructExpr>(Var.getInit()->IgnoreImplicit())
                    : nullptr;
  if (!Construct || Construct->getConstructor()->isCopyOrMoveConstructor())
    return {true, {}, nullptr};
  const CXXConstructorDecl *Constructor = Construct->getConstructor();
  CallEffect AtConstruction =
      effectOf(Constructor, ReachedHandle{}, Field, Context);
  if (AtConstruction == CallEffect::Unknown)
    return {true, {}, nullptr};
  bool DefaultStarts = llvm::any_of(Duty.Member->Starts, [](const MemberSite &S) {
    return !S.Function;
  });
  const CXXConstructorDecl *Defined =
      dyn_cast_or_null<CXXConstructorDecl>(Constructor->getDefinition());
  if (DefaultStarts && Defined)
    for (const CXXCtorInitializer *Init : Defined->inits())
      if (Init->getMember() == &Field &&
          isa_and_nonnull<CXXDefaultInitExpr>(Init->getInit()))
        AtConstruction = CallEffect::Start;
  if (AtConstruction == CallEffect::Finish)
    return {true, {}, nullptr}; // constructed finished: nothing to say
  if (AtConstruction == CallEffect::Start) {
    Uses.Events.StartsAtDeclaration = true;
    Uses.FirstStart = Owner.declarationOf(Var);
  }

  forEachDescendant(&Owner.body(), /*SkipLambdas=*/false, [&](const Stmt &S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    if (Uses.Escapes || !Ref || Ref->getDecl() != &Var)
      return;
    if (Owner.enclosingLambda(*Ref)) {
      Uses.Escapes = true; // when the lambda runs is unknown
      return;
    }
    const Stmt *User = Owner.parentIgnoringImplicit(*Ref);
    if (const auto *Member = dyn_cast_or_null<MemberExpr>(User)) {
      const auto *Call =
          dyn_cast_or_null<CXXMemberCallExpr>(Owner.parentIgnoringImplicit(*Member));
      if (!Call || !isa<CXXMethodDecl>(Member->getMemberDecl())) {
        Uses.Escapes = true; // the member itself, named from outside
        return;
      }
      Record(effectOf(Call->getMethodDecl(), ReachedHandle{}, Field, Context),
             *Call);
      return;
    }
    // An argument: the callee's summary says what it does to the parameter.
    const auto *Call = dyn_cast_or_null<CallExpr>(User);
    if (!Call || isa<CXXOperatorCallExpr>(Call)) {
      Uses.Escapes = true;
      return;
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      if (Call->getArg(I)->IgnoreImplicit() != Ref &&
          stripped(Call->getArg(I)) != Ref)
        continue;
      if (!Callee || I >= Callee->getNumParams()) {
        Uses.Escapes = true;
        return;
      }
      CallEffect Effect =
          effectOf(Callee, ReachedHandle::parameter(I), Field, Context);
      if (Effect == CallEffect::Unknown &&
          isConstReferenceOrValue(Callee->getParamDecl(I)->getType()) &&
          Callee->getParamDecl(I)->getType()->isReferenceType())
        Effect = CallEffect::None; // looked at through a const reference
      Record(Effect, *Call);
      return;
    }
    Uses.Escapes = true;
  });
  if (Uses.Escapes)
    return {true, {}, nullptr};
  return Uses;
}

} // namespace clang::tidy::parlint
