// A write to an object after the signal that tells its waiter the object
// is ready: `req->status = 0; sem_post(&req->done); req->service_us = t;`
// in a worker, while the submitter does `sem_wait(&r->done); if
// (r->service_us > 250) ...`. The wait orders only what came before the
// post; the later write meets the waiter's read. The signal is a release
// of one member of the object (a semaphore, a latch, an atomic flag,
// model/Synchronization's releasedObjectOf) and the waiter is any other
// function of the translation unit that acquires the same member of an
// object of that type and then reads the written member.
#ifndef PARLINT_CHECKS_ANALYSIS_COMPLETIONSIGNALS_H
#define PARLINT_CHECKS_ANALYSIS_COMPLETIONSIGNALS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

struct WriteAfterSignal {
  /// `sem_post(&req->done)`, and the member it signals through.
  const Stmt *Signal = nullptr;
  const FieldDecl *SignalMember = nullptr;
  /// The write (in Body, or in the function Call leads to), and the
  /// member of the signalled object it writes.
  const Expr *Write = nullptr;
  const CallExpr *Call = nullptr;
  const FieldDecl *Member = nullptr;
  /// The waiter: its acquire of SignalMember and its later read of Member.
  const Stmt *OtherWait = nullptr;
  const Expr *OtherRead = nullptr;
  const FunctionDecl *OtherFunction = nullptr;
};

/// The writes Body (a worker's code) makes, with no lock held, to members
/// of an object after releasing a signal through another member of it, that
/// a waiter elsewhere reads after acquiring that signal.
llvm::SmallVector<WriteAfterSignal, 1>
writesAfterCompletionSignal(const Stmt &Body, ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
