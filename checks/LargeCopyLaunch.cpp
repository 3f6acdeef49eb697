#include "LargeCopyLaunch.h"

#include "clang/AST/DeclCXX.h"

namespace clang::tidy::parlint {

namespace {

bool isStdLaunchPolicy(const Expr *E) {
  const auto *Enum = E->getType().getCanonicalType()->getAs<EnumType>();
  return Enum && Enum->getDecl()->getQualifiedNameAsString() == "std::launch";
}

bool takesStopTokenFirst(const FunctionDecl *F) {
  if (F->getNumParams() == 0)
    return false;
  QualType T = F->getParamDecl(0)->getType().getNonReferenceType();
  const auto *RD = T->getAsCXXRecordDecl();
  return RD && RD->getQualifiedNameAsString() == "std::stop_token";
}

// Resolves the callable expression to the lambda or function it names.
void resolveCallable(const Expr *Callable, WorkerLaunch &L) {
  const Expr *E = Callable->IgnoreUnlessSpelledInSource()->IgnoreParens();
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    L.Lambda = Lambda;
    L.Worker = Lambda->getCallOperator();
    return;
  }
  bool AddressTaken = false;
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf) {
    E = Unary->getSubExpr()->IgnoreParenImpCasts();
    AddressTaken = true;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  if (!Ref)
    return;
  const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl());
  if (!Function)
    return;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      Method && AddressTaken && Method->isInstance())
    L.ParamShift = -1;
  L.Worker = Function;
}

} // namespace

const ParmVarDecl *WorkerLaunch::parameterFor(unsigned Index) const {
  if (!Worker || Worker->isTemplated())
    return nullptr;
  int Param = static_cast<int>(Index) + ParamShift;
  if (Param < 0 || Param >= static_cast<int>(Worker->getNumParams()))
    return nullptr;
  return Worker->getParamDecl(Param);
}

llvm::StringRef WorkerLaunch::workerNoun() const {
  return Kind == LaunchKind::Async ? "task" : "thread";
}

WorkerLaunch describeLaunch(const Expr *Launch, LaunchKind Kind) {
  WorkerLaunch L;
  L.Launch = Launch;
  L.Kind = Kind;
  llvm::SmallVector<const Expr *, 8> Args;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Launch))
    Args.append(Construct->arg_begin(), Construct->arg_end());
  else if (const auto *Call = dyn_cast<CallExpr>(Launch))
    Args.append(Call->arg_begin(), Call->arg_end());

  // Default arguments never appear in these calls, but be safe.
  while (!Args.empty() && isa<CXXDefaultArgExpr>(Args.back()))
    Args.pop_back();

  unsigned CallableIndex = 0;
  if (Kind == LaunchKind::Async && !Args.empty() && isStdLaunchPolicy(Args[0]))
    CallableIndex = 1;
  if (Args.size() <= CallableIndex)
    return L;
  resolveCallable(Args[CallableIndex], L);
  if (Kind == LaunchKind::JThread && L.Worker && L.ParamShift == 0 &&
      takesStopTokenFirst(L.Worker))
    L.ParamShift = 1;
  L.Arguments.append(Args.begin() + CallableIndex + 1, Args.end());
  return L;
}

} // namespace clang::tidy::parlint
