#include "FieldWorkers.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
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

} // namespace clang::tidy::parlint
