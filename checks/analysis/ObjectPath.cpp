#include "ObjectPath.h"
#include "../model/Allocation.h"
#include "../model/Synchronization.h"

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::parlint {

/// Whether two bit-fields share a memory location: adjacent bit-fields of
/// one record, with no other member nor a zero-width bit-field between
/// them, are one location, and writing one writes the others (C11 3.14,
/// C++ [intro.memory]).
static bool shareMemoryLocation(const FieldDecl &A, const FieldDecl &B) {
  if (!A.isBitField() || !B.isBitField() || A.getParent() != B.getParent())
    return false;
  unsigned First = std::min(A.getFieldIndex(), B.getFieldIndex());
  unsigned Last = std::max(A.getFieldIndex(), B.getFieldIndex());
  for (const FieldDecl *Between : A.getParent()->fields())
    if (Between->getFieldIndex() > First && Between->getFieldIndex() <= Last &&
        (!Between->isBitField() || Between->isZeroLengthBitField(
                                       Between->getASTContext())))
      return false;
  return true;
}

/// A standard map's record (std::map, std::unordered_map, multimaps).
static bool isStandardMap(QualType Type) {
  const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && Record->isInStdNamespace() && Record->getName().ends_with("map");
}

/// The fields without the `second` that leads from a map's element to its
/// mapped value: `sessions_.second.seen` (through an iterator or a
/// structured binding) is `sessions_[id].seen` (through operator[]).
static llvm::SmallVector<const FieldDecl *, 4>
withoutMappedStep(const ObjectPath &Path) {
  llvm::SmallVector<const FieldDecl *, 4> Kept;
  for (size_t I = 0; I < Path.Fields.size(); ++I) {
    const FieldDecl *Field = Path.Fields[I];
    const auto *Pair = Field->getParent();
    bool Mapped = Field->getName() == "second" && Pair->isInStdNamespace() &&
                  Pair->getName() == "pair";
    QualType Holder = I > 0 ? Path.Fields[I - 1]->getType()
                      : Path.Root ? Path.Root->getType() : QualType();
    if (Mapped && !Holder.isNull() &&
        (isStandardMap(Holder) ||
         (Holder->isPointerType() && isStandardMap(Holder->getPointeeType()))))
      continue;
    Kept.push_back(Field);
  }
  return Kept;
}

/// Whether some field of Path is named `second` (a pair's, maybe a map's).
static bool hasSecond(const ObjectPath &Path) {
  return llvm::any_of(Path.Fields,
                      [](const FieldDecl *Field) { return Field->getName() == "second"; });
}

bool ObjectPath::overlaps(const ObjectPath &Other) const {
  if (Root != Other.Root || ThroughPointer != Other.ThroughPointer)
    return false;
  // The common case, no pair on either path, compares the fields as they are.
  if (!hasSecond(*this) && !hasSecond(Other)) {
    size_t Common = std::min(Fields.size(), Other.Fields.size());
    for (size_t I = 0; I < Common; ++I)
      if (Fields[I] != Other.Fields[I])
        return shareMemoryLocation(*Fields[I], *Other.Fields[I]);
    return true;
  }
  auto Mine = withoutMappedStep(*this), Theirs = withoutMappedStep(Other);
  size_t Common = std::min(Mine.size(), Theirs.size());
  for (size_t I = 0; I < Common; ++I)
    if (Mine[I] != Theirs[I])
      return shareMemoryLocation(*Mine[I], *Theirs[I]);
  return true;
}

std::string ObjectPath::describe() const {
  std::string Text = Root ? Root->getNameAsString() : "";
  for (size_t I = 0; I < Fields.size(); ++I) {
    if (!Text.empty())
      Text += (ThroughPointer && I == 0) ||
                      (I > 0 && Fields[I - 1]->getType()->isPointerType())
                  ? "->"
                  : ".";
    Text += Fields[I]->getNameAsString();
  }
  if (ThroughPointer && Fields.empty())
    Text = "*" + Text;
  return Text.empty() ? "*this" : Text;
}

ObjectPath ObjectPath::extendedBy(const ObjectPath &Tail) const {
  ObjectPath Result = *this;
  Result.Fields.append(Tail.Fields.begin(), Tail.Fields.end());
  return Result;
}

const FieldDecl *memberReturnedBy(const CXXMethodDecl *Method) {
  const FunctionDecl *Definition = nullptr;
  if (!Method || Method->isVirtual() || !Method->isInstance() ||
      !Method->getReturnType()->isReferenceType() || !Method->hasBody(Definition))
    return nullptr;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
  if (!Body || Body->body_empty())
    return nullptr;
  for (const Stmt *Item : Body->body()) {
    if (Item == Body->body_back())
      break;
    const auto *Declaration = dyn_cast<DeclStmt>(Item);
    const auto *Guard = Declaration && Declaration->isSingleDecl()
                            ? dyn_cast<VarDecl>(Declaration->getSingleDecl())
                            : nullptr;
    if (!Guard || guardKindOf(Guard->getType()->getAsCXXRecordDecl()) ==
                      GuardKind::None)
      return nullptr;
  }
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_back());
  const Expr *Value = Return && Return->getRetValue()
                          ? Return->getRetValue()->IgnoreParenImpCasts()
                          : nullptr;
  const auto *Member = dyn_cast_or_null<MemberExpr>(Value);
  if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(Member->getMemberDecl());
}

const VarDecl *staticObjectReturnedBy(const FunctionDecl *Function) {
  const FunctionDecl *Definition = nullptr;
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Function);
  if (!Function || (Method && Method->isVirtual()) ||
      !Function->getReturnType()->isReferenceType() || !Function->hasBody(Definition))
    return nullptr;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
  if (!Body || Body->body_empty() || Body->size() > 2)
    return nullptr;
  // At most the declaration of the static local it returns, then the return.
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_back());
  const auto *Ref = Return && Return->getRetValue()
                        ? dyn_cast<DeclRefExpr>(Return->getRetValue()->IgnoreParenImpCasts())
                        : nullptr;
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasGlobalStorage() || Var->getTLSKind() != VarDecl::TLS_None ||
      Var->getType()->isReferenceType())
    return nullptr; // a thread_local one is each thread's own
  if (Body->size() == 2) {
    const auto *Declaration = dyn_cast<DeclStmt>(Body->body_front());
    if (!Declaration || !Declaration->isSingleDecl() ||
        Declaration->getSingleDecl() != Var)
      return nullptr;
  }
  return Var;
}

namespace {

/// Whether a member is a pointer (a raw one, or a smart one when the
/// expression dereferences it as such) whose pointee a path can go on into.
bool leadsToPointee(const FieldDecl &Field, bool Smart) {
  return Smart || Field.getType()->isPointerType();
}

std::optional<ObjectPath> pathOf(const Expr *E, unsigned Depth) {
  if (!E || Depth > 4)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    E = Cleanups->getSubExpr()->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E))
    return ObjectPath{};
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return std::nullopt;
    // `auto &r = obj.member;` names obj.member; parameters and members
    // bound elsewhere are roots of their own.
    if (Var->getType()->isReferenceType() && !isa<ParmVarDecl>(Var) &&
        !Var->isInitCapture() && Var->hasLocalStorage() && Var->getInit())
      return pathOf(Var->getInit(), Depth + 1);
    ObjectPath Path;
    Path.Root = Var;
    return Path;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (const auto *Static = dyn_cast<VarDecl>(Member->getMemberDecl())) {
      ObjectPath Path;
      Path.Root = Static;
      return Path;
    }
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return std::nullopt;
    const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
    // `sp->x` with a std::unique_ptr or std::shared_ptr `sp`: as `p->x`.
    bool ThroughSmartPointer = false;
    if (const Expr *Smart = smartPointerDereferenced(Base)) {
      Base = Smart;
      ThroughSmartPointer = true;
    }
    auto Path = pathOf(Base, Depth + 1);
    if (!Path)
      return std::nullopt;
    if ((Member->isArrow() || ThroughSmartPointer) && !isa<CXXThisExpr>(Base)) {
      if (Path->Fields.empty()) {
        // p->x: through the pointer variable p, once.
        if (Path->ThroughPointer)
          return std::nullopt;
        Path->ThroughPointer = true;
      } else if (!leadsToPointee(*Path->Fields.back(), ThroughSmartPointer)) {
        return std::nullopt;
      }
      // w.player->score, ctx->stats->hits: what a pointer member points to
      // goes by the member's name.
    }
    Path->Fields.push_back(Field);
    return Path;
  }
  // `room.state()` with `const RoomState &state() const { lock_guard g(mu_);
  // return state_; }`: the member itself, read after the lock is gone.
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    if (const FieldDecl *Field = memberReturnedBy(Call->getMethodDecl())) {
      const Expr *Object = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
      auto Path = pathOf(Object, Depth + 1);
      if (!Path)
        return std::nullopt;
      if (Object->getType()->isPointerType() && !isa<CXXThisExpr>(Object)) {
        if (Path->ThroughPointer || !Path->Fields.empty())
          return std::nullopt;
        Path->ThroughPointer = true;
      }
      Path->Fields.push_back(Field);
      return Path;
    }
  // `Registry::instance()`: the static object it returns.
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && !isa<CXXMemberCallExpr>(Call))
    if (const VarDecl *Static = staticObjectReturnedBy(Call->getDirectCallee())) {
      ObjectPath Path;
      Path.Root = Static;
      return Path;
    }
  if (const Expr *Smart = smartPointerDereferenced(E)) {
    auto Path = pathOf(Smart, Depth + 1);
    if (!Path)
      return std::nullopt;
    // `*model_`, `model_->quote()`: what a pointer member points to goes by
    // the member's name, as in `model_->x`.
    if (!Path->Fields.empty())
      return leadsToPointee(*Path->Fields.back(), /*Smart=*/true)
                 ? Path
                 : std::nullopt;
    if (Path->ThroughPointer || !Path->Root)
      return std::nullopt;
    Path->ThroughPointer = true;
    return Path;
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_Deref) {
    const Expr *Sub = Unary->getSubExpr()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Sub))
      return ObjectPath{};
    auto Path = pathOf(Sub, Depth + 1);
    if (!Path || Path->ThroughPointer || !Path->Fields.empty() ||
        !Path->Root->getType()->isPointerType())
      return std::nullopt;
    Path->ThroughPointer = true;
    return Path;
  }
  return std::nullopt;
}

} // namespace

std::optional<ObjectPath> objectPathOf(const Expr *E) { return pathOf(E, 0); }

/// The caller's object a constructor's argument binds reference member
/// Field to (`Downloader(TransferStats &s) : stats_(s)` constructed with
/// `stats`), or nullopt.
std::optional<ObjectPath> boundByConstruction(const CXXConstructExpr &Construct,
                                              const FieldDecl &Field) {
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  const auto *Definition =
      Constructor ? dyn_cast_or_null<CXXConstructorDecl>(
                        Constructor->getDefinition())
                  : nullptr;
  if (!Definition)
    return std::nullopt;
  for (const CXXCtorInitializer *Init : Definition->inits()) {
    if (Init->getMember() != &Field || !Init->getInit())
      continue;
    const auto *Ref =
        dyn_cast<DeclRefExpr>(Init->getInit()->IgnoreParenImpCasts());
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (!Param || Param->getFunctionScopeIndex() >= Construct.getNumArgs())
      return std::nullopt;
    return objectPathOf(
        Construct.getArg(Param->getFunctionScopeIndex())->IgnoreParenImpCasts());
  }
  return std::nullopt;
}

} // namespace clang::tidy::parlint
