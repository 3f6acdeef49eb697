#include "SharedWrites.h"
#include "FieldWrites.h"
#include "Publication.h"
#include "ReturnedElements.h"
#include "SummaryWrites.h"
#include "SummaryScanner.h"
#include "LocalObjectPointers.h"
#include "LoopBounds.h"
#include "../common/AstHelpers.h"
#include "../model/Allocation.h"
#include "../model/BufferWrites.h"
#include "../model/Synchronization.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include <functional>

namespace clang::tidy::parlint {

namespace {

const Expr *strip(const Expr *E) {
  while (E) {
    const Expr *Inner = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Inner))
      Inner = Cleanups->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Inner))
      Inner = Temp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Inner))
      Inner = Bind->getSubExpr();
    else if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Inner))
      Inner = Cast->getSubExpr();
    if (Inner == E)
      return E;
    E = Inner;
  }
  return E;
}

/// E without a dereference of a pointer or a smart pointer (`*h`, `*p`),
/// or E itself.
static const Expr *dereferenced(const Expr *E) {
  const Expr *Inner = E->IgnoreParenImpCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(Inner);
      Deref && Deref->getOpcode() == UO_Deref)
    return Deref->getSubExpr();
  if (const auto *Star = dyn_cast<CXXOperatorCallExpr>(Inner);
      Star && Star->getOperator() == OO_Star && Star->getNumArgs() == 1)
    return Star->getArg(0);
  return E;
}

/// The object a launch argument hands to a reference or pointer parameter:
/// `std::ref(x)`, `&x`, an array `x`, `v.data()`, `this`.
std::optional<ObjectPath> boundObject(const Expr *Arg) {
  const Expr *E = strip(Arg);
  if (isa<CXXThisExpr>(E))
    return ObjectPath{};
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && isNamed(Call->getDirectCallee(), {"::std::ref", "::std::cref"}) &&
      Call->getNumArgs() == 1) {
    return objectPathOf(Call->getArg(0));
  }
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf)
    return objectPathOf(Address->getSubExpr());
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
      Member && identifierOf(Member->getMethodDecl()) == "data" &&
      isStdContainer(Member->getMethodDecl()->getParent()))
    return objectPathOf(Member->getImplicitObjectArgument());
  if (E->getType()->isArrayType())
    return objectPathOf(E);
  return std::nullopt;
}

/// The array or container an argument hands one element of (`&slots[i]`,
/// `std::ref(slots[i])`, `slots[i]` to a reference, `slots + i`), and the
/// index.
struct ElementArgument {
  ObjectPath Container;
  const Expr *Index = nullptr;
};
static std::optional<ElementArgument> elementArgument(const Expr *Arg) {
  const Expr *E = strip(Arg);
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && isNamed(Call->getDirectCallee(), {"::std::ref", "::std::cref"}) &&
      Call->getNumArgs() == 1)
    E = strip(Call->getArg(0));
  else if (const auto *Address = dyn_cast<UnaryOperator>(E);
           Address && Address->getOpcode() == UO_AddrOf)
    E = strip(Address->getSubExpr());
  // `std::ref(*per_thread[0])`: what an element points to belongs to the
  // container.
  E = strip(dereferenced(E));
  const Expr *Base = nullptr, *Index = nullptr;
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
    Base = Subscript->getBase();
    Index = Subscript->getIdx();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
             Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
             hasSlotSubscript(Op->getArg(0)->getType())) {
    Base = Op->getArg(0);
    Index = Op->getArg(1);
  } else if (const auto *Sum = dyn_cast<BinaryOperator>(E);
             Sum && Sum->getOpcode() == BO_Add && Sum->getType()->isPointerType() &&
             Sum->getLHS()->IgnoreParenImpCasts()->getType()->isArrayType()) {
    Base = Sum->getLHS();
    Index = Sum->getRHS();
  }
  if (!Base)
    return std::nullopt;
  auto Container = objectPathOf(strip(Base));
  if (!Container || !Container->Root)
    return std::nullopt;
  return ElementArgument{*Container, Index};
}

/// The element a member call is made on: `latches[i].complete()`, or
/// `workers[k]->stop()` through an element that is a pointer or a smart
/// pointer (what an element points to belongs to the container, as what a
/// pointer member points to goes by the member's name).
static std::optional<ElementArgument> elementCalledOn(const CallBinding &Binding) {
  if (!Binding.Object)
    return std::nullopt;
  const Expr *Object = strip(Binding.Object);
  if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Object);
      Binding.ObjectIsPointer && Arrow && Arrow->getOperator() == OO_Arrow &&
      Arrow->getNumArgs() == 1)
    Object = strip(Arrow->getArg(0));
  if (isa<UnaryOperator>(Object))
    return std::nullopt; // `(&x)->f()`: no element
  return elementArgument(Object);
}

std::optional<LambdaCaptureKind> captureKindOf(const LambdaExpr &Lambda,
                                               const ValueDecl *Var) {
  for (const LambdaCapture &Capture : Lambda.captures())
    if (Capture.capturesVariable() && Capture.getCapturedVar() == Var)
      return Capture.getCaptureKind();
  return std::nullopt;
}

bool capturesThisByReference(const LambdaExpr &Lambda) {
  for (const LambdaCapture &Capture : Lambda.captures())
    if (Capture.capturesThis())
      return Capture.getCaptureKind() == LCK_This;
  return false;
}

bool isConstReferenceOrPointer(QualType Type) {
  if (Type->isReferenceType())
    return Type.getNonReferenceType().isConstQualified();
  return Type->isPointerType() && Type->getPointeeType().isConstQualified();
}

/// Whether an assignment operator of a class may be a data race on it: a
/// standard type's (string, vector, optional, shared_ptr...) or one the
/// compiler wrote. A user-written operator may lock inside.
bool isPlainClassWrite(QualType Type, const FunctionDecl *Operator) {
  const CXXRecordDecl *Record =
      Type.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  if (!Record || isSynchronizationObject(Type))
    return false;
  for (const DeclContext *Context = Record->getDeclContext(); Context;
       Context = Context->getParent())
    if (Context->isStdNamespace())
      return true;
  return Operator && !Operator->isUserProvided();
}

IndexKind combine(IndexKind A, IndexKind B) {
  if (A == IndexKind::DataDependent || B == IndexKind::DataDependent)
    return IndexKind::DataDependent;
  if (A == IndexKind::Unknown || B == IndexKind::Unknown)
    return IndexKind::Unknown;
  if (A == IndexKind::PerWorker || B == IndexKind::PerWorker)
    return IndexKind::PerWorker;
  return IndexKind::Shared;
}

/// A string: a pointer to characters, std::string, std::string_view.
static bool isText(QualType Type) {
  if (Type->isPointerType())
    return Type->getPointeeType()->isAnyCharacterType();
  const CXXRecordDecl *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && isNamed(Record, {"::std::basic_string", "::std::basic_string_view"});
}

/// Classifies index expressions of one worker; remembers its locals.
class IndexClassifier {
public:
  IndexClassifier(const WorkerCode &Worker, const FunctionAnalysis &Code)
      : Worker(Worker), Code(Code),
        SM(Code.context().getSourceManager()) {}

  IndexKind classify(const Expr *E) {
    E = strip(E);
    if (!E || E->isValueDependent() || E->isTypeDependent())
      return IndexKind::Unknown;
    if (E->isIntegerConstantExpr(Code.context()))
      return IndexKind::Shared;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return classifyName(Ref->getDecl());
    // `"bytes_total"`: one key for every worker; `std::string(key)`:
    // whatever its arguments are.
    if (isa<CXXThisExpr, StringLiteral>(E))
      return IndexKind::Shared;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() > 0) {
      IndexKind Kind = IndexKind::Shared;
      for (const Expr *Arg : Construct->arguments())
        if (!isa<CXXDefaultArgExpr>(Arg))
          Kind = combine(Kind, classify(Arg));
      return Kind;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (isa<CXXMethodDecl>(Member->getMemberDecl()))
        return IndexKind::Unknown;
      // `b->dst->w`: what a field pointing every launch at one object
      // leads to is the same in all of them.
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
          Field && Worker.SharedFields.count(Field))
        return IndexKind::Shared;
      // `img.w` of the one object every launch is given, a field the
      // worker never writes: the same in every worker (a stride, a size).
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
          Field && Field->getType()->isIntegralOrEnumerationType())
        if (const auto *Root = dyn_cast<DeclRefExpr>(strip(Member->getBase())))
          if (const auto *Param = dyn_cast<ParmVarDecl>(Root->getDecl());
              Param && Worker.ByReference.count(Param) && !writesField(*Field))
            return IndexKind::Shared;
      return classify(Member->getBase());
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      // What a per-launch pointer points to is the launch's own value
      // (`*(int *)arg` with `&ids[i]`), as `arg->id` is; through any other
      // pointer it is data.
      if (Unary->getOpcode() == UO_Deref)
        return classify(Unary->getSubExpr()) == IndexKind::PerWorker
                   ? IndexKind::PerWorker
                   : IndexKind::DataDependent;
      if (Unary->getOpcode() == UO_LNot)
        return IndexKind::Unknown;
      return classify(Unary->getSubExpr());
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(E))
      return classifyBinary(*Binary);
    if (const auto *Conditional = dyn_cast<ConditionalOperator>(E))
      return combine(classify(Conditional->getTrueExpr()),
                     classify(Conditional->getFalseExpr()));
    if (isa<ArraySubscriptExpr>(E))
      return IndexKind::DataDependent;
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return classifyCall(*Call);
    // `atomic_load_explicit(&r->head, ...)`: what another thread left there.
    if (const auto *Atomic = dyn_cast<AtomicExpr>(E))
      switch (Atomic->getOp()) {
      case AtomicExpr::AO__c11_atomic_load:
      case AtomicExpr::AO__atomic_load_n:
        return IndexKind::DataDependent;
      default:
        return IndexKind::Unknown;
      }
    return IndexKind::Unknown;
  }

  /// The counter among the names of Index whose range in one launch
  /// reaches into the next launch's, if one does.
  std::optional<OverlappingRange> overlapIn(const Expr &Index) {
    std::optional<OverlappingRange> Found;
    forEachDescendant(&Index, /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (const auto *Ref = dyn_cast<DeclRefExpr>(&S))
        if (auto It = Overlaps.find(Ref->getDecl()); It != Overlaps.end())
          Found = It->second;
    });
    return Found;
  }

  /// For Counter, a counting loop's of a function the worker calls
  /// directly with Args, whether each launch's range of it reaches into the
  /// next launch's. Another test of the loop may use only constants,
  /// globals and the call's arguments that are the same in every worker.
  std::optional<OverlappingRange>
  overlapInCallee(const VarDecl &Counter, const FunctionDecl &Callee,
                  llvm::ArrayRef<const Expr *> Args) {
    const FunctionAnalysis &CalleeCode =
        AnalysisCache::of(*Callee.getBody(), Code.context());
    CalleeFrame Frame{&Callee, Args};
    auto SameInEveryWorker = [&](const Expr &Bound) {
      bool Same = true;
      forEachDescendant(&Bound, /*SkipLambdas=*/true, [&](const Stmt &S) {
        const auto *Ref = dyn_cast<DeclRefExpr>(&S);
        if (!Ref)
          return;
        const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
        if (Param && Param->getDeclContext() == &Callee &&
            Param->getFunctionScopeIndex() < Args.size())
          Same = Same && classify(Args[Param->getFunctionScopeIndex()]) ==
                             IndexKind::Shared;
        else if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
          Same = Same && Var->hasGlobalStorage() && !Var->isStaticLocal();
      });
      return Same;
    };
    return overlapWithNextLaunch(Counter, Worker, CalleeCode, SameInEveryWorker,
                                 &Frame);
  }

private:
  const WorkerCode &Worker;
  const FunctionAnalysis &Code;
  const SourceManager &SM;
  llvm::DenseMap<const VarDecl *, IndexKind> Locals;
  llvm::DenseMap<const FieldDecl *, bool> WrittenFields;
  llvm::DenseMap<const ValueDecl *, OverlappingRange> Overlaps;
  llvm::SmallPtrSet<const VarDecl *, 4> InProgress;
  /// What each local of the worker is assigned, once the body is scanned.
  bool Scanned = false;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Expr *, 2>> Assigned;
  llvm::SmallPtrSet<const VarDecl *, 4> Escaped;
  /// The helpers being read through, innermost last: their parameters'
  /// arguments.
  llvm::SmallVector<llvm::DenseMap<const ParmVarDecl *, const Expr *>, 2>
      Substituted;

  /// Whether the worker's own code assigns or steps Field anywhere.
  bool writesField(const FieldDecl &Field) {
    auto [It, Inserted] = WrittenFields.try_emplace(&Field, false);
    if (!Inserted)
      return It->second;
    auto Names = [&](const Expr *E) {
      const auto *Member = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
      return Member && Member->getMemberDecl() == &Field;
    };
    bool Written = false;
    forEachDescendant(Worker.Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
      if (const auto *Binary = dyn_cast<BinaryOperator>(&S))
        Written |= Binary->isAssignmentOp() && Names(Binary->getLHS());
      else if (const auto *Unary = dyn_cast<UnaryOperator>(&S))
        Written |= (Unary->isIncrementDecrementOp() ||
                    Unary->getOpcode() == UO_AddrOf) &&
                   Names(Unary->getSubExpr());
    });
    return WrittenFields[&Field] = Written;
  }

  IndexKind classifyBinary(const BinaryOperator &Binary) {
    if (Binary.isComparisonOp() || Binary.isLogicalOp())
      return IndexKind::Unknown;
    if (Binary.getOpcode() == BO_Comma || Binary.isAssignmentOp())
      return classify(Binary.getRHS());
    if (const Expr *Low = lowOfPickInRange(Binary))
      return classify(Low);
    IndexKind Both = combine(classify(Binary.getLHS()), classify(Binary.getRHS()));
    switch (Binary.getOpcode()) {
    case BO_Add:
    case BO_Sub:
    case BO_Mul:
      return Both;
    default:
      // `i % n`, `i / 2`, `i & mask`: two workers may meet.
      if (Both != IndexKind::PerWorker)
        return Both;
      return foldsWorkers(Binary) ? IndexKind::DataDependent
                                  : IndexKind::Unknown;
    }
  }

  /// `lo + r % (hi - lo)`: an index anywhere in [lo, hi), as a counter
  /// running from lo to hi would be (a random pick in the worker's own
  /// part); lo, its kind's name. Null for anything else.
  static const Expr *lowOfPickInRange(const BinaryOperator &Sum) {
    if (Sum.getOpcode() != BO_Add)
      return nullptr;
    auto SameVariable = [](const Expr *A, const Expr *B) {
      const auto *Left = dyn_cast<DeclRefExpr>(strip(A));
      const auto *Right = dyn_cast<DeclRefExpr>(strip(B));
      return Left && Right && Left->getDecl() == Right->getDecl();
    };
    for (auto [Low, Pick] : {std::pair(Sum.getLHS(), Sum.getRHS()),
                             std::pair(Sum.getRHS(), Sum.getLHS())}) {
      const auto *Remainder = dyn_cast<BinaryOperator>(strip(Pick));
      const auto *Width = Remainder && Remainder->getOpcode() == BO_Rem
                              ? dyn_cast<BinaryOperator>(strip(Remainder->getRHS()))
                              : nullptr;
      if (Width && Width->getOpcode() == BO_Sub && SameVariable(Width->getRHS(), Low))
        return Low;
    }
    return nullptr;
  }

  /// `id % K`, `id / K`, `id & M` with constants, for workers with ids 0 to
  /// Launches-1: two of them land on one slot (8 workers, `id % 4`).
  bool foldsWorkers(const BinaryOperator &Binary) {
    std::optional<llvm::APSInt> K =
        Binary.getRHS()->getIntegerConstantExpr(Code.context());
    if (!Worker.Launches || !K || K->isNegative() ||
        classify(Binary.getLHS()) != IndexKind::PerWorker)
      return false;
    int64_t Workers = *Worker.Launches, Value = K->getExtValue();
    switch (Binary.getOpcode()) {
    case BO_Rem:
      return Value > 0 && Workers > Value;
    case BO_Div:
      return Value > 1 && Workers > 1;
    case BO_And:
      return Workers > Value + 1;
    default:
      return false;
    }
  }

  IndexKind classifyCall(const CallExpr &Call) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
      QualType Object =
          Member->getImplicitObjectArgument()->IgnoreParenImpCasts()->getType();
      StringRef Name = identifierOf(Member->getMethodDecl());
      if (isAtomicType(Object) && (Name.starts_with("fetch_")))
        return IndexKind::PerWorker; // a ticket: each caller gets its own
      if (llvm::is_contained({"size", "length", "capacity"}, Name))
        return IndexKind::Shared;
      // A value kept in a container; but the program's own `at(id)` that
      // returns an element is read below, by its key.
      if (llvm::is_contained({"at", "front", "back", "top"}, Name) &&
          !memberElementReturnedBy(Member->getMethodDecl()))
        return IndexKind::DataDependent;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call)) {
      if (Op->getNumArgs() > 0 &&
          isAtomicType(Op->getArg(0)->IgnoreParenImpCasts()->getType()) &&
          (Op->getOperator() == OO_PlusPlus || Op->getOperator() == OO_MinusMinus ||
           Op->getOperator() == OO_PlusEqual))
        return IndexKind::PerWorker;
      if (Op->getOperator() == OO_Subscript || Op->getOperator() == OO_Star ||
          Op->getOperator() == OO_Arrow)
        return IndexKind::DataDependent;
    }
    // The CPU a thread runs on, a random number: threads share them (two
    // on one CPU, one moved between two reads), so no slot is a thread's.
    if (isNamed(Callee, {"::sched_getcpu", "::getcpu", "::rand", "::random",
                         "::rand_r", "::lrand48", "::mrand48"}))
      return IndexKind::DataDependent;
    if (isNamed(Callee, {"::std::min", "::std::max", "::std::clamp"})) {
      IndexKind Kind = IndexKind::Shared;
      for (const Expr *Arg : Call.arguments())
        Kind = combine(Kind, classify(Arg));
      return Kind;
    }
    // A helper that searches an array for the element it returns: which
    // one depends on the data.
    // (A call through a function pointer has no callee to read.)
    if (const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
        Definition && !isa<CXXMethodDecl>(Definition) &&
        !singleReturnedValue(Callee) && searchedArrayOf(*Definition))
      return IndexKind::DataDependent;
    // `slot_for(id)` with `return 1 + id % 3;`: the helper's expression,
    // its parameters standing for the call's arguments; `world.body(i)`
    // with `return bodies_[i];`: the member array's index.
    const Expr *Returned = singleReturnedValue(Callee);
    if (!Returned)
      if (std::optional<MemberElement> Element =
              memberElementReturnedBy(dyn_cast_or_null<CXXMethodDecl>(Callee)))
        Returned = Element->Index;
    if (Returned && Substituted.size() < 2 &&
        Call.getNumArgs() == Callee->getNumParams()) {
      llvm::DenseMap<const ParmVarDecl *, const Expr *> Frame;
      for (unsigned I = 0; I < Call.getNumArgs(); ++I)
        Frame[Callee->getParamDecl(I)] = Call.getArg(I);
      Substituted.push_back(std::move(Frame));
      // A helper returning an element (`return &s->slots[id & 3];`): the
      // slot is its index's.
      if (Returned->getType()->isPointerType())
        if (const Expr *Index = arrayAndIndexOf(Returned).second)
          Returned = Index;
      IndexKind Kind = classify(Returned);
      Substituted.pop_back();
      return Kind;
    }
    // `slot_for(key)` hashing a string: which slot is the text's, and two
    // threads' keys may land on one.
    IndexKind Args = IndexKind::Shared;
    for (const Expr *Arg : Call.arguments())
      Args = combine(Args, isText(Arg->IgnoreParenImpCasts()->getType())
                               ? IndexKind::DataDependent
                               : classify(Arg));
    return Args == IndexKind::DataDependent ? IndexKind::DataDependent
                                            : IndexKind::Unknown;
  }

  /// The value of a function whose whole body is one `return E;`.
  IndexKind classifyName(const ValueDecl *D) {
    // A parameter of a helper being read through (classifyCall): the
    // caller's argument, in the caller's frame.
    if (const auto *Param = dyn_cast<ParmVarDecl>(D); Param && !Substituted.empty())
      if (auto It = Substituted.back().find(Param);
          It != Substituted.back().end()) {
        auto Frame = Substituted.pop_back_val();
        IndexKind Kind = classify(It->second);
        Substituted.push_back(std::move(Frame));
        return Kind;
      }
    if (Worker.PerLaunch.contains(D))
      return IndexKind::PerWorker;
    const auto *Var = dyn_cast<VarDecl>(D);
    if (!Var)
      return IndexKind::Shared; // an enumerator, a function
    if (const auto *Param = dyn_cast<ParmVarDecl>(Var)) {
      if (Worker.Function && Param->getDeclContext() == Worker.Function)
        return Worker.ByReference.count(Param) ? IndexKind::Unknown
                                               : IndexKind::Shared;
      return isWithin(Param, Worker.Body, SM) ? IndexKind::Unknown
                                              : IndexKind::Shared;
    }
    if (Var->hasLocalStorage() && isWithin(Var, Worker.Body, SM))
      return classifyLocal(*Var);
    if (Var->getTLSKind() != VarDecl::TLS_None)
      return IndexKind::Unknown; // each thread's own value, whatever it is
    return IndexKind::Shared; // captured, global: the same in every worker
  }

  void scan() {
    Scanned = true;
    forEachDescendant(Worker.Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
      auto LocalOf = [&](const Expr *E) -> const VarDecl * {
        const auto *Ref = dyn_cast_or_null<DeclRefExpr>(strip(E));
        return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      };
      if (const auto *Binary = dyn_cast<BinaryOperator>(&S)) {
        if (Binary->isAssignmentOp())
          if (const VarDecl *Var = LocalOf(Binary->getLHS()))
            Assigned[Var].push_back(Binary->getRHS());
      } else if (const auto *Unary = dyn_cast<UnaryOperator>(&S)) {
        if (Unary->getOpcode() == UO_AddrOf)
          if (const VarDecl *Var = LocalOf(Unary->getSubExpr()))
            Escaped.insert(Var);
      } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S)) {
        if (Op->isAssignmentOp() && Op->getNumArgs() == 2)
          if (const VarDecl *Var = LocalOf(Op->getArg(0)))
            Assigned[Var].push_back(Op->getArg(1));
      } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
        // Passed by non-const reference: the callee may set it.
        const FunctionDecl *Callee = Call->getDirectCallee();
        for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
          const VarDecl *Var = LocalOf(Call->getArg(I));
          if (!Var || isa<CXXOperatorCallExpr>(Call))
            continue;
          // A variadic argument is passed by value (`printf("%d", i)`).
          if (Callee && I >= Callee->getNumParams() && Callee->isVariadic())
            continue;
          if (!Callee || I >= Callee->getNumParams() ||
              (Callee->getParamDecl(I)->getType()->isReferenceType() &&
               !isConstReferenceOrPointer(Callee->getParamDecl(I)->getType())))
            Escaped.insert(Var);
        }
      }
    });
  }

  IndexKind classifyLocal(const VarDecl &Var) {
    if (auto It = Locals.find(&Var); It != Locals.end())
      return It->second;
    if (!InProgress.insert(&Var).second)
      return IndexKind::Shared; // `k += step` adds nothing of its own
    if (!Scanned)
      scan();
    IndexKind Kind = IndexKind::Shared;
    bool Defined = false;
    if (isRangeForVariable(Var) && !Escaped.contains(&Var)) {
      // An element of a range, by value or by reference (`for (const
      // Reading &r : batch)`: `r.region` is data).
      Kind = IndexKind::DataDependent;
      Defined = true;
    } else if (Escaped.contains(&Var) || Var.getType()->isReferenceType()) {
      Kind = IndexKind::Unknown;
    } else if (const Expr *Init = Var.getInit()) {
      Kind = classify(Init);
      Defined = true;
    }
    if (auto It = Assigned.find(&Var); It != Assigned.end())
      for (const Expr *Value : It->second) {
        Kind = combine(Kind, classify(Value));
        Defined = true;
      }
    if (!Defined)
      Kind = IndexKind::Unknown;
    // A range of the worker's own, unless it runs into the next launch's.
    if (Kind == IndexKind::PerWorker)
      if (auto Overlap = overlapWithNextLaunch(
              Var, Worker, Code, [&](const Expr &Bound) {
                return classify(&Bound) == IndexKind::Shared;
              })) {
        Kind = IndexKind::DataDependent;
        Overlaps[&Var] = *Overlap;
      }
    InProgress.erase(&Var);
    Locals[&Var] = Kind;
    return Kind;
  }

  bool isRangeForVariable(const VarDecl &Var) {
    const DeclStmt *Declaration = Code.declarationOf(Var);
    const Stmt *Holder = Declaration ? Code.parent(*Declaration) : nullptr;
    const auto *RangeFor = dyn_cast_or_null<CXXForRangeStmt>(Holder);
    return RangeFor && RangeFor->getLoopVariable() == &Var;
  }
};

/// A cast from one pointer type to another (`(struct job *)arg`, the
/// implicit `void *` conversion in C), or parentheses around one.
bool isPointerRetype(const Stmt &S) {
  if (isa<ParenExpr>(S))
    return true;
  const auto *Cast = dyn_cast<CastExpr>(&S);
  return Cast &&
         (Cast->getCastKind() == CK_BitCast || Cast->getCastKind() == CK_NoOp) &&
         Cast->getType()->isPointerType() &&
         Cast->getSubExpr()->getType()->isPointerType();
}

bool isRootPointer(const ObjectPath &Path) {
  return Path.Root && !Path.ThroughPointer && Path.Fields.empty() &&
         (Path.Root->getType().getNonReferenceType()->isPointerType() ||
          isStdSmartPointer(Path.Root->getType()));
}

/// Where a worker-side name leads: OwnSlot is the worker's own element of
/// a container it shares (WorkerCode::OwnElements), named by the container.
enum class Reach { Local, Shared, Unknown, OwnSlot };
struct Resolved {
  Reach Kind = Reach::Unknown;
  ObjectPath Path;
};

/// Collects the accesses of one worker.
class AccessCollector {
public:
  AccessCollector(const WorkerCode &Worker, ASTContext &Context)
      : Worker(Worker), Context(Context), SM(Context.getSourceManager()),
        Code(AnalysisCache::of(*Worker.Body, Context)), Index(Worker, Code) {}

  WorkerAccesses run() {
    findRunLambdas();
    visit(Worker.Body);
    // Polled flags count as hand-offs as before; PollsOnly says they were
    // the only ones.
    if (PolledFlag) {
      Result.PollsOnly = !Result.HandsOff;
      Result.HandsOff = Result.OrdersInstances = true;
    }
    if (!PolledFlag && !OrderedUnplaced)
      findBarrierPhases();
    keepRefillsUnwatched();
    Result.Locks = locksTaken();
    return std::move(Result);
  }

private:
  /// Every mutex the worker's code (the lambdas it holds included) takes.
  LockKeys locksTaken() const {
    return SummaryWrites::lockingWithin(*Worker.Body, Context, /*SkipLambdas=*/false)
        .Locks;
  }

  const WorkerCode &Worker;
  ASTContext &Context;
  const SourceManager &SM;
  const FunctionAnalysis &Code;
  IndexClassifier Index;
  WorkerAccesses Result;
  /// Lambdas inside the worker that it runs itself, and where.
  llvm::DenseMap<const LambdaExpr *, llvm::SmallVector<const Stmt *, 2>> Runs;
  /// The lambdas around the node being visited, innermost last.
  llvm::SmallVector<const LambdaExpr *, 2> Lambdas;
  llvm::DenseMap<const Stmt *, std::unique_ptr<LockScopes>> Scopes;
  mutable llvm::DenseMap<const VarDecl *, bool> UnchangedPointers;
  mutable llvm::DenseMap<const Stmt *, bool> HandOffLoops;
  mutable llvm::DenseMap<const Stmt *, bool> PublishingLoops;
  PublicationPaths Publication{Code};
  llvm::DenseMap<const Expr *, const Stmt *> RefillLoops;
  /// An atomic load in a loop's condition was seen (not in HandsOff yet).
  bool PolledFlag = false;
  /// The worker's own barrier waits, and whether anything else may order
  /// its instances (BarrierLoop).
  llvm::SmallVector<const CallExpr *, 2> BarrierWaits;
  bool OrderedUnplaced = false;
  /// Whether the worker handed off before the call being visited.
  bool HandedOffBeforeCall = false;

  static const Expr *loopCondition(const Stmt &Loop) {
    if (const auto *For = dyn_cast<ForStmt>(&Loop))
      return For->getCond();
    if (const auto *While = dyn_cast<WhileStmt>(&Loop))
      return While->getCond();
    if (const auto *Do = dyn_cast<DoStmt>(&Loop))
      return Do->getCond();
    return nullptr;
  }

  /// Whether Call is an atomic load in the condition of a loop of the
  /// worker: a flag polled (`while (!stop.load())`).
  bool pollsFlag(const CallExpr &Call) const {
    return isAtomicLoad(Call) && inLoopCondition(Call);
  }

  /// Whether S is in the condition of the innermost loop around it, a loop
  /// that takes part in a hand-off on its trips (a wait, a signal, in a
  /// call or not): the condition is read again after each. A loop that
  /// runs once the hand-offs are over (`for (i = 0; i < cfg->n; i++)`
  /// after the wait) reads what they ordered.
  bool inLoopCondition(const Stmt &S) const {
    const Stmt *Child = &S;
    for (const Stmt *Up = Code.parent(S); Up; Child = Up, Up = Code.parent(*Up)) {
      if (isa<LambdaExpr>(Up))
        return false;
      if (const Expr *Condition = loopCondition(*Up))
        return Condition == Child && handsOffOnEachTrip(*Up);
    }
    return false;
  }

  bool handsOffOnEachTrip(const Stmt &Loop) const {
    auto [It, New] = HandOffLoops.try_emplace(&Loop, false);
    if (!New)
      return It->second;
    bool Found = false;
    forEachDescendant(&Loop, /*SkipLambdas=*/true, [&](const Stmt &Node) {
      if (const auto *Call = dyn_cast<CallExpr>(&Node))
        Found = Found || SummaryWrites::takesPartInHandOff(*Call, Code.context());
      else if (const auto *Atomic = dyn_cast<AtomicExpr>(&Node))
        Found = Found || SummaryWrites::takesPartInHandOff(*Atomic);
    });
    HandOffLoops[&Loop] = Found;
    return Found;
  }

  /// Whether S is in the body of a loop whose condition polls a flag.
  bool whilePolling(const Stmt &S) const {
    const Stmt *Child = &S;
    for (const Stmt *Up = Code.parent(S); Up; Child = Up, Up = Code.parent(*Up)) {
      const Expr *Condition = loopCondition(*Up);
      if (!Condition || Condition == Child)
        continue;
      bool Polls = false;
      forEachDescendant(Condition, /*SkipLambdas=*/true, [&](const Stmt &Node) {
        if (const auto *Load = dyn_cast<CallExpr>(&Node))
          Polls |= isAtomicLoad(*Load);
        else if (const auto *Atomic = dyn_cast<AtomicExpr>(&Node))
          Polls |= isAtomicLoad(*Atomic);
      });
      if (Polls)
        return true;
    }
    return false;
  }

  void findRunLambdas() {
    forEachDescendant(Worker.Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
      const auto *Lambda = dyn_cast<LambdaExpr>(&S);
      if (!Lambda)
        return;
      const Stmt *User = Code.parentIgnoringImplicit(*Lambda);
      if (const auto *Call = dyn_cast_or_null<CallExpr>(User)) {
        // Called at once, or handed to a standard algorithm.
        const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
        if ((Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0 &&
             strip(Op->getArg(0)) == Lambda) ||
            (!Op && Call->getDirectCallee() &&
             Call->getDirectCallee()->isInStdNamespace() &&
             !isHandOffCall(*Call) &&
             !describeLaunch(*Call, Context)))
          Runs[Lambda].push_back(Call);
        return;
      }
      // auto step = [&](...) {...}; ... step(x);
      const auto *Declaration = dyn_cast_or_null<DeclStmt>(User);
      const auto *Var = Declaration ? dyn_cast_or_null<VarDecl>(
                                          Declaration->getSingleDecl())
                                    : nullptr;
      if (!Var)
        return;
      forEachDescendant(Worker.Body, /*SkipLambdas=*/false,
                        [&](const Stmt &Use) {
        const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Use);
        if (!Op || Op->getOperator() != OO_Call || Op->getNumArgs() == 0)
          return;
        const auto *Ref = dyn_cast<DeclRefExpr>(strip(Op->getArg(0)));
        if (Ref && Ref->getDecl() == Var)
          Runs[Lambda].push_back(Op);
      });
    });
  }

  void visit(const Stmt *S) {
    if (!S)
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      if (!Runs.count(Lambda))
        return; // stored, or handed to code that may run it anywhere
      Lambdas.push_back(Lambda);
      visit(Lambda->getBody());
      Lambdas.pop_back();
      return;
    }
    if (isa<UnaryExprOrTypeTraitExpr>(S))
      return; // sizeof, alignof: not evaluated
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      HandedOffBeforeCall = Result.HandsOff || PolledFlag;
      noteHandOff(*Call);
      calleeWrites(*Call);
      if (const CXXConstructorDecl *Made = constructorMadeBy(*Call)) {
        auto [Any, Orders] = SummaryWrites::constructionHandOffs(Made, Context);
        Result.HandsOff |= Any;
        Result.OrdersInstances |= Orders;
        OrderedUnplaced |= Orders;
        constructionWrites(*Call, Made, {Call->getArgs(), Call->getNumArgs()});
      }
    }
    if (const auto *Atomic = dyn_cast<AtomicExpr>(S))
      noteHandOff(*Atomic);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
      auto [Any, Orders] = SummaryWrites::constructionHandOffs(*Construct, Context);
      HandedOffBeforeCall = Result.HandsOff || PolledFlag;
      Result.HandsOff |= Any;
      Result.OrdersInstances |= Orders;
      OrderedUnplaced |= Orders;
      constructionWrites(*Construct, Construct->getConstructor(),
                         {Construct->getArgs(), Construct->getNumArgs()});
    }
    if (isa<DeclRefExpr, CXXThisExpr>(S))
      access(cast<Expr>(*S));
    for (const Stmt *Child : S->children())
      visit(Child);
  }

  /// The writes of a function the worker calls (SummaryWrites), in the
  /// launching function's names, with the locks held at the call and in
  /// the callee.
  void calleeWrites(const CallExpr &Call) {
    CallBinding Binding;
    const FunctionDecl *Callee =
        SummaryWrites::followedCallee(Call, Binding, Context);
    if (Callee) {
      calleeWritesAt(Call, *Callee, Binding, SummaryWrites::of(*Callee, Context));
      return;
    }
    WriteSummary Common;
    if ((Callee = SummaryWrites::commonCallbackSummary(Call, Binding, Common, Context)))
      calleeWritesAt(Call, *Callee, Binding, Common);
  }

  /// The constructor's writes, and the destructor's at the end of the
  /// object's scope, of an object of the program's own class the worker
  /// makes at Site (`DepthGuard guard;`, `std::make_unique<Session>(fd)`):
  /// its `*this` is the worker's own.
  void constructionWrites(const Expr &Site, const CXXConstructorDecl *Constructor,
                          llvm::ArrayRef<const Expr *> Args) {
    summaries::ConstructionBodies Bodies = summaries::constructionBodies(Constructor);
    CallBinding Binding;
    Binding.Args.append(Args.begin(), Args.end());
    if (Bodies.Constructor)
      calleeWritesAt(Site, *Bodies.Constructor, Binding,
                     SummaryWrites::of(*Bodies.Constructor, Context));
    if (Bodies.Destructor)
      calleeWritesAt(Site, *Bodies.Destructor, CallBinding(),
                     SummaryWrites::of(*Bodies.Destructor, Context));
  }

  /// What the worker's call at Site of Callee, bound by Binding, writes and
  /// reads by Summary.
  void calleeWritesAt(const Expr &Call, const FunctionDecl &CalleeDecl,
                      const CallBinding &Binding, const WriteSummary &Summary) {
    const FunctionDecl *Callee = &CalleeDecl;
    Result.HandsOff |= Summary.HandsOff;
    Result.OrdersInstances |= Summary.OrdersInstances;
    OrderedUnplaced |= Summary.OrdersInstances;
    std::optional<LockSet> AtCall;
    // What the worker may release after an access of the callee: all the
    // callee may (before or after the access), then what follows the call.
    std::optional<std::optional<LockKeys>> AfterCall;
    auto ReleasedAfterCall = [&]() -> std::optional<LockKeys> {
      if (!AfterCall) {
        AfterCall.emplace();
        if (!Summary.PublishesBeyondLocks)
          if ((*AfterCall = Publication.locksReleasedAfter(Call)))
            (*AfterCall)->merge(Summary.Locks);
      }
      return *AfterCall;
    };
    // The object of a summary's access, when the worker shares it.
    auto SharedObject = [&](const SummaryWrite &Access) -> std::optional<ObjectPath> {
      if (auto Pointee = throughSharedFieldArgument(Access.Object, *Callee, Binding))
        return Pointee;
      // The element a local alias of the worker is bound to (not a slot of
      // its own): Access is in it. Nullopt, and Known set, when the alias
      // is the worker's own or unshared.
      bool Known = false;
      auto InElement = [&](const Expr &Name,
                           bool PointsInto) -> std::optional<ObjectPath> {
        auto Alias = elementAliasOf(Name, Code);
        if (!Alias || Alias->PointsInto != PointsInto ||
            (Alias->Key && slotOfItsOwn(*Alias->Key)))
          return std::nullopt;
        auto Container = containerPathOf(*Alias);
        if (!Container)
          return std::nullopt;
        Known = true;
        Resolved Where = resolve(*Container);
        if (Where.Kind != Reach::Shared)
          return std::nullopt;
        Where.Path.Fields.append(Access.Object.Fields.begin(),
                                 Access.Object.Fields.end());
        return Where.Path;
      };
      // `item.refresh()` on `for (Item &item : items)`, `e.touch()` on
      // `Entry &e = table.at(key)`: the method works on that element.
      // `c->clear()` on `Counter *c = reg.find(name)`: through the pointer.
      if (Access.Object.isThis() && Binding.Object)
        if (auto Path = InElement(*stripped(Binding.Object), Binding.ObjectIsPointer);
            Path || Known)
          return Path;
      // `merge_from(*h)` on `for (auto &h : per_thread)`, `tally(e)` on
      // `Entry &e = table.at(key)`: a reference parameter bound to the
      // element, or to what the element points to (which goes by the
      // container's name).
      if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(Access.Object.Root);
          Param && Param->getType()->isReferenceType() &&
          Param->getDeclContext() == Callee &&
          Param->getFunctionScopeIndex() < Binding.Args.size())
        if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(
                dereferenced(Binding.Args[Param->getFunctionScopeIndex()]))))
          if (auto Path = InElement(*Ref, false); Path || Known)
            return Path;
      // `decode_into(f, seq)` with `Frame *f = &g_frames[seq % 2]`: what
      // the callee touches through that pointer parameter is in the element.
      if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(Access.Object.Root);
          Param && Access.Object.ThroughPointer &&
          Param->getType()->isPointerType() && Param->getDeclContext() == Callee &&
          Param->getFunctionScopeIndex() < Binding.Args.size())
        if (const auto *Ref = dyn_cast<DeclRefExpr>(
                stripped(Binding.Args[Param->getFunctionScopeIndex()]))) {
          if (auto Path = InElement(*Ref, true); Path || Known)
            return Path;
        } else if (auto Element =
                       elementArgument(Binding.Args[Param->getFunctionScopeIndex()])) {
          // `complete_job(s, &s->jobs[i])`: the element's address itself.
          if (Element->Index && slotOfItsOwn(*Element->Index))
            return std::nullopt;
          Resolved Where = resolve(Element->Container);
          if (Where.Kind != Reach::Shared)
            return std::nullopt;
          Where.Path.Fields.append(Access.Object.Fields.begin(),
                                   Access.Object.Fields.end());
          return Where.Path;
        }
      // `latches[k].complete(r)`: the method works on that element; a slot
      // of the worker's own is ownSlotObject's.
      if (Access.Object.isThis())
        if (auto Element = elementCalledOn(Binding)) {
          if (Element->Index && slotOfItsOwn(*Element->Index))
            return std::nullopt;
          Resolved Where = resolve(Element->Container);
          if (Where.Kind != Reach::Shared)
            return std::nullopt;
          return Where.Path.extendedBy(Access.Object);
        }
      auto Raw = SummaryWrites::mapPath(Access.Object, *Callee, Binding);
      if (!Raw)
        return std::nullopt;
      Resolved Where = resolve(*Raw);
      if (Where.Kind != Reach::Shared)
        return std::nullopt;
      return Where.Path;
    };
    // The locks held at a summary's access: the worker's at the call, and
    // the callee's own, each in the worker's names. A callee lock in an
    // element the worker reaches through a local alias (`c->io_lock` with
    // `c = pool_checkout(p)`) goes by the container, as the access does.
    auto LocksOf = [&](const SummaryWrite &Access) {
      if (!AtCall)
        AtCall = heldAt(Call, Lambdas.size());
      LockSet Held = translate(*AtCall);
      for (const HeldLock &Lock : Access.Held) {
        if (Lock.Mutex) {
          SummaryWrite AsObject;
          AsObject.Object = *Lock.Mutex;
          if (auto Path = SharedObject(AsObject)) {
            Held.push_back({std::move(*Path), nullptr, Lock.Shared});
            continue;
          }
        }
        SummaryWrite OnlyThisLock;
        OnlyThisLock.Held.push_back(Lock);
        Held.append(translate(
            SummaryWrites::withCalleeLocks({}, OnlyThisLock, *Callee, Binding)));
      }
      return Held;
    };
    // What the call reads, in place of a read of the whole object.
    for (const SummaryWrite &Read : Summary.Reads) {
      auto Object = SharedObject(Read);
      if (!Object)
        continue;
      // A read of the worker's own slot (`at(i)` with its own index).
      IndexKind Slot = IndexKind::Shared;
      for (unsigned Param : Read.SlotParams)
        Slot = combine(Slot, Param < Binding.Args.size()
                                 ? Index.classify(Binding.Args[Param])
                                 : IndexKind::Unknown);
      if (Slot == IndexKind::PerWorker)
        continue;
      SharedAccess Access;
      Access.Where = &Call;
      Access.Object = *Object;
      Access.Method = Read.Method;
      Access.BeforeAnyHandOff = Read.BeforeAnyHandOff && !HandedOffBeforeCall;
      Access.OneInstance = isOneInstance(Call) || Read.OneCaller;
      Access.Held = LocksOf(Read);
      Access.ViaCallee = Callee;
      Access.WhilePolling = whilePolling(Call);
      Access.InLoopCondition = inLoopCondition(Call);
      Access.ReleasesAfter = ReleasedAfterCall();
      Access.PointerValue = Read.PointerValue;
      Result.Accesses.push_back(std::move(Access));
    }
    // A write to a slot of the worker's own: its element (ForOwnSlot: a
    // lock in that element is named by the container), or one it claimed.
    auto KeepOwnSlotWrite = [&](const SummaryWrite &Write, ObjectPath Object,
                                bool ForOwnSlot) {
      SharedAccess Access = summaryWriteAt(Call, Write, *Callee);
      Access.Held = translate(
          SummaryWrites::withCalleeLocks(heldAt(Call, Lambdas.size()), Write,
                                         *Callee, Binding),
          ForOwnSlot);
      Access.Object = std::move(Object);
      Access.PublishedByNothing = unpublishedAfterCall(Call, Write, Access);
      Result.OwnSlotWrites.push_back(std::move(Access));
    };
    for (const SummaryWrite &Write : Summary.UnplacedWrites) {
      if (auto Own = ownSlotObject(Write, *Callee, Binding))
        KeepOwnSlotWrite(Write, std::move(*Own), /*ForOwnSlot=*/true);
      else if (auto Object = SharedObject(Write))
        KeepOwnSlotWrite(Write, std::move(*Object), /*ForOwnSlot=*/false);
      else
        continue;
      Result.OwnSlotWrites.back().UnplacedSlot = true;
    }
    // A write in a loop over a range the call hands over (RangeWrites)
    // from the worker's own argument (`blur_band(arg)` looping from
    // `job->y_first`): whose elements those are is the range's, placed
    // below; not a write every instance makes to the same ones.
    auto InHandedOwnRange = [&](const SummaryWrite &Write) {
      if (!Code.isWithin(Call, *Worker.Body))
        return false;
      for (const SummaryWrite &Range : Summary.RangeWrites) {
        if (Range.Where != Write.Where || !Range.RangeCounter ||
            !Range.RangeCounter->getInit())
          continue;
        bool Own = false;
        forEachDescendant(Range.RangeCounter->getInit(), /*SkipLambdas=*/true,
                          [&](const Stmt &S) {
                            const auto *Ref = dyn_cast<DeclRefExpr>(&S);
                            const auto *Param =
                                Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
                            if (Param && Param->getDeclContext() == Callee &&
                                Param->getFunctionScopeIndex() < Binding.Args.size())
                              Own |= Index.classify(
                                         Binding.Args[Param->getFunctionScopeIndex()]) ==
                                     IndexKind::PerWorker;
                          });
        if (Own)
          return true;
      }
      return false;
    };
    for (const SummaryWrite &Write :
         SummaryWrites::writesAt(Summary, Binding, Context)) {
      if (InHandedOwnRange(Write))
        continue;
      if (auto Own = ownSlotObject(Write, *Callee, Binding)) {
        KeepOwnSlotWrite(Write, std::move(*Own), /*ForOwnSlot=*/true);
        continue;
      }
      auto Object = SharedObject(Write);
      if (!Object)
        continue;
      if (Write.ClaimedBy) {
        KeepOwnSlotWrite(Write, std::move(*Object), /*ForOwnSlot=*/false);
        continue;
      }
      // A slot the worker chooses: its own when chosen by its own index.
      IndexKind Slot = IndexKind::Shared;
      for (unsigned Param : Write.SlotParams)
        Slot = combine(Slot, Param < Binding.Args.size()
                                 ? Index.classify(Binding.Args[Param])
                                 : IndexKind::Unknown);
      // Neither is known to meet another instance's, but a thread reading
      // every slot meets both.
      if (Slot == IndexKind::PerWorker || Slot == IndexKind::Unknown) {
        KeepOwnSlotWrite(Write, std::move(*Object), /*ForOwnSlot=*/false);
        Result.OwnSlotWrites.back().UnplacedSlot = Slot == IndexKind::Unknown;
        continue;
      }
      SharedAccess Access = summaryWriteAt(Call, Write, *Callee);
      Access.Object = *Object;
      Access.Held = LocksOf(Write);
      Access.PublishedByNothing = unpublishedAfterCall(Call, Write, Access);
      Access.ReleasesAfter = ReleasedAfterCall();
      Result.Accesses.push_back(std::move(Access));
    }
    // A loop of a callee the worker's own code calls, over the range the
    // call hands over: shared where it runs into the next launch's range.
    if (Summary.RangeWrites.empty() || Lambdas.size() > 0 ||
        !Code.isWithin(Call, *Worker.Body))
      return;
    for (const SummaryWrite &Write : Summary.RangeWrites) {
      auto Object = throughArgumentStruct(Write.Object, *Callee, Binding);
      if (!Object)
        Object = SharedObject(Write);
      if (!Object || Write.WhereFunction != Callee)
        continue;
      auto Overlap = Index.overlapInCallee(*Write.RangeCounter, *Callee, Binding.Args);
      if (!Overlap)
        continue;
      SharedAccess Access = summaryWriteAt(Call, Write, *Callee);
      Access.Object = *Object;
      Access.Held = translate(
          SummaryWrites::withCalleeLocks(heldAt(Call, Lambdas.size()), Write,
                                         *Callee, Binding));
      Access.Overlap = Overlap;
      Access.ReleasesAfter = ReleasedAfterCall();
      Result.Accesses.push_back(std::move(Access));
    }
  }

  /// A callee's unlocked write that nothing after it publishes, in the
  /// callee nor in the worker after the call.
  bool unpublishedAfterCall(const Expr &Call, const SummaryWrite &Write,
                            const SharedAccess &Access) const {
    return Write.UnpublishedAtReturn && Access.Held.empty() &&
           !Publication.mayPublishAfter(Call);
  }

  /// A summary's write at the worker's call of Callee, object and locks
  /// left to the caller.
  SharedAccess summaryWriteAt(const Expr &Call, const SummaryWrite &Write,
                              const FunctionDecl &Callee) {
    SharedAccess Access;
    Access.Where = Write.Where;
    Access.Write = Write.Write;
    Access.Method = Write.Method;
    Access.Scalar = Write.Scalar;
    Access.ConstantToVolatile = Write.ConstantToVolatile;
    Access.UnguardingStripe = Write.UnguardingStripe;
    Access.ClaimedBy = Write.ClaimedBy;
    Access.OneInstance = isOneInstance(Call) || Write.OneCaller;
    Access.Via = &Call;
    Access.ViaCallee = &Callee;
    Access.WhilePolling = whilePolling(Call);
    return Access;
  }

  /// What a callee writes through a reference parameter bound to the
  /// worker's own element (`probe(backends[i], errors[i])` with `i` the
  /// worker's index), named by the container.
  std::optional<ObjectPath>
  throughOwnSubscriptArgument(const ObjectPath &Path, const FunctionDecl &Callee,
                              const CallBinding &Binding) {
    const auto *Param = dyn_cast_or_null<ParmVarDecl>(Path.Root);
    if (!Param || Path.ThroughPointer ||
        !Param->getType()->isReferenceType() ||
        Param->getType().getNonReferenceType().isConstQualified())
      return std::nullopt;
    const auto *Owner = dyn_cast<FunctionDecl>(Param->getDeclContext());
    unsigned Position = Param->getFunctionScopeIndex();
    if (!Owner || Owner->getCanonicalDecl() != Callee.getCanonicalDecl() ||
        Position >= Binding.Args.size())
      return std::nullopt;
    auto Element = elementArgument(Binding.Args[Position]);
    if (!Element || Index.classify(Element->Index) != IndexKind::PerWorker)
      return std::nullopt;
    Resolved Where = resolve(Element->Container);
    if (Where.Kind != Reach::Shared)
      return std::nullopt;
    Where.Path.Fields.append(Path.Fields.begin(), Path.Fields.end());
    return Where.Path;
  }

  /// What a callee writes through the worker's own element (`heartbeat(ws)`
  /// with `ws` from `&workers[i]`), named by the container.
  std::optional<ObjectPath> ownSlotObject(const SummaryWrite &Write,
                                          const FunctionDecl &Callee,
                                          const CallBinding &Binding) {
    if (auto Element = throughSharedFieldArgument(Write.Object, Callee, Binding,
                                                  /*OwnElement=*/true))
      return Element;
    if (auto Element = throughOwnSubscriptArgument(Write.Object, Callee, Binding))
      return Element;
    // `latches[i].complete(r)` with the worker's own index.
    if (Write.Object.isThis())
      if (auto Element = elementCalledOn(Binding);
          Element && Element->Index && isOwnSlot(*Element->Index))
        if (Resolved Where = resolve(Element->Container);
            Where.Kind == Reach::Shared)
          return Where.Path.extendedBy(Write.Object);
    if (Worker.OwnElements.empty())
      return std::nullopt;
    auto Raw = SummaryWrites::mapPath(Write.Object, Callee, Binding);
    if (!Raw)
      return std::nullopt;
    Resolved Where = resolve(*Raw);
    if (Where.Kind != Reach::OwnSlot)
      return std::nullopt;
    return Where.Path;
  }

  void noteHandOff(const AtomicExpr &Atomic) {
    if (isAtomicLoad(Atomic) && inLoopCondition(Atomic)) {
      PolledFlag = true;
      return;
    }
    HandOffKind Kind = handOffKindOf(Atomic);
    Result.HandsOff |= Kind != HandOffKind::None;
    Result.OrdersInstances |= Kind == HandOffKind::Ordering;
    OrderedUnplaced |= Kind == HandOffKind::Ordering;
  }

  void noteHandOff(const CallExpr &Call) {
    if (pollsFlag(Call)) {
      PolledFlag = true;
      return;
    }
    SummaryWrites::CallHandOff HandOff = SummaryWrites::handOffOf(Call, Context);
    Result.HandsOff |= HandOff.Kind != HandOffKind::None;
    Result.OrdersInstances |= HandOff.Kind == HandOffKind::Ordering;
    if (HandOff.Kind == HandOffKind::Ordering) {
      if (isBarrierWait(Call))
        BarrierWaits.push_back(&Call);
      else
        OrderedUnplaced = true;
    }
    if (!HandOff.SynchronizedObject)
      return;
    if (auto Raw = objectPathOf(HandOff.SynchronizedObject);
        Raw && resolve(*Raw).Kind != Reach::Local &&
        resolve(*Raw).Kind != Reach::OwnSlot)
      Result.HandsOff = Result.OrdersInstances = OrderedUnplaced = true;
  }

  /// `pthread_barrier_wait(&b)`, `sync_point.arrive_and_wait()` on a
  /// std::barrier: every instance waits there once per trip.
  static bool isBarrierWait(const CallExpr &Call) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (!Callee)
      return false;
    if (identifierOf(Callee) == "pthread_barrier_wait")
      return true;
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    return Method && identifierOf(Method) == "arrive_and_wait" &&
           Method->getParent()->getName() == "barrier";
  }


  /// Where a path of the worker's names leads in the launching function.
  Resolved resolve(const ObjectPath &Raw) const {
    Resolved R;
    if (Raw.isThis()) {
      for (const LambdaExpr *Lambda : Lambdas)
        if (!capturesThisByReference(*Lambda)) {
          R.Kind = Reach::Local; // [*this]: a copy
          return R;
        }
      if (Worker.ThisObject) {
        R.Kind = Reach::Shared;
        R.Path = Worker.ThisObject->extendedBy(Raw);
      } else if (auto It = Raw.Fields.empty()
                               ? Worker.BoundMembers.end()
                               : Worker.BoundMembers.find(Raw.Fields.front());
                 It != Worker.BoundMembers.end()) {
        // A functor's reference member: the object its constructor bound.
        R.Kind = Reach::Shared;
        R.Path = It->second;
        R.Path.Fields.append(Raw.Fields.begin() + 1, Raw.Fields.end());
      } else {
        R.Kind = Reach::Local;
      }
      return R;
    }
    const auto *Var = dyn_cast<VarDecl>(Raw.Root);
    if (!Var)
      return R;
    if (Var->getTLSKind() != VarDecl::TLS_None) {
      R.Kind = Reach::Local;
      return R;
    }
    if (Var->hasGlobalStorage()) {
      R.Kind = Reach::Shared;
      R.Path = Raw;
      return R;
    }
    auto LocalUnlessPointer = [&] {
      R.Kind = Raw.ThroughPointer ? Reach::Unknown : Reach::Local;
      return R;
    };
    // Through a parameter bound to the worker's own element.
    auto OwnElement = [&](const ParmVarDecl *Param) {
      auto It = Worker.OwnElements.find(Param);
      if (It == Worker.OwnElements.end() ||
          (Param->getType()->isPointerType() && !Raw.ThroughPointer))
        return false;
      R.Kind = Reach::OwnSlot;
      R.Path = It->second;
      R.Path.Fields.append(Raw.Fields.begin(), Raw.Fields.end());
      return true;
    };
    // `a->stats->hits` reached through a call (`bump(a)`): what a field
    // of the argument struct points every launch at.
    if ((Raw.ThroughPointer || Var->getType()->isReferenceType()) &&
        Raw.Fields.size() > 1 && isArgumentStruct(Var))
      if (auto It = Worker.SharedFields.find(Raw.Fields.front());
          It != Worker.SharedFields.end() &&
          (It->second.AddressOf || It->second.Path.Fields.empty())) {
        R.Kind = It->second.OwnElement ? Reach::OwnSlot : Reach::Shared;
        R.Path = It->second.Path;
        R.Path.ThroughPointer |= !It->second.AddressOf;
        R.Path.Fields.append(std::next(Raw.Fields.begin()), Raw.Fields.end());
        return R;
      }
    if (const auto *Param = dyn_cast<ParmVarDecl>(Var)) {
      if (OwnElement(Param))
        return R;
      if (auto It = Worker.ByReference.find(Param);
          It != Worker.ByReference.end()) {
        bool Pointer = Param->getType()->isPointerType();
        if (Pointer && !Raw.ThroughPointer)
          return LocalUnlessPointer(); // the pointer itself is a copy
        R.Kind = Reach::Shared;
        R.Path = It->second;
        R.Path.Fields.append(Raw.Fields.begin(), Raw.Fields.end());
        return R;
      }
      if (Param->getDeclContext() == Worker.Function ||
          isWithin(Param, Worker.Body, SM)) {
        if (Param->getType()->isReferenceType() &&
            !isConstReferenceOrPointer(Param->getType()))
          return R; // bound to something parlint did not resolve
        return LocalUnlessPointer();
      }
    }
    // `struct ctx *c = arg;`: a copy of a parameter bound to one object.
    if (Raw.ThroughPointer && isUnchangedLocalPointer(*Var))
      if (const auto *Init = dyn_cast<DeclRefExpr>(stripped(Var->getInit())))
        if (const auto *Param = dyn_cast<ParmVarDecl>(Init->getDecl())) {
          if (OwnElement(Param))
            return R;
          if (auto It = Worker.ByReference.find(Param);
              It != Worker.ByReference.end() &&
              Param->getType()->isPointerType()) {
            R.Kind = Reach::Shared;
            R.Path = It->second;
            R.Path.Fields.append(Raw.Fields.begin(), Raw.Fields.end());
            return R;
          }
        }
    // `struct scan_ctx ctx = {.sum = totals};`, `Desk desk(model);`: what
    // a pointer member of the worker's own object was given, as the worker
    // names it.
    if (Worker.Body && isWithin(Var, Worker.Body, SM))
      if (auto Through = throughInitializedPointer(Raw, *Worker.Body))
        return resolve(*Through);
    // Locals of the worker, and of the lambdas it runs.
    if (isWithin(Var, Worker.Body, SM) ||
        (Worker.Function && !Worker.Lambda &&
         Var->getParentFunctionOrMethod() == Worker.Function))
      return LocalUnlessPointer();
    if (!Worker.Lambda)
      return R;
    if (Var->isInitCapture()) {
      if (!captureKindOf(*Worker.Lambda, Var) ||
          !Var->getType()->isReferenceType())
        return LocalUnlessPointer();
      auto Bound = objectPathOf(Var->getInit());
      if (!Bound)
        return R;
      R.Kind = Reach::Shared;
      R.Path = Bound->extendedBy(Raw);
      return R;
    }
    // A lambda the worker runs may copy what the worker shares.
    for (const LambdaExpr *Lambda : Lambdas)
      if (captureKindOf(*Lambda, Var) == LCK_ByCopy)
        return LocalUnlessPointer();
    auto Kind = captureKindOf(*Worker.Lambda, Var);
    // Not captured, yet named: a local of the launching function a
    // reference member of a captured object is bound to (`Dash dash(meter)`
    // with `dash` captured): shared as that object is.
    if (!Kind && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
        !Var->getType()->isReferenceType())
      Kind = LCK_ByRef;
    if (!Kind)
      return R;
    // `auto *state = new State;` captured by reference or by copy: what a
    // pointer of the launching function that is never changed points to,
    // named through it as the launching function names it.
    if (Raw.ThroughPointer && isUnchangedLaunchingPointer(*Var)) {
      R.Kind = Reach::Shared;
      R.Path = Raw;
      return R;
    }
    if (*Kind == LCK_ByCopy)
      return LocalUnlessPointer();
    if (Raw.ThroughPointer)
      return R; // a shared pointer to something parlint cannot name
    R.Kind = Reach::Shared;
    R.Path = Raw;
    return R;
  }

  const LockScopes &scopesOf(const Stmt &Body) {
    std::unique_ptr<LockScopes> &Entry = Scopes[&Body];
    if (!Entry)
      Entry = std::make_unique<LockScopes>(AnalysisCache::of(Body, Context));
    return *Entry;
  }

  /// The locks held at S, which lies in the body of Lambdas[Depth - 1] (or
  /// the worker's when Depth is 0): those of that body, and those held
  /// wherever the worker runs that lambda.
  LockSet heldAt(const Stmt &S, size_t Depth) {
    const Stmt &Body = Depth == 0 ? *Worker.Body : *Lambdas[Depth - 1]->getBody();
    LockSet Held = scopesOf(Body).heldAt(S);
    // What a once's initializer writes, it writes holding the once.
    if (std::optional<ObjectPath> Once = onceFlagOf(S))
      Held.push_back({Once, nullptr});
    if (Depth == 0)
      return Held;
    std::optional<LockSet> Outer;
    for (const Stmt *Run : Runs[Lambdas[Depth - 1]]) {
      LockSet There = heldAt(*Run, Depth - 1);
      if (!Outer)
        Outer = There;
      else
        llvm::erase_if(*Outer, [&](const HeldLock &Lock) {
          return !llvm::is_contained(There, Lock);
        });
    }
    if (Outer)
      for (const HeldLock &Lock : *Outer)
        if (!llvm::is_contained(Held, Lock))
          Held.push_back(Lock);
    return Held;
  }

  /// The held locks in the launching function's names; a lock local to the
  /// worker protects nothing shared and is dropped, one parlint cannot
  /// name is a wildcard. For a write to the worker's own slot, a lock in
  /// that slot (`&w->lock` with `&workers[i]`) is named by the container: a
  /// thread reading the slot under it is ordered with the write.
  LockSet translate(const LockSet &Held, bool ForOwnSlot = false) const {
    LockSet Result;
    for (const HeldLock &Lock : Held) {
      if (!Lock.Mutex) {
        Result.push_back({std::nullopt, nullptr});
        continue;
      }
      if (ForOwnSlot)
        if (Resolved Where = resolve(*Lock.Mutex); Where.Kind == Reach::OwnSlot) {
          Result.push_back({Where.Path, nullptr, Lock.Shared});
          continue;
        }
      // A lock in the worker's own argument struct (`&w->lock` with
      // `&workers[i]`) guards nothing the workers share.
      if (Lock.Mutex->ThroughPointer && isArgumentStruct(Lock.Mutex->Root) &&
          !Lock.Mutex->Fields.empty() &&
          !Worker.SharedFields.count(Lock.Mutex->Fields.front()))
        continue;
      Resolved Where = resolve(*Lock.Mutex);
      if (Where.Kind == Reach::Shared)
        Result.push_back({Where.Path, nullptr, Lock.Shared});
      else if (Where.Kind == Reach::Unknown)
        Result.push_back({std::nullopt, nullptr});
    }
    return Result;
  }

  /// A slot the worker owns, or one parlint cannot place (`i % n`, `i / 2`,
  /// an unknown function of the index): either way no finding.
  bool slotOfItsOwn(const Expr &Subscript) {
    IndexKind Kind = Index.classify(&Subscript);
    return Kind == IndexKind::PerWorker || Kind == IndexKind::Unknown;
  }

  void access(const Expr &Name) {
    if (accessThroughSharedField(Name))
      return;
    // A local bound to an element (`ModuleStats &st = by_module.at(key);`):
    // its uses touch the container, unless the key is the worker's own.
    std::optional<ElementAlias> Alias = elementAliasOf(Name, Code);
    // Through a slot of the worker's own (not one parlint cannot place).
    bool OwnSlot = Alias && Alias->Key && isOwnSlot(*Alias->Key);
    if (Alias && Alias->Key && slotOfItsOwn(*Alias->Key) && !OwnSlot)
      return;
    auto Raw = Alias ? containerPathOf(*Alias) : objectPathOf(&Name);
    if (!Raw)
      return;
    // A pointer the worker holds is its own; what it points to may not be.
    if (Resolved Root = resolve(*Raw); Root.Kind != Reach::Shared &&
                                       Root.Kind != Reach::OwnSlot &&
                                       !isRootPointer(*Raw) &&
                                       !holdsSharedPointer(*Raw))
      return;
    auto Walk = [&](llvm::function_ref<bool(const Expr &)> SlotOfItsOwn) {
      return Alias ? walkAccess(*Alias->Use, *Raw, Code, SlotOfItsOwn,
                                Alias->PointsInto)
                   : walkAccess(Name, *Raw, Code, SlotOfItsOwn);
    };
    std::optional<SharedAccess> Found;
    bool Unplaced = false;
    // A read of the neighbour's boundary element (a stencil over the
    // worker's part) reads a slot another worker writes; a write shifted by
    // the same offset (`out[i + 1] = in[i]`) stays in a part of its own.
    bool Neighbour = false;
    auto WalkSlots = [&](bool NeighboursShared) {
      OwnSlot = Unplaced = Neighbour = false;
      return Walk([&](const Expr &Subscript) {
        bool Own = isOwnSlot(Subscript);
        if (Own && NeighboursShared && reachesNeighbour(Subscript)) {
          Neighbour = true;
          return false;
        }
        OwnSlot |= Own;
        bool Skipped = slotOfItsOwn(Subscript);
        Unplaced |= Skipped && !Own;
        return Skipped;
      });
    };
    if (!OwnSlot) {
      Found = WalkSlots(/*NeighboursShared=*/true);
      if (Found && Neighbour && Found->isWrite())
        Found = WalkSlots(/*NeighboursShared=*/false);
      else if (Found && Neighbour)
        Found->NeighbourSlot = true;
    }
    if (!Found && (OwnSlot || Unplaced)) {
      // The same walk with every slot taken as shared says what the write
      // to the own slot is.
      if (auto Own = Walk([](const Expr &) { return false; });
          Own && Own->isWrite())
        if (Resolved Where = resolve(Own->Object); Where.Kind == Reach::Shared) {
          Own->Object = Where.Path;
          Own->Held = translate(heldAt(*Own->Where, Lambdas.size()));
          Own->UnplacedSlot = !OwnSlot;
          Result.OwnSlotWrites.push_back(std::move(*Own));
        }
      return;
    }
    if (!Found)
      return;
    Resolved Where = resolve(Found->Object);
    if (Where.Kind == Reach::OwnSlot && Found->isWrite())
      recordOwnSlotWrite(std::move(*Found), Where.Path);
    else if (Where.Kind == Reach::OwnSlot)
      recordOwnElementRead(std::move(*Found), Where.Path);
    if (Where.Kind != Reach::Shared)
      return;
    ObjectPath InWorker = std::exchange(Found->Object, Where.Path);
    record(std::move(*Found), &InWorker);
  }

  /// A local object of the worker whose pointer member its initialization
  /// may have pointed at something shared (`struct scan_ctx ctx = {.sum =
  /// totals};`): what is reached through the member may not be its own.
  bool holdsSharedPointer(const ObjectPath &Raw) const {
    const auto *Var = dyn_cast_or_null<VarDecl>(Raw.Root);
    return Var && Raw.Fields.empty() && !Raw.ThroughPointer && Worker.Body &&
           isWithin(Var, Worker.Body, SM) && mayHoldInitializedPointer(*Var);
  }

  /// A write through the worker's own element (`&slots[i]`), named by the
  /// container.
  void recordOwnSlotWrite(SharedAccess Own, ObjectPath InContainer) {
    Own.Object = std::move(InContainer);
    Own.Held = translate(heldAt(*Own.Where, Lambdas.size()), /*ForOwnSlot=*/true);
    if (Own.Held.empty() && !Own.Via)
      Own.PublishedByNothing = !Publication.mayPublishAfter(*Own.Where);
    Result.OwnSlotWrites.push_back(std::move(Own));
  }

  /// A read through the worker's own element, named by the container.
  void recordOwnElementRead(SharedAccess Own, ObjectPath InContainer) {
    Own.Object = std::move(InContainer);
    Own.Held = translate(heldAt(*Own.Where, Lambdas.size()), /*ForOwnSlot=*/true);
    Own.BeforeAnyHandOff = !Result.HandsOff && !PolledFlag;
    Own.WhilePolling = whilePolling(*Own.Where);
    Result.OwnElementReads.push_back(std::move(Own));
  }

  bool isOwnSlot(const Expr &Subscript) {
    return Index.classify(&Subscript) == IndexKind::PerWorker;
  }

  /// `grid[i + 1]`, `grid[i - 1]` with `i` counting over the worker's own
  /// part, which the neighbouring launch's part adjoins: at the end of the
  /// range, the neighbour's element.
  bool reachesNeighbour(const Expr &Subscript) {
    const auto *Sum = dyn_cast<BinaryOperator>(strip(&Subscript));
    if (!Sum || (Sum->getOpcode() != BO_Add && Sum->getOpcode() != BO_Sub))
      return false;
    auto CounterOf = [](const Expr *E) {
      const auto *Ref = dyn_cast<DeclRefExpr>(strip(E));
      return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    };
    const VarDecl *Counter = CounterOf(Sum->getLHS());
    const Expr *Step = Sum->getRHS();
    if (!Counter && Sum->getOpcode() == BO_Add) {
      Counter = CounterOf(Sum->getRHS());
      Step = Sum->getLHS();
    }
    Expr::EvalResult Value;
    if (!Counter || Step->isValueDependent() ||
        !Step->EvaluateAsInt(Value, Context) ||
        Value.Val.getInt().getSignificantBits() > 32)
      return false;
    int64_t Offset = Value.Val.getInt().getExtValue();
    if (Sum->getOpcode() == BO_Sub)
      Offset = -Offset;
    return offsetReachesNeighbour(*Counter, Offset, Worker, Code,
                                  [&](const Expr &Bound) {
                                    return Index.classify(&Bound) ==
                                           IndexKind::Shared;
                                  });
  }

  /// InWorker: the object in the worker's own names, where known; a stripe
  /// lock held there guards only what its elements reach.
  void record(SharedAccess Found, const ObjectPath *InWorker = nullptr) {
    if (Found.isWrite())
      Found.Overlap = Index.overlapIn(*Found.Where);
    Found.WhilePolling = whilePolling(*Found.Where);
    Found.InLoopCondition = inLoopCondition(*Found.Where);
    // The worker's code is visited in its order, hand-offs noted on the way.
    Found.BeforeAnyHandOff = !Result.HandsOff && !PolledFlag;
    LockSet Held = heldAt(*Found.Where, Lambdas.size());
    if (InWorker)
      Held = locksGuarding(std::move(Held), *InWorker, *Found.Where,
                           &Found.UnguardingStripe);
    Found.Held = translate(Held);
    Found.OneInstance = isOneInstance(*Found.Where);
    if (Found.isWrite() && Found.Held.empty())
      Found.PublishedByNothing = !Publication.mayPublishAfter(*Found.Where);
    Found.ReleasesAfter = Publication.locksReleasedAfter(*Found.Where);
    if (const Stmt *Loop = innermostLoop(*Found.Where)) {
      Found.InHandOffLoop = handsOffOnEachTrip(*Loop);
      if (Found.isWrite() && Found.Held.empty() &&
          publishesWithoutWaiting(*Loop)) {
        Found.RefilledUnwatched = true;
        RefillLoops[Found.Where] = Loop;
      }
    }
    Result.Accesses.push_back(std::move(Found));
  }

  /// The innermost loop of the worker's code around S, not past a lambda.
  /// BarrierLoop and its waits: one wait in a loop, or several that are
  /// each a statement of one loop's body (a wait under an `if` or in a
  /// nested block splits the trips in ways not followed here).
  void findBarrierPhases() {
    if (BarrierWaits.empty())
      return;
    const Stmt *Loop = innermostLoop(*BarrierWaits.front());
    if (!Loop) {
      findStraightBarrierPhases();
      return;
    }
    if (BarrierWaits.size() == 1) {
      Result.BarrierLoop = Loop;
      Result.BarrierWaits.push_back(BarrierWaits.front());
      return;
    }
    const auto *Body = dyn_cast_or_null<CompoundStmt>(loopBody(*Loop));
    if (!Body)
      return;
    llvm::SmallVector<const Stmt *, 4> InOrder = waitsInOrder(*Body, /*InConditions=*/false);
    if (InOrder.size() != BarrierWaits.size())
      return;
    Result.BarrierLoop = Loop;
    Result.BarrierWaits = std::move(InOrder);
  }

  /// Waits that are each a statement of the worker's body, in no loop,
  /// or the condition of one of its `if`s (the thread a barrier elects):
  /// the phases between them, counted from the start.
  void findStraightBarrierPhases() {
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Worker.Body);
    if (!Body)
      return;
    llvm::SmallVector<const Stmt *, 4> InOrder = waitsInOrder(*Body, /*InConditions=*/true);
    if (InOrder.size() != BarrierWaits.size())
      return;
    Result.BarrierLoop = Body;
    Result.BarrierWaits = std::move(InOrder);
    Result.BarrierPhasesWrap = false;
  }

  /// The barrier waits that are statements of Body, in order; with
  /// InConditions, also those in the condition of an `if` of Body.
  llvm::SmallVector<const Stmt *, 4> waitsInOrder(const CompoundStmt &Body,
                                                  bool InConditions) const {
    llvm::SmallVector<const Stmt *, 4> InOrder;
    for (const Stmt *Child : Body.body()) {
      if (const auto *If = dyn_cast<IfStmt>(Child); If && InConditions) {
        forEachDescendant(If->getCond(), /*SkipLambdas=*/true, [&](const Stmt &S) {
          if (llvm::is_contained(BarrierWaits, &S))
            InOrder.push_back(&S);
        });
        continue;
      }
      const Stmt *Bare = Child;
      if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Child))
        Bare = Cleanups->getSubExpr();
      if (const auto *E = dyn_cast<Expr>(Bare))
        Bare = E->IgnoreParenCasts();
      if (llvm::is_contained(BarrierWaits, Bare))
        InOrder.push_back(Bare);
    }
    return InOrder;
  }

  const Stmt *innermostLoop(const Stmt &S) const {
    for (const Stmt *Up = Code.parent(S); Up; Up = Code.parent(*Up)) {
      if (isa<LambdaExpr>(Up))
        return nullptr;
      if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Up))
        return Up;
    }
    return nullptr;
  }

  /// Whether Loop's trips hand data over and never wait for another
  /// thread: a call that hands off only by publishing (a notify, an atomic
  /// store, a post), none that observes (a wait, a load, a future's get),
  /// no call on a synchronized object, no code parlint cannot see into.
  bool publishesWithoutWaiting(const Stmt &Loop) const {
    auto [It, New] = PublishingLoops.try_emplace(&Loop, false);
    if (!New)
      return It->second;
    bool Publishes = false, Waits = false;
    forEachDescendant(&Loop, /*SkipLambdas=*/true, [&](const Stmt &Node) {
      if (const auto *Atomic = dyn_cast<AtomicExpr>(&Node)) {
        Waits |= observesAnotherThread(*Atomic);
        Publishes |= handOffKindOf(*Atomic) != HandOffKind::None;
        return;
      }
      const auto *Call = dyn_cast<CallExpr>(&Node);
      if (!Call || Waits)
        return;
      SummaryWrites::CallHandOff HandOff = SummaryWrites::handOffOf(*Call, Context);
      if (HandOff.SynchronizedObject || observesAnotherThread(*Call)) {
        Waits = true;
        return;
      }
      if (HandOff.Kind != HandOffKind::None) {
        Publishes = true;
        return;
      }
      CallBinding Binding;
      if (const FunctionDecl *Callee =
              SummaryWrites::followedCallee(*Call, Binding, Context)) {
        const WriteSummary &Summary = SummaryWrites::of(*Callee, Context);
        Waits |= Summary.Observes;
        Publishes |= Summary.HandsOff;
        return;
      }
      // Code the summaries do not follow, outside the standard library:
      // it may wait.
      Waits |= SummaryWrites::takesPartInHandOff(*Call, Context);
    });
    PublishingLoops[&Loop] = Publishes && !Waits;
    return Publishes && !Waits;
  }

  /// A refill is watched after all when its loop reads shared state under
  /// a lock (a `while (box->full)` check under the box's lock).
  void keepRefillsUnwatched() {
    for (SharedAccess &Write : Result.Accesses) {
      if (!Write.RefilledUnwatched)
        continue;
      const Stmt *Loop = RefillLoops.lookup(Write.Where);
      Write.RefilledUnwatched = llvm::none_of(
          Result.Accesses, [&](const SharedAccess &Read) {
            return !Read.isWrite() && !Read.Held.empty() &&
                   Code.isWithin(*Read.Where, *Loop);
          });
    }
  }

  /// `job->hist[...]`, where job is the worker's argument struct and hist a
  /// field every launch points at one object (WorkerCode::SharedFields):
  /// the access goes to that object. Whether Name was such a use.
  bool accessThroughSharedField(const Expr &Name) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&Name);
    if (Worker.SharedFields.empty() || !Ref)
      return false;
    const Expr *Start = nullptr;
    const SharedPointee *Pointee = nullptr;
    if (isArgumentStruct(Ref->getDecl())) {
      const Stmt *Current = &Name;
      const Stmt *Parent = Code.parent(*Current);
      while (isa_and_nonnull<ImplicitCastExpr, ExplicitCastExpr, ParenExpr>(
          Parent)) {
        Current = Parent;
        Parent = Code.parent(*Parent);
      }
      const auto *Member = dyn_cast_or_null<MemberExpr>(Parent);
      if (!Member || Member->getBase() != Current)
        return false;
      Start = Member;
      Pointee = sharedFieldOf(*Member);
    } else if (const auto *Copy = dyn_cast<VarDecl>(Ref->getDecl());
               Copy && isUnchangedLocalPointer(*Copy)) {
      // `struct stats *s = a->stats;`: a copy of the field.
      const auto *Member = dyn_cast_or_null<MemberExpr>(stripped(Copy->getInit()));
      const auto *Base = Member ? dyn_cast<DeclRefExpr>(stripped(Member->getBase()))
                                : nullptr;
      if (!Base || !isArgumentStruct(Base->getDecl()))
        return false;
      Start = &Name;
      Pointee = sharedFieldOf(*Member);
    }
    if (!Pointee)
      return false;
    bool OwnSlot = false, Unplaced = false;
    auto Found = walkAccess(
        *Start, Pointee->Path, Code,
        [&](const Expr &Subscript) {
          bool Own = isOwnSlot(Subscript);
          bool Skipped = slotOfItsOwn(Subscript);
          OwnSlot |= Own;
          Unplaced |= Skipped && !Own;
          return Skipped;
        },
        Pointee->AddressOf);
    // `st->partial[self->id] = n` with `st` every launch's: a write to the
    // worker's own element of the pointee (or one parlint cannot place).
    if (!Found && (OwnSlot || Unplaced) && !Pointee->OwnElement) {
      if (auto Own = walkAccess(
              *Start, Pointee->Path, Code, [](const Expr &) { return false; },
              Pointee->AddressOf);
          Own && Own->isWrite()) {
        recordOwnSlotWrite(std::move(*Own), Own->Object);
        Result.OwnSlotWrites.back().UnplacedSlot = !OwnSlot;
      }
      return true;
    }
    if (Pointee->OwnElement) {
      if (Found && Found->isWrite())
        recordOwnSlotWrite(*Found, Found->Object);
      return true;
    }
    // Only what the field points to is shared, not the field itself;
    // unless the struct is shared too (a single launch's, which the
    // launching thread holds): its own walk takes the rest.
    if (Found && (Pointee->AddressOf || Found->Object.ThroughPointer)) {
      record(std::move(*Found));
      return true;
    }
    return !Worker.ByReference.count(Worker.ArgumentParam);
  }

  /// `push(job->frontier, url)` with frontier a field every launch points
  /// at one object: what the callee touches through that parameter is in
  /// that object.
  std::optional<ObjectPath>
  throughSharedFieldArgument(const ObjectPath &Touched, const FunctionDecl &Callee,
                             const CallBinding &Binding, bool OwnElement = false) {
    const auto *Param = dyn_cast_or_null<ParmVarDecl>(Touched.Root);
    if (Worker.SharedFields.empty() || !Param || !Touched.ThroughPointer ||
        Param->getDeclContext() != &Callee ||
        Param->getFunctionScopeIndex() >= Binding.Args.size())
      return std::nullopt;
    const Expr *Arg = stripped(Binding.Args[Param->getFunctionScopeIndex()]);
    const auto *Member = dyn_cast<MemberExpr>(Arg);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg)) {
      // `struct stats *s = a->stats;`: a copy of the field.
      const auto *Copy = dyn_cast<VarDecl>(Ref->getDecl());
      if (Copy && isUnchangedLocalPointer(*Copy))
        Member = dyn_cast_or_null<MemberExpr>(stripped(Copy->getInit()));
    }
    // `stats_record(&ctx->listener->stats, ..)`: a member of the object
    // the field points to.
    llvm::SmallVector<const FieldDecl *, 2> Within;
    if (const auto *Address = dyn_cast<UnaryOperator>(Arg);
        Address && Address->getOpcode() == UO_AddrOf)
      Member = sharedFieldUnder(Address->getSubExpr(), Within);
    const auto *Base =
        Member ? dyn_cast<DeclRefExpr>(stripped(Member->getBase())) : nullptr;
    if (!Base || !isArgumentStruct(Base->getDecl()))
      return std::nullopt;
    const SharedPointee *Pointee = sharedFieldOf(*Member);
    if (!Pointee || Pointee->OwnElement != OwnElement)
      return std::nullopt;
    Within.append(Touched.Fields.begin(), Touched.Fields.end());
    return pointeeExtendedBy(*Pointee, Within);
  }

  /// For `ctx->listener->stats.totals`: the field `ctx->listener` of the
  /// struct variable, with the members below what it points to (`stats`,
  /// `totals`) in Within; null when E is no such chain.
  static const MemberExpr *
  sharedFieldUnder(const Expr *E, llvm::SmallVector<const FieldDecl *, 2> &Within) {
    llvm::SmallVector<const FieldDecl *, 2> Reversed;
    for (const auto *Step = dyn_cast<MemberExpr>(stripped(E)); Step;) {
      const auto *Field = dyn_cast<FieldDecl>(Step->getMemberDecl());
      const auto *Base = dyn_cast<MemberExpr>(stripped(Step->getBase()));
      if (!Field || !Base)
        return nullptr;
      Reversed.push_back(Field);
      // The step off the pointer field itself is an arrow; any other goes
      // through no pointer.
      if (isa<DeclRefExpr>(stripped(Base->getBase()))) {
        if (!Step->isArrow())
          return nullptr;
        Within.assign(Reversed.rbegin(), Reversed.rend());
        return Base;
      }
      if (Step->isArrow())
        return nullptr;
      Step = Base;
    }
    return nullptr;
  }

  /// The object a shared field points to, then Fields of it.
  static ObjectPath pointeeExtendedBy(const SharedPointee &Pointee,
                                      llvm::ArrayRef<const FieldDecl *> Fields) {
    ObjectPath Path = Pointee.Path;
    if (!Pointee.AddressOf)
      Path.ThroughPointer = true;
    Path.Fields.append(Fields.begin(), Fields.end());
    return Path;
  }

  /// What a callee reaches through a shared pointer field of the launch's
  /// argument struct, handed the struct itself (`normalize_slice(arg)`
  /// writing `s->data[i]`, `data` pointing every launch at `g_samples`).
  std::optional<ObjectPath>
  throughArgumentStruct(const ObjectPath &Touched, const FunctionDecl &Callee,
                        const CallBinding &Binding) const {
    const auto *Param = dyn_cast_or_null<ParmVarDecl>(Touched.Root);
    if (!Param || !Touched.ThroughPointer || Touched.Fields.empty() ||
        Param->getDeclContext() != &Callee ||
        Param->getFunctionScopeIndex() >= Binding.Args.size())
      return std::nullopt;
    const auto *Ref = dyn_cast<DeclRefExpr>(
        stripped(Binding.Args[Param->getFunctionScopeIndex()]));
    if (!Ref || !isArgumentStruct(Ref->getDecl()))
      return std::nullopt;
    auto It = Worker.SharedFields.find(Touched.Fields.front());
    if (It == Worker.SharedFields.end() || It->second.OwnElement)
      return std::nullopt;
    return pointeeExtendedBy(It->second,
                             llvm::ArrayRef(Touched.Fields).drop_front());
  }

  const SharedPointee *sharedFieldOf(const MemberExpr &Member) const {
    const auto *Field = dyn_cast<FieldDecl>(Member.getMemberDecl());
    if (!Member.isArrow() || !Field)
      return nullptr;
    auto It = Worker.SharedFields.find(Field);
    return It == Worker.SharedFields.end() ? nullptr : &It->second;
  }

  /// Asked at every use of the variable: the scan of the body is kept.
  bool isUnchangedLocalPointer(const VarDecl &Var) const {
    if (!Var.hasLocalStorage() || !Var.getType()->isPointerType() ||
        !Var.getInit() || Var.getParentFunctionOrMethod() != Worker.Function)
      return false;
    auto [It, Inserted] = UnchangedPointers.try_emplace(&Var, false);
    if (Inserted)
      It->second = !isChangedWithin(&Var, *Worker.Body);
    return It->second;
  }

  /// A pointer of the launching function (a local initialized to an object,
  /// or a parameter) that neither it nor the worker ever changes, and that
  /// is not declared anew for each launch of a loop (`Job *job = new Job;`
  /// in the launching loop gives each worker its own).
  bool isUnchangedLaunchingPointer(const VarDecl &Var) const {
    bool Smart = isStdSmartPointer(Var.getType());
    if (!Var.hasLocalStorage() || !Worker.Body ||
        !(Var.getType()->isPointerType() || Smart))
      return false;
    const auto *Launcher =
        dyn_cast_or_null<FunctionDecl>(Var.getParentFunctionOrMethod());
    if (!Launcher || !Launcher->getBody())
      return false;
    if (!isa<ParmVarDecl>(Var) &&
        (!Var.getInit() ||
         Var.getInit()->isNullPointerConstant(Context,
                                              Expr::NPC_ValueDependentIsNull)))
      return false;
    if (Worker.LaunchLoop && isWithin(&Var, Worker.LaunchLoop, SM))
      return false;
    auto [It, Inserted] = UnchangedPointers.try_emplace(&Var, false);
    if (Inserted)
      It->second = Smart ? !isSmartPointerChangedWithin(Var, *Launcher->getBody())
                         : !isChangedWithin(&Var, *Launcher->getBody()) &&
                               !isChangedWithin(&Var, *Worker.Body);
    return It->second;
  }

  /// Whether S (lambdas inside included) may point Var, a smart pointer,
  /// at another object: anything but dereferencing it, a const member call
  /// (`get()`, `use_count()`), a comparison, a test, or a copy of it (a
  /// copy shares the object).
  static bool isSmartPointerChangedWithin(const VarDecl &Var, const Stmt &S) {
    bool Changed = false;
    forEachDescendant(&S, /*SkipLambdas=*/false, [&](const Stmt &Node) {
      const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Node);
      const auto *Member = dyn_cast<CXXMemberCallExpr>(&Node);
      const auto *Call = dyn_cast<CallExpr>(&Node);
      if (Op && Op->getNumArgs() > 0 && namesVariable(Op->getArg(0), &Var))
        Changed |= Op->isAssignmentOp();
      else if (Member && namesVariable(Member->getImplicitObjectArgument(), &Var))
        Changed |= !Member->getMethodDecl() || !Member->getMethodDecl()->isConst();
      else if (Call && !Op && !Member)
        // `std::move(sp)`, `reset_state(sp)` by non-const reference.
        for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
          const FunctionDecl *Callee = Call->getDirectCallee();
          const ParmVarDecl *Param =
              Callee && I < Callee->getNumParams() ? Callee->getParamDecl(I) : nullptr;
          Changed |= namesVariable(Call->getArg(I), &Var) &&
                     (!Param || (Param->getType()->isReferenceType() &&
                                 !Param->getType().getNonReferenceType().isConstQualified()));
        }
      else if (const auto *Address = dyn_cast<UnaryOperator>(&Node))
        Changed |= Address->getOpcode() == UO_AddrOf &&
                   namesVariable(Address->getSubExpr(), &Var);
    });
    return Changed;
  }

  /// The worker's parameter that receives its argument struct, or a local
  /// pointer initialized from it and never changed (`struct job *job =
  /// arg;`).
  bool isArgumentStruct(const ValueDecl *D) const {
    if (!D)
      return false;
    if (D == Worker.ArgumentParam)
      return true;
    const auto *Var = dyn_cast<VarDecl>(D);
    return Var && isUnchangedLocalPointer(*Var) &&
           namesVariable(Var->getInit(), Worker.ArgumentParam);
  }

  /// `if (id == 0) x = ...;`, `if (!id) ...`, or after `if (id != 0)
  /// return;`: the write is done by the instance with one id.
  bool isOneInstance(const Stmt &Write) {
    return Code.isUnderTest(
        Write,
        [&](const Expr &Condition, bool Holds) {
          return testsId(&Condition, Holds);
        },
        Worker.Body);
  }

  /// Whether Condition holds for exactly one id (Equal) or for all but one;
  /// or, evaluating to Equal, lets one caller through (a count-down's last
  /// decrementer, a claim's first caller: model's selectsOneCaller).
  bool testsId(const Expr *Condition, bool Equal) {
    Condition = strip(Condition);
    if (!Condition)
      return false;
    if (selectsOneCaller(*Condition, Equal, Code.context()))
      return true;
    if (const auto *Not = dyn_cast<UnaryOperator>(Condition);
        Not && Not->getOpcode() == UO_LNot)
      return testsId(Not->getSubExpr(), !Equal);
    if (const auto *Binary = dyn_cast<BinaryOperator>(Condition)) {
      if (Binary->getOpcode() == BO_LAnd && Equal)
        return testsId(Binary->getLHS(), true) ||
               testsId(Binary->getRHS(), true);
      if (Binary->getOpcode() == BO_LOr && !Equal)
        return testsId(Binary->getLHS(), false) ||
               testsId(Binary->getRHS(), false);
      if (!Binary->isEqualityOp())
        return false;
      IndexKind L = Index.classify(Binary->getLHS());
      IndexKind R = Index.classify(Binary->getRHS());
      bool IdAgainstValue = (L == IndexKind::PerWorker && R == IndexKind::Shared) ||
                            (R == IndexKind::PerWorker && L == IndexKind::Shared);
      return IdAgainstValue && (Binary->getOpcode() == BO_EQ) == Equal;
    }
    // `if (id)`: true for every id but 0.
    return !Equal && Index.classify(Condition) == IndexKind::PerWorker;
  }

public:
  /// Walks from a name up to the access that uses it; see
  /// collectLauncherAccesses.
  static std::optional<SharedAccess>
  walkAccess(const Expr &Name, ObjectPath Path, const FunctionAnalysis &Code,
             llvm::function_ref<bool(const Expr &)> SlotOfItsOwn,
             bool PointsIntoPath = false);
};

/// Whether Arg is an argument of User, a call whose callee the summaries
/// follow (its Reads and Writes stand for what it does through Arg).
static bool passedToFollowedCallee(const Stmt *User, const Expr &Arg,
                                   const FunctionAnalysis &Code) {
  const auto *Call = dyn_cast_or_null<CallExpr>(User);
  // The argument may be converted on the way (`&stats` to a pointer to
  // const).
  if (!Call || isa<CXXOperatorCallExpr>(Call) ||
      llvm::none_of(Call->arguments(), [&](const Expr *Passed) {
        return Passed->IgnoreParenImpCasts() == Arg.IgnoreParenImpCasts();
      }))
    return false;
  CallBinding Binding;
  return SummaryWrites::followedCallee(*Call, Binding, Code.context()) != nullptr;
}

/// Whether Arg binds to a reference parameter of the call User.
static bool bindsReference(const Stmt &User, const Expr &Arg) {
  const auto *Call = cast<CallExpr>(&User);
  const FunctionDecl *Callee = Call->getDirectCallee();
  for (unsigned I = 0; Callee && I < Call->getNumArgs() &&
                       I < Callee->getNumParams();
       ++I)
    if (Call->getArg(I) == &Arg)
      return Callee->getParamDecl(I)->getType()->isReferenceType();
  return false;
}

std::optional<SharedAccess>
AccessCollector::walkAccess(const Expr &Name, ObjectPath Path,
                            const FunctionAnalysis &Code,
                            llvm::function_ref<bool(const Expr &)> SlotOfItsOwn,
                            bool PointsIntoPath) {
  SharedAccess Access;
  const Expr *Current = &Name;
  // Current points into the path's object (`v.data()`, a decayed array).
  bool PointsInto = PointsIntoPath;
  // Name is a pointer to the object: only a use through it touches it.
  bool Reached = !PointsIntoPath;
  // The last step was a smart pointer's operator->: the arrow after it
  // takes no further step through a pointer.
  bool SmartArrow = false;
  // Current is an element of an array of pointers at the root, not yet
  // stepped through (`conns[i]` in `conns[i]->state`).
  bool AtPointerElement = false;
  // Steps through a pointer: once, from a pointer variable at the root.
  auto ThroughPointer = [&]() {
    if (PointsInto) {
      PointsInto = false;
      Reached = true;
      return true;
    }
    if (isRootPointer(Path)) {
      Path.ThroughPointer = true;
      return true;
    }
    // `conns[i]->state`: what an element points to belongs to the array,
    // as for the worker handed `conns[i]` (WorkerCode::OwnElements).
    if (std::exchange(AtPointerElement, false) &&
        Current->getType()->isPointerType())
      return true;
    // `ctx->stats->hits`, `img->px[i]`: what a pointer member points to
    // goes by the member's name (a write there meets a read of the member
    // on the way).
    return !Path.Fields.empty() && Current->getType()->isPointerType() &&
           Path.Fields.back()->getType()->isPointerType();
  };
  auto Finish = [&](const Expr *Where, WriteKind Write,
                    const CXXMethodDecl *Method) -> std::optional<SharedAccess> {
    QualType Type = Current->getType();
    if (!Reached || isSynchronizationObject(Type) ||
        (PointsInto && Write != WriteKind::None))
      return std::nullopt;
    Access.Where = Where;
    Access.Object = Path;
    Access.Write = Write;
    Access.Method = Method;
    Access.Scalar = Type.getNonReferenceType()->isScalarType();
    if (const auto *Assign = dyn_cast<BinaryOperator>(Where);
        Assign && Assign->getOpcode() == BO_Assign && Access.Scalar &&
        Type.isVolatileQualified() && !Assign->getRHS()->isValueDependent() &&
        Assign->getRHS()->isIntegerConstantExpr(Code.context()))
      Access.ConstantToVolatile = true;
    return Access;
  };
  auto Read = [&]() { return Finish(Current, WriteKind::None, nullptr); };
  auto NoteSlot = [&](const Expr &Index) {
    Expr::EvalResult Value;
    if (!Access.ConstantSlot && !Index.isValueDependent() &&
        Index.EvaluateAsInt(Value, Code.context()) &&
        Value.Val.getInt().getSignificantBits() <= 64)
      Access.ConstantSlot = Value.Val.getInt().getExtValue();
  };

  while (true) {
    // An atomic, a mutex, a thread: synchronized by itself, whatever base
    // class its operators come from.
    if (isSynchronizationObject(Current->getType()))
      return std::nullopt;
    const Stmt *Parent = Code.parent(*Current);
    if (!Parent)
      return Read();
    // Parentheses, and the temporary of an element proxy
    // (std::vector<bool>'s reference).
    if (isa<ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr>(Parent)) {
      Current = cast<Expr>(Parent);
      continue;
    }
    // A pointer's value given another pointer type (`(struct job *)arg`)
    // still reaches the same object.
    if (isPointerRetype(*Parent) && Current->isPRValue() &&
        Current->getType()->isPointerType() && !PointsInto) {
      Current = cast<Expr>(Parent);
      continue;
    }
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Parent)) {
      switch (Cast->getCastKind()) {
      case CK_LValueToRValue: {
        // A pointer's value read to reach what it points to.
        const Stmt *User = Code.parent(*Cast);
        while (User && isPointerRetype(*User))
          User = Code.parent(*User);
        bool Reaches =
            Current->getType()->isPointerType() && User &&
            (isa<ArraySubscriptExpr>(User) ||
             (isa<UnaryOperator>(User) &&
              cast<UnaryOperator>(User)->getOpcode() == UO_Deref) ||
             (isa<MemberExpr>(User) && cast<MemberExpr>(User)->isArrow()) ||
             (isa<BinaryOperator>(User) &&
              cast<BinaryOperator>(User)->isAdditiveOp()));
        if (!Reaches)
          return Read();
        Current = Cast;
        continue;
      }
      case CK_BitCast:
        // `memset(buffer, ...)`: the same address as a `void *`.
        if (!PointsInto || !Cast->getType()->isVoidPointerType())
          return Read();
        Current = Cast;
        continue;
      case CK_ArrayToPointerDecay:
        PointsInto = true;
        [[fallthrough]];
      case CK_NoOp:
      case CK_DerivedToBase:
      case CK_UncheckedDerivedToBase:
        Current = Cast;
        continue;
      default:
        return Read();
      }
    }
    if (isa<UnaryExprOrTypeTraitExpr>(Parent))
      return std::nullopt;
    // `sp->x`, `*sp` with a std::unique_ptr or std::shared_ptr at the root:
    // as through a pointer; its operator-> hands the arrow its object.
    // A smart pointer member (`d.model_->hits`): what it points to goes by
    // the member's name, as for a raw pointer member.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Parent);
        Op && smartPointerDereferenced(Op) &&
        smartPointerDereferenced(Op) == Current->IgnoreParenImpCasts() &&
        !PointsInto &&
        (Path.Fields.empty()
             ? Path.Root && !Path.ThroughPointer
             : isStdSmartPointer(Path.Fields.back()->getType()))) {
      // Through an element of a container of smart pointers (`r->ms` on
      // `for (auto &r : results)`), what it points to goes by the
      // container's name, as for an element itself.
      if (Path.Fields.empty())
        Path.ThroughPointer =
            isStdSmartPointer(Path.Root->getType().getNonReferenceType());
      Current = Op;
      SmartArrow = Op->getOperator() == OO_Arrow;
      continue;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(Parent)) {
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl())) {
        if (Member->isArrow() && !isa<CXXThisExpr>(Current->IgnoreImpCasts()) &&
            !std::exchange(SmartArrow, false) && !ThroughPointer())
          return std::nullopt;
        Path.Fields.push_back(Field);
        Current = Member;
        continue;
      }
      const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
      const auto *Call =
          dyn_cast_or_null<CXXMemberCallExpr>(Code.parent(*Member));
      if (!Method || !Call || Call->getCallee()->IgnoreParens() != Member)
        return Read();
      // `meter.stats().requests` with a getter returning `stats_` by
      // reference: the member, touched after the getter's lock is gone.
      if (const FieldDecl *Returned = memberReturnedBy(Method);
          Returned && (!Member->isArrow() || ThroughPointer() ||
                       isa<CXXThisExpr>(Current->IgnoreImpCasts()))) {
        // `const State &s = room.state();` binds, touching nothing: the
        // uses of `s` are walked on their own.
        if (const auto *Declaration =
                dyn_cast_or_null<DeclStmt>(Code.parentIgnoringImplicit(*Call)))
          for (const Decl *D : Declaration->decls())
            if (const auto *Var = dyn_cast<VarDecl>(D);
                Var && Var->getType()->isReferenceType() && Var->getInit() &&
                Var->getInit()->IgnoreParenImpCasts() == Call)
              return std::nullopt;
        Path.Fields.push_back(Returned);
        Current = Call;
        continue;
      }
      // this->helper(): what it touches is in its own body, not seen here.
      if (isa<CXXThisExpr>(Current->IgnoreParenImpCasts()) && Path.isThis() &&
          Path.Fields.empty())
        return std::nullopt;
      if (Member->isArrow() && !isa<CXXThisExpr>(Current->IgnoreImpCasts()) &&
          !std::exchange(SmartArrow, false) && !ThroughPointer())
        return std::nullopt;
      if (mutatesContainer(Method))
        return Finish(Call, WriteKind::Modify, Method);
      if (subscriptInserts(Method))
        return Finish(Call, WriteKind::Insert, Method);
      StringRef Name = identifierOf(Method);
      if (isStdContainer(Method->getParent())) {
        if (Name == "at" && Call->getNumArgs() == 1 &&
            hasSlotSubscript(Current->getType()) && SlotOfItsOwn(*Call->getArg(0)))
          return std::nullopt;
        if (llvm::is_contained({"at", "front", "back", "top"}, Name)) {
          if (Name == "at" && Call->getNumArgs() == 1)
            NoteSlot(*Call->getArg(0));
          Current = Call;
          continue;
        }
        if (Name == "data") {
          PointsInto = true;
          Current = Call;
          continue;
        }
      }
      // A function the summaries follow: its own reads stand for the call
      // (SummaryWrites' Reads), not a read of the whole object.
      CallBinding Binding;
      if (SummaryWrites::followedCallee(*Call, Binding, Code.context()))
        return std::nullopt;
      return Finish(Current, WriteKind::None, Method);
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Parent)) {
      if (Subscript->getBase() != Current)
        return Read(); // used as an index
      if (SlotOfItsOwn(*Subscript->getIdx()))
        return std::nullopt;
      bool Decayed = PointsInto;
      if (!ThroughPointer())
        return std::nullopt;
      NoteSlot(*Subscript->getIdx());
      Current = Subscript;
      AtPointerElement = Decayed && Path.Root && !Path.ThroughPointer &&
                         Path.Fields.empty() &&
                         Path.Root->getType()->isArrayType() &&
                         Subscript->getType()->isPointerType();
      continue;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(Parent)) {
      if (Unary->isIncrementDecrementOp())
        return Finish(Unary, WriteKind::Update, nullptr);
      if (Unary->getOpcode() == UO_Deref) {
        if (!ThroughPointer())
          return std::nullopt;
        Current = Unary;
        continue;
      }
      // `args[i].sum = &sum;`, `return &p->conns[i];`: storing or
      // returning the address touches nothing yet; `push(&ring, msg)`: a
      // function the summaries follow touches what its own summary says,
      // through its parameter.
      if (Unary->getOpcode() == UO_AddrOf) {
        const Stmt *User = Code.parentIgnoringImplicit(*Unary);
        const auto *Assign = dyn_cast_or_null<BinaryOperator>(User);
        if (isa_and_nonnull<InitListExpr, DeclStmt, ReturnStmt>(User) ||
            (Assign && Assign->getOpcode() == BO_Assign &&
             Assign->getRHS()->IgnoreParenImpCasts() == Unary) ||
            passedToFollowedCallee(User, *Unary, Code))
          return std::nullopt;
      }
      return Read();
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(Parent)) {
      if (Binary->getLHS() == Current && Binary->isAssignmentOp())
        return Finish(Binary,
                      Binary->getOpcode() == BO_Assign ? WriteKind::Assign
                                                       : WriteKind::Update,
                      nullptr);
      // `out + i`: still into the object, at an offset.
      if (Binary->isAdditiveOp() && Current->getType()->isPointerType() &&
          PointsInto) {
        const Expr *Offset = Binary->getLHS() == Current ? Binary->getRHS()
                                                         : Binary->getLHS();
        if (SlotOfItsOwn(*Offset))
          return std::nullopt;
        Current = Binary;
        continue;
      }
      return Read();
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Parent)) {
      if (Op->getNumArgs() == 0 || Op->getArg(0) != Current)
        return Read();
      const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
      switch (Op->getOperator()) {
      case OO_Subscript:
        if (subscriptInserts(Method))
          return Finish(Op, WriteKind::Insert, Method);
        if (Op->getNumArgs() == 2 && hasSlotSubscript(Current->getType())) {
          if (SlotOfItsOwn(*Op->getArg(1)))
            return std::nullopt;
          NoteSlot(*Op->getArg(1));
        }
        Current = Op;
        continue;
      case OO_Star:
      case OO_Arrow:
        return std::nullopt; // through a smart pointer or an iterator
      case OO_PlusPlus:
      case OO_MinusMinus:
        if (isPlainClassWrite(Current->getType(), Op->getDirectCallee()))
          return Finish(Op, WriteKind::Update, nullptr);
        return Read();
      default:
        if (Op->isAssignmentOp()) {
          if (isPlainClassWrite(Current->getType(), Op->getDirectCallee()))
            return Finish(Op,
                          Op->getOperator() == OO_Equal ? WriteKind::Assign
                                                        : WriteKind::Update,
                          nullptr);
          return Read();
        }
        return Read();
      }
    }
    // `update(stats)` with a reference parameter, `update(p)` with a
    // pointer: the summary of a followed callee says what it touches.
    if (!PointsInto && Reached && passedToFollowedCallee(Parent, *Current, Code) &&
        (Current->getType()->isPointerType() || bindsReference(*Parent, *Current)))
      return std::nullopt;
    // `snprintf(shared->name, ...)`, `memcpy(buffer, ...)`: the call fills
    // the object the pointer points into.
    if (const auto *Call = dyn_cast<CallExpr>(Parent);
        Call && PointsInto && Reached && !isa<CXXOperatorCallExpr>(Call) &&
        Call->getNumArgs() > 0 && Call->getArg(0) == Current &&
        writesThroughFirstArgument(Call->getDirectCallee())) {
      PointsInto = false;
      auto Filled = Finish(Call, WriteKind::Assign, nullptr);
      if (Filled)
        Filled->Scalar = false; // a buffer: no atomic will do
      return Filled;
    }
    // `return bodies_[i];` as a reference (an lvalue the return hands on
    // as it is): the caller gets the element's address, nothing is read.
    if (isa<ReturnStmt>(Parent) && Current->isGLValue())
      return std::nullopt;
    // `FrameDesc &f = frames_[i];`: binding a reference reads nothing; the
    // uses of `f` are the accesses (an element alias, or the path `f`
    // is followed to).
    if (const auto *Declaration = dyn_cast<DeclStmt>(Parent);
        Declaration && Current->isGLValue() &&
        llvm::any_of(Declaration->decls(), [&](const Decl *D) {
          const auto *Var = dyn_cast<VarDecl>(D);
          // A range-for's hidden `__range` binding stands for the loop's
          // reads of the elements: it stays the read.
          return Var && !Var->isImplicit() && Var->getType()->isReferenceType() &&
                 Var->getInit() && Var->getInit()->IgnoreParenImpCasts() == Current;
        }))
      return std::nullopt;
    return Read();
  }
}

} // namespace

/// The construction of a functor object a launch runs (`HttpWorker(i,
/// log)` in `std::thread(HttpWorker(i, log))`), or null.
static const CXXConstructExpr *functorConstruction(const Launch &Spawn) {
  if (!Spawn.Callable || Spawn.Lambda)
    return nullptr;
  const Expr *E = Spawn.Callable->IgnoreParenImpCasts();
  if (const auto *Materialized = dyn_cast<MaterializeTemporaryExpr>(E))
    E = Materialized->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    E = Bind->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    E = Cast->getSubExpr()->IgnoreParenImpCasts();
  const auto *Construct = dyn_cast<CXXConstructExpr>(E);
  if (!Construct || !Construct->getConstructor() ||
      Construct->getConstructor()->isCopyOrMoveConstructor())
    return nullptr;
  return Construct;
}

/// The one non-template operator() of Record, or null.
static const CXXMethodDecl *callOperatorOf(const CXXRecordDecl &Record) {
  const CXXMethodDecl *Found = nullptr;
  for (const CXXMethodDecl *Method : Record.methods())
    if (Method->getOverloadedOperator() == OO_Call) {
      if (Found || Method->isTemplated())
        return nullptr;
      Found = Method;
    }
  return Found;
}

/// A constant argument's value as text (`3`, `"a_total"`,
/// `std::string("a_total")`), to compare launches by; nullopt for any
/// other argument.
static std::optional<std::string> constantArgument(const Expr *Arg,
                                                   const ASTContext &Context) {
  const Expr *E = stripped(Arg);
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E)) {
    const Expr *Only = nullptr;
    for (const Expr *Part : Construct->arguments()) {
      if (isa<CXXDefaultArgExpr>(Part))
        continue;
      if (Only)
        return std::nullopt;
      Only = Part;
    }
    E = stripped(Only);
  }
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  if (const auto *Text = dyn_cast<StringLiteral>(E))
    return ("s" + Text->getBytes()).str();
  if (std::optional<llvm::APSInt> Value = E->getIntegerConstantExpr(Context)) {
    llvm::SmallString<16> Text("i");
    Value->toString(Text, 10);
    return Text.str().str();
  }
  return std::nullopt;
}

WorkerCode describeWorker(const Launch &Spawn, const FunctionAnalysis &Launcher,
                          const Stmt *Loop, bool Repeated,
                          llvm::ArrayRef<const Launch *> Others) {
  WorkerCode Worker;
  Worker.Spawn = &Spawn;
  Worker.LaunchLoop = Loop;
  const SourceManager &SM = Launcher.context().getSourceManager();
  if (Loop)
    if (auto Bound = constantLoopBound(*Loop, nullptr, Launcher.context());
        Bound && Bound->CountsUpFromZero)
      Worker.Launches = Bound->Trips;
  // The definition of a worker function whose code is here to read: not
  // a template pattern, not the standard library's.
  auto readableDefinition = [&](const FunctionDecl *Function) -> const FunctionDecl * {
    const FunctionDecl *Definition = Function ? Function->getDefinition() : nullptr;
    if (!Definition || !Definition->getBody() || Definition->isDependentContext() ||
        SM.isInSystemHeader(SM.getExpansionLoc(Definition->getLocation())))
      return nullptr;
    return Definition;
  };
  // A variable declared in the loop may hold another value on each trip.
  auto DeclaredInLoop = [&](const ValueDecl *D) {
    return Loop && D && isWithin(D, Loop, SM);
  };
  // And it is a new object on each trip, except one of a `for`'s init
  // statement: that one lives across all trips.
  auto NewEachTrip = [&](const ValueDecl *D) {
    return DeclaredInLoop(D) && !isForInitVariable(D, *Loop, SM);
  };
  // `for (thread_id = 0; thread_id < n; thread_id++)` with the counter
  // declared before the loop: still a value of its own on each trip.
  const auto *For = dyn_cast_or_null<ForStmt>(Loop);
  const VarDecl *Counter = For ? stepOneCounter(*For) : nullptr;
  auto VariesPerLaunch = [&](const Expr *Value) {
    if (!Loop || !Value)
      return !Loop && !Repeated;
    // `&i` of the loop's counter: the same address on each launch.
    if (const auto *Address = dyn_cast<UnaryOperator>(strip(Value));
        Address && Address->getOpcode() == UO_AddrOf)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(strip(Address->getSubExpr()));
          Ref && (isForInitVariable(Ref->getDecl(), *Loop, SM) ||
                  (Counter && Ref->getDecl() == Counter)))
        return false;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(strip(Value));
        Ref && Counter && Ref->getDecl() == Counter)
      return true;
    return mentionsDeclaredWithin(Value, Loop, SM);
  };
  // A constant unlike the one each other launch passes in its place.
  auto DiffersFromOthers = [&](unsigned At, const Expr *Value) {
    std::optional<std::string> Mine =
        Loop || Others.empty() ? std::nullopt
                               : constantArgument(Value, Launcher.context());
    return Mine && llvm::all_of(Others, [&](const Launch *Other) {
             std::optional<std::string> Theirs =
                 At < Other->Arguments.size()
                     ? constantArgument(Other->Arguments[At], Launcher.context())
                     : std::nullopt;
             return Theirs && *Theirs != *Mine;
           });
  };
  // What a pointer argument hands over: a bound object (`&x`, an array),
  // or what a pointer variable the launching function never changes points
  // to (`job` from `malloc`, a pointer parameter).
  auto BoundByPointer = [&](const Expr *Arg) -> std::optional<ObjectPath> {
    if (auto Bound = boundObject(Arg))
      return Bound;
    const auto *Ref = dyn_cast<DeclRefExpr>(strip(Arg));
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->getType()->isPointerType() || !Var->hasLocalStorage() ||
        NewEachTrip(Var) || isChangedWithin(Var, Launcher.body()))
      return std::nullopt;
    ObjectPath Pointee;
    Pointee.Root = Var;
    Pointee.ThroughPointer = true;
    return Pointee;
  };
  // `&slots[i]` with `i` the loop's: each launch gets an element of its own
  // of one container.
  auto NoteOwnElement = [&](const ParmVarDecl *Param, const Expr *Arg) {
    // A single launch handed one element (`std::ref(*per_thread[0])`,
    // `&slots[2]`): its own, as far as parlint can tell; what it writes
    // there still meets a thread reading every element.
    if (!Loop) {
      if (auto Element = elementArgument(Arg); Element && Element->Index &&
                                               !boundObject(Arg))
        Worker.OwnElements[Param] = Element->Container;
      return;
    }
    if (auto Element = elementArgument(Arg);
        Element && !NewEachTrip(Element->Container.Root) &&
        mentionsDeclaredWithin(Element->Index, Loop, SM))
      Worker.OwnElements[Param] = Element->Container;
  };
  if (const LambdaExpr *Lambda = Spawn.Lambda) {
    if (Lambda->getCallOperator()->isTemplated() ||
        Lambda->getCallOperator()->getDescribedFunctionTemplate())
      return Worker; // a generic lambda: its instances are elsewhere
    Worker.Lambda = Lambda;
    Worker.Function = Lambda->getCallOperator();
    Worker.Body = Lambda->getBody();
    if (capturesThisByReference(*Lambda))
      Worker.ThisObject = ObjectPath{};
    for (const LambdaCapture &Capture : Lambda->captures()) {
      if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByCopy)
        continue;
      const ValueDecl *Var = Capture.getCapturedVar();
      const auto *Init = dyn_cast<VarDecl>(Var);
      if ((!Loop && !Repeated) || DeclaredInLoop(Var) ||
          (Init && Init->isInitCapture() && VariesPerLaunch(Init->getInit())))
        Worker.PerLaunch.insert(Var);
    }
  } else if (Spawn.Worker) {
    const FunctionDecl *Definition = readableDefinition(Spawn.Worker);
    if (!Definition)
      return Worker;
    Worker.Function = Definition;
    Worker.Body = Definition->getBody();
    // `&C::run, this` / `&C::run, &obj` / `std::ref(obj)`: the members of
    // that object. A copy of the object shares none.
    if (Spawn.ParamShift == -1 && !Spawn.Arguments.empty()) {
      if (auto Bound = boundObject(Spawn.Arguments[0]);
          Bound && !NewEachTrip(Bound->Root))
        Worker.ThisObject = Bound;
    }
  } else if (const CXXConstructExpr *Functor = functorConstruction(Spawn)) {
    // (A functor the model already names the operator() of is the branch
    // above; its reference members are bound below either way.)
    // `std::thread(HttpWorker(i, logger))`: the launch runs a copy's
    // operator(); what its reference members are bound to is shared.
    const FunctionDecl *Definition = readableDefinition(
        callOperatorOf(*Functor->getConstructor()->getParent()));
    if (!Definition)
      return Worker;
    Worker.Function = Definition;
    Worker.Body = Definition->getBody();
  } else {
    return Worker;
  }
  if (const CXXConstructExpr *Functor = functorConstruction(Spawn))
    for (const FieldDecl *Field : Functor->getConstructor()->getParent()->fields())
      if (Field->getType()->isReferenceType())
        if (auto Bound = boundByConstruction(*Functor, *Field);
            Bound && !(Bound->Root && NewEachTrip(Bound->Root)))
          Worker.BoundMembers[Field] = *Bound;
  // pthread_create's argument: a value per launch when it comes from the
  // launching loop (`(void *)i`, `&args[i]`).
  // One object handed to every launch (`&ctx`, the loop's `&i`) is shared
  // through the parameter.
  if (Spawn.Kind == LaunchKind::PthreadCreate && !Worker.Lambda &&
      Worker.Function->getNumParams() == 1)
    if (const auto *Call = dyn_cast<CallExpr>(Spawn.Call);
        Call && Call->getNumArgs() == 4) {
      const ParmVarDecl *Param = Worker.Function->getParamDecl(0);
      bool Varies = VariesPerLaunch(Call->getArg(3));
      if (Varies) {
        Worker.PerLaunch.insert(Param);
        NoteOwnElement(Param, Call->getArg(3));
        if (Loop) {
          Worker.ArgumentParam = Param;
          Worker.SharedFields =
              sharedArgumentFields(*Call->getArg(3), *Loop, Launcher);
        }
      }
      // A single launch shares its argument's object with the launching
      // thread; a repeated one, unless each launch gets its own.
      if (!Loop && !Repeated && Param->getType()->isPointerType()) {
        if (auto Bound = BoundByPointer(Call->getArg(3)); Bound && Bound->Root)
          Worker.ByReference[Param] = *Bound;
      } else if (auto Bound = BoundByPointer(Call->getArg(3));
                 !Varies && Bound && Bound->Root && !NewEachTrip(Bound->Root) &&
                 Param->getType()->isPointerType()) {
        Worker.ByReference[Param] = *Bound;
      }
      // What the pointer fields of a local struct point to is shared with
      // whatever else holds that pointer: another worker's struct, also
      // when the same function is started again with a struct of its own
      // (`&udp`, then `&tcp`, both given `.cache = &cache`).
      if (!Loop && Param->getType()->isPointerType())
        if (auto Fields = sharedFieldsOfLocalStruct(*Call->getArg(3), Launcher);
            !Fields.empty()) {
          Worker.ArgumentParam = Param;
          Worker.SharedFields = std::move(Fields);
        }
    }
  // Parameters bound by the launch's arguments.
  for (unsigned I = 0; I < Spawn.Arguments.size(); ++I) {
    int Index = static_cast<int>(I) + Spawn.ParamShift;
    if (Index < 0 || Index >= static_cast<int>(Worker.Function->getNumParams()) ||
        Worker.Function->isTemplated())
      continue;
    const ParmVarDecl *Param = Worker.Function->getParamDecl(Index);
    QualType Type = Param->getType();
    const Expr *Arg = Spawn.Arguments[I];
    // A const one too: a const method may write a mutable member, and the
    // launching thread may write the object meanwhile.
    // A const one that receives a copy (`const int &id` from `i`) is a
    // value of the launch.
    if (Type->isReferenceType() || Type->isPointerType()) {
      NoteOwnElement(Param, Arg);
      auto Bound = Type->isPointerType() ? BoundByPointer(Arg) : boundObject(Arg);
      if (Bound && !(Bound->Root && NewEachTrip(Bound->Root)))
        Worker.ByReference[Param] = *Bound;
      // A local struct handed to a single launch (`std::ref(salaries)`,
      // `&salaries`): what its pointer fields point to is shared with
      // whatever else holds those pointers, as for pthread_create's.
      if (!Loop && !Worker.ArgumentParam && Bound && Bound->Fields.empty() &&
          !Bound->ThroughPointer)
        if (const auto *Struct = dyn_cast_or_null<VarDecl>(Bound->Root))
          if (auto Fields = pointerFieldsOfLocal(*Struct, Launcher);
              !Fields.empty()) {
            Worker.ArgumentParam = Param;
            Worker.SharedFields = std::move(Fields);
          }
      if (Bound || !isConstReferenceOrPointer(Type))
        continue;
    }
    if (VariesPerLaunch(Arg) || DiffersFromOthers(I, Arg))
      Worker.PerLaunch.insert(Param);
  }
  return Worker;
}

std::optional<unsigned>
WorkerAccesses::barrierPhaseOf(const Stmt &S, const SourceManager &SM) const {
  if (!BarrierLoop || BarrierWaits.empty() || !isWithin(&S, BarrierLoop, SM))
    return std::nullopt;
  unsigned Before = 0;
  for (const Stmt *Wait : BarrierWaits)
    Before += SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Wait->getBeginLoc()),
                                           SM.getExpansionLoc(S.getBeginLoc()));
  return BarrierPhasesWrap ? Before % BarrierWaits.size() : Before;
}

WorkerAccesses collectWorkerAccesses(const WorkerCode &Worker,
                                     ASTContext &Context) {
  if (!Worker.Body)
    return {};
  return AccessCollector(Worker, Context).run();
}

/// Whether Name is the range of a range-for whose variable is a reference:
/// the loop touches the elements through that variable, not all at once.
static bool rangeOfReferenceLoop(const Expr &Name, const FunctionAnalysis &Code) {
  const Stmt *Up = Code.parent(Name);
  for (int Steps = 0; Up && Steps < 4; ++Steps, Up = Code.parent(*Up))
    if (const auto *Loop = dyn_cast<CXXForRangeStmt>(Up))
      return Loop->getRangeInit() &&
             Loop->getRangeInit()->IgnoreParenImpCasts() == &Name &&
             Loop->getLoopVariable()->getType()->isReferenceType();
  return false;
}

/// What a callee touches through a pointer parameter given an element's
/// address (`wait_job(&s.jobs[i])`), or of `*this` when called on an
/// element (`jobs[i].wait()`), is in that element: the container's path,
/// then the callee's members.
static std::optional<ObjectPath>
throughElementArgument(const ObjectPath &InCallee, const FunctionDecl &Callee,
                       const CallBinding &Binding) {
  // `latches[i].wait()`: what the method touches of `*this`.
  if (InCallee.isThis()) {
    auto Element = elementCalledOn(Binding);
    if (!Element)
      return std::nullopt;
    return Element->Container.extendedBy(InCallee);
  }
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(InCallee.Root);
  if (!Param || !InCallee.ThroughPointer || !Param->getType()->isPointerType() ||
      Param->getDeclContext() != &Callee ||
      Param->getFunctionScopeIndex() >= Binding.Args.size())
    return std::nullopt;
  auto Element = elementArgument(Binding.Args[Param->getFunctionScopeIndex()]);
  if (!Element)
    return std::nullopt;
  ObjectPath Path = std::move(Element->Container);
  Path.Fields.append(InCallee.Fields.begin(), InCallee.Fields.end());
  return Path;
}

llvm::SmallVector<SharedAccess, 8>
collectLauncherAccesses(const FunctionAnalysis &Launcher,
                        llvm::ArrayRef<const Stmt *> Launches,
                        llvm::ArrayRef<ObjectPath> Objects) {
  llvm::SmallVector<SharedAccess, 8> Found;
  if (Objects.empty())
    return Found;
  std::optional<LockScopes> Scopes;
  auto NoSlots = [](const Expr &) { return false; };
  auto Overlapping = [&](const ObjectPath &Path) {
    return llvm::any_of(Objects, [&](const ObjectPath &Object) {
      return Object.overlaps(Path);
    });
  };
  // `download_pause(tr.dl)` with `tr.dl = &dl;`: what a pointer field of a
  // local struct holds, when it is only ever given one object, is that
  // object (the worker names it so through its argument struct).
  llvm::DenseMap<const VarDecl *,
                 llvm::DenseMap<const FieldDecl *, SharedPointee>> LocalFields;
  auto FieldsOfLocal = [&](const VarDecl &Struct)
      -> const llvm::DenseMap<const FieldDecl *, SharedPointee> & {
    auto [It, New] = LocalFields.try_emplace(&Struct);
    if (New)
      It->second = pointerFieldsOfLocal(Struct, Launcher);
    return It->second;
  };
  auto ThroughLocalField = [&](ObjectPath Path) {
    const auto *Struct = dyn_cast_or_null<VarDecl>(Path.Root);
    // `tr.dl` alone is the pointer; `tr.dl` then `paused` is what it points to.
    if (!Struct || Path.ThroughPointer || Path.Fields.size() < 2 ||
        !Path.Fields.front()->getType()->isPointerType() ||
        !Struct->getType()->isRecordType())
      return Path;
    const auto &Fields = FieldsOfLocal(*Struct);
    auto Field = Fields.find(Path.Fields.front());
    if (Field == Fields.end() || Field->second.OwnElement)
      return Path;
    ObjectPath Pointee = Field->second.Path;
    if (!Field->second.AddressOf)
      Pointee.ThroughPointer = true;
    Pointee.Fields.append(std::next(Path.Fields.begin()), Path.Fields.end());
    return Pointee;
  };
  // A call the summaries follow touches what its summary says.
  auto CalleeAccesses = [&](const CallExpr &Call) {
    CallBinding Binding;
    const FunctionDecl *Callee =
        SummaryWrites::followedCallee(Call, Binding, Launcher.context());
    if (!Callee)
      return;
    const WriteSummary &Summary = SummaryWrites::of(*Callee, Launcher.context());
    // The launching thread's own call, which parlint sees made: whatever
    // path a value read at run time picks may be taken.
    llvm::SmallVector<SummaryWrite, 4> Writes = SummaryWrites::writesAt(
        Summary, Binding, Launcher.context(), /*VariableTakesPath=*/true);
    for (llvm::ArrayRef<SummaryWrite> List :
         {llvm::ArrayRef<SummaryWrite>(Summary.Reads),
          llvm::ArrayRef<SummaryWrite>(Writes)})
      for (const SummaryWrite &Touch : List) {
        auto Object = SummaryWrites::mapPath(Touch.Object, *Callee, Binding);
        if (!Object)
          Object = throughElementArgument(Touch.Object, *Callee, Binding);
        if (Object)
          Object = ThroughLocalField(*Object);
        if (!Object || !Overlapping(*Object))
          continue;
        if (!Scopes)
          Scopes.emplace(Launcher);
        SharedAccess Access;
        Access.Where = &Call;
        Access.Object = *Object;
        Access.Write = Touch.Write;
        Access.Method = Touch.Method;
        Access.Scalar = Touch.Scalar;
        Access.ConstantToVolatile = Touch.ConstantToVolatile;
        Access.Held = SummaryWrites::withCalleeLocks(Scopes->heldAt(Call),
                                                     Touch, *Callee, Binding);
        Access.ViaCallee = Callee;
        Access.Inner = Touch.Where;
        // `install(v)` storing a flag after its unlock, then notifying:
        // nothing in the callee publishes it (the caller asks what it does
        // itself after the call, while a worker runs).
        Access.PublishedByNothing =
            Access.isWrite() && Access.Held.empty() && Touch.UnpublishedAtReturn;
        Found.push_back(std::move(Access));
      }
  };
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr>(S) || isa<UnaryExprOrTypeTraitExpr>(S) ||
        llvm::is_contained(Launches, S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      CalleeAccesses(*Call);
    if (isa<DeclRefExpr, CXXThisExpr>(S) &&
        !rangeOfReferenceLoop(cast<Expr>(*S), Launcher)) {
      // `for (const Stats &s : stats) total += s.done;`: the use of each
      // element touches that part of the container.
      std::optional<ElementAlias> Alias =
          elementAliasOf(cast<Expr>(*S), Launcher);
      if (Alias && !Alias->Container && !Alias->ContainerPath)
        Alias.reset();
      auto Raw = Alias ? containerPathOf(*Alias) : objectPathOf(cast<Expr>(S));
      // A local struct may reach a worker's object through a pointer field
      // (`w.player->score` with `World w{&p}`): named as the worker names it.
      auto Touched = [&](const ValueDecl *Root) {
        return llvm::any_of(Objects, [&](const ObjectPath &Object) {
          return Object.Root == Root;
        });
      };
      auto MayReach = [&](const ObjectPath &Path) {
        const auto *Struct = dyn_cast_or_null<VarDecl>(Path.Root);
        return Touched(Path.Root) ||
               (Struct && !Path.ThroughPointer && Struct->hasLocalStorage() &&
                Struct->getType()->isRecordType() &&
                llvm::any_of(FieldsOfLocal(*Struct), [&](const auto &Field) {
                  return Touched(Field.second.Path.Root);
                }));
      };
      if (Raw && MayReach(*Raw))
        if (auto Access =
                Alias ? AccessCollector::walkAccess(*Alias->Use, *Raw, Launcher,
                                                    NoSlots, Alias->PointsInto)
                      : AccessCollector::walkAccess(cast<Expr>(*S), *Raw,
                                                    Launcher, NoSlots);
            Access && (Access->Object = ThroughLocalField(Access->Object),
                       Overlapping(Access->Object))) {
          if (!Scopes)
            Scopes.emplace(Launcher);
          Access->Held = Scopes->heldAt(*Access->Where);
          Found.push_back(std::move(*Access));
        }
    }
    for (const Stmt *Child : S->children())
      Visit(Child);
  };
  Visit(&Launcher.body());
  return Found;
}

std::optional<SharedAccess>
walkSharedAccess(const Expr &Name, ObjectPath Path, const FunctionAnalysis &Code,
                 llvm::function_ref<bool(const Expr &)> SlotOfItsOwn,
                 bool PointsIntoPath) {
  return AccessCollector::walkAccess(Name, std::move(Path), Code, SlotOfItsOwn,
                                     PointsIntoPath);
}

namespace {

/// The member of the element a structured binding names: a field of a
/// struct (`auto &[x, y] = pt`), or `first` / `second` of a std::pair
/// decomposed through `get<N>` (`for (auto &[key, stats] : by_key)`).
const FieldDecl *boundMember(const BindingDecl &Binding) {
  const Expr *Bound = Binding.getBinding();
  if (!Bound)
    return nullptr;
  Bound = Bound->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(Bound))
    return dyn_cast<FieldDecl>(Member->getMemberDecl());
  const VarDecl *Holding = Binding.getHoldingVar();
  const auto *Get = Holding && Holding->getInit()
                        ? dyn_cast<CallExpr>(Holding->getInit()->IgnoreImplicit())
                        : nullptr;
  const FunctionDecl *Callee = Get ? Get->getDirectCallee() : nullptr;
  const TemplateArgumentList *Args =
      Callee ? Callee->getTemplateSpecializationArgs() : nullptr;
  const CXXRecordDecl *Pair =
      Get && Get->getNumArgs() == 1
          ? Get->getArg(0)->getType().getNonReferenceType()->getAsCXXRecordDecl()
          : nullptr;
  if (!Args || Args->size() == 0 || Args->get(0).getKind() != TemplateArgument::Integral ||
      !Pair || !Pair->getIdentifier() || Pair->getName() != "pair" ||
      !Pair->isInStdNamespace())
    return nullptr;
  StringRef Wanted = Args->get(0).getAsIntegral() == 0 ? "first" : "second";
  for (const FieldDecl *Field : Pair->fields())
    if (Field->getName() == Wanted)
      return Field;
  return nullptr;
}

/// `for (auto &[key, stats] : by_key)`: each use of `stats` is of a member
/// of the element in turn, as for `for (auto &kv : by_key)` with
/// `kv.second`.
std::optional<ElementAlias> bindingAliasOf(const Expr &Name,
                                           const BindingDecl &Binding,
                                           const FunctionAnalysis &Code) {
  const auto *Decomposed =
      dyn_cast_or_null<VarDecl>(Binding.getDecomposedDecl());
  if (!Decomposed || !Decomposed->getType()->isReferenceType())
    return std::nullopt;
  const auto *Loop =
      dyn_cast_or_null<CXXForRangeStmt>(Code.declarationScope(*Decomposed));
  const FieldDecl *Member = boundMember(Binding);
  if (!Loop || Loop->getLoopVariable() != Decomposed || !Loop->getRangeInit() ||
      !Member)
    return std::nullopt;
  std::optional<ObjectPath> Container = objectPathOf(Loop->getRangeInit());
  if (!Container)
    return std::nullopt;
  Container->Fields.push_back(Member);
  ElementAlias Alias;
  Alias.ContainerPath = std::move(Container);
  Alias.Use = &Name;
  return Alias;
}

} // namespace

std::optional<ElementAlias> elementAliasOf(const Expr &Name,
                                           const FunctionAnalysis &Code) {
  const auto *Ref = dyn_cast<DeclRefExpr>(&Name);
  if (const auto *Binding = Ref ? dyn_cast<BindingDecl>(Ref->getDecl()) : nullptr)
    return bindingAliasOf(Name, *Binding, Code);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var))
    return std::nullopt;
  // `for (Item &item : items)`: each element in turn, none of the
  // accessor's own.
  if (const auto *Loop =
          dyn_cast_or_null<CXXForRangeStmt>(Code.declarationScope(*Var));
      Loop && Loop->getLoopVariable() == Var &&
      Var->getType()->isReferenceType() && Loop->getRangeInit()) {
    ElementAlias Alias;
    Alias.Container = Loop->getRangeInit();
    Alias.Use = &Name;
    return Alias;
  }
  if (!Var->getInit() || !Code.declarationOf(*Var))
    return std::nullopt;
  QualType Type = Var->getType();
  bool Reference = Type->isReferenceType(), Pointer = Type->isPointerType();
  bool Iterator = !Reference && !Pointer && Type->isRecordType();
  if (!Reference && !Pointer && !Iterator)
    return std::nullopt;
  if (!Reference && isChangedWithin(Var, Code.body())) {
    // `best = &t->routes[i]` in a search loop: some element, picked by
    // the data.
    if (std::optional<ObjectPath> Array =
            Pointer ? arrayOfSearchedLocal(*Var, Code.body()) : std::nullopt) {
      ElementAlias Alias;
      Alias.ContainerPath = *Array;
      Alias.Use = &Name;
      Alias.PointsInto = true;
      return Alias;
    }
    return std::nullopt;
  }
  const Expr *Init = stripped(Var->getInit());
  // `struct shard *s = shard_for(kv, key);` with `return &kv->shards[..];`,
  // `Body &player = world.body(0);` with `return bodies_[i];`.
  if (const auto *Call = dyn_cast<CallExpr>(Init); Call && (Pointer || Reference))
    if (std::optional<ReturnedElement> Element = elementReturnedBy(*Call)) {
      ElementAlias Alias;
      Alias.ContainerPath = Element->Array;
      Alias.Key = Call;
      Alias.Use = &Name;
      Alias.PointsInto = Pointer;
      return Alias;
    }
  if (Pointer) {
    // A name for one object all along, through which every use touches it.
    auto WholeObject = [&](const Expr *Named,
                           bool NeedsRoot) -> std::optional<ElementAlias> {
      std::optional<ObjectPath> Whole = objectPathOf(Named);
      if (!Whole || (NeedsRoot && !Whole->Root) || Whole->Fields.empty())
        return std::nullopt;
      ElementAlias Alias;
      Alias.ContainerPath = *Whole;
      Alias.Use = &Name;
      Alias.PointsInto = true;
      Alias.WholeObject = true;
      return Alias;
    };
    // `struct gray_image *dst = job->dst;`: what the member points to,
    // which goes by the member's name.
    if (const auto *Member = dyn_cast<MemberExpr>(Init);
        Member && Member->getType()->isPointerType())
      if (auto Alias = WholeObject(Member, /*NeedsRoot=*/true))
        return Alias;
    const auto *Address = dyn_cast<UnaryOperator>(Init);
    if (!Address || Address->getOpcode() != UO_AddrOf)
      return std::nullopt;
    Init = stripped(Address->getSubExpr());
    // `struct player *p = &w->player;`: that member.
    if (!isa<ArraySubscriptExpr, CXXOperatorCallExpr, CXXMemberCallExpr>(Init))
      if (auto Alias = WholeObject(Init, /*NeedsRoot=*/false))
        return Alias;
  }
  ElementAlias Alias;
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Init);
      Subscript && !Iterator) {
    Alias.Container = Subscript->getBase();
    Alias.Key = Subscript->getIdx();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Init);
             Op && !Iterator && Op->getOperator() == OO_Subscript &&
             Op->getNumArgs() == 2) {
    Alias.Container = Op->getArg(0);
    Alias.Key = Op->getArg(1);
  } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Init);
             Call && Call->getNumArgs() == 1 && Call->getMethodDecl() &&
             isStdContainer(Call->getMethodDecl()->getParent()) &&
             identifierOf(Call->getMethodDecl()) == (Iterator ? "find" : "at")) {
    Alias.Container = Call->getImplicitObjectArgument();
    Alias.Key = Call->getArg(0);
  } else {
    return std::nullopt;
  }
  Alias.Use = &Name;
  Alias.PointsInto = Pointer;
  if (Iterator) {
    // `it->second.hits++`, `(*it).second`; `it != end` touches nothing.
    const Stmt *Parent = Code.parentIgnoringImplicit(Name);
    const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Parent);
    if (!Op || Op->getNumArgs() != 1 ||
        (Op->getOperator() != OO_Arrow && Op->getOperator() != OO_Star))
      return std::nullopt;
    Alias.Use = Op;
    Alias.PointsInto = Op->getOperator() == OO_Arrow;
  }
  return Alias;
}

std::optional<ObjectPath> containerPathOf(const ElementAlias &Alias) {
  if (Alias.ContainerPath)
    return Alias.ContainerPath;
  return Alias.Container ? objectPathOf(Alias.Container) : std::nullopt;
}

IndexKind classifyWorkerIndex(const Expr &Index, const WorkerCode &Worker,
                              const FunctionAnalysis &Code) {
  return IndexClassifier(Worker, Code).classify(&Index);
}

} // namespace clang::tidy::parlint
