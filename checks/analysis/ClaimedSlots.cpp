#include "ClaimedSlots.h"
#include "../common/AstHelpers.h"
#include "../model/Synchronization.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::parlint {

const Expr *ticketOfIndex(const Expr &Index, const FunctionAnalysis &Code) {
  const Expr *Ticket = nullptr;
  forEachDescendant(&Index, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (Ticket)
      return;
    if (const auto *E = dyn_cast<Expr>(&S); E && isAtomicTicket(*E)) {
      Ticket = E;
      return;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
        Var->getInit() && isAtomicTicket(*Var->getInit()) &&
        !isChangedWithin(Var, Code.body()))
      Ticket = Var->getInit();
  });
  if (!Ticket && isAtomicTicket(Index))
    Ticket = &Index;
  return Ticket;
}

bool mayPublishAfterFill(const Expr &Write, const FunctionAnalysis &Code) {
  const SourceManager &SM = Code.context().getSourceManager();
  SourceLocation End = Write.getEndLoc();
  bool Publishes = false;
  forEachDescendant(&Code.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (Publishes || !SM.isBeforeInTranslationUnit(End, S.getBeginLoc()))
      return;
    if (const auto *Atomic = dyn_cast<AtomicExpr>(&S)) {
      Publishes = handOffKindOf(*Atomic) != HandOffKind::None;
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return;
    const FunctionDecl *Callee = Call->getDirectCallee();
    Publishes = isHandOffCall(*Call) || lockOpOf(*Call) != LockOp::None ||
                !Callee ||
                !SM.isInSystemHeader(Callee->getLocation());
  });
  return Publishes;
}

} // namespace clang::tidy::parlint
