// Workers a C program keeps in a field of an object it hands around by
// pointer: `sampler_start(struct sampler *s)` runs
// `pthread_create(&s->thread, NULL, sampler_main, s)`, and
// `sampler_shutdown(struct sampler *s)` sets `s->stop = 1` and then joins
// `s->thread`. The functions taking the object are its methods; what one of
// them writes to the object before it joins the worker, the worker may
// still be reading (the C form of MemberWorkers' writesBeforeJoin).
#ifndef PARLINT_CHECKS_ANALYSIS_FIELDWORKERS_H
#define PARLINT_CHECKS_ANALYSIS_FIELDWORKERS_H

#include "../model/Launch.h"
#include "LockScopes.h"
#include "ObjectPath.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::parlint {

/// The pointer parameter of Launcher whose object holds the launch's handle
/// in a field and is what the worker is given (`pthread_create(&s->thread,
/// NULL, run, s)`), and that field.
struct FieldWorker {
  const ParmVarDecl *Object = nullptr;
  const FieldDecl *Handle = nullptr;
};
std::optional<FieldWorker> fieldHoldingLaunch(const Launch &Spawn,
                                              const FunctionDecl &Launcher);

/// A write a function of the translation unit makes to the object its
/// pointer parameter designates, before it joins the handle field of that
/// object in its own body: the worker still runs there.
struct FieldWriteBeforeJoin {
  const FunctionDecl *Function = nullptr;
  const Expr *Where = nullptr;
  /// The object written and the locks held, with the joining function's
  /// parameter replaced by the launcher's (FieldWorker::Object).
  ObjectPath Object;
  LockSet Held;
  bool Scalar = false;
  const Stmt *Join = nullptr;
};
llvm::SmallVector<FieldWriteBeforeJoin, 2>
writesBeforeFieldJoin(const FieldWorker &Worker, ASTContext &Context);

/// An access an owner of the object makes while its worker runs: a function
/// that starts the worker by calling the launcher (`job_start(&j, ...)`) and
/// joins it later in its own body (`pthread_join(j.runner, NULL)`, or a
/// call of a function that joins it: `room_stop(&r)`). Between the two it
/// touches the object directly (`j.cancelled = 1`, `venc.bytes_out`) or
/// through a call that takes it (`job_cancel(&j)`, `room_info(&r, ...)`),
/// whose summary says what it touches.
struct OwnerAccess {
  const FunctionDecl *Owner = nullptr;
  /// The access itself: in the owner, or in the function a call leads to.
  const Expr *Where = nullptr;
  /// The owner's call that leads there; null for a direct access.
  const Expr *Call = nullptr;
  /// The object and the locks held, in the launcher's names.
  ObjectPath Object;
  LockSet Held;
  bool Write = false;
  bool Scalar = false;
  const Expr *Start = nullptr;
  const Stmt *Join = nullptr;
};
llvm::SmallVector<OwnerAccess, 4>
ownerAccessesWhileRunning(const FieldWorker &Worker, const FunctionDecl &Launcher,
                          ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
