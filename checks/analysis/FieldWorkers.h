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

} // namespace clang::tidy::parlint

#endif
