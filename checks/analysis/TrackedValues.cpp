#include "TrackedValues.h"
#include "../model/TestAssertions.h"
#include "llvm/ADT/DenseMap.h"
#include "../common/AstHelpers.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::parlint {

namespace {

/// The lowest and highest value of each sign class.
constexpr int64_t Lowest = INT64_MIN, Highest = INT64_MAX;

/// Whether some v in [Low, High] satisfies `v Op C`.
bool someSatisfies(int64_t Low, int64_t High, BinaryOperatorKind Op,
                   int64_t C) {
  switch (Op) {
  case BO_EQ: return Low <= C && C <= High;
  case BO_NE: return !(Low == C && High == C);
  case BO_LT: return Low < C;
  case BO_LE: return Low <= C;
  case BO_GT: return High > C;
  case BO_GE: return High >= C;
  default: return true;
  }
}

BinaryOperatorKind negation(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_EQ: return BO_NE;
  case BO_NE: return BO_EQ;
  case BO_LT: return BO_GE;
  case BO_GE: return BO_LT;
  case BO_GT: return BO_LE;
  case BO_LE: return BO_GT;
  default: return Op;
  }
}

Signs signOf(int64_t Value) {
  return Value < 0 ? NegativeSign : Value == 0 ? ZeroSign : PositiveSign;
}

/// Signs of the class overlapping [Low, High].
Signs signsOverlapping(int64_t Low, int64_t High) {
  Signs Result = 0;
  if (Low < 0)
    Result |= NegativeSign;
  if (Low <= 0 && High >= 0)
    Result |= ZeroSign;
  if (High > 0)
    Result |= PositiveSign;
  return Result;
}

/// The value a type keeps: a bool or an unsigned integer is never negative.
Signs convertedTo(QualType Type, Signs S) {
  if (Type.isNull())
    return S;
  if (Type->isBooleanType() || Type->isUnsignedIntegerType())
    return (S & ZeroSign) | (S & (NegativeSign | PositiveSign) ? PositiveSign : 0);
  return S;
}

bool isTrackableType(QualType Type) {
  if (Type.isNull() || Type->isReferenceType() || Type.isVolatileQualified())
    return false;
  return Type->isIntegralOrEnumerationType() || Type->isPointerType() ||
         Type->isNullPtrType();
}

/// The variable or member of `*this` an expression names, when it could be
/// tracked.
/// The object whose field Member reads when it is a configuration the
/// function tests (`options.delay_ms`, `context->no_pthread`): a global, or
/// what a pointer or reference parameter designates. chooseVariables keeps
/// such a field only when every mention in the body has this same base and
/// the parameter is never reassigned.
const VarDecl *configurationBase(const MemberExpr &Member) {
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Member.getBase()->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var)
    return nullptr;
  if (!Var->hasLocalStorage())
    return Var;
  if (isa<ParmVarDecl>(Var) &&
      (Var->getType()->isPointerType() || Var->getType()->isReferenceType()))
    return Var;
  return nullptr;
}

const ValueDecl *trackableName(const Expr *E) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    return Var && Var->hasLocalStorage() && isTrackableType(Var->getType())
               ? Var
               : nullptr;
  }
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    return Field && isTrackableType(Field->getType()) &&
                   (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()) ||
                    configurationBase(*Member))
               ? Field
               : nullptr;
  }
  return nullptr;
}

bool isComparison(const Expr *E) {
  const auto *Binary = dyn_cast<BinaryOperator>(E);
  return Binary && Binary->isComparisonOp();
}

bool isLogical(const Expr *E) {
  const auto *Binary = dyn_cast<BinaryOperator>(E);
  return Binary && Binary->isLogicalOp();
}

/// Calls Visit on each value a condition tests: `x` in `!x`, `x != 0`,
/// `a && x`, `(x = f()) == 0`.
void forEachTested(const Expr *E, llvm::function_ref<void(const Expr &)> Visit) {
  E = stripped(E);
  if (!E)
    return;
  if (const auto *Not = dyn_cast<UnaryOperator>(E);
      Not && Not->getOpcode() == UO_LNot)
    return forEachTested(Not->getSubExpr(), Visit);
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    if (Binary->isLogicalOp() || Binary->isComparisonOp()) {
      forEachTested(Binary->getLHS(), Visit);
      forEachTested(Binary->getRHS(), Visit);
      return;
    }
    if (Binary->getOpcode() == BO_Assign) {
      Visit(*Binary->getLHS());
      forEachTested(Binary->getRHS(), Visit);
      return;
    }
    if (Binary->getOpcode() == BO_Comma)
      return forEachTested(Binary->getRHS(), Visit);
  }
  Visit(*E);
}

} // namespace

Signs signsWhere(BinaryOperatorKind Op, int64_t C, bool Truth) {
  if (!Truth)
    Op = negation(Op);
  Signs Result = 0;
  if (someSatisfies(Lowest, -1, Op, C))
    Result |= NegativeSign;
  if (someSatisfies(0, 0, Op, C))
    Result |= ZeroSign;
  if (someSatisfies(1, Highest, Op, C))
    Result |= PositiveSign;
  return Result;
}

StartOutcomeSigns outcomeSignsOf(StartResult Kind) {
  switch (Kind) {
  case StartResult::ErrorCode:
    return {ZeroSign, 0, NegativeSign | PositiveSign};
  case StartResult::ChildPid:
    return {PositiveSign, ZeroSign, NegativeSign};
  case StartResult::None:
    break;
  }
  return {AnySign, 0, 0};
}

const Expr *branchCondition(const CFGBlock &Block) {
  const Stmt *Terminator = Block.getTerminatorStmt();
  if (!Terminator || Block.succ_size() != 2 ||
      !isa<IfStmt, ForStmt, WhileStmt, DoStmt, ConditionalOperator,
           BinaryOperator>(Terminator))
    return nullptr;
  const auto *Condition = dyn_cast_or_null<Expr>(Block.getTerminatorCondition());
  // `a && b`: this block evaluates the last operand; the others have blocks
  // of their own.
  while (Condition && isLogical(Condition->IgnoreParens()))
    Condition = cast<BinaryOperator>(Condition->IgnoreParens())->getRHS();
  return Condition;
}

TrackedValues::TrackedValues(const FunctionAnalysis &Function,
                             llvm::ArrayRef<const CallExpr *> StartCalls,
                             bool Track)
    : Context(Function.context()) {
  if (!Track)
    return;
  for (const CallExpr *Call : StartCalls)
    Starts.insert(Call);
  chooseVariables(Function);
  for (unsigned Slot = 0; Slot <= Variables.size(); ++Slot)
    Unknown = set(Unknown, Slot, AnySign);
}

void TrackedValues::chooseVariables(const FunctionAnalysis &Function) {
  const CFG *Graph = Function.cfg();
  if (!Graph)
    return;
  llvm::SmallVector<const ValueDecl *, 16> Candidates;
  auto Consider = [&](const Expr &E) {
    if (const ValueDecl *D = trackableName(&E);
        D && !llvm::is_contained(Candidates, D))
      Candidates.push_back(D);
  };
  for (const CFGBlock *Block : *Graph) {
    if (const auto *Switch =
            dyn_cast_or_null<SwitchStmt>(Block->getTerminatorStmt()))
      forEachTested(Switch->getCond(), Consider);
    else
      forEachTested(branchCondition(*Block), Consider);
  }
  if (Candidates.empty())
    return;
  // The values the tested ones are computed from: `have` in `bool have =
  // rc == 0;` needs `rc`.
  for (int Round = 0; Round < 2; ++Round)
    for (const CFGBlock *Block : *Graph)
      for (const CFGElement &Element : *Block) {
        auto Statement = Element.getAs<CFGStmt>();
        if (!Statement)
          continue;
        const Stmt *S = Statement->getStmt();
        if (const auto *Assign = dyn_cast<BinaryOperator>(S);
            Assign && Assign->getOpcode() == BO_Assign &&
            llvm::is_contained(Candidates, trackableName(Assign->getLHS())))
          forEachTested(Assign->getRHS(), Consider);
        if (const auto *Decls = dyn_cast<DeclStmt>(S))
          for (const Decl *D : Decls->decls())
            if (const auto *Var = dyn_cast<VarDecl>(D);
                Var && Var->getInit() && llvm::is_contained(Candidates, Var))
              forEachTested(Var->getInit(), Consider);
      }
  // Drop those whose value may change out of sight: every use must read the
  // value, assign it, or step it.
  llvm::SmallPtrSet<const ValueDecl *, 8> Escaping;
  forEachDescendant(&Function.body(), /*SkipLambdas=*/false,
                    [&](const Stmt &S) {
    const auto *E = dyn_cast<Expr>(&S);
    if (!E || !isa<DeclRefExpr, MemberExpr>(E))
      return;
    const ValueDecl *D = isa<DeclRefExpr>(E)
                             ? cast<DeclRefExpr>(E)->getDecl()
                             : cast<MemberExpr>(E)->getMemberDecl();
    if (!llvm::is_contained(Candidates, D) || Escaping.count(D))
      return;
    // A lambda that captures `this` may run anywhere.
    if (isa<FieldDecl>(D) && Function.enclosingLambda(*E)) {
      Escaping.insert(D);
      return;
    }
    const Stmt *Child = E;
    const Stmt *P = Function.parent(*E);
    while (isa_and_nonnull<ParenExpr>(P)) {
      Child = P;
      P = Function.parent(*P);
    }
    if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(P);
        Cast && Cast->getCastKind() == CK_LValueToRValue)
      return;
    if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(P);
        Binary && Binary->isAssignmentOp() && Binary->getLHS() == Child)
      return;
    if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(P);
        Unary && Unary->isIncrementDecrementOp())
      return;
    if (isa_and_nonnull<UnaryExprOrTypeTraitExpr>(P))
      return;
    Escaping.insert(D);
  });
  // A configuration field is one value only when every mention reads it
  // through the same object, and a parameter naming that object is never
  // pointed elsewhere.
  llvm::DenseMap<const ValueDecl *, const VarDecl *> BaseOfField;
  llvm::SmallPtrSet<const ValueDecl *, 4> Reassigned;
  forEachDescendant(&Function.body(), /*SkipLambdas=*/false,
                    [&](const Stmt &S) {
    if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
        Assign && Assign->isAssignmentOp())
      if (const auto *Ref = dyn_cast<DeclRefExpr>(
              Assign->getLHS()->IgnoreParenImpCasts()))
        Reassigned.insert(Ref->getDecl());
    const auto *Member = dyn_cast<MemberExpr>(&S);
    if (!Member || isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return;
    const ValueDecl *Field = Member->getMemberDecl();
    if (!llvm::is_contained(Candidates, Field))
      return;
    const VarDecl *Base = configurationBase(*Member);
    auto [It, New] = BaseOfField.try_emplace(Field, Base);
    if (!New && It->second != Base)
      It->second = nullptr;
  });
  for (const auto &[Field, Base] : BaseOfField)
    if (!Base || (isa<ParmVarDecl>(Base) && Reassigned.count(Base)))
      Escaping.insert(Field);

  // When there are more than MaxVariables, the start's result comes first,
  // then the values computed from it (`bool have = rc == 0;`), then the
  // rest: a function that tests many other values (a socket, a buffer
  // length in every branch) must still know that `if (pid < 0)` is the
  // fork that failed.
  llvm::SmallPtrSet<const ValueDecl *, 4> Results, Derived;
  auto IsStart = [&](const Expr *E) {
    E = stripped(E);
    return E && Starts.count(E);
  };
  auto NoteWrite = [&](const ValueDecl *D, const Expr *Value) {
    if (!D || !Value)
      return;
    if (IsStart(Value))
      Results.insert(D);
    else
      forEachTested(Value, [&](const Expr &Tested) {
        if (Results.count(trackableName(&Tested)))
          Derived.insert(D);
      });
  };
  for (int Round = 0; Round < 2; ++Round)
    forEachDescendant(&Function.body(), /*SkipLambdas=*/true,
                      [&](const Stmt &S) {
                        if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
                            Assign && Assign->getOpcode() == BO_Assign)
                          NoteWrite(trackableName(Assign->getLHS()),
                                    Assign->getRHS());
                        if (const auto *Decls = dyn_cast<DeclStmt>(&S))
                          for (const Decl *D : Decls->decls())
                            if (const auto *Var = dyn_cast<VarDecl>(D))
                              NoteWrite(Var, Var->getInit());
                      });
  auto Rank = [&](const ValueDecl *D) {
    return Results.count(D) ? 0 : Derived.count(D) ? 1 : 2;
  };
  llvm::stable_sort(Candidates, [&](const ValueDecl *A, const ValueDecl *B) {
    return Rank(A) < Rank(B);
  });
  for (const ValueDecl *D : Candidates) {
    if (Escaping.count(D))
      continue;
    if (Variables.size() == MaxVariables)
      break;
    Variables.push_back(D);
    HasMembers |= isa<FieldDecl>(D);
  }
}

std::optional<unsigned> TrackedValues::variableSlot(const ValueDecl *D) const {
  if (!D)
    return std::nullopt;
  for (unsigned I = 0; I < Variables.size(); ++I)
    if (Variables[I] == D)
      return I + 1;
  return std::nullopt;
}

std::optional<unsigned> TrackedValues::slotOf(const Expr *E) const {
  E = stripped(E);
  if (!E)
    return std::nullopt;
  if (Starts.count(E))
    return 0u;
  return variableSlot(trackableName(E));
}

StartResult TrackedValues::startAt(const Stmt &S) const {
  const auto *Call = dyn_cast<CallExpr>(&S);
  if (!Call || !Starts.count(Call))
    return StartResult::None;
  return startResultOf(Call->getDirectCallee());
}

std::optional<int64_t> TrackedValues::constantOf(const Expr *E) const {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (!E || E->isValueDependent() || E->isTypeDependent() || slotOf(E))
    return std::nullopt;
  Expr::EvalResult Value;
  if (E->getType()->isIntegralOrEnumerationType() &&
      E->EvaluateAsInt(Value, Context)) {
    const llvm::APSInt &Int = Value.Val.getInt();
    if (Int.isUnsigned() ? Int.getActiveBits() > 63
                         : Int.getSignificantBits() > 64)
      return Highest;
    return Int.getExtValue();
  }
  if (E->isNullPointerConstant(Context, Expr::NPC_ValueDependentIsNotNull))
    return 0;
  return std::nullopt;
}

Signs TrackedValues::evaluate(const Expr *E, Valuation V) const {
  if (!E)
    return AnySign;
  QualType Type = E->getType();
  if (std::optional<int64_t> C = constantOf(E))
    return convertedTo(Type, signOf(*C));
  E = stripped(E);
  if (!E)
    return AnySign;
  if (std::optional<unsigned> Slot = slotOf(E))
    return convertedTo(Type, get(V, *Slot));
  if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(E))
    return Bool->getValue() ? PositiveSign : ZeroSign;
  if (const auto *List = dyn_cast<InitListExpr>(E); // `bool started{false}`
      List && List->getNumInits() == 1)
    return convertedTo(Type, evaluate(List->getInit(0), V));
  const auto *Binary = dyn_cast<BinaryOperator>(E);
  if (Binary &&
      (Binary->getOpcode() == BO_Assign || Binary->getOpcode() == BO_Comma))
    return convertedTo(Type, evaluate(Binary->getRHS(), V));
  const auto *Not = dyn_cast<UnaryOperator>(E);
  if ((Binary && (Binary->isComparisonOp() || Binary->isLogicalOp())) ||
      (Not && Not->getOpcode() == UO_LNot)) {
    unsigned T = truth(E, V);
    return (T & True ? PositiveSign : 0) | (T & False ? ZeroSign : 0);
  }
  if (const auto *Choice = dyn_cast<ConditionalOperator>(E))
    return convertedTo(Type, evaluate(Choice->getTrueExpr(), V) |
                                 evaluate(Choice->getFalseExpr(), V));
  return convertedTo(Type, AnySign);
}

unsigned TrackedValues::truth(const Expr *E, Valuation V) const {
  E = stripped(E);
  if (!E)
    return True | False;
  const auto *Binary = dyn_cast<BinaryOperator>(E);
  if (Binary && Binary->isLogicalOp()) {
    unsigned L = truth(Binary->getLHS(), V), R = truth(Binary->getRHS(), V);
    if (Binary->getOpcode() == BO_LAnd)
      return (L & R & True ? True : 0) | ((L | R) & False ? False : 0);
    return ((L | R) & True ? True : 0) | (L & R & False ? False : 0);
  }
  const auto *Not = dyn_cast<UnaryOperator>(E);
  if ((Binary && Binary->isComparisonOp()) ||
      (Not && Not->getOpcode() == UO_LNot))
    return (refine(E, true, V) ? True : 0) | (refine(E, false, V) ? False : 0);
  Signs S = evaluate(E, V);
  return (S & (NegativeSign | PositiveSign) ? True : 0) |
         (S & ZeroSign ? False : 0);
}

std::optional<TrackedValues::Valuation>
TrackedValues::refine(const Expr *E, bool IsTrue, Valuation V) const {
  E = stripped(E);
  if (!E)
    return V;
  if (const auto *Not = dyn_cast<UnaryOperator>(E);
      Not && Not->getOpcode() == UO_LNot)
    return refine(Not->getSubExpr(), !IsTrue, V);
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    BinaryOperatorKind Op = Binary->getOpcode();
    if ((Op == BO_LAnd && IsTrue) || (Op == BO_LOr && !IsTrue)) {
      std::optional<Valuation> Left = refine(Binary->getLHS(), IsTrue, V);
      return Left ? refine(Binary->getRHS(), IsTrue, *Left) : std::nullopt;
    }
    if (Op == BO_LAnd || Op == BO_LOr)
      return truth(E, V) & (IsTrue ? True : False)
                 ? std::optional<Valuation>(V)
                 : std::nullopt;
    if (Binary->isComparisonOp()) {
      const Expr *Leaf = Binary->getLHS();
      std::optional<int64_t> C = constantOf(Binary->getRHS());
      if (!C) {
        Leaf = Binary->getRHS();
        C = constantOf(Binary->getLHS());
        Op = BinaryOperator::reverseComparisonOp(Op);
      }
      if (!C)
        return V; // two unknowns compared: nothing learnt
      return narrow(Leaf, signsWhere(Op, *C, IsTrue), V);
    }
  }
  return narrow(E, IsTrue ? (NegativeSign | PositiveSign) : ZeroSign, V);
}

std::optional<TrackedValues::Valuation>
TrackedValues::narrow(const Expr *E, Signs Allowed, Valuation V) const {
  if (std::optional<int64_t> C = constantOf(E))
    return signOf(*C) & Allowed ? std::optional<Valuation>(V) : std::nullopt;
  E = stripped(E);
  if (!E)
    return V;
  if (std::optional<unsigned> Slot = slotOf(E)) {
    Signs Kept = get(V, *Slot) & Allowed;
    return Kept ? std::optional<Valuation>(set(V, *Slot, Kept)) : std::nullopt;
  }
  const auto *Binary = dyn_cast<BinaryOperator>(E);
  if (Binary && Binary->getOpcode() == BO_Assign) {
    // `(rc = pthread_create(...))`: the variable and the call hold the same
    // value (unless a conversion to bool changed it).
    std::optional<Valuation> Left = narrow(Binary->getLHS(), Allowed, V);
    if (!Left || Binary->getLHS()->getType()->isBooleanType() !=
                     Binary->getRHS()->IgnoreParenImpCasts()->getType()->isBooleanType())
      return Left;
    return narrow(Binary->getRHS(), Allowed, *Left);
  }
  if (Binary && Binary->getOpcode() == BO_Comma)
    return narrow(Binary->getRHS(), Allowed, V);
  const auto *Not = dyn_cast<UnaryOperator>(E);
  if ((Binary && (Binary->isComparisonOp() || Binary->isLogicalOp())) ||
      (Not && Not->getOpcode() == UO_LNot)) {
    bool CanBeTrue = Allowed & (NegativeSign | PositiveSign);
    bool CanBeFalse = Allowed & ZeroSign;
    if (CanBeTrue && CanBeFalse)
      return V;
    return refine(E, CanBeTrue, V);
  }
  return evaluate(E, V) & Allowed ? std::optional<Valuation>(V) : std::nullopt;
}

TrackedValues::Valuation TrackedValues::assign(const ValueDecl *D,
                                               const Expr *Value,
                                               Valuation V) const {
  std::optional<unsigned> Slot = variableSlot(D);
  if (!Slot)
    return V;
  Signs S = Value ? evaluate(Value, V) : AnySign;
  return set(V, *Slot, convertedTo(D->getType(), S));
}

TrackedValues::Valuation TrackedValues::transfer(const Stmt &Element,
                                                 Valuation V) const {
  if (Variables.empty())
    return V;
  if (const auto *Binary = dyn_cast<BinaryOperator>(&Element)) {
    if (!Binary->isAssignmentOp())
      return V;
    const ValueDecl *D = trackableName(Binary->getLHS());
    return assign(D, Binary->getOpcode() == BO_Assign ? Binary->getRHS()
                                                      : nullptr,
                  V);
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(&Element)) {
    if (Unary->isIncrementDecrementOp())
      return assign(trackableName(Unary->getSubExpr()), nullptr, V);
    return V;
  }
  if (const auto *Decls = dyn_cast<DeclStmt>(&Element)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D))
        V = assign(Var, Var->getInit(), V);
    return V;
  }
  if (!HasMembers)
    return V;
  // A call that may change a member of *this: a non-const member function
  // of this object, or one given `this`.
  const auto *Call = dyn_cast<CallExpr>(&Element);
  if (!Call)
    return V;
  bool Touches = llvm::any_of(Call->arguments(), [](const Expr *Arg) {
    return isa<CXXThisExpr>(Arg->IgnoreParenImpCasts());
  });
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    Touches |= isa<CXXThisExpr>(
                   Member->getImplicitObjectArgument()->IgnoreParenImpCasts()) &&
               (!Method || !Method->isConst());
  }
  if (!Touches)
    return V;
  for (unsigned I = 0; I < Variables.size(); ++I)
    if (isa<FieldDecl>(Variables[I]))
      V = set(V, I + 1, AnySign);
  return V;
}

std::optional<TrackedValues::Valuation>
TrackedValues::alongCase(const SwitchStmt &Switch, const CFGBlock &Successor,
                         Valuation V) const {
  const auto *Label = dyn_cast_or_null<CaseStmt>(Successor.getLabel());
  bool OwnCase = false;
  bool ZeroIsACase = false;
  for (const SwitchCase *Case = Switch.getSwitchCaseList(); Case;
       Case = Case->getNextSwitchCase()) {
    OwnCase |= Case == Label;
    const auto *Value = dyn_cast<CaseStmt>(Case);
    if (!Value)
      continue;
    std::optional<int64_t> Low = constantOf(Value->getLHS());
    std::optional<int64_t> High =
        Value->caseStmtIsGNURange() ? constantOf(Value->getRHS()) : Low;
    ZeroIsACase |= Low && High && *Low <= 0 && 0 <= *High;
  }
  if (OwnCase) {
    std::optional<int64_t> Low = constantOf(Label->getLHS());
    std::optional<int64_t> High =
        Label->caseStmtIsGNURange() ? constantOf(Label->getRHS()) : Low;
    if (!Low || !High)
      return V;
    return narrow(Switch.getCond(), signsOverlapping(*Low, *High), V);
  }
  // The default (or the end of a switch without one): no case matched.
  return ZeroIsACase
             ? narrow(Switch.getCond(), NegativeSign | PositiveSign, V)
             : std::optional<Valuation>(V);
}

std::optional<TrackedValues::Valuation>
TrackedValues::alongEdge(const CFGBlock &Block, unsigned Index,
                         const CFGBlock &Successor, Valuation V) const {
  // A test framework's own branch goes one way whenever tests run.
  if (const Expr *Condition = branchCondition(Block); Condition && Index < 2)
    if (std::optional<bool> Always = testFrameworkConstant(*Condition);
        Always && *Always != (Index == 0))
      return std::nullopt;
  if (Variables.empty() && Starts.empty())
    return V;
  if (const auto *Switch =
          dyn_cast_or_null<SwitchStmt>(Block.getTerminatorStmt()))
    return alongCase(*Switch, Successor, V);
  const Expr *Condition = branchCondition(Block);
  if (!Condition || Index > 1)
    return V;
  return refine(Condition, Index == 0, V);
}

} // namespace clang::tidy::parlint
