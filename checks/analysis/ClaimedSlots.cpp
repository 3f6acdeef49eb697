#include "ClaimedSlots.h"
#include "../common/AstHelpers.h"
#include "../model/Synchronization.h"
#include "LockScopes.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::parlint {

namespace {

/// `seq = r->head++` (or `++r->head`, `head += 1`) of a counter the callers
/// share (a member, a global), made while a lock is held: under the lock,
/// no two claimers take the same value.
bool isTicketUnderLock(const Expr &Init, const FunctionAnalysis &Code) {
  const Expr *Counter = nullptr;
  const Expr *E = stripped(&Init);
  if (const auto *Step = dyn_cast<UnaryOperator>(E); Step && Step->isIncrementOp())
    Counter = Step->getSubExpr();
  else if (const auto *Add = dyn_cast<CompoundAssignOperator>(E);
           Add && Add->getOpcode() == BO_AddAssign)
    Counter = Add->getLHS();
  if (!Counter || !Counter->getType()->isIntegerType())
    return false;
  const auto *Named = dyn_cast<DeclRefExpr>(stripped(Counter));
  const auto *Var = Named ? dyn_cast<VarDecl>(Named->getDecl()) : nullptr;
  if (!isa<MemberExpr>(stripped(Counter)) && !(Var && Var->hasGlobalStorage()))
    return false;
  LockSet Held = LockScopes(Code).heldAt(Init);
  // A lock parlint cannot name (a lock-named helper of the program's own)
  // counts: it can only make the claim quieter.
  return llvm::any_of(Held, [](const HeldLock &Lock) { return !Lock.Shared; });
}

} // namespace

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
        Var->getInit() &&
        (isAtomicTicket(*Var->getInit()) ||
         isTicketUnderLock(*Var->getInit(), Code)) &&
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
