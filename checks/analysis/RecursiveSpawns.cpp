// SpawnSummaries::recursiveSpawn: a thread started on every level of a
// recursion that nothing cuts off (the parallel sort that starts about one
// thread per element). A path is cut off by any condition on it that may
// compare a depth or a size with a threshold; only tests that every
// recursion needs to end (empty, null, iterators meeting, a size of 0, 1 or
// 2) leave it open. Unsure means cut off: the check stays silent.
#include "SummarySpawns.h"
#include "../common/AnalysisCache.h"
#include "../common/AstHelpers.h"
#include "../model/Launch.h"
#include "SummaryScanner.h"
#include "WorkerLifetime.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {
namespace {

/// Calls followed from the function to find it called back.
constexpr unsigned MaxCallBackDepth = 3;

bool isSameFunction(const FunctionDecl *A, const FunctionDecl &B) {
  if (!A)
    return false;
  if (A->getCanonicalDecl() == B.getCanonicalDecl())
    return true;
  const FunctionTemplateDecl *TA = A->getPrimaryTemplate();
  const FunctionTemplateDecl *TB = B.getPrimaryTemplate();
  return TA && TB && TA->getCanonicalDecl() == TB->getCanonicalDecl();
}

/// The function a reference names (`f`, `&C::f`, `this->f`), if any.
const FunctionDecl *namedFunction(const Stmt &S) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(&S))
    return dyn_cast<FunctionDecl>(Ref->getDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(&S))
    return dyn_cast<FunctionDecl>(Member->getMemberDecl());
  return nullptr;
}

/// Whether S (a condition's operand) is Param passed on to a call of Target
/// as `Param - k`, `Param + k`, `--Param` or `Param++`: a depth counter.
bool isDepthCounter(const Expr *E, const Stmt &Body, const FunctionDecl &Target) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(E));
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  if (!Param)
    return false;
  auto Steps = [&](const Expr *Arg) {
    Arg = stripped(Arg);
    if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(Arg))
      return Unary->isIncrementDecrementOp() &&
             namesVariable(Unary->getSubExpr(), Param);
    const auto *Binary = dyn_cast_or_null<BinaryOperator>(Arg);
    return Binary &&
           (Binary->getOpcode() == BO_Add || Binary->getOpcode() == BO_Sub) &&
           (namesVariable(Binary->getLHS(), Param) ||
            namesVariable(Binary->getRHS(), Param));
  };
  bool Found = false;
  auto Visit = [&](const FunctionDecl *Callee, auto Args) {
    bool Recursive = isSameFunction(Callee, Target);
    // std::thread t(f, depth - 1): the launch passes it on.
    for (const Expr *Arg : Args)
      if (const Expr *Plain = stripped(Arg))
        if (const FunctionDecl *Named = namedFunction(*Plain))
          Recursive |= isSameFunction(Named, Target);
    Found |= Recursive && llvm::any_of(Args, Steps);
  };
  forEachDescendant(&Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      Visit(Call->getDirectCallee(), Call->arguments());
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
      Visit(nullptr, Construct->arguments());
  });
  return Found;
}

bool isSmallConstant(const Expr *E, ASTContext &Ctx) {
  Expr::EvalResult Value;
  if (!E || E->isValueDependent() || !E->EvaluateAsInt(Value, Ctx))
    return false;
  const llvm::APSInt &Int = Value.Val.getInt();
  return Int.isNonNegative() && Int.getExtValue() <= 2;
}

bool isIntegral(const Expr *E) {
  return E && E->getType()->isIntegralOrEnumerationType();
}

/// Whether Cond is only a test every recursion needs to end (see the file
/// comment); anything else may be a cutoff.
bool isBaseCaseTest(const Expr *Cond, const Stmt &Body,
                    const FunctionDecl &Target, ASTContext &Ctx) {
  const Expr *C = Cond ? Cond->IgnoreParenImpCasts() : nullptr;
  if (!C)
    return false;
  if (const auto *Not = dyn_cast<UnaryOperator>(C);
      Not && Not->getOpcode() == UO_LNot)
    return isBaseCaseTest(Not->getSubExpr(), Body, Target, Ctx);
  if (C->getType()->isPointerType() || C->getType()->isNullPtrType())
    return true;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(C))
    return identifierOf(Call->getMethodDecl()) == "empty";
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(C))
    return Operator->getOperator() == OO_EqualEqual ||
           Operator->getOperator() == OO_ExclaimEqual; // iterators
  const auto *Binary = dyn_cast<BinaryOperator>(C);
  if (!Binary)
    return false;
  if (Binary->isLogicalOp())
    return isBaseCaseTest(Binary->getLHS(), Body, Target, Ctx) &&
           isBaseCaseTest(Binary->getRHS(), Body, Target, Ctx);
  if (!Binary->isComparisonOp())
    return false;
  const Expr *LHS = Binary->getLHS(), *RHS = Binary->getRHS();
  if (Binary->isEqualityOp() && !isIntegral(LHS) && !isIntegral(RHS))
    return true; // pointers meeting
  auto SmallSize = [&](const Expr *Size, const Expr *Constant) {
    return isIntegral(Size) && isSmallConstant(Constant, Ctx) &&
           !isDepthCounter(Size, Body, Target);
  };
  return SmallSize(LHS, RHS) || SmallSize(RHS, LHS);
}

/// Whether a statement leaves the function (or the lambda it is in): a
/// return or a throw inside it.
bool leaves(const Stmt *S) {
  bool Found = false;
  forEachDescendant(S, /*SkipLambdas=*/true, [&](const Stmt &Inner) {
    Found |= isa<ReturnStmt, CXXThrowExpr>(Inner);
  });
  return Found;
}

/// Whether some condition on the path to X in Body may cut the recursion
/// off: a condition X depends on, or an earlier `if` that may return.
bool hasCutoff(const Stmt &X, const FunctionAnalysis &Body,
               const FunctionDecl &Target) {
  ASTContext &Ctx = Body.context();
  auto Cuts = [&](const Expr *Cond) {
    return Cond && !isBaseCaseTest(Cond, Body.body(), Target, Ctx);
  };
  const Stmt *Node = &X;
  for (const Stmt *Parent = Body.parent(X); Parent;
       Node = Parent, Parent = Body.parent(*Parent)) {
    if (const auto *If = dyn_cast<IfStmt>(Parent)) {
      if (Node != If->getCond() && Node != If->getInit() && Cuts(If->getCond()))
        return true;
    } else if (const auto *While = dyn_cast<WhileStmt>(Parent)) {
      if (Node == While->getBody() && Cuts(While->getCond()))
        return true;
    } else if (const auto *Do = dyn_cast<DoStmt>(Parent)) {
      if (Node == Do->getBody() && Cuts(Do->getCond()))
        return true;
    } else if (const auto *For = dyn_cast<ForStmt>(Parent)) {
      if (Node == For->getBody() && Cuts(For->getCond()))
        return true;
    } else if (const auto *Conditional =
                   dyn_cast<AbstractConditionalOperator>(Parent)) {
      if (Node != Conditional->getCond() && Cuts(Conditional->getCond()))
        return true;
    } else if (const auto *Binary = dyn_cast<BinaryOperator>(Parent)) {
      if (Binary->isLogicalOp() && Node == Binary->getRHS() &&
          Cuts(Binary->getLHS()))
        return true;
    } else if (isa<SwitchStmt>(Parent)) {
      return true; // unsure
    } else if (const auto *Block = dyn_cast<CompoundStmt>(Parent)) {
      for (const Stmt *Before : Block->body()) {
        if (Before == Node)
          break;
        if (const auto *If = dyn_cast<IfStmt>(Before);
            If && (leaves(If->getThen()) || leaves(If->getElse())) &&
            Cuts(If->getCond()))
          return true;
      }
    }
  }
  return false;
}

class RecursionCache : public TranslationUnitState {
public:
  explicit RecursionCache(ASTContext &Context) : Context(Context) {}

  std::optional<RecursiveSpawn> get(const FunctionDecl &Function) {
    const FunctionDecl *Definition =
        summaries::summarizableDefinition(Function);
    if (!Definition)
      return std::nullopt;
    auto [It, Inserted] = Results.try_emplace(Definition);
    if (Inserted)
      It->second = compute(*Definition);
    return It->second;
  }

private:
  std::optional<RecursiveSpawn> compute(const FunctionDecl &Function);
  /// An open path in Caller's body to Target, itself or through the
  /// functions it calls: the reference to Target or the call leading to it.
  /// Outside names a part of Caller's body (a launch) to leave out.
  const Expr *openPathTo(const FunctionDecl &Caller, const FunctionDecl &Target,
                         unsigned Depth,
                         llvm::SmallPtrSetImpl<const FunctionDecl *> &Seen,
                         const Stmt *Outside = nullptr);

  ASTContext &Context;
  llvm::DenseMap<const FunctionDecl *, std::optional<RecursiveSpawn>> Results;
};

const Expr *
RecursionCache::openPathTo(const FunctionDecl &Caller, const FunctionDecl &Target,
                           unsigned Depth,
                           llvm::SmallPtrSetImpl<const FunctionDecl *> &Seen,
                           const Stmt *Outside) {
  const FunctionDecl *Definition = summaries::summarizableDefinition(Caller);
  if (!Definition || !Seen.insert(Definition).second)
    return nullptr;
  const FunctionAnalysis &Body =
      AnalysisCache::of(*Definition->getBody(), Context);
  const Expr *Found = nullptr;
  auto Excluded = [&](const Stmt &S) {
    return Outside && Body.isWithin(S, *Outside);
  };
  // References to Target first, then calls that may lead back to it.
  forEachDescendant(&Body.body(), /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (!Found && !Excluded(S) && isSameFunction(namedFunction(S), Target) &&
        !hasCutoff(S, Body, Target))
      Found = cast<Expr>(&S);
  });
  if (Found || Depth >= MaxCallBackDepth)
    return Found;
  forEachDescendant(&Body.body(), /*SkipLambdas=*/false, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (Found || !Call || isa<CXXOperatorCallExpr>(Call) || Excluded(*Call))
      return;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || isSameFunction(Callee, Target) ||
        summaries::isInSystemHeader(*Callee))
      return;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
        Member && summaries::isVirtualDispatch(*Member))
      return;
    if (!hasCutoff(*Call, Body, Target) &&
        openPathTo(*Callee, Target, Depth + 1, Seen))
      Found = Call;
  });
  return Found;
}

std::optional<RecursiveSpawn>
RecursionCache::compute(const FunctionDecl &Function) {
  const FunctionAnalysis &Body = AnalysisCache::of(*Function.getBody(), Context);
  const SourceManager &SM = Context.getSourceManager();
  std::optional<RecursiveSpawn> Result;
  forEachLaunch(Body.body(), Context, [&](const Launch &L) {
    if (Result || !L.startsOwnThread() || Body.enclosingLambda(*L.Call) ||
        SM.isInSystemHeader(SM.getExpansionLoc(L.Call->getBeginLoc())) ||
        hasCutoff(*L.Call, Body, Function))
      return;
    // The function's own body is searched as the first caller; a function
    // it calls is searched at most once. A recursion only inside a worker
    // that nobody waits for is a chain (a retry that starts its successor
    // and ends), not a tree: the calling thread, or a wait for the worker,
    // must recurse too.
    llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
    const Expr *Back = openPathTo(Function, Function, 0, Seen, L.Call);
    if (!Back && lifetimeOf(L, Body).Kind != WorkerLifetime::RunsOn) {
      Seen.clear();
      Back = openPathTo(Function, Function, 0, Seen);
    }
    if (Back)
      Result = RecursiveSpawn{L.Call, Back};
  });
  return Result;
}

} // namespace

std::optional<RecursiveSpawn>
SpawnSummaries::recursiveSpawn(const FunctionDecl &Function,
                               ASTContext &Context) {
  return AnalysisCache::layerState<RecursionCache>(Context).get(Function);
}

} // namespace clang::tidy::parlint
