// An access to an object after the signal that hands the object to its
// waiter: `req->status = 0; sem_post(&req->done); req->service_us = t;`
// in a worker, while the submitter does `sem_wait(&r->done); if
// (r->service_us > 250) ...`. The wait orders only what came before the
// post; the later write meets the waiter's read. The mirror: a read after
// the signal that gives a slot back (`sem_post(&r->free_slots); hdr =
// r->hdr;`) meets the write the waiter makes once its wait returns
// (`sem_wait(&r->free_slots); r->hdr = next;`). The signal is a release of
// one member of the object (a semaphore, a latch, an atomic flag,
// model/Synchronization's releasedObjectOf) and the waiter is any other
// function of the translation unit that acquires the same member of an
// object of that type and then reads (or, for a read, writes) the member.
#ifndef PARLINT_CHECKS_ANALYSIS_COMPLETIONSIGNALS_H
#define PARLINT_CHECKS_ANALYSIS_COMPLETIONSIGNALS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

struct AccessAfterSignal {
  /// `sem_post(&req->done)`, and the member it signals through.
  const Stmt *Signal = nullptr;
  const FieldDecl *SignalMember = nullptr;
  /// The access (in Body, or in the function Call leads to), and the
  /// member of the signalled object it touches.
  const Expr *Write = nullptr;
  /// The access reads the member (the waiter writes it); otherwise it
  /// writes it (the waiter reads it).
  bool Reads = false;
  const CallExpr *Call = nullptr;
  const FieldDecl *Member = nullptr;
  /// The waiter: its acquire of SignalMember and its later read of Member
  /// (its write, for an access that Reads).
  const Stmt *OtherWait = nullptr;
  const Expr *OtherRead = nullptr;
  const FunctionDecl *OtherFunction = nullptr;
};

/// The writes Body (a worker's code) makes, with no lock held, to members
/// of an object after releasing a signal through another member of it, that
/// a waiter elsewhere reads after acquiring that signal; and the reads it
/// makes there of members the waiter writes after acquiring it.
llvm::SmallVector<AccessAfterSignal, 1>
accessesAfterCompletionSignal(const Stmt &Body, ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
