#include "Launch.h"
#include "../common/AstHelpers.h"
#include "Handles.h"
#include "Pools.h"

#include "clang/AST/DeclCXX.h"

namespace clang::tidy::parlint {

namespace {

bool isLaunchPolicy(const Expr *E) {
  const auto *Enum = E->getType().getCanonicalType()->getAs<EnumType>();
  return Enum && isNamed(Enum->getDecl(), {"::std::launch"});
}

bool policyMayStartThread(const Expr &Policy, ASTContext &Context) {
  const auto *Enum = Policy.getType().getCanonicalType()->getAs<EnumType>();
  Expr::EvalResult Value;
  if (!Enum || Policy.isValueDependent() ||
      !Policy.EvaluateAsInt(Value, Context))
    return false;
  for (const EnumConstantDecl *Enumerator : Enum->getDecl()->enumerators())
    if (Enumerator->getName() == "async")
      return (Value.Val.getInt() & Enumerator->getInitVal()) != 0;
  return false;
}

bool takesStopTokenFirst(const FunctionDecl *F) {
  if (F->getNumParams() == 0)
    return false;
  QualType T = F->getParamDecl(0)->getType().getNonReferenceType();
  return isNamed(T->getAsCXXRecordDecl(), {"::std::stop_token"});
}

// Resolves the callable expression to the lambda or function it names.
void resolveCallable(const Expr *Callable, Launch &L) {
  L.Callable = Callable;
  const Expr *E = Callable->IgnoreUnlessSpelledInSource()->IgnoreParens();
  if ((L.Lambda = lambdaOf(Callable))) {
    L.Worker = L.Lambda->getCallOperator();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      L.LambdaVariable = dyn_cast<VarDecl>(Ref->getDecl());
    return;
  }
  bool AddressTaken = false;
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf) {
    E = Unary->getSubExpr()->IgnoreParenImpCasts();
    AddressTaken = true;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *Function = Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
  if (!Function)
    return;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      Method && AddressTaken && Method->isInstance())
    L.ParamShift = -1;
  L.Worker = Function;
}

// Fills callable and arguments from Args[CallableIndex...].
void splitArguments(llvm::ArrayRef<const Expr *> Args, unsigned CallableIndex,
                    Launch &L) {
  while (!Args.empty() && isa<CXXDefaultArgExpr>(Args.back()))
    Args = Args.drop_back();
  if (Args.size() <= CallableIndex)
    return;
  resolveCallable(Args[CallableIndex], L);
  if ((L.Kind == LaunchKind::JThread ||
       L.Kind == LaunchKind::JThreadInContainer) &&
      L.Worker && L.ParamShift == 0 && takesStopTokenFirst(L.Worker))
    L.ParamShift = 1;
  L.Arguments.append(Args.begin() + CallableIndex + 1, Args.end());
}

llvm::SmallVector<const Expr *, 8> argumentsOf(const CallExpr &Call) {
  return {Call.arg_begin(), Call.arg_end()};
}

std::optional<Launch> describeConstruct(const CXXConstructExpr &Construct) {
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  if (!Constructor || Constructor->isCopyOrMoveConstructor() ||
      Construct.getNumArgs() == 0 || isa<CXXDefaultArgExpr>(Construct.getArg(0)))
    return std::nullopt;
  Launch L;
  L.Call = &Construct;
  if (isStdThreadClass(Constructor->getParent()))
    L.Kind = LaunchKind::Thread;
  else if (isStdJThreadClass(Constructor->getParent()))
    L.Kind = LaunchKind::JThread;
  else
    return std::nullopt;
  llvm::SmallVector<const Expr *, 8> Args(Construct.arg_begin(),
                                          Construct.arg_end());
  splitArguments(Args, 0, L);
  return L;
}

// threads.emplace_back(callable, args...): the thread is constructed inside
// the container (in a system header), so the launch is the call.
std::optional<Launch> describeEmplace(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  StringRef Name = identifierOf(Method);
  if (Name != "emplace_back" && Name != "emplace_front" && Name != "emplace")
    return std::nullopt;
  const CXXRecordDecl *Element = threadElementOf(Method->getParent());
  if (!Element)
    return std::nullopt;
  unsigned CallableIndex = Name == "emplace" ? 1 : 0; // emplace(pos, f, ...)
  if (Call.getNumArgs() <= CallableIndex)
    return std::nullopt;
  // A single thread argument moves an existing thread in.
  const Expr *First = Call.getArg(CallableIndex);
  if (Call.getNumArgs() == CallableIndex + 1 &&
      First->getType().getCanonicalType()->getAsCXXRecordDecl() == Element)
    return std::nullopt;
  Launch L;
  L.Call = &Call;
  L.Kind = isStdJThreadClass(Element) ? LaunchKind::JThreadInContainer
                                      : LaunchKind::ThreadInContainer;
  L.Container = Call.getImplicitObjectArgument();
  splitArguments(argumentsOf(Call), CallableIndex, L);
  return L;
}

std::optional<Launch> describePoolCall(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  Launch L;
  L.Call = &Call;
  if (isNamed(Method->getParent(), {"::parlint::ProcessPool"}) &&
      identifierOf(Method) == "submit") {
    L.Kind = LaunchKind::ProcessPoolSubmit;
    splitArguments(argumentsOf(Call), 0, L);
    return L;
  }
  auto Task = poolTaskCall(Call);
  if (!Task)
    return std::nullopt;
  L.Kind = LaunchKind::PoolSubmit;
  splitArguments(argumentsOf(Call), Task->CallableIndex, L);
  if (L.Worker && L.ParamShift == 0)
    L.ParamShift = static_cast<int>(Task->LeadingWorkerArguments);
  return L;
}

std::optional<Launch> describeCall(const CallExpr &Call, ASTContext &Context) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return std::nullopt;
  Launch L;
  L.Call = &Call;
  if (isNamed(Callee, {"::std::async"})) {
    L.Kind = LaunchKind::Async;
    auto Args = argumentsOf(Call);
    unsigned CallableIndex = 0;
    if (!Args.empty() && isLaunchPolicy(Args[0])) {
      CallableIndex = 1;
      L.StartsThread = policyMayStartThread(*Args[0], Context);
    }
    splitArguments(Args, CallableIndex, L);
    return L;
  }
  if (isNamed(Callee, {"::pthread_create"})) {
    L.Kind = LaunchKind::PthreadCreate;
    if (Call.getNumArgs() >= 3)
      resolveCallable(Call.getArg(2), L);
    return L;
  }
  if (isNamed(Callee, {"::fork", "::vfork", "::posix_spawn", "::posix_spawnp"})) {
    L.Kind = LaunchKind::Process;
    return L;
  }
  if (isNamed(Callee, {"::boost::asio::post", "::boost::asio::dispatch",
                       "::boost::asio::defer", "::asio::post", "::asio::dispatch",
                       "::asio::defer"}) &&
      Call.getNumArgs() >= 2) {
    // post(executor_or_context, handler): the handler is decay-copied.
    L.Kind = LaunchKind::AsioPost;
    resolveCallable(Call.getArg(1), L);
    return L;
  }
  return std::nullopt;
}

} // namespace

const ParmVarDecl *Launch::parameterFor(unsigned Index) const {
  if (!Worker || Worker->isTemplated())
    return nullptr;
  int Param = static_cast<int>(Index) + ParamShift;
  if (Param < 0 || Param >= static_cast<int>(Worker->getNumParams()))
    return nullptr;
  return Worker->getParamDecl(Param);
}

bool Launch::startsOwnThread() const {
  switch (Kind) {
  case LaunchKind::Thread:
  case LaunchKind::JThread:
  case LaunchKind::ThreadInContainer:
  case LaunchKind::JThreadInContainer:
  case LaunchKind::PthreadCreate:
    return true;
  case LaunchKind::Async:
    return StartsThread;
  default:
    return false;
  }
}

bool Launch::mayTakeStopToken() const {
  if (!Callable)
    return true;
  QualType Type = Callable->getType().getNonReferenceType();
  if (const auto *Record = Type->getAsCXXRecordDecl())
    return !Record->isLambda() || Record->isGenericLambda() ||
           (Worker && takesStopTokenFirst(Worker));
  if (Worker)
    return ParamShift >= 0 && takesStopTokenFirst(Worker);
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  const auto *Proto = Type->getAs<FunctionProtoType>();
  return !Proto || (Proto->getNumParams() > 0 &&
                    isNamed(Proto->getParamType(0)
                                .getNonReferenceType()
                                ->getAsCXXRecordDecl(),
                            {"::std::stop_token"}));
}

bool Launch::copiesArguments() const {
  return Kind != LaunchKind::PthreadCreate && Kind != LaunchKind::Process &&
         Kind != LaunchKind::ProcessPoolSubmit;
}

StringRef Launch::workerNoun() const {
  switch (Kind) {
  case LaunchKind::Async:
  case LaunchKind::AsioPost:
  case LaunchKind::PoolSubmit:
  case LaunchKind::ProcessPoolSubmit:
    return "task";
  case LaunchKind::Process:
    return "process";
  default:
    return "thread";
  }
}

StringRef Launch::description() const {
  switch (Kind) {
  case LaunchKind::Thread:
  case LaunchKind::ThreadInContainer:
    return "starting a std::thread";
  case LaunchKind::JThread:
  case LaunchKind::JThreadInContainer:
    return "starting a std::jthread";
  case LaunchKind::Async:
    return "calling std::async";
  case LaunchKind::PthreadCreate:
    return "calling pthread_create";
  case LaunchKind::AsioPost:
    return "posting to an executor";
  case LaunchKind::PoolSubmit:
  case LaunchKind::ProcessPoolSubmit:
    return "submitting to a pool";
  case LaunchKind::Process:
    break;
  }
  StringRef Name = identifierOf(calleeOf(Call));
  if (Name == "fork")
    return "calling fork";
  if (Name == "vfork")
    return "calling vfork";
  if (Name == "posix_spawnp")
    return "calling posix_spawnp";
  return "calling posix_spawn";
}

std::optional<Launch> describeLaunch(const Stmt &S, ASTContext &Context) {
  if (const auto *E = dyn_cast<Expr>(&S);
      !E || E->containsErrors() || E->isValueDependent() ||
      E->isTypeDependent())
    return std::nullopt;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
    return describeConstruct(*Construct);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&S)) {
    if (!Member->getMethodDecl())
      return std::nullopt;
    if (auto L = describeEmplace(*Member))
      return L;
    return describePoolCall(*Member);
  }
  if (const auto *Call = dyn_cast<CallExpr>(&S);
      Call && !isa<CXXOperatorCallExpr>(Call))
    return describeCall(*Call, Context);
  return std::nullopt;
}

void forEachLaunch(const Stmt &Body, ASTContext &Context,
                   llvm::function_ref<void(const Launch &)> Visit) {
  forEachDescendant(&Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (isa<CXXConstructExpr, CallExpr>(&S))
      if (auto L = describeLaunch(S, Context))
        Visit(*L);
  });
}

} // namespace clang::tidy::parlint
