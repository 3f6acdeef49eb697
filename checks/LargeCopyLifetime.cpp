#include "LargeCopyLifetime.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::parlint {

namespace {

enum class HandleKind { None, Thread, JThread, Future };

HandleKind handleKind(QualType Type) {
  const auto *Record = Type->getAsCXXRecordDecl();
  if (!Record)
    return HandleKind::None;
  return llvm::StringSwitch<HandleKind>(Record->getQualifiedNameAsString())
      .Case("std::thread", HandleKind::Thread)
      .Case("std::jthread", HandleKind::JThread)
      .Case("std::future", HandleKind::Future)
      .Default(HandleKind::None);
}

// Member calls that neither release the worker nor copy the handle.
bool isConfinedUse(HandleKind Kind, llvm::StringRef Method) {
  if (Kind == HandleKind::Future)
    return llvm::is_contained({"get", "wait", "wait_for", "wait_until", "valid"},
                              Method);
  if (llvm::is_contained({"join", "joinable", "get_id"}, Method))
    return true;
  return Kind == HandleKind::JThread &&
         llvm::is_contained({"request_stop", "get_stop_token", "get_stop_source"},
                            Method);
}

void collectHandleUses(const Stmt *S, const VarDecl *Handle, HandleKind Kind,
                       bool InLambda,
                       llvm::SmallPtrSetImpl<const DeclRefExpr *> &All,
                       llvm::SmallPtrSetImpl<const DeclRefExpr *> &Confined) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == Handle)
    All.insert(Ref);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S); Call && !InLambda) {
    const auto *Object = dyn_cast_or_null<DeclRefExpr>(
        Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
    if (Object && Object->getDecl() == Handle && Call->getMethodDecl() &&
        Call->getMethodDecl()->getIdentifier() &&
        isConfinedUse(Kind, Call->getMethodDecl()->getName()))
      Confined.insert(Object);
  }
  for (const Stmt *Child : S->children())
    collectHandleUses(Child, Handle, Kind, InLambda || isa<LambdaExpr>(S), All,
                      Confined);
}

// The variable whose initializer is E, looking through the implicit nodes a
// by-value initialization wraps around it.
const VarDecl *initializedVariable(const Expr *E, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*E);
  while (true) {
    auto Parents = Context.getParents(Node);
    if (Parents.size() != 1)
      return nullptr;
    Node = Parents[0];
    if (const auto *Var = Node.get<VarDecl>())
      return Var;
    const auto *Wrapper = Node.get<Expr>();
    if (!Wrapper ||
        !isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
             ImplicitCastExpr, ParenExpr, CXXFunctionalCastExpr>(Wrapper)) {
      const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Wrapper);
      if (!Construct || Construct->getNumArgs() != 1 ||
          !Construct->getConstructor()->isMoveConstructor())
        return nullptr;
    }
  }
}

} // namespace

const VarDecl *confinedWorkerHandle(const WorkerLaunch &Launch,
                                    const Stmt *Body, ASTContext &Context) {
  if (Launch.Kind == LaunchKind::ThreadEmplace)
    return nullptr;
  const VarDecl *Handle = initializedVariable(Launch.Launch, Context);
  if (!Handle || !Handle->hasLocalStorage() || isa<ParmVarDecl>(Handle) ||
      Handle->getType()->isReferenceType())
    return nullptr;
  HandleKind Kind = handleKind(Handle->getType());
  bool Expected = Launch.Kind == LaunchKind::Async
                      ? Kind == HandleKind::Future
                      : Kind == HandleKind::Thread || Kind == HandleKind::JThread;
  if (!Expected)
    return nullptr;
  llvm::SmallPtrSet<const DeclRefExpr *, 8> All, Confined;
  collectHandleUses(Body, Handle, Kind, false, All, Confined);
  for (const DeclRefExpr *Use : All)
    if (!Confined.contains(Use))
      return nullptr;
  return Handle;
}

bool outlivesHandle(const Expr *Copied, const VarDecl *Handle,
                    const FunctionDecl *Function, ASTContext &Context) {
  const Expr *E = Copied->IgnoreParenImpCasts();
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
  if (Var->getParentFunctionOrMethod() != Function)
    return false;
  if (isa<ParmVarDecl>(Var))
    return true;
  if (Var->getType()->isReferenceType())
    return false;
  // Locals die in reverse order of declaration: Var must be declared first,
  // in a statement that also holds Handle's declaration.
  const SourceManager &SM = Context.getSourceManager();
  if (!SM.isBeforeInTranslationUnit(Var->getLocation(), Handle->getLocation()))
    return false;
  auto DeclParents = Context.getParents(*Var);
  if (DeclParents.size() != 1 || !DeclParents[0].get<DeclStmt>())
    return false;
  auto ScopeParents = Context.getParents(*DeclParents[0].get<DeclStmt>());
  if (ScopeParents.size() != 1 || !ScopeParents[0].get<Stmt>())
    return false;
  return ScopeParents[0].get<Stmt>()->getSourceRange().fullyContains(
      Handle->getSourceRange());
}

bool finishesBeforeScopeEnd(const VarDecl *Handle, const Stmt *Launch,
                            const FunctionFlow &Flow) {
  if (handleKind(Handle->getType()) != HandleKind::Thread)
    return true;
  return Flow.joinedOnEveryPath(Handle, Launch);
}

} // namespace clang::tidy::parlint
