#include "ArgumentFields.h"
#include "../common/AstHelpers.h"
#include "../model/Allocation.h"

#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

namespace {

/// The variable E names, or the member of a variable (`dl->segs`, an array
/// of argument structs held by the object a parameter points to).
const ValueDecl *declOf(const Expr *E) {
  E = stripped(E);
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E);
      Member && isa<FieldDecl>(Member->getMemberDecl()) &&
      Member->getType()->isArrayType() &&
      isa<DeclRefExpr>(stripped(Member->getBase())))
    return Member->getMemberDecl();
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  return Ref ? Ref->getDecl() : nullptr;
}

/// How a launch's argument names its struct: element Index of Array
/// (`&args[i]`, `args + i`), or the struct a pointer declared in the loop
/// points to.
struct ArgumentSlot {
  const ValueDecl *Array = nullptr;
  const ValueDecl *Index = nullptr;
  const ValueDecl *Pointer = nullptr;
  /// Any element of Array (a set-up loop of its own before the launches),
  /// and the pointers bound to one (`struct worker *w = &workers[i];`).
  bool AnyElement = false;
  llvm::SmallVector<const ValueDecl *, 2> ElementPointers;

  /// Whether E designates that struct: `args[i]`, `*(args + i)`, `*a`.
  bool isDesignatedBy(const Expr *E) const {
    E = stripped(E);
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      return Array && declOf(Subscript->getBase()) == Array &&
             (AnyElement || declOf(Subscript->getIdx()) == Index);
    if (const auto *Deref = dyn_cast<UnaryOperator>(E);
        Deref && Deref->getOpcode() == UO_Deref)
      return isPointedToBy(Deref->getSubExpr());
    return false;
  }
  /// Whether E is a pointer to that struct: `a`, `args + i`, `&args[i]`.
  bool isPointedToBy(const Expr *E) const {
    E = stripped(E);
    if (Pointer)
      return declOf(E) == Pointer;
    if (const ValueDecl *Decl = declOf(E);
        Decl && llvm::is_contained(ElementPointers, Decl))
      return true;
    if (const auto *Sum = dyn_cast<BinaryOperator>(E);
        Sum && Sum->getOpcode() == BO_Add)
      return declOf(Sum->getLHS()) == Array && declOf(Sum->getRHS()) == Index;
    if (const auto *Address = dyn_cast<UnaryOperator>(E);
        Address && Address->getOpcode() == UO_AddrOf)
      return isDesignatedBy(Address->getSubExpr());
    return false;
  }
  /// The struct a member expression selects from, if it is this one.
  bool isBaseOf(const MemberExpr &Member) const {
    return Member.isArrow() ? isPointedToBy(Member.getBase())
                            : isDesignatedBy(Member.getBase());
  }
};

std::optional<ArgumentSlot> slotOf(const Expr &Argument, const Stmt &Loop,
                                   const SourceManager &SM) {
  const Expr *E = stripped(&Argument);
  auto Element = [&](const Expr *Base,
                     const Expr *Index) -> std::optional<ArgumentSlot> {
    const ValueDecl *Array = declOf(Base);
    const ValueDecl *Position = declOf(Index);
    if (!Array || !Position || isWithin(Array, &Loop, SM) ||
        !isWithin(Position, &Loop, SM))
      return std::nullopt;
    return ArgumentSlot{Array, Position, nullptr};
  };
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf)
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(
            Address->getSubExpr()->IgnoreParens()))
      return Element(Subscript->getBase(), Subscript->getIdx());
  if (const auto *Sum = dyn_cast<BinaryOperator>(E);
      Sum && Sum->getOpcode() == BO_Add)
    return Element(Sum->getLHS(), Sum->getRHS());
  if (const auto *Var = dyn_cast_or_null<VarDecl>(declOf(E));
      Var && Var->getType()->isPointerType() && isWithin(Var, &Loop, SM))
    return ArgumentSlot{nullptr, nullptr, Var};
  return std::nullopt;
}

/// The object a pointer value stored in a field points to: `&sum`, an
/// array `sum`, or the pointer variable `hist` (`*hist`).
std::optional<SharedPointee> pointeeOf(const Expr *Value) {
  const Expr *E = stripped(Value);
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf) {
    auto Path = objectPathOf(Address->getSubExpr());
    if (!Path)
      return std::nullopt;
    return SharedPointee{*Path, true};
  }
  const auto *Var = dyn_cast_or_null<VarDecl>(declOf(E));
  if (!Var)
    return std::nullopt;
  ObjectPath Path;
  Path.Root = Var;
  if (Var->getType()->isArrayType())
    return SharedPointee{Path, true};
  if (Var->getType()->isPointerType())
    return SharedPointee{Path, false};
  return std::nullopt;
}

/// `&slots[i]` or `slots + i` given to element `args[i]` of the argument
/// array (the same index), or to the struct of a pointer declared in the
/// launching loop with `i` declared there too: another element of `slots`
/// for each launch.
std::optional<SharedPointee> ownElementOf(const Expr *Value,
                                          const ValueDecl *TargetIndex,
                                          const ArgumentSlot &Slot,
                                          const Stmt &Loop,
                                          const SourceManager &SM) {
  const Expr *E = stripped(Value);
  const Expr *Base = nullptr, *Index = nullptr;
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf) {
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(
            Address->getSubExpr()->IgnoreParens())) {
      Base = Subscript->getBase();
      Index = Subscript->getIdx();
    }
  } else if (const auto *Sum = dyn_cast<BinaryOperator>(E);
             Sum && Sum->getOpcode() == BO_Add) {
    Base = Sum->getLHS();
    Index = Sum->getRHS();
  }
  const ValueDecl *Position = declOf(Index);
  if (!Base || !Position)
    return std::nullopt;
  bool OnePerLaunch = TargetIndex ? Position == TargetIndex
                                  : Slot.Pointer && isWithin(Position, &Loop, SM);
  auto Container = objectPathOf(stripped(Base));
  if (!OnePerLaunch || !Container || !Container->Root ||
      isWithin(Container->Root, &Loop, SM) ||
      !stripped(Base)->getType()->isArrayType())
    return std::nullopt;
  return SharedPointee{*Container, true, true};
}

/// The one object every value given to a field points to (a null value:
/// one not known), never repointed within Scope; nullopt when they differ
/// or Rejected says a value is not the same for every launch.
std::optional<SharedPointee>
commonPointee(llvm::ArrayRef<const Expr *> Given, const Stmt &Scope,
              llvm::function_ref<bool(const Expr *)> Rejected) {
  std::optional<SharedPointee> Common;
  for (const Expr *Value : Given) {
    // `struct job jobs[4] = {{0}};` then `jobs[i].pager = pager;`: a null
    // pointer points a worker at nothing it could share.
    if (Value) {
      const Expr *Plain = Value->IgnoreParenCasts();
      const auto *Zero = dyn_cast<IntegerLiteral>(Plain);
      if ((Zero && Zero->getValue() == 0) ||
          isa<GNUNullExpr, CXXNullPtrLiteralExpr>(Plain))
        continue;
    }
    auto Pointee = Value ? pointeeOf(Value) : std::nullopt;
    if (!Pointee || Rejected(Value) ||
        (!Pointee->AddressOf && isChangedWithin(Pointee->Path.Root, Scope)) ||
        (Common && !(Common->Path == Pointee->Path &&
                     Common->AddressOf == Pointee->AddressOf)))
      return std::nullopt;
    Common = Pointee;
  }
  return Common;
}

/// The values a helper given the whole array gives the fields of its
/// elements (`plan_slices(slices, n, g_samples)` storing `s[t].data =
/// data`), in the launching function's names: a parameter of the helper is
/// the call's argument, a global is itself, anything else is unknown (null).
/// Each value's statement, for loops around it, is the call.
void valuesGivenByHelpers(
    const ValueDecl &Array, const FunctionAnalysis &Launcher,
    llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const Expr *, 2>> &Values,
    llvm::DenseMap<const Expr *, const Stmt *> &AssignmentOf) {
  forEachDescendant(&Launcher.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
    if (!Definition || !Definition->hasBody() ||
        Launcher.context().getSourceManager().isInSystemHeader(
            Definition->getLocation()))
      return;
    for (unsigned I = 0; I < Call->getNumArgs() && I < Definition->getNumParams(); ++I) {
      if (declOf(Call->getArg(I)) != &Array)
        continue;
      const ParmVarDecl *Param = Definition->getParamDecl(I);
      forEachDescendant(Definition->getBody(), /*SkipLambdas=*/true, [&](const Stmt &Node) {
        const auto *Assign = dyn_cast<BinaryOperator>(&Node);
        if (!Assign || Assign->getOpcode() != BO_Assign)
          return;
        const auto *Member = dyn_cast<MemberExpr>(Assign->getLHS()->IgnoreParens());
        const auto *Field = Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
        const auto *Element = Member && !Member->isArrow()
                                  ? dyn_cast<ArraySubscriptExpr>(stripped(Member->getBase()))
                                  : nullptr;
        if (!Field || !Element || declOf(Element->getBase()) != Param)
          return;
        const Expr *Value = nullptr;
        const ValueDecl *Named = declOf(Assign->getRHS());
        if (const auto *Given = dyn_cast_or_null<ParmVarDecl>(Named);
            Given && Given->getDeclContext() == Definition &&
            Given->getFunctionScopeIndex() < Call->getNumArgs())
          Value = Call->getArg(Given->getFunctionScopeIndex());
        else if (const auto *Var = dyn_cast_or_null<VarDecl>(Named);
                 Var && Var->hasGlobalStorage() && !Var->isStaticLocal())
          Value = Assign->getRHS();
        Values[Field].push_back(Value);
        if (Value)
          AssignmentOf[Value] = Call;
      });
    }
  });
}

/// `open_stream(&conn, i)`: a helper that allocates a struct, stores its
/// parameters (or globals) into the struct's fields and returns it, and
/// nothing else. The value each field is given, in the caller's names (a
/// parameter is the call's argument; anything else unknown, null), each
/// value's statement the call. False when Call is no such helper's.
bool valuesGivenByBuilder(
    const CallExpr &Call,
    llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const Expr *, 2>> &Values,
    llvm::DenseMap<const Expr *, const Stmt *> &AssignmentOf) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition) || Definition->isVariadic() ||
      !Definition->getReturnType()->isPointerType())
    return false;
  // The struct: a local pointer given an allocation, the only thing
  // returned (a null pointer aside, a failure).
  const VarDecl *Built = nullptr;
  bool Other = false;
  forEachDescendant(Definition->getBody(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Return = dyn_cast<ReturnStmt>(&S);
    if (!Return || !Return->getRetValue())
      return;
    const Expr *Value = Return->getRetValue()->IgnoreParenCasts();
    if (Value->isNullPointerConstant(Definition->getASTContext(),
                                     Expr::NPC_ValueDependentIsNotNull))
      return;
    const auto *Var = dyn_cast_or_null<VarDecl>(declOf(Value));
    if (!Var || (Built && Built != Var))
      Other = true;
    Built = Var;
  });
  if (Other || !Built || !Built->hasLocalStorage() || isa<ParmVarDecl>(Built) ||
      !isAllocationCall(Built->getInit()) || isChangedWithin(Built, *Definition->getBody()))
    return false;
  forEachDescendant(Definition->getBody(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Assign = dyn_cast<BinaryOperator>(&S);
    if (!Assign || !Assign->isAssignmentOp())
      return;
    const auto *Member = dyn_cast<MemberExpr>(Assign->getLHS()->IgnoreParens());
    const auto *Field = Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    if (!Field || !Member->isArrow() || declOf(Member->getBase()) != Built)
      return;
    const Expr *Value = nullptr;
    const ValueDecl *Named = declOf(Assign->getRHS());
    const Expr *Plain = Assign->getRHS()->IgnoreParenCasts();
    if (Assign->getOpcode() != BO_Assign)
      Value = nullptr;
    else if (const auto *Given = dyn_cast_or_null<ParmVarDecl>(Named);
             Given && Given->getDeclContext() == Definition &&
             Given->getFunctionScopeIndex() < Call.getNumArgs() &&
             isa<DeclRefExpr>(Plain))
      Value = Call.getArg(Given->getFunctionScopeIndex());
    else if (const auto *Var = dyn_cast_or_null<VarDecl>(Named);
             Var && Var->hasGlobalStorage() && !Var->isStaticLocal())
      Value = Assign->getRHS();
    Values[Field].push_back(Value);
    if (Value)
      AssignmentOf[Value] = &Call;
  });
  return true;
}

} // namespace

llvm::DenseMap<const FieldDecl *, SharedPointee>
sharedArgumentFields(const Expr &Argument, const Stmt &Loop,
                     const FunctionAnalysis &Launcher) {
  llvm::DenseMap<const FieldDecl *, SharedPointee> Shared;
  const SourceManager &SM = Launcher.context().getSourceManager();
  // A struct built for each launch by a helper of the program's own.
  if (const auto *Call = dyn_cast<CallExpr>(stripped(&Argument))) {
    llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const Expr *, 2>> Values;
    llvm::DenseMap<const Expr *, const Stmt *> AssignmentOf;
    if (!valuesGivenByBuilder(*Call, Values, AssignmentOf))
      return Shared;
    for (const auto &[Field, Given] : Values)
      if (Field->getType()->isPointerType())
        if (auto Common = commonPointee(Given, Loop, [&](const Expr *Value) {
              return mentionsDeclaredWithin(Value, &Loop, SM);
            }))
          Shared[Field] = *Common;
    return Shared;
  }
  auto Slot = slotOf(Argument, Loop, SM);
  if (!Slot)
    return Shared;
  // Every value each field of the struct is given: in the loop, and for an
  // array of structs in any loop of the function over its elements.
  const Stmt *Scope = &Loop;
  if (Slot->Array) {
    Scope = &Launcher.body();
    Slot->AnyElement = true;
    forEachDescendant(Scope, /*SkipLambdas=*/true, [&](const Stmt &S) {
      const auto *Declaration = dyn_cast<DeclStmt>(&S);
      const auto *Var = Declaration && Declaration->isSingleDecl()
                            ? dyn_cast<VarDecl>(Declaration->getSingleDecl())
                            : nullptr;
      if (Var && Var->getType()->isPointerType() && Var->getInit() &&
          Slot->isPointedToBy(Var->getInit()) &&
          !isChangedWithin(Var, Launcher.body()))
        Slot->ElementPointers.push_back(Var);
    });
  }
  // A value the same for every element names nothing declared in a loop
  // around the assignment (`&own[i]`, `&locals` declared in the body).
  auto PerElement = [&](const Expr *Value, const Stmt &Assignment) {
    if (mentionsDeclaredWithin(Value, &Loop, SM))
      return true;
    for (const Stmt *P = Launcher.parent(Assignment); P; P = Launcher.parent(*P))
      if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P) &&
          mentionsDeclaredWithin(Value, P, SM))
        return true;
    return false;
  };
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const Expr *, 2>> Values;
  llvm::DenseMap<const Expr *, const Stmt *> AssignmentOf;
  // The index of `args[i]` a value was given to, if any.
  llvm::DenseMap<const Expr *, const ValueDecl *> TargetIndexOf;
  auto IndexOfTarget = [&](const Expr *Struct) -> const ValueDecl * {
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(stripped(Struct)))
      return declOf(Subscript->getIdx());
    return nullptr;
  };
  forEachDescendant(Scope, /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Assign = dyn_cast<BinaryOperator>(&S);
    if (!Assign || Assign->getOpcode() != BO_Assign)
      return;
    const Expr *Target = Assign->getLHS()->IgnoreParens();
    if (const auto *Member = dyn_cast<MemberExpr>(Target)) {
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
          Field && Slot->isBaseOf(*Member)) {
        Values[Field].push_back(Assign->getRHS());
        AssignmentOf[Assign->getRHS()] = Assign;
        if (!Member->isArrow())
          TargetIndexOf[Assign->getRHS()] = IndexOfTarget(Member->getBase());
      }
      return;
    }
    // `args[i] = (struct job){ ... };`: each field from the list.
    if (!Slot->isDesignatedBy(Target))
      return;
    const auto *Literal = dyn_cast<CompoundLiteralExpr>(stripped(Assign->getRHS()));
    const auto *List = Literal ? dyn_cast_or_null<InitListExpr>(
                                     Literal->getInitializer())
                               : nullptr;
    const RecordDecl *Record = Target->getType()->getAsRecordDecl();
    if (!List || !Record || Record->isUnion())
      return; // a union's list holds only the member it initializes
    for (const FieldDecl *Field : Record->fields())
      if (Field->getFieldIndex() < List->getNumInits()) {
        Values[Field].push_back(List->getInit(Field->getFieldIndex()));
        AssignmentOf[List->getInit(Field->getFieldIndex())] = Assign;
        TargetIndexOf[List->getInit(Field->getFieldIndex())] = IndexOfTarget(Target);
      }
  });
  if (Slot->Array)
    valuesGivenByHelpers(*Slot->Array, Launcher, Values, AssignmentOf);
  // `struct job jobs[2] = {{&cache, ...}, {&cache, ...}};`: each element's
  // fields from the array's initializer.
  if (const auto *Array = dyn_cast_or_null<VarDecl>(Slot->Array))
    if (const auto *Elements =
            dyn_cast_or_null<InitListExpr>(stripped(Array->getInit()))) {
      const Stmt *Declaration = Launcher.declarationOf(*Array);
      if (!Declaration)
        Declaration = &Launcher.body();
      for (const Expr *Element : Elements->inits()) {
        const auto *List = dyn_cast<InitListExpr>(stripped(Element));
        const RecordDecl *Record =
            List ? List->getType()->getAsRecordDecl() : nullptr;
        if (!Record || Record->isUnion())
          continue;
        for (const FieldDecl *Field : Record->fields())
          if (Field->getFieldIndex() < List->getNumInits()) {
            const Expr *Value = List->getInit(Field->getFieldIndex());
            Values[Field].push_back(Value);
            AssignmentOf[Value] = Declaration;
          }
      }
    }
  for (const auto &[Field, Given] : Values) {
    if (!Field->getType()->isPointerType())
      continue;
    // Each element its own element of one array.
    std::optional<SharedPointee> Own;
    for (const Expr *Value : Given) {
      auto Element = ownElementOf(Value, TargetIndexOf.lookup(Value), *Slot,
                                  Loop, SM);
      if (!Element || (Own && !(Own->Path == Element->Path))) {
        Own.reset();
        break;
      }
      Own = Element;
    }
    if (Own) {
      Shared[Field] = *Own;
      continue;
    }
    if (auto Common = commonPointee(Given, Loop, [&](const Expr *Value) {
          return PerElement(Value, *AssignmentOf[Value]);
        }))
      Shared[Field] = *Common;
  }
  return Shared;
}

llvm::DenseMap<const FieldDecl *, SharedPointee>
sharedFieldsOfLocalStruct(const Expr &Argument, const FunctionAnalysis &Launcher) {
  const auto *Address = dyn_cast<UnaryOperator>(stripped(&Argument));
  if (!Address || Address->getOpcode() != UO_AddrOf)
    return {};
  const auto *Struct = dyn_cast_or_null<VarDecl>(declOf(Address->getSubExpr()));
  return Struct ? pointerFieldsOfLocal(*Struct, Launcher)
                : llvm::DenseMap<const FieldDecl *, SharedPointee>{};
}

llvm::DenseMap<const FieldDecl *, SharedPointee>
pointerFieldsOfLocal(const VarDecl &StructVar, const FunctionAnalysis &Launcher) {
  llvm::DenseMap<const FieldDecl *, SharedPointee> Shared;
  const VarDecl *Struct = &StructVar;
  const RecordDecl *Record = Struct->getType()->getAsRecordDecl();
  // A local or a static local: named by no other function.
  if (!Record || Record->isUnion() ||
      !(Struct->hasLocalStorage() || Struct->isStaticLocal()) ||
      isa<ParmVarDecl>(Struct) || !Launcher.declarationOf(*Struct))
    return Shared;
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const Expr *, 2>> Values;
  if (const auto *List = dyn_cast_or_null<InitListExpr>(stripped(Struct->getInit())))
    for (const FieldDecl *Field : Record->fields())
      if (Field->getFieldIndex() < List->getNumInits() &&
          !isa<ImplicitValueInitExpr>(List->getInit(Field->getFieldIndex())))
        Values[Field].push_back(List->getInit(Field->getFieldIndex()));
  // Every later value of a field; a struct assigned whole, or whose address
  // goes elsewhere than to launches, may be given anything.
  bool Unknown = false;
  forEachDescendant(&Launcher.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Assign = dyn_cast<BinaryOperator>(&S);
    if (!Assign || !Assign->isAssignmentOp())
      return;
    const Expr *Target = Assign->getLHS()->IgnoreParens();
    if (namesVariable(Target, Struct)) {
      Unknown = true;
      return;
    }
    const auto *Member = dyn_cast<MemberExpr>(Target);
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    if (Field && !Member->isArrow() && declOf(Member->getBase()) == Struct)
      Values[Field].push_back(Assign->getOpcode() == BO_Assign ? Assign->getRHS()
                                                               : nullptr);
  });
  if (Unknown)
    return Shared;
  for (const auto &[Field, Given] : Values) {
    if (!Field->getType()->isPointerType())
      continue;
    // An object `this` points to is no local's.
    if (auto Common = commonPointee(Given, Launcher.body(), [](const Expr *Value) {
          auto Pointee = pointeeOf(Value);
          return !Pointee || !Pointee->Path.Root;
        }))
      Shared[Field] = *Common;
  }
  return Shared;
}

} // namespace clang::tidy::parlint
