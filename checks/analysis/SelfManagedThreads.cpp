#include "SelfManagedThreads.h"
#include "../common/AnalysisCache.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

namespace {

const FunctionDecl *definitionInTU(const FunctionDecl *Function) {
  const FunctionDecl *Definition =
      Function ? Function->getDefinition() : nullptr;
  if (!Definition || !Definition->hasBody() || Definition->isInvalidDecl() ||
      Definition->isDependentContext())
    return nullptr;
  const SourceManager &SM = Definition->getASTContext().getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Definition->getLocation())))
    return nullptr;
  return Definition;
}

/// A variable of the function's own frame that holds a thread id by value.
bool isOwnLocal(const ValueDecl *D) {
  const auto *Var = dyn_cast_or_null<VarDecl>(D);
  return Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
         !Var->getType()->isReferenceType() &&
         !Var->getType()->isPointerType();
}

/// Follows where one function's copies of its own thread id go.
class OwnIdUses {
public:
  explicit OwnIdUses(const FunctionDecl &Function)
      : Analysis(AnalysisCache::of(*Function.getBody(),
                                   Function.getASTContext())) {}

  bool handsOver() {
    bool Found = false;
    forEachDescendant(&Analysis.body(), /*SkipLambdas=*/false,
                      [&](const Stmt &S) {
                        if (const auto *Call = dyn_cast<CallExpr>(&S);
                            !Found && Call &&
                            returnsOwnThreadId(Call->getDirectCallee()))
                          Found = handedOver(*Call, /*FollowLocals=*/true);
                      });
    return Found;
  }

private:
  const FunctionAnalysis &Analysis;

  /// Whether the value of Id (the thread's own id) leaves the function's
  /// locals or detaches the thread.
  bool handedOver(const Expr &Id, bool FollowLocals) {
    const Stmt *Value = &Id;
    const Stmt *User = Analysis.parentIgnoringImplicit(Id);
    while (isa_and_nonnull<ExplicitCastExpr, ParenExpr>(User)) {
      Value = User;
      User = Analysis.parentIgnoringImplicit(*User);
    }
    if (!User)
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(User))
      return passedOn(*Call, *cast<Expr>(Value));
    if (const auto *Assign = dyn_cast<BinaryOperator>(User);
        Assign && Assign->getOpcode() == BO_Assign &&
        stripped(Assign->getRHS()) == stripped(cast<Expr>(Value))) {
      const ValueDecl *Target = rootVariable(Assign->getLHS());
      if (!isOwnLocal(Target) ||
          !isa<DeclRefExpr>(stripped(Assign->getLHS())))
        return true; // pool->tid = pthread_self(), a global, *out, ...
      return FollowLocals && localHandedOver(*cast<VarDecl>(Target));
    }
    if (const auto *Declaration = dyn_cast<DeclStmt>(User)) {
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->getInit() &&
            stripped(Var->getInit()) == stripped(cast<Expr>(Value))) {
          if (!isOwnLocal(Var))
            return true; // a static
          return FollowLocals && localHandedOver(*Var);
        }
      return false;
    }
    // Compared, tested, returned, printed through a stream: kept here.
    return false;
  }

  bool passedOn(const CallExpr &Call, const Expr &Value) {
    if (Call.getCallee() && stripped(Call.getCallee()) == stripped(&Value))
      return false;
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (freeFunctionOp(Callee) == HandleOp::Detach)
      return true;
    if (onlyActsOnThreadId(Callee))
      return false;
    if (Callee && Callee->isVariadic())
      for (unsigned I = Callee->getNumParams(); I < Call.getNumArgs(); ++I)
        if (stripped(Call.getArg(I)) == stripped(&Value))
          return false; // printf("%lu", (unsigned long)pthread_self())
    return true; // kept by code that may join or detach it
  }

  /// Whether a local holding the id passes it on (one step: a copy of the
  /// copy is not followed).
  bool localHandedOver(const VarDecl &Local) {
    bool Found = false;
    forEachDescendant(&Analysis.body(), /*SkipLambdas=*/false,
                      [&](const Stmt &S) {
                        const auto *Ref = dyn_cast<DeclRefExpr>(&S);
                        if (Found || !Ref || Ref->getDecl() != &Local)
                          return;
                        if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(
                                Analysis.parentIgnoringImplicit(*Ref));
                            Assign && Assign->isAssignmentOp() &&
                            stripped(Assign->getLHS()) == Ref)
                          return; // written, not read
                        Found = handedOver(*Ref, /*FollowLocals=*/false);
                      });
    return Found;
  }
};

/// The functions of the translation unit that Function calls or names
/// (a cleanup handler, a callback), in its own body.
llvm::SmallVector<const FunctionDecl *, 8>
functionsNamedIn(const FunctionDecl &Function) {
  llvm::SmallVector<const FunctionDecl *, 8> Named;
  forEachDescendant(Function.getBody(), /*SkipLambdas=*/false,
                    [&](const Stmt &S) {
                      const auto *Ref = dyn_cast<DeclRefExpr>(&S);
                      const auto *Target =
                          Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
                      if (const FunctionDecl *Definition = definitionInTU(Target))
                        Named.push_back(Definition);
                    });
  return Named;
}

} // namespace

bool threadManagesItsOwnHandle(const FunctionDecl &Routine) {
  const FunctionDecl *Start = definitionInTU(&Routine);
  if (!Start)
    return false;
  llvm::SmallPtrSet<const FunctionDecl *, 16> Seen = {Start};
  llvm::SmallVector<const FunctionDecl *, 8> Level = {Start};
  for (unsigned Depth = 0; Depth <= MaxSelfManagedDepth && !Level.empty();
       ++Depth) {
    llvm::SmallVector<const FunctionDecl *, 8> Next;
    for (const FunctionDecl *Function : Level) {
      if (OwnIdUses(*Function).handsOver())
        return true;
      for (const FunctionDecl *Callee : functionsNamedIn(*Function))
        if (Seen.size() < MaxSelfManagedFunctions &&
            Seen.insert(Callee).second)
          Next.push_back(Callee);
    }
    Level = std::move(Next);
  }
  return false;
}

bool createdThreadManagesItsOwnHandle(const CallExpr &Create) {
  if (!isNamed(Create.getDirectCallee(), {"::pthread_create"}) ||
      Create.getNumArgs() < 3)
    return false;
  const Expr *Routine = stripped(Create.getArg(2));
  if (const auto *Address = dyn_cast_or_null<UnaryOperator>(Routine);
      Address && Address->getOpcode() == UO_AddrOf)
    Routine = stripped(Address->getSubExpr());
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Routine);
  const auto *Function = Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
  return Function && threadManagesItsOwnHandle(*Function);
}

} // namespace clang::tidy::parlint
