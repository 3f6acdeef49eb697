#include "LaunchRanges.h"
#include "Polynomial.h"
#include "SharedWrites.h"
#include "FieldWrites.h"
#include "../common/AstHelpers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::parlint {

namespace {

const VarDecl *variableOf(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(E));
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// The value an expression has in one launch, as a polynomial in the index
/// of the loop that launches (or that sets up the launches' structs).
class LaunchValues {
public:
  LaunchValues(const WorkerCode &Worker, const FunctionAnalysis &Code)
      : Worker(Worker), Code(Code), Context(Code.context()),
        SM(Context.getSourceManager()) {}

  /// The value of E, an expression of Frame's callee, in one launch: its
  /// by-value parameters are the call's arguments, its pointer parameters
  /// given the launch's argument struct read that struct's fields, its
  /// locals their initial values.
  std::optional<Polynomial> inCallee(const Expr *E, const CalleeFrame &Frame,
                                     unsigned Depth = 0) {
    if (!E || Depth > MaxDepth)
      return std::nullopt;
    auto Sub = [&](const Expr *Inner) { return inCallee(Inner, Frame, Depth + 1); };
    if (auto Value = arithmetic(E, Sub))
      return Value;
    E = stripped(E);
    auto ArgumentOf = [&](const VarDecl *Var) -> const Expr * {
      const auto *Param = dyn_cast_or_null<ParmVarDecl>(Var);
      if (!Param || Param->getDeclContext() != Frame.Callee ||
          Param->getFunctionScopeIndex() >= Frame.Args.size())
        return nullptr;
      return Frame.Args[Param->getFunctionScopeIndex()];
    };
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
      const Expr *Argument = Member->isArrow()
                                 ? ArgumentOf(variableOf(Member->getBase()))
                                 : nullptr;
      if (!Field || !Argument || !isArgumentStruct(Argument))
        return std::nullopt;
      return ofField(*Field, Depth + 1);
    }
    const VarDecl *Var = variableOf(E);
    if (!Var)
      return std::nullopt;
    if (const Expr *Argument = ArgumentOf(Var))
      return Var->getType()->isIntegerType() ? inWorker(Argument, Depth + 1)
                                             : std::nullopt;
    const Stmt *Body = Frame.Callee->getBody();
    if (Var->hasLocalStorage() && isWithin(Var, Body, SM)) {
      if (!Var->getInit() || isChangedWithin(Var, *Body))
        return std::nullopt;
      return Sub(Var->getInit());
    }
    if (Var->hasGlobalStorage() && !Var->isStaticLocal())
      return Polynomial::atom(Var);
    return std::nullopt;
  }

  /// The launch index the values are in, once one was met.
  const VarDecl *index() const { return Index; }

  std::optional<Polynomial> inWorker(const Expr *E, unsigned Depth = 0) {
    if (!E || Depth > MaxDepth)
      return std::nullopt;
    if (auto Value = arithmetic(E, [&](const Expr *Sub) { return inWorker(Sub, Depth + 1); }))
      return Value;
    E = stripped(E);
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
      if (!Field || !isArgumentStruct(Member->getBase()))
        return std::nullopt;
      return ofField(*Field, Depth + 1);
    }
    const VarDecl *Var = variableOf(E);
    if (!Var)
      return std::nullopt;
    const auto *LaunchLoop = dyn_cast_or_null<ForStmt>(Worker.LaunchLoop);
    if (Var->isInitCapture())
      return LaunchLoop ? inLoop(Var->getInit(), *LaunchLoop, Depth + 1)
                        : std::nullopt;
    if (const auto *Param = dyn_cast<ParmVarDecl>(Var);
        Param && Param->getDeclContext() == Worker.Function)
      return ofParameter(*Param, Depth + 1);
    if (Var->hasLocalStorage() && isWithin(Var, Worker.Body, SM)) {
      if (!Var->getInit() || isChangedWithin(Var, *Worker.Body))
        return std::nullopt;
      return inWorker(Var->getInit(), Depth + 1);
    }
    if (Worker.Lambda && Var->hasLocalStorage()) {
      // Captured from the launching function: by copy, or by reference
      // when the launching loop never changes it.
      const LambdaCapture *Capture = nullptr;
      for (const LambdaCapture &C : Worker.Lambda->captures())
        if (C.capturesVariable() && C.getCapturedVar() == Var)
          Capture = &C;
      if (!Capture || !LaunchLoop ||
          (Capture->getCaptureKind() == LCK_ByRef && isWithin(Var, LaunchLoop, SM)))
        return std::nullopt;
      return inLoop(E, *LaunchLoop, Depth + 1);
    }
    if (Var->hasGlobalStorage() && !Var->isStaticLocal())
      return Polynomial::atom(Var); // the same in every launch
    return std::nullopt;
  }

private:
  static constexpr unsigned MaxDepth = 12;
  const WorkerCode &Worker;
  const FunctionAnalysis &Code;
  ASTContext &Context;
  const SourceManager &SM;
  const VarDecl *Index = nullptr;

  /// Constants, and +, -, * and unary minus of what Sub gives; nullopt for
  /// anything else (the caller then looks at names).
  std::optional<Polynomial>
  arithmetic(const Expr *E,
             llvm::function_ref<std::optional<Polynomial>(const Expr *)> Sub) {
    E = stripped(E);
    if (!E || E->isValueDependent() || !E->getType()->isIntegerType())
      return std::nullopt;
    if (std::optional<llvm::APSInt> Constant = E->getIntegerConstantExpr(Context);
        Constant && Constant->getSignificantBits() <= 63)
      return Polynomial::constant(Constant->getExtValue());
    if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
      BinaryOperatorKind Op = Binary->getOpcode();
      if (Op != BO_Add && Op != BO_Sub && Op != BO_Mul)
        return std::nullopt;
      auto L = Sub(Binary->getLHS()), R = Sub(Binary->getRHS());
      if (!L || !R)
        return std::nullopt;
      return Op == BO_Add ? *L + *R : Op == BO_Sub ? *L - *R : *L * *R;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_Minus)
      if (auto Value = Sub(Unary->getSubExpr()))
        return Polynomial::constant(0) - *Value;
    return std::nullopt;
  }

  /// The worker's parameter receiving the launch's argument struct, or a
  /// local pointer copied from it and never changed.
  bool isArgumentStruct(const Expr *Base) const {
    const VarDecl *Var = variableOf(Base);
    if (!Var || !Worker.ArgumentParam)
      return false;
    if (Var == Worker.ArgumentParam)
      return true;
    return Var->hasLocalStorage() && isWithin(Var, Worker.Body, SM) &&
           !isChangedWithin(Var, *Worker.Body) &&
           variableOf(Var->getInit()) == Worker.ArgumentParam;
  }

  std::optional<Polynomial> ofParameter(const ParmVarDecl &Param, unsigned Depth) {
    const auto *Loop = dyn_cast_or_null<ForStmt>(Worker.LaunchLoop);
    if (!Loop || !Worker.Spawn || Param.getType()->isReferenceType() ||
        Worker.ByReference.count(&Param))
      return std::nullopt;
    const Launch &Spawn = *Worker.Spawn;
    for (unsigned I = 0; I < Spawn.Arguments.size(); ++I)
      if (Spawn.parameterFor(I) == &Param)
        return inLoop(Spawn.Arguments[I], *Loop, Depth);
    return std::nullopt;
  }

  std::optional<Polynomial> ofField(const FieldDecl &Field, unsigned Depth) {
    auto Write = onlyLoopWriteOf(Field, Context, handedArray());
    if (!Write)
      return std::nullopt;
    return inLoop(Write->Value, *Write->Loop, Depth);
  }

  /// The array whose elements the launches hand over as argument structs
  /// (`&bands[k]`), when it is a variable.
  const VarDecl *handedArray() const {
    if (!Worker.ArgumentParam)
      return nullptr;
    auto It = Worker.OwnElements.find(Worker.ArgumentParam);
    if (It == Worker.OwnElements.end() || It->second.ThroughPointer ||
        !It->second.Fields.empty())
      return nullptr;
    return dyn_cast_or_null<VarDecl>(It->second.Root);
  }

  bool useIndex(const VarDecl *Counter) {
    if (!Index)
      Index = Counter;
    return Index == Counter;
  }

  /// The value of E, an expression of the code around Loop, on the trip
  /// with counter value t.
  std::optional<Polynomial> inLoop(const Expr *E, const ForStmt &Loop,
                                   unsigned Depth) {
    const VarDecl *Counter = stepOneCounter(Loop);
    if (!E || !Counter || Depth > MaxDepth)
      return std::nullopt;
    auto Sub = [&](const Expr *Inner) { return inLoop(Inner, Loop, Depth + 1); };
    if (auto Value = arithmetic(E, Sub))
      return Value;
    E = stripped(E);
    if (const auto *Choice = dyn_cast<ConditionalOperator>(E)) {
      // `t == n - 1 ? total : lo + chunk`: all launches but one take the
      // other branch.
      const auto *Test = dyn_cast<BinaryOperator>(stripped(Choice->getCond()));
      if (!Test || !Test->isEqualityOp() ||
          (variableOf(Test->getLHS()) != Counter &&
           variableOf(Test->getRHS()) != Counter))
        return std::nullopt;
      return Sub(Test->getOpcode() == BO_EQ ? Choice->getFalseExpr()
                                            : Choice->getTrueExpr());
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      // `slabs[t].lo`, set earlier on the same trip.
      const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
      const auto *Element =
          dyn_cast<ArraySubscriptExpr>(Member->getBase()->IgnoreParenImpCasts());
      const VarDecl *Array = Element ? variableOf(Element->getBase()) : nullptr;
      auto Write = Field ? onlyLoopWriteOf(*Field, Context, Array) : std::nullopt;
      if (!Write || Member->isArrow() || !Element || Write->Loop != &Loop ||
          variableOf(Element->getIdx()) != Counter ||
          variableOf(Element->getBase()) != Write->Array ||
          !Code.context().getSourceManager().isBeforeInTranslationUnit(
              Write->Value->getBeginLoc(), Member->getBeginLoc()))
        return std::nullopt;
      return Sub(Write->Value);
    }
    const VarDecl *Var = variableOf(E);
    if (!Var)
      return std::nullopt;
    if (Var == Counter)
      return useIndex(Counter) ? std::optional(Polynomial::atom(Counter))
                               : std::nullopt;
    if (isChangedWithin(Var, Loop))
      return std::nullopt;
    if (isWithin(Var, &Loop, SM))
      return Var->getInit() ? Sub(Var->getInit()) : std::nullopt;
    return Polynomial::atom(Var); // the same on every trip
  }
};

/// The `for` whose init statement declares Counter.
const ForStmt *loopDeclaring(const VarDecl &Counter, const FunctionAnalysis &Code) {
  const DeclStmt *Declaration = Code.declarationOf(Counter);
  const auto *Loop =
      dyn_cast_or_null<ForStmt>(Declaration ? Code.parent(*Declaration) : nullptr);
  return Loop && Loop->getInit() == Declaration && Declaration->isSingleDecl()
             ? Loop
             : nullptr;
}

/// In `i < B` or `B > i` (Strict) or their `<=`/`>=` forms, B.
const Expr *upperBoundOf(const Expr *Test, const VarDecl &Counter, bool &Inclusive) {
  const auto *Compare = dyn_cast_or_null<BinaryOperator>(stripped(Test));
  if (!Compare)
    return nullptr;
  BinaryOperatorKind Op = Compare->getOpcode();
  if ((Op == BO_LT || Op == BO_LE) && variableOf(Compare->getLHS()) == &Counter) {
    Inclusive = Op == BO_LE;
    return Compare->getRHS();
  }
  if ((Op == BO_GT || Op == BO_GE) && variableOf(Compare->getRHS()) == &Counter) {
    Inclusive = Op == BO_GE;
    return Compare->getLHS();
  }
  return nullptr;
}

void conjuncts(const Expr *Condition, llvm::SmallVectorImpl<const Expr *> &Out) {
  const auto *And = dyn_cast_or_null<BinaryOperator>(stripped(Condition));
  if (And && And->getOpcode() == BO_LAnd) {
    conjuncts(And->getLHS(), Out);
    conjuncts(And->getRHS(), Out);
  } else if (Condition) {
    Out.push_back(Condition);
  }
}

} // namespace

namespace {

/// A worker's counting loop over Counter, with its range in one launch as
/// polynomials in the launching loop's index: First and End, the last value
/// the counter takes.
struct CounterRange {
  OverlappingRange Loop;
  Polynomial First, End;
  const VarDecl *Index = nullptr;
};

std::optional<CounterRange>
rangeOf(const VarDecl &Counter, const WorkerCode &Worker,
        const FunctionAnalysis &Code,
        llvm::function_ref<bool(const Expr &)> SameInEveryWorker,
        const CalleeFrame *Frame) {
  const ForStmt *Loop = loopDeclaring(Counter, Code);

  if (!Loop || stepOneCounter(*Loop) != &Counter || !Counter.getInit() ||
      !Counter.getType()->isIntegerType())
    return std::nullopt;
  // One test bounds the counter; the others may use only what every
  // worker shares (`y < img->h`).
  llvm::SmallVector<const Expr *, 2> Tests;
  conjuncts(Loop->getCond(), Tests);
  OverlappingRange Found;
  Found.Loop = Loop;
  Found.Counter = &Counter;
  const Expr *Limit = nullptr;
  for (const Expr *Test : Tests) {
    bool Inclusive = false;
    if (const Expr *Bound = upperBoundOf(Test, Counter, Inclusive); Bound && !Limit) {
      Limit = Bound;
      Found.Bound = Test;
      Found.Inclusive = Inclusive;
      continue;
    }
    const auto *Compare = dyn_cast<BinaryOperator>(stripped(Test));
    if (!Compare || !Compare->isComparisonOp() ||
        !(variableOf(Compare->getLHS()) == &Counter
              ? SameInEveryWorker(*Compare->getRHS())
              : variableOf(Compare->getRHS()) == &Counter &&
                    SameInEveryWorker(*Compare->getLHS())))
      return std::nullopt;
  }
  if (!Limit)
    return std::nullopt;
  LaunchValues Values(Worker, Code);
  auto ValueOf = [&](const Expr *E) {
    return Frame ? Values.inCallee(E, *Frame) : Values.inWorker(E);
  };
  auto First = ValueOf(Counter.getInit());
  auto Last = ValueOf(Limit);

  const VarDecl *Index = Values.index();
  if (!First || !Last || !Index || !First->mentions(Index))
    return std::nullopt;
  Polynomial End = Found.Inclusive ? *Last : *Last - Polynomial::constant(1);
  return CounterRange{Found, *First, End, Index};
}

/// The same polynomial for the launch after (Step 1) or before (Step -1).
Polynomial inNeighbour(const Polynomial &Value, const VarDecl &Index, int64_t Step) {
  return Value.substitute(&Index, Polynomial::atom(&Index) + Polynomial::constant(Step));
}

} // namespace

std::optional<OverlappingRange>
overlapWithNextLaunch(const VarDecl &Counter, const WorkerCode &Worker,
                      const FunctionAnalysis &Code,
                      llvm::function_ref<bool(const Expr &)> SameInEveryWorker,
                      const CalleeFrame *Frame) {
  auto Range = rangeOf(Counter, Worker, Code, SameInEveryWorker, Frame);
  if (!Range)
    return std::nullopt;
  Polynomial NextFirst = inNeighbour(Range->First, *Range->Index, 1);
  std::optional<int64_t> Reach = (Range->End - NextFirst).constantValue();
  if (!Reach || *Reach < 0)
    return std::nullopt;
  OverlappingRange Found = Range->Loop;
  Found.SharedValues = *Reach + 1;
  return Found;
}

bool offsetReachesNeighbour(const VarDecl &Counter, int64_t Offset,
                            const WorkerCode &Worker, const FunctionAnalysis &Code,
                            llvm::function_ref<bool(const Expr &)> SameInEveryWorker) {
  if (Offset == 0)
    return false;
  auto Range = rangeOf(Counter, Worker, Code, SameInEveryWorker, nullptr);
  if (!Range)
    return false;
  const Polynomial Shift = Polynomial::constant(Offset);
  std::optional<int64_t> Gap =
      Offset > 0
          ? (Range->End + Shift - inNeighbour(Range->First, *Range->Index, 1))
                .constantValue()
          : (inNeighbour(Range->End, *Range->Index, -1) -
             (Range->First + Shift)).constantValue();
  return Gap && *Gap >= 0;
}

} // namespace clang::tidy::parlint
