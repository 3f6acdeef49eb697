#include "FieldWorkers.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "SharedWrites.h"
#include "SummaryWrites.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::parlint {

namespace {

/// The record a pointer parameter points to, or null.
const RecordDecl *pointeeRecord(const ParmVarDecl &Param) {
  QualType Type = Param.getType();
  if (!Type->isPointerType())
    return nullptr;
  const auto *Record = Type->getPointeeType()->getAsRecordDecl();
  return Record ? Record->getDefinition() : nullptr;
}

/// The parameter an expression names (`s`, `(void *)s`), or null.
const ParmVarDecl *parameterNamedBy(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(E));
  return Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
}

ObjectPath rerooted(ObjectPath Path, const ValueDecl *From, const ValueDecl *To) {
  if (Path.Root == From)
    Path.Root = To;
  return Path;
}

/// The first call in Function's own body that joins Handle of what Param
/// points to (`pthread_join(s->thread, NULL)`), or null.
const CallExpr *joinOfField(const FunctionDecl &Function,
                            const ParmVarDecl &Param, const FieldDecl &Handle) {
  const CallExpr *Join = nullptr;
  forEachDescendant(Function.getBody(), /*SkipLambdas=*/true,
                    [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (Join || !Call || Call->getNumArgs() == 0 ||
        freeFunctionOp(Call->getDirectCallee()) != HandleOp::Join)
      return;
    const auto *Member = dyn_cast<MemberExpr>(stripped(Call->getArg(0)));
    if (Member && Member->getMemberDecl() == &Handle &&
        parameterNamedBy(Member->getBase()) == &Param)
      Join = Call;
  });
  return Join;
}

/// The object an argument hands a function: `&j` (the variable or member
/// path `j`), or what a pointer variable points to (`p`, through it).
std::optional<ObjectPath> designatedBy(const Expr *Argument) {
  const Expr *E = stripped(Argument);
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf) {
    auto Path = objectPathOf(Address->getSubExpr());
    if (Path && Path->Root)
      return Path;
    return std::nullopt;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->getType()->isPointerType())
    return std::nullopt;
  ObjectPath Path;
  Path.Root = Var;
  Path.ThroughPointer = true;
  return Path;
}

/// The object a member expression selects from: `j` in `j.runner`, `*p` in
/// `p->runner`.
std::optional<ObjectPath> baseOf(const MemberExpr &Member) {
  if (!Member.isArrow())
    return objectPathOf(Member.getBase());
  return designatedBy(Member.getBase());
}

/// Path, a part of the object Designator names, as the same part of what the
/// launcher's parameter points to; nullopt for the object as a whole or
/// anything else.
std::optional<ObjectPath> inLauncherNames(const ObjectPath &Path,
                                          const ObjectPath &Designator,
                                          const ParmVarDecl &LauncherObject) {
  if (Path.Root != Designator.Root ||
      Path.ThroughPointer != Designator.ThroughPointer ||
      Path.Fields.size() <= Designator.Fields.size() ||
      !std::equal(Designator.Fields.begin(), Designator.Fields.end(),
                  Path.Fields.begin()))
    return std::nullopt;
  ObjectPath Result;
  Result.Root = &LauncherObject;
  Result.ThroughPointer = true;
  Result.Fields.append(Path.Fields.begin() + Designator.Fields.size(),
                       Path.Fields.end());
  return Result;
}

LockSet locksInLauncherNames(const LockSet &Held, const ObjectPath &Designator,
                             const ParmVarDecl &LauncherObject) {
  LockSet Result;
  for (HeldLock Lock : Held) {
    if (Lock.Mutex)
      if (auto Mapped = inLauncherNames(*Lock.Mutex, Designator, LauncherObject))
        Lock.Mutex = Mapped;
    Result.push_back(std::move(Lock));
  }
  return Result;
}

/// The index of the first argument of Call designating Object, or -1.
int argumentDesignating(const CallExpr &Call, const ObjectPath &Object) {
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    if (auto Path = designatedBy(Call.getArg(I)); Path && *Path == Object)
      return static_cast<int>(I);
  return -1;
}

/// Whether Call joins Handle of Object: `pthread_join(j.runner, NULL)`, or a
/// call of a function that joins the field of the parameter it is given
/// the object in.
bool joinsHandleOf(const CallExpr &Call, const ObjectPath &Object,
                   const FieldDecl &Handle) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return false;
  if (freeFunctionOp(Callee) == HandleOp::Join) {
    const auto *Member =
        Call.getNumArgs() ? dyn_cast<MemberExpr>(stripped(Call.getArg(0))) : nullptr;
    auto Base = Member ? baseOf(*Member) : std::nullopt;
    return Member && Member->getMemberDecl() == &Handle && Base && *Base == Object;
  }
  const FunctionDecl *Definition = nullptr;
  if (!Callee->hasBody(Definition) || !Definition)
    return false;
  int Index = argumentDesignating(Call, Object);
  return Index >= 0 &&
         static_cast<unsigned>(Index) < Definition->getNumParams() &&
         joinOfField(*Definition, *Definition->getParamDecl(Index), Handle);
}

} // namespace

std::optional<FieldWorker> fieldHoldingLaunch(const Launch &Spawn,
                                              const FunctionDecl &Launcher) {
  const auto *Create = dyn_cast<CallExpr>(Spawn.Call);
  if (Spawn.Kind != LaunchKind::PthreadCreate || !Create ||
      Create->getNumArgs() < 4)
    return std::nullopt;
  // `&s->thread`: a field of what the parameter points to.
  const auto *Address = dyn_cast<UnaryOperator>(stripped(Create->getArg(0)));
  if (!Address || Address->getOpcode() != UO_AddrOf)
    return std::nullopt;
  const auto *Member = dyn_cast<MemberExpr>(stripped(Address->getSubExpr()));
  const auto *Handle = Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
  const ParmVarDecl *Object = Member ? parameterNamedBy(Member->getBase()) : nullptr;
  if (!Handle || !Object || !Member->isArrow() ||
      Object->getDeclContext() != &Launcher || !pointeeRecord(*Object) ||
      parameterNamedBy(Create->getArg(3)) != Object)
    return std::nullopt;
  return FieldWorker{Object, Handle};
}

llvm::SmallVector<FieldWriteBeforeJoin, 2>
writesBeforeFieldJoin(const FieldWorker &Worker, ASTContext &Context) {
  llvm::SmallVector<FieldWriteBeforeJoin, 2> Found;
  const RecordDecl *Record = pointeeRecord(*Worker.Object);
  const SourceManager &SM = Context.getSourceManager();
  forEachOwnDecl(*Context.getTranslationUnitDecl(), SM, [&](const Decl &D) {
    const auto *Function = dyn_cast<FunctionDecl>(&D);
    if (!Function || !Function->doesThisDeclarationHaveABody())
      return;
    for (const ParmVarDecl *Param : Function->parameters()) {
      if (pointeeRecord(*Param) != Record)
        continue;
      const CallExpr *Join = joinOfField(*Function, *Param, *Worker.Handle);
      if (!Join)
        continue;
      for (const SummaryWrite &Write : SummaryWrites::of(*Function, Context).Writes) {
        if (Write.Object.Root != Param || !Write.Object.ThroughPointer ||
            Write.Object.Fields.empty() ||
            Write.Object.Fields.front() == Worker.Handle ||
            Write.WhereFunction != Function || !Write.Where ||
            Write.ConstantToVolatile ||
            !SM.isBeforeInTranslationUnit(Write.Where->getBeginLoc(),
                                          Join->getBeginLoc()))
          continue;
        FieldWriteBeforeJoin Before;
        Before.Function = Function;
        Before.Where = Write.Where;
        Before.Object = rerooted(Write.Object, Param, Worker.Object);
        for (HeldLock Lock : Write.Held) {
          if (Lock.Mutex)
            Lock.Mutex = rerooted(*Lock.Mutex, Param, Worker.Object);
          Before.Held.push_back(Lock);
        }
        Before.Scalar = Write.Scalar;
        Before.Join = Join;
        Found.push_back(std::move(Before));
      }
    }
  });
  return Found;
}

llvm::SmallVector<OwnerAccess, 4>
ownerAccessesWhileRunning(const FieldWorker &Worker, const FunctionDecl &Launcher,
                          ASTContext &Context) {
  llvm::SmallVector<OwnerAccess, 4> Found;
  const SourceManager &SM = Context.getSourceManager();
  unsigned ObjectIndex = Worker.Object->getFunctionScopeIndex();
  auto Before = [&](SourceLocation A, SourceLocation B) {
    return SM.isBeforeInTranslationUnit(A, B);
  };
  forEachOwnDecl(*Context.getTranslationUnitDecl(), SM, [&](const Decl &D) {
    const auto *Owner = dyn_cast<FunctionDecl>(&D);
    if (!Owner || !Owner->doesThisDeclarationHaveABody() ||
        Owner->getCanonicalDecl() == Launcher.getCanonicalDecl())
      return;
    // The owner's calls of the launcher, and the object each one starts.
    llvm::SmallVector<std::pair<const CallExpr *, ObjectPath>, 1> Starts;
    llvm::SmallVector<const CallExpr *, 8> Calls;
    forEachDescendant(Owner->getBody(), /*SkipLambdas=*/true, [&](const Stmt &S) {
      const auto *Call = dyn_cast<CallExpr>(&S);
      if (!Call)
        return;
      Calls.push_back(Call);
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->getCanonicalDecl() == Launcher.getCanonicalDecl() &&
          ObjectIndex < Call->getNumArgs())
        if (auto Object = designatedBy(Call->getArg(ObjectIndex)))
          Starts.push_back({Call, *Object});
    });
    if (Starts.empty())
      return;
    const FunctionAnalysis &Code = AnalysisCache::of(*Owner->getBody(), Context);
    LockScopes Locks(Code);
    for (const auto &[Start, Object] : Starts) {
      // Object may change what it designates.
      if (Object.ThroughPointer && isChangedWithin(Object.Root, *Owner->getBody()))
        continue;
      const CallExpr *Join = nullptr;
      for (const CallExpr *Call : Calls)
        if (Before(Start->getEndLoc(), Call->getBeginLoc()) &&
            (!Join || Before(Call->getBeginLoc(), Join->getBeginLoc())) &&
            joinsHandleOf(*Call, Object, *Worker.Handle))
          Join = Call;
      // Joined elsewhere, or never: parlint does not know when it runs.
      if (!Join)
        continue;
      auto InWindow = [&](const Stmt &S) {
        return Before(Start->getEndLoc(), S.getBeginLoc()) &&
               Before(S.getBeginLoc(), Join->getBeginLoc());
      };
      auto Keep = [&](OwnerAccess Access) {
        if (Access.Object.Fields.front() == Worker.Handle)
          return;
        Access.Owner = Owner;
        Access.Start = Start;
        Access.Join = Join;
        Found.push_back(std::move(Access));
      };
      // Directly: `j.cancelled = 1`, `venc.bytes_out`.
      forEachDescendant(Owner->getBody(), /*SkipLambdas=*/true,
                        [&](const Stmt &S) {
        const auto *Name = dyn_cast<DeclRefExpr>(&S);
        if (!Name || Name->getDecl() != Object.Root || !InWindow(S))
          return;
        ObjectPath Root;
        Root.Root = Object.Root;
        auto Access = walkSharedAccess(*Name, Root, Code,
                                       [](const Expr &) { return false; });
        if (!Access || Access->ConstantToVolatile)
          return;
        auto Mapped = inLauncherNames(Access->Object, Object, *Worker.Object);
        if (!Mapped)
          return;
        OwnerAccess Direct;
        Direct.Where = Access->Where;
        Direct.Object = std::move(*Mapped);
        Direct.Held = locksInLauncherNames(Locks.heldAt(*Access->Where), Object,
                                           *Worker.Object);
        Direct.Write = Access->isWrite();
        Direct.Scalar = Access->Scalar;
        Keep(std::move(Direct));
      });
      // Through a call given the object: what its summary touches of it.
      for (const CallExpr *Call : Calls) {
        if (Call == Start || Call == Join || !InWindow(*Call))
          continue;
        CallBinding Binding;
        const FunctionDecl *Callee =
            SummaryWrites::followedCallee(*Call, Binding, Context);
        int Index = argumentDesignating(*Call, Object);
        if (!Callee || Index < 0 ||
            static_cast<unsigned>(Index) >= Callee->getNumParams())
          continue;
        const ParmVarDecl *Param = Callee->getParamDecl(Index);
        ObjectPath Through;
        Through.Root = Param;
        Through.ThroughPointer = true;
        LockSet AtCall =
            locksInLauncherNames(Locks.heldAt(*Call), Object, *Worker.Object);
        const WriteSummary &Summary = SummaryWrites::of(*Callee, Context);
        for (const auto *List : {&Summary.Writes, &Summary.Reads})
          for (const SummaryWrite &Access : *List) {
            if (!Access.Where || Access.ConstantToVolatile || !Access.EveryCall)
              continue;
            auto Mapped = inLauncherNames(Access.Object, Through, *Worker.Object);
            if (!Mapped)
              continue;
            OwnerAccess ByCall;
            ByCall.Where = Access.Where;
            ByCall.Call = Call;
            ByCall.Object = std::move(*Mapped);
            ByCall.Held = AtCall;
            ByCall.Held.append(
                locksInLauncherNames(Access.Held, Through, *Worker.Object));
            ByCall.Write = Access.Write != WriteKind::None;
            ByCall.Scalar = Access.Scalar;
            Keep(std::move(ByCall));
          }
      }
    }
  });
  return Found;
}

} // namespace clang::tidy::parlint
