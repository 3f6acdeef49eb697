#include "ReturnedElements.h"
#include "../common/AstHelpers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <functional>

namespace clang::tidy::parlint {

std::pair<const Expr *, const Expr *> arrayAndIndexOf(const Expr *Element) {
  const Expr *E = stripped(Element);
  if (const auto *Address = dyn_cast_or_null<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf)
    E = stripped(Address->getSubExpr());
  if (const auto *Subscript = dyn_cast_or_null<ArraySubscriptExpr>(E))
    return {Subscript->getBase(), Subscript->getIdx()};
  if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(E);
      Operator && Operator->getOperator() == OO_Subscript &&
      Operator->getNumArgs() == 2)
    return {Operator->getArg(0), Operator->getArg(1)};
  if (const auto *Sum = dyn_cast_or_null<BinaryOperator>(E);
      Sum && Sum->getOpcode() == BO_Add) {
    bool PointerLeft = Sum->getLHS()->getType()->isPointerType();
    const Expr *Array = PointerLeft ? Sum->getLHS() : Sum->getRHS();
    if (Array->getType()->isPointerType())
      return {Array, PointerLeft ? Sum->getRHS() : Sum->getLHS()};
  }
  return {nullptr, nullptr};
}

/// Path, rooted at a global or at a parameter of Call's callee, in the
/// caller's names.
static std::optional<ObjectPath> inCallerNames(ObjectPath Path,
                                               const CallExpr &Call) {
  if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(Path.Root)) {
    unsigned At = Param->getFunctionScopeIndex();
    if (At >= Call.getNumArgs())
      return std::nullopt;
    const Expr *Arg = stripped(Call.getArg(At));
    // `lookup(&names, key)`: the object whose address is passed.
    if (const auto *Address = dyn_cast<UnaryOperator>(Arg);
        Address && Address->getOpcode() == UO_AddrOf && Path.ThroughPointer &&
        Path.Root == Param) {
      std::optional<ObjectPath> Object = objectPathOf(stripped(Address->getSubExpr()));
      if (!Object || !Object->Root)
        return std::nullopt;
      Object->Fields.append(Path.Fields.begin(), Path.Fields.end());
      return Object;
    }
    std::optional<ObjectPath> Argument = objectPathOf(Arg);
    if (!Argument || !Argument->Root)
      return std::nullopt;
    // `shard_for(kv, key)`: `kv->shards`; `slot_for(w->sched, id)`:
    // `w->sched->slots` (a pointer member's pointee goes by its name).
    if (Argument->Fields.empty() && !Argument->ThroughPointer)
      Path.Root = Argument->Root;
    else
      Path = Argument->extendedBy(Path);
    return Path;
  }
  const auto *Global = dyn_cast_or_null<VarDecl>(Path.Root);
  if (!Global || !Global->hasGlobalStorage())
    return std::nullopt;
  return Path;
}

/// `this->m_`: a member of the object, or null.
static const MemberExpr *memberOfThis(const Expr *E) {
  const auto *Member = dyn_cast_or_null<MemberExpr>(stripped(E));
  if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()) ||
      !isa<FieldDecl>(Member->getMemberDecl()))
    return nullptr;
  return Member;
}

/// E without the dereferences, address-ofs and `.get()`s that lead from a
/// container's element to the object it owns (`*it->second` of a map of
/// unique_ptr, `&it->second`).
static const Expr *ownedObject(const Expr *E) {
  for (E = stripped(E); E;) {
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && (Unary->getOpcode() == UO_Deref || Unary->getOpcode() == UO_AddrOf))
      E = stripped(Unary->getSubExpr());
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
             Op && Op->getOperator() == OO_Star && Op->getNumArgs() == 1)
      E = stripped(Op->getArg(0));
    else if (const auto *Get = dyn_cast<CXXMemberCallExpr>(E);
             Get && Get->getNumArgs() == 0 &&
             identifierOf(Get->getMethodDecl()) == "get")
      E = stripped(Get->getImplicitObjectArgument());
    else if (const auto *Copy = dyn_cast<CXXConstructExpr>(E);
             Copy && Copy->getNumArgs() == 1 &&
             Copy->getConstructor()->isCopyOrMoveConstructor())
      E = stripped(Copy->getArg(0));
    else
      return E;
  }
  return E;
}

/// A lookup in a member container: `m_.find(key)`, `m_.lower_bound(key)`,
/// the `first` of `m_.emplace(key, ..)`, `m_.try_emplace(key, ..)` or
/// `m_.insert(..)` (no key). The member and the key.
static std::optional<MemberElement> lookupIn(const Expr *E) {
  E = ownedObject(E);
  bool Inserted = false;
  if (const auto *First = dyn_cast_or_null<MemberExpr>(E);
      First && identifierOf(First->getMemberDecl()) == "first") {
    E = stripped(First->getBase());
    Inserted = true;
  }
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E);
  const MemberExpr *Container =
      Call ? memberOfThis(Call->getImplicitObjectArgument()) : nullptr;
  if (!Container)
    return std::nullopt;
  StringRef Name = identifierOf(Call->getMethodDecl());
  bool Keyed = Inserted ? (Name == "emplace" || Name == "try_emplace")
                        : (Name == "find" || Name == "lower_bound");
  if (!Keyed && !(Inserted && Name == "insert"))
    return std::nullopt;
  return MemberElement{Container, Keyed && Call->getNumArgs() > 0
                                      ? Call->getArg(0)
                                      : nullptr};
}

/// Every lookup the iterator It is set from, or nullopt when it is set
/// from anything else.
static std::optional<llvm::SmallVector<MemberElement, 2>>
lookupsSetting(const VarDecl &It, const Stmt &Body) {
  llvm::SmallVector<MemberElement, 2> Lookups;
  bool Other = !It.getInit();
  auto Add = [&](const Expr *Value) {
    if (std::optional<MemberElement> Lookup = lookupIn(Value))
      Lookups.push_back(*Lookup);
    else
      Other = true;
  };
  if (It.getInit())
    Add(It.getInit());
  forEachDescendant(&Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(&S);
        Assign && Assign->getOperator() == OO_Equal &&
        Assign->getNumArgs() == 2 && namesVariable(Assign->getArg(0), &It))
      Add(Assign->getArg(1));
    else if (const auto *Plain = dyn_cast<BinaryOperator>(&S);
             Plain && Plain->isAssignmentOp() && namesVariable(Plain->getLHS(), &It))
      Other = true;
  });
  if (Other)
    return std::nullopt;
  return Lookups;
}

/// The elements a return of a lookup method hands back (`*it->second`,
/// `m_.find(k)->second`, `m_[key]`, `m_.at(key)`), or nullopt.
static std::optional<llvm::SmallVector<MemberElement, 2>>
elementsReturned(const Expr *Value, const Stmt &Body) {
  const Expr *E = ownedObject(Value);
  // `SessionState &s = sessions_[id]; ...; return s;`: the element the
  // local reference is bound to.
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
        Local && Local->hasLocalStorage() && !isa<ParmVarDecl>(Local) &&
        Local->getType()->isReferenceType() && Local->getInit())
      E = ownedObject(Local->getInit());
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
    if (const MemberExpr *Container = memberOfThis(Op->getArg(0)))
      return llvm::SmallVector<MemberElement, 2>{{Container, Op->getArg(1)}};
  if (const auto *At = dyn_cast_or_null<CXXMemberCallExpr>(E);
      At && At->getNumArgs() == 1 && identifierOf(At->getMethodDecl()) == "at")
    if (const MemberExpr *Container = memberOfThis(At->getImplicitObjectArgument()))
      return llvm::SmallVector<MemberElement, 2>{{Container, At->getArg(0)}};
  const auto *Second = dyn_cast_or_null<MemberExpr>(E);
  if (!Second || identifierOf(Second->getMemberDecl()) != "second")
    return std::nullopt;
  const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(stripped(Second->getBase()));
  if (!Arrow || Arrow->getOperator() != OO_Arrow || Arrow->getNumArgs() != 1)
    return std::nullopt;
  if (std::optional<MemberElement> Direct = lookupIn(Arrow->getArg(0)))
    return llvm::SmallVector<MemberElement, 2>{*Direct};
  const auto *Ref = dyn_cast<DeclRefExpr>(stripped(Arrow->getArg(0)));
  const auto *It = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!It || !It->hasLocalStorage() || isa<ParmVarDecl>(It))
    return std::nullopt;
  return lookupsSetting(*It, Body);
}

/// The element a method looks up in a member container and returns.
static std::optional<MemberElement> lookedUpElement(const FunctionDecl &Method) {
  ASTContext &Context = Method.getASTContext();
  const Stmt &Body = *Method.getBody();
  llvm::SmallVector<MemberElement, 4> Elements;
  bool Other = false;
  // `return it == end() ? nullptr : it->second.get();`: each arm.
  std::function<void(const Expr *)> Take = [&](const Expr *Value) {
    if (!Value || Value->isValueDependent()) {
      Other = true;
      return;
    }
    if (const auto *Choice = dyn_cast<ConditionalOperator>(stripped(Value))) {
      Take(Choice->getTrueExpr());
      Take(Choice->getFalseExpr());
      return;
    }
    if (Value->IgnoreParenImpCasts()->isNullPointerConstant(
            Context, Expr::NPC_ValueDependentIsNotNull))
      return;
    if (auto Returned = elementsReturned(Value, Body))
      Elements.append(Returned->begin(), Returned->end());
    else
      Other = true;
  };
  forEachDescendant(&Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Return = dyn_cast<ReturnStmt>(&S); Return && !Other)
      Take(Return->getRetValue());
  });
  if (Other || Elements.empty())
    return std::nullopt;
  MemberElement Common = Elements.front();
  // One key for all: the same parameter, which the method never changes.
  const auto *KeyRef = dyn_cast_or_null<DeclRefExpr>(stripped(Common.Index));
  const auto *Key = KeyRef ? dyn_cast<ParmVarDecl>(KeyRef->getDecl()) : nullptr;
  if (Key && isChangedWithin(Key, Body))
    Key = nullptr;
  for (const MemberElement &Element : Elements) {
    if (Element.Array->getMemberDecl() != Common.Array->getMemberDecl())
      return std::nullopt;
    if (!Element.Index || !namesVariable(Element.Index, Key))
      Key = nullptr;
  }
  if (!Key)
    Common.Index = nullptr;
  return Common;
}

std::optional<MemberElement> memberElementReturnedBy(const CXXMethodDecl *Method) {
  const FunctionDecl *Definition = nullptr;
  if (!Method || Method->isVirtual() || !Method->isInstance() ||
      !Method->hasBody(Definition) ||
      !(Method->getReturnType()->isReferenceType() ||
        Method->getReturnType()->isPointerType()))
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
  if (!Body)
    return std::nullopt;
  const auto *Return = Body->size() == 1
                           ? dyn_cast<ReturnStmt>(Body->body_front())
                           : nullptr;
  const Expr *Value = Return ? Return->getRetValue() : nullptr;
  auto [Array, Index] = arrayAndIndexOf(Value);
  if (const MemberExpr *Member = Array ? memberOfThis(Array) : nullptr)
    return MemberElement{Member, Index};
  // The standard containers' own `at` and `find` are the callers' business.
  const SourceManager &SM = Definition->getASTContext().getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Definition->getLocation())))
    return std::nullopt;
  return lookedUpElement(*Definition);
}

/// `world.body(0)` with `Body &body(size_t i) { return bodies_[i]; }`: the
/// element of the object's member array.
static std::optional<ReturnedElement>
memberElementOf(const CXXMemberCallExpr &Call) {
  std::optional<MemberElement> Returned =
      memberElementReturnedBy(Call.getMethodDecl());
  if (!Returned)
    return std::nullopt;
  std::optional<ObjectPath> Member = objectPathOf(Returned->Array);
  const Expr *Object = Call.getImplicitObjectArgument()->IgnoreParenImpCasts();
  std::optional<ObjectPath> Base;
  if (isa<CXXThisExpr>(Object))
    Base = ObjectPath{};
  else if (Object->getType()->isPointerType()) {
    const auto *Ref = dyn_cast<DeclRefExpr>(Object);
    if (Ref && isa<VarDecl>(Ref->getDecl())) {
      Base = ObjectPath{};
      Base->Root = Ref->getDecl();
      Base->ThroughPointer = true;
    }
  } else {
    Base = objectPathOf(Object);
  }
  if (!Member || !Base)
    return std::nullopt;
  return ReturnedElement{Base->extendedBy(*Member), Returned->Index};
}

std::optional<ReturnedElement> elementReturnedBy(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return memberElementOf(*Member);
  const FunctionDecl *Callee = Call.getDirectCallee();
  const Expr *Returned = singleReturnedValue(Callee);
  if (!Returned) {
    const FunctionDecl *Definition = nullptr;
    if (!Callee || !Callee->hasBody(Definition) || isa<CXXMethodDecl>(Definition))
      return std::nullopt;
    std::optional<ObjectPath> Searched = searchedArrayOf(*Definition);
    if (!Searched)
      return std::nullopt;
    if (auto Array = inCallerNames(*Searched, Call))
      return ReturnedElement{*Array, nullptr};
    return std::nullopt;
  }
  if (!Returned->getType()->isPointerType())
    return std::nullopt;
  auto [Array, Index] = arrayAndIndexOf(Returned);
  std::optional<ObjectPath> Path =
      Array ? objectPathOf(Array->IgnoreParenImpCasts()) : std::nullopt;
  if (!Path)
    return std::nullopt;
  if (auto InCaller = inCallerNames(*Path, Call))
    return ReturnedElement{*InCaller, Index};
  return std::nullopt;
}

/// Whether Body takes the element Value reads out of its array: Value is
/// an element's value (`q->items[q->head]`, a pointer handed over, not an
/// element's address), and Body writes what picks it (`q->head = ...`,
/// `items[--top]`) or that array's slots (`items[i] = items[--n]`). A
/// queue's pop: the caller alone gets the object it points to. Returned:
/// the local the helper returns, if any.
static bool takenOut(const Expr *Value, const Stmt &Body,
                     const VarDecl *Returned) {
  const auto *Element =
      Value ? dyn_cast<ArraySubscriptExpr>(Value->IgnoreParenImpCasts()) : nullptr;
  if (!Element)
    return false;
  auto Picked = [](const Expr *E) -> const ValueDecl * {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return Member->getMemberDecl();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl();
    return nullptr;
  };
  llvm::SmallPtrSet<const ValueDecl *, 4> Pickers;
  forEachDescendant(Element->getIdx(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *E = dyn_cast<Expr>(&S))
      if (const ValueDecl *D = Picked(E); D && isa<MemberExpr, DeclRefExpr>(E))
        Pickers.insert(D);
  });
  const ValueDecl *ArrayDecl = Picked(Element->getBase());
  bool Taken = false;
  auto Written = [&](const Expr *Target) {
    Target = Target->IgnoreParenImpCasts();
    if (const auto *Slot = dyn_cast<ArraySubscriptExpr>(Target))
      return ArrayDecl && Picked(Slot->getBase()) == ArrayDecl;
    const ValueDecl *D = Picked(Target);
    return D && Pickers.contains(D);
  };
  forEachDescendant(&Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    // `c->buckets[b] = t` puts the returned object in (a get-or-create),
    // it does not take one out.
    if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
        Assign && Assign->isAssignmentOp())
      Taken |= Written(Assign->getLHS()) &&
               !(Returned && namesVariable(Assign->getRHS(), Returned));
    else if (const auto *Step = dyn_cast<UnaryOperator>(&S);
             Step && Step->isIncrementDecrementOp())
      Taken |= Written(Step->getSubExpr());
  });
  return Taken;
}

/// The one array every value in Values, and every value the local Found is
/// given in Body, is an element of (null values aside), rooted at a global
/// or a parameter; nullopt when they differ or one is anything else.
/// `st->head` in `for (s = st->head; s; s = s->next)`: a pointer member of
/// a parameter's or a global's object that heads a list of Found's type,
/// when Body never stores into it (a pop would take the node out).
static std::optional<ObjectPath> listHeadOf(const Expr *Value, const VarDecl &Found,
                                            const Stmt &Body, ASTContext &Context) {
  const auto *Head = dyn_cast_or_null<MemberExpr>(Value ? stripped(Value) : nullptr);
  if (!Head || !Found.getType()->isPointerType() ||
      !Context.hasSameType(Head->getType(), Found.getType()))
    return std::nullopt;
  std::optional<ObjectPath> Path = objectPathOf(Head);
  const auto *Root = Path ? dyn_cast_or_null<VarDecl>(Path->Root) : nullptr;
  if (!Root || !(isa<ParmVarDecl>(Root) || Root->hasGlobalStorage()))
    return std::nullopt;
  bool Stored = false;
  forEachDescendant(&Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
        Assign && Assign->isAssignmentOp())
      if (auto Target = objectPathOf(Assign->getLHS()->IgnoreParenImpCasts()))
        Stored |= *Target == *Path;
  });
  if (Stored)
    return std::nullopt;
  return Path;
}

static std::optional<ObjectPath>
commonArrayOf(llvm::SmallVector<const Expr *, 2> Values, const VarDecl *Found,
              const Stmt &Body, ASTContext &Context, unsigned Depth = 0) {
  const Stmt *HelperBody = &Body;
  // Every value the local is given: an element of one array.
  if (Found && Found->getInit())
    Values.push_back(Found->getInit());
  if (Found) {
    forEachDescendant(HelperBody, /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
          Assign && Assign->isAssignmentOp() &&
          namesVariable(Assign->getLHS(), Found))
        Values.push_back(Assign->getOpcode() == BO_Assign ? Assign->getRHS()
                                                          : nullptr);
      else if (const auto *Step = dyn_cast<UnaryOperator>(&S);
               Step && (Step->isIncrementDecrementOp() ||
                        Step->getOpcode() == UO_AddrOf) &&
               namesVariable(Step->getSubExpr(), Found))
        Values.push_back(nullptr);
    });
  }
  std::optional<ObjectPath> Common;
  // `t = decode_thumb(key);` on a miss, then `c->buckets[b] = t;`: a new
  // object the function puts in the array (a get-or-create), checked once
  // the array is known.
  bool Created = false;
  for (const Expr *Value : Values) {
    // `struct frame *f = NULL;` before the search.
    if (Value && Value->IgnoreParenImpCasts()->isNullPointerConstant(
                     Context, Expr::NPC_ValueDependentIsNotNull))
      continue;
    if (Found && Value && isa<CallExpr>(stripped(Value))) {
      Created = true;
      continue;
    }
    // `e = e->next`: the next entry of a chain that starts at the array's
    // elements; it is one of the objects they lead to.
    if (const auto *Step = dyn_cast_or_null<MemberExpr>(stripped(Value));
        Step && Found && Step->isArrow() && namesVariable(Step->getBase(), Found) &&
        Context.hasSameType(Step->getType(), Found->getType()))
      continue;
    // `found = s;` with `s` the local that walks the chain: the objects
    // it is given.
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Value ? stripped(Value) : nullptr);
        Ref && Found && Depth == 0)
      if (const auto *Walker = dyn_cast<VarDecl>(Ref->getDecl());
          Walker && Walker != Found && Walker->hasLocalStorage() &&
          !isa<ParmVarDecl>(Walker) &&
          Context.hasSameType(Walker->getType(), Found->getType())) {
        std::optional<ObjectPath> Path =
            commonArrayOf({}, Walker, Body, Context, Depth + 1);
        if (!Path || (Common && !(*Common == *Path)))
          return std::nullopt;
        Common = Path;
        continue;
      }
    if (auto Head = Found ? listHeadOf(Value, *Found, *HelperBody, Context)
                          : std::nullopt) {
      if (Common && !(*Common == *Head))
        return std::nullopt;
      Common = Head;
      continue;
    }
    auto [Array, Index] = arrayAndIndexOf(Value);
    std::optional<ObjectPath> Path =
        Array ? objectPathOf(Array->IgnoreParenImpCasts()) : std::nullopt;
    if (!Path || !Path->Root || (Common && !(*Common == *Path)) ||
        takenOut(Value, *HelperBody, Found))
      return std::nullopt;
    const auto *Root = dyn_cast<VarDecl>(Path->Root);
    if (!Root || !(isa<ParmVarDecl>(Root) || Root->hasGlobalStorage()))
      return std::nullopt;
    Common = Path;
  }
  if (Created && Common) {
    bool Inserted = false;
    forEachDescendant(HelperBody, /*SkipLambdas=*/true, [&](const Stmt &S) {
      const auto *Store = dyn_cast<BinaryOperator>(&S);
      if (!Store || Store->getOpcode() != BO_Assign ||
          !namesVariable(Store->getRHS(), Found))
        return;
      auto [Array, Index] = arrayAndIndexOf(Store->getLHS());
      std::optional<ObjectPath> Into =
          Array ? objectPathOf(Array->IgnoreParenImpCasts()) : std::nullopt;
      Inserted |= Into && *Into == *Common;
    });
    if (!Inserted)
      return std::nullopt;
  }
  return Common;
}

std::optional<ObjectPath> searchedArrayOf(const FunctionDecl &Helper) {
  if (!Helper.getReturnType()->isPointerType() || !Helper.getBody())
    return std::nullopt;
  ASTContext &Context = Helper.getASTContext();
  // The local every non-null return gives back, or elements returned
  // directly (`return &t->rows[i];` in the search loop).
  const VarDecl *Found = nullptr;
  llvm::SmallVector<const Expr *, 2> Values;
  bool Other = false;
  forEachDescendant(Helper.getBody(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Return = dyn_cast<ReturnStmt>(&S);
    if (!Return || Other)
      return;
    const Expr *Value = Return->getRetValue();
    if (!Value || Value->isValueDependent()) {
      Other = true;
      return;
    }
    if (Value->IgnoreParenImpCasts()->isNullPointerConstant(
            Context, Expr::NPC_ValueDependentIsNotNull))
      return;
    if (arrayAndIndexOf(Value).first) {
      Values.push_back(Value);
      return;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(stripped(Value));
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
        (Found && Found != Var))
      Other = true;
    else
      Found = Var;
  });
  if ((!Found && Values.empty()) || Other)
    return std::nullopt;
  return commonArrayOf(std::move(Values), Found, *Helper.getBody(), Context);
}

std::optional<ObjectPath> arrayOfSearchedLocal(const VarDecl &Local,
                                               const Stmt &Body) {
  if (!Local.getType()->isPointerType() || !Local.hasLocalStorage() ||
      isa<ParmVarDecl>(Local))
    return std::nullopt;
  return commonArrayOf({}, &Local, Body, Local.getASTContext());
}


} // namespace clang::tidy::parlint
