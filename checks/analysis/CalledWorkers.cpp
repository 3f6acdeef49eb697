#include "CalledWorkers.h"
#include "../common/AstHelpers.h"
#include "ReturnedWorkers.h"
#include "SummarySpawns.h"

namespace clang::tidy::parlint {

namespace {

bool sameFunction(const FunctionDecl *A, const FunctionDecl *B) {
  return A && B && A->getCanonicalDecl() == B->getCanonicalDecl();
}

/// The launch Origin is, when it starts a thread of its own.
std::optional<Launch> threadLaunch(const Expr *Origin, ASTContext &Context) {
  if (!Origin)
    return std::nullopt;
  std::optional<Launch> Inner = describeLaunch(*Origin, Context);
  if (!Inner || !Inner->startsOwnThread())
    return std::nullopt;
  return Inner;
}

/// Path, in Callee's names, in the names of the function making the call
/// bound by Binding: nullopt for what only the callee has (a local, a
/// parameter it received by value).
std::optional<ObjectPath> throughCall(const ObjectPath &Path,
                                      const FunctionDecl &Callee,
                                      const CallBinding &Binding) {
  if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(Path.Root)) {
    QualType Type = Param->getType();
    if (!Type->isReferenceType() && !Type->isPointerType())
      return std::nullopt;
  } else if (const auto *Var = dyn_cast_or_null<VarDecl>(Path.Root);
             Var && Var->hasLocalStorage()) {
    return std::nullopt;
  }
  return SummaryWrites::mapPath(Path, Callee, Binding);
}

/// Path, in the launching function's names, in the caller's: through each
/// call on the way, innermost first.
std::optional<ObjectPath> inCaller(const ObjectPath &Path,
                                   const CalledWorker &Worker) {
  std::optional<ObjectPath> Mapped = Path;
  for (const CallFrame &Frame : llvm::reverse(Worker.Deeper)) {
    Mapped = throughCall(*Mapped, *Frame.Callee, Frame.Binding);
    if (!Mapped)
      return std::nullopt;
  }
  return throughCall(*Mapped, *Worker.Callee, Worker.Binding);
}

/// The detached start Start of Callee's summary, when a function Callee
/// calls holds the launch: the calls from Callee's body down to it, each
/// with the same start in its own summary. False when a call on the way is
/// not followed or the way is longer than MaxDetachDepth.
bool framesDownTo(const OutlivingStart &Start, const FunctionDecl &Callee,
                  ASTContext &Context, llvm::SmallVectorImpl<CallFrame> &Frames) {
  const FunctionDecl *Current = &Callee;
  const Expr *Where = Start.Where;
  while (!sameFunction(Current, Start.OriginFunction)) {
    const auto *Call = dyn_cast_or_null<CallExpr>(Where);
    if (!Call || Frames.size() >= MaxDetachDepth)
      return false;
    CallFrame &Frame = Frames.emplace_back();
    Frame.Callee = SummaryWrites::followedCallee(*Call, Frame.Binding, Context);
    const SpawnSummary *Spawns = SpawnSummaries::ofCall(*Call, Context);
    if (!Frame.Callee || !Spawns)
      return false;
    const OutlivingStart *Same = nullptr;
    for (const OutlivingStart &Next : Spawns->StartsOutliving)
      if (Next.Origin == Start.Origin && Next.Keeper == WorkerKeeper::Nobody)
        Same = &Next;
    if (!Same)
      return false;
    Current = Frame.Callee;
    Where = Same->Where;
  }
  return true;
}

LockSet locksInCaller(const LockSet &Held, const CalledWorker &Worker) {
  LockSet Result;
  for (const HeldLock &Lock : Held) {
    HeldLock Mapped = Lock;
    Mapped.Guard = nullptr; // the callee's guard variable
    if (Lock.Mutex)
      Mapped.Mutex = inCaller(*Lock.Mutex, Worker);
    if (Lock.Stripes) {
      Mapped.Stripes = inCaller(*Lock.Stripes, Worker);
      if (!Mapped.Stripes)
        Mapped.Mutex = std::nullopt;
    }
    if (!Mapped.Mutex)
      Mapped.Shared = false;
    Result.push_back(std::move(Mapped));
  }
  return Result;
}

void mapAccesses(llvm::SmallVectorImpl<SharedAccess> &Accesses,
                 const CalledWorker &Worker) {
  llvm::SmallVector<SharedAccess, 8> Kept;
  for (SharedAccess &Access : Accesses) {
    std::optional<ObjectPath> Object = inCaller(Access.Object, Worker);
    if (!Object)
      continue;
    Access.Object = std::move(*Object);
    Access.Held = locksInCaller(Access.Held, Worker);
    Kept.push_back(std::move(Access));
  }
  Accesses.assign(Kept.begin(), Kept.end());
}

} // namespace

void forEachCalledWorker(const Stmt &Body, ASTContext &Context,
                         llvm::function_ref<void(CalledWorker)> Visit) {
  forEachDescendant(&Body, /*SkipLambdas=*/false, [&](const Stmt &Node) {
    const auto *Call = dyn_cast<CallExpr>(&Node);
    if (!Call || describeLaunch(*Call, Context))
      return;
    CalledWorker Worker;
    Worker.Call = Call;
    Worker.Callee = SummaryWrites::followedCallee(*Call, Worker.Binding, Context);
    if (!Worker.Callee || Worker.Callee->getBody() == &Body)
      return;
    // A handle handed back: the caller's value of the call follows it.
    if (ReturnedWorker Returned = returnedWorkerOf(*Call, Context);
        (Returned.Kind == ReturnedWorker::AsyncFuture ||
         Returned.Kind == ReturnedWorker::RunningThread) &&
        sameFunction(Returned.LaunchFunction, Worker.Callee)) {
      if (std::optional<Launch> Inner = threadLaunch(Returned.Launch, Context)) {
        Worker.Inner = std::move(*Inner);
        Visit(std::move(Worker));
      }
      return;
    }
    // Threads let go in the callee's own body.
    const SpawnSummary *Spawns = SpawnSummaries::ofCall(*Call, Context);
    if (!Spawns)
      return;
    for (const OutlivingStart &Start : Spawns->StartsOutliving) {
      if (Start.Kind != OutlivingKind::Thread ||
          Start.Keeper != WorkerKeeper::Nobody)
        continue;
      CalledWorker Detached = Worker;
      if (!framesDownTo(Start, *Worker.Callee, Context, Detached.Deeper))
        continue;
      if (std::optional<Launch> Inner = threadLaunch(Start.Origin, Context)) {
        Detached.Inner = std::move(*Inner);
        Detached.Detached = true;
        Visit(std::move(Detached));
      }
    }
  });
}

WorkerAccesses inCallerNames(const WorkerAccesses &InCallee,
                             const CalledWorker &Worker) {
  WorkerAccesses Result = InCallee;
  mapAccesses(Result.Accesses, Worker);
  mapAccesses(Result.OwnSlotWrites, Worker);
  return Result;
}

} // namespace clang::tidy::parlint
