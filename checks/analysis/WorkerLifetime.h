// Where, in the function that launches it, a worker may still be running:
// the handle of a thread launch (a std::thread, a std::jthread, a container
// of them, a pthread_t, a std::async future) followed by the path engine, a
// detached thread or one kept in a member (running on past the function),
// and a task queued on a pool (running until the pool is waited for, shut
// down or destroyed, or its own future is waited for).
#ifndef PARLINT_CHECKS_ANALYSIS_WORKERLIFETIME_H
#define PARLINT_CHECKS_ANALYSIS_WORKERLIFETIME_H

#include "../common/AnalysisCache.h"
#include "../model/Launch.h"
#include "HandleFlow.h"

namespace clang::tidy::parlint {

struct WorkerLifetime {
  enum KindType {
    /// The handle is followed: Var (null for a handle without a local
    /// variable, such as a pool parameter), Events and Rules answer
    /// mayBeRunningAt.
    Tracked,
    /// The worker runs on after the function returns (detached, or its
    /// handle kept in a member or global): started at the launch, never
    /// finished in this function.
    RunsOn,
    /// Waited for within its own statement (`std::thread(f).join()`,
    /// `std::async(f).get()`, a discarded async future).
    WaitedAtOnce,
    /// The handle escapes (moved, returned, passed on) or is not
    /// understood: nothing can be said. Events holds the launch as a start
    /// when the handle is kept in a local of another type (a container of
    /// futures), for callers that count such a worker as running on.
    Untracked,
  };
  KindType Kind = Untracked;
  /// The local thread handle the launch starts (a thread, a container of
  /// them, a future, a pthread_t), whether followed or not: launches into one
  /// handle share it.
  const VarDecl *Handle = nullptr;
  /// The variable whose lifetime ends the worker for the path engine.
  const VarDecl *Var = nullptr;
  HandleEvents Events;
  FlowRules Rules;
  /// A pthread whose pthread_detach lets it run on (for notes).
  bool Detached = false;
};

/// The lifetime of the worker of a thread launch (startsOwnThread; async
/// futures kept in a local container are followed too) or of a task queued
/// on a pool (parlint::ThreadPool submit/post, boost::asio::post
/// onto a thread pool), in Launcher, the body that holds the launch.
WorkerLifetime lifetimeOf(const Launch &Spawn, const FunctionAnalysis &Launcher);

/// Whether the worker may be running just before At is evaluated: always
/// after the launch for RunsOn, never for WaitedAtOnce, the path engine's
/// answer for Tracked. Untracked counts as RunsOn when AssumeUntrackedRuns
/// is set and its Events hold the launch, as never running otherwise (an
/// escaping handle may be joined anywhere).
bool mayBeRunningAt(const WorkerLifetime &Lifetime, const Launch &Spawn,
                    const FunctionAnalysis &Launcher, const Stmt &At,
                    bool AssumeUntrackedRuns);

/// The pool a launch queues its task on (the object of submit/post, the
/// executor argument of boost::asio::post when it is a thread pool or that
/// pool's executor), or null.
const Expr *poolOfLaunch(const Launch &Spawn);

/// Whether the pool a launch queues on runs its tasks one at a time: a
/// strand, an io_context (run by threads parlint cannot see), or a pool
/// constructed with a single worker.
bool runsTasksOneAtATime(const Launch &Spawn, const FunctionAnalysis &Launcher);

} // namespace clang::tidy::parlint

#endif
