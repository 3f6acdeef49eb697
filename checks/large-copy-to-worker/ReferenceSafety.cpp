#include "ReferenceSafety.h"
#include "../analysis/HandleFlow.h"
#include "../analysis/HandleUses.h"
#include "../analysis/SpawnHandle.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::parlint {

const VarDecl *confinedWorkerHandle(const Launch &Launch,
                                    const FunctionAnalysis &Function) {
  if (Launch.Container)
    return nullptr;
  const auto *Handle =
      dyn_cast_or_null<VarDecl>(describeSpawn(Launch, Function).Holder);
  if (!Handle || !Handle->hasLocalStorage() || isa<ParmVarDecl>(Handle) ||
      Handle->getType()->isReferenceType() || !Handle->getInit() ||
      !Function.isWithin(*Launch.Call, *Handle->getInit()))
    return nullptr;
  HandleType Type = handleTypeOf(Handle->getType());
  bool Expected = Launch.Kind == LaunchKind::Async
                      ? Type == HandleType::Future
                      : Type == HandleType::Thread || Type == HandleType::JThread;
  if (!Expected)
    return nullptr;
  HandleUses Uses = collectHandleUses(Function.body(), *Handle, Type);
  if (Uses.Escapes || Uses.Detached || Uses.BlocksJThread ||
      !Uses.Events.AtLoop.empty())
    return nullptr;
  for (const auto &[S, Effect] : Uses.Events.AtStmt)
    if (Effect != HandleEffect::Finish)
      return nullptr;
  return Handle;
}

bool outlivesHandle(const Expr &Copied, const VarDecl &Handle,
                    const FunctionDecl &Owner,
                    const FunctionAnalysis &Function) {
  const Expr *E = Copied.IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  if (!Ref || Ref->refersToEnclosingVariableOrCapture())
    return false;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  if (!Var)
    return false;
  if (Var->hasGlobalStorage())
    return true;
  if (Var->getParentFunctionOrMethod() != &Owner)
    return false;
  if (isa<ParmVarDecl>(Var))
    return true;
  if (Var->getType()->isReferenceType())
    return false;
  // Locals die in reverse order of declaration: Var must be declared first,
  // in a statement that also holds Handle's declaration.
  const SourceManager &SM = Function.context().getSourceManager();
  if (!SM.isBeforeInTranslationUnit(Var->getLocation(), Handle.getLocation()))
    return false;
  const Stmt *Scope = Function.declarationScope(*Var);
  const DeclStmt *HandleDeclaration = Function.declarationOf(Handle);
  return Scope && HandleDeclaration &&
         Function.isWithin(*HandleDeclaration, *Scope);
}

bool finishesBeforeScopeEnd(const VarDecl &Handle,
                            const FunctionAnalysis &Function) {
  HandleType Type = handleTypeOf(Handle.getType());
  if (Type != HandleType::Thread)
    return true;
  HandleUses Uses = collectHandleUses(Function.body(), Handle, Type);
  return !Uses.Escapes && Function.cfg() &&
         findBadExits(Function, Handle, Uses.Events, {}).empty();
}

} // namespace clang::tidy::parlint
