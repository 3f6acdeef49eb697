// Whether a POSIX thread takes care of its own id, so that the function that
// created it rightly keeps none: its start routine detaches itself
// (`pthread_detach(pthread_self())`), or hands `pthread_self()` to someone
// who will join it (a pool whose exiting workers each join the previous
// one: `pool->last = pthread_self()`, the destroy path joining the last).
// A bounded walk over the start routine and the functions of the
// translation unit it calls or names, a few levels deep.
#ifndef PARLINT_CHECKS_ANALYSIS_SELFMANAGEDTHREADS_H
#define PARLINT_CHECKS_ANALYSIS_SELFMANAGEDTHREADS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::parlint {

/// Functions followed below a start routine (calls, or functions named as
/// callbacks) before the rest counts as doing nothing with the id.
constexpr unsigned MaxSelfManagedDepth = 4;
/// Functions looked at, at most, for one start routine.
constexpr unsigned MaxSelfManagedFunctions = 64;

/// Whether Routine, run as a thread, detaches itself or hands its own id
/// over: `pthread_self()` (or a local holding it) passed to pthread_detach,
/// stored anywhere but in a plain local variable of the function (a member
/// reached through a pointer, a global, a static, a field of a local struct;
/// a local's own uses are followed one step), or passed to a function other than one
/// that only acts on the id (model's onlyActsOnThreadId: pthread_equal,
/// pthread_kill, pthread_setname_np...) and other than a variadic
/// argument (a printf). Only bodies in the translation unit, outside system
/// headers, count: unknown code hands nothing over here.
bool threadManagesItsOwnHandle(const FunctionDecl &Routine);

/// The same for the start routine of a pthread_create call, when it names
/// a function of the translation unit; false otherwise.
bool createdThreadManagesItsOwnHandle(const CallExpr &Create);

} // namespace clang::tidy::parlint

#endif
