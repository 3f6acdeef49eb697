// Workers a class keeps in its members, and the calls the rest of the
// translation unit makes on an object of that class while its worker may
// still run. A method (a constructor's member initializer included) starts
// a thread, jthread or std::async task on `this` and stores its handle in a
// member; the object's other methods are the worker's contract with every
// other thread, so a caller that starts the object's worker and then calls
// `percent()` before `wait()` runs that method alongside the worker.
//
// A caller's events on one object (a local, a member of its own `*this`, a
// global) come from the function summaries: a call of a method that starts
// the member starts it, one that may finish it (join, get, detach, unknown
// code) finishes it, and so does anything that waits for another thread
// (a method or a call that joins, gets a future, waits on a condition
// variable or loads an atomic: what it reads after may have been handed
// over) or hands the object to code that may stop it. The path engine
// (HandleFlow) says whether the worker may be running at each other call.
// Calls inside a lambda count at the launch that runs the lambda on a
// thread of its own; inside any other lambda they do not count.
#ifndef PARLINT_CHECKS_ANALYSIS_MEMBERWORKERS_H
#define PARLINT_CHECKS_ANALYSIS_MEMBERWORKERS_H

#include "../common/AnalysisCache.h"
#include "../model/Launch.h"
#include "LockScopes.h"
#include "ObjectPath.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::parlint {

/// The member of `*this` a launch of Method stores its handle in (an
/// assignment, a constructor's member initializer, an emplace into a member
/// container), or null.
const FieldDecl *memberHoldingLaunch(const Launch &Spawn,
                                     const CXXMethodDecl &Method,
                                     const FunctionAnalysis &Body);

/// The launches in a constructor's member initializers of handle members
/// (`worker_([this] { run(); })`), which forEachLaunch over the body does
/// not see, each with the member it initializes.
llvm::SmallVector<std::pair<Launch, const FieldDecl *>, 1>
launchesInMemberInitializers(const CXXConstructorDecl &Constructor,
                             ASTContext &Context);

/// A call of one of the class's methods, made where the object's member
/// worker may be running.
struct CallWhileRunning {
  const CXXMemberCallExpr *Call = nullptr;
  const CXXMethodDecl *Method = nullptr;
  /// Where the call runs as far as the caller's thread is concerned: the
  /// call itself, or the launch of the lambda it is in.
  const Stmt *At = nullptr;
  /// The body of the function that makes the call.
  const FunctionAnalysis *Caller = nullptr;
};

/// The calls of Record's methods other than those that start or finish
/// Handle, made anywhere in the translation unit's own code on an object
/// whose worker behind Handle was started before in the same function and
/// may still run there. Methods that wait for another thread are left out
/// (their reads may follow a hand-off). A wait of the caller's (a future's
/// get) ends the worker's run for what it published before; with
/// OnlyJoinsFinish, for a write the worker published nothing after
/// (SharedAccess::PublishedByNothing), only a join or a detach does.
llvm::SmallVector<CallWhileRunning, 4>
callsWhileMemberRuns(const CXXRecordDecl &Record, const FieldDecl &Handle,
                     ASTContext &Context, bool OnlyJoinsFinish = false);

/// The member a getter call hands its caller by reference
/// (memberReturnedBy), read by the caller there and then: `s.stats().samples`
/// (that member of it), a copy, an argument. The read happens after the
/// getter's own lock, if any, is gone. Nullopt for any other call, and for
/// one bound to a reference variable (its uses are elsewhere).
std::optional<ObjectPath> memberReadThroughGetter(const CXXMemberCallExpr &Call,
                                                  const FunctionAnalysis &Caller);

/// A write a method of the class makes to a member of `*this` before it
/// joins the member worker itself (`stop() { stopping_ = true;
/// cv_.notify_all(); worker_.join(); }`): the worker still runs there.
struct WriteBeforeJoin {
  const CXXMethodDecl *Method = nullptr;
  /// The write, in Method's own body or, when Via is set, in the body of
  /// the class's own method that Via calls.
  const Expr *Where = nullptr;
  /// The call of Method, before the join, that makes the write
  /// (`~Queue() { shutdown(); worker_.join(); }`), or null.
  const CallExpr *Via = nullptr;
  ObjectPath Object;           ///< in Method's names (rooted at `this`)
  LockSet Held;
  bool Scalar = false;
  const Stmt *Join = nullptr; ///< the join that follows it
  /// The member joins itself when destroyed (std::jthread), after the
  /// destructor's body: Join is that body.
  bool JoinedByMemberDestructor = false;
  /// The write is made by the destructor of this member, declared after
  /// the std::jthread and so destroyed before it joins.
  const FieldDecl *DestroyedMember = nullptr;
};
llvm::SmallVector<WriteBeforeJoin, 2>
writesBeforeJoin(const CXXRecordDecl &Record, const FieldDecl &Handle,
                 ASTContext &Context);

/// A read a method of the class makes of a member of `*this` before it
/// joins the member worker itself: in its own body, or in the predicate of
/// a condition variable's wait there (`cv_.wait_for(lk, 2ms, [this] {
/// return finished(); })`, with what the class's own methods that the
/// predicate calls read). The worker still runs there.
struct ReadBeforeOwnJoin {
  const CXXMethodDecl *Method = nullptr;
  const Expr *Where = nullptr;
  ObjectPath Object; ///< rooted at `this`
  const Stmt *Join = nullptr;
};
llvm::SmallVector<ReadBeforeOwnJoin, 2>
readsBeforeOwnJoin(const CXXRecordDecl &Record, const FieldDecl &Handle,
                   ASTContext &Context);

/// A read the destructor's body makes of a member of `*this` while a
/// std::jthread member still runs: it joins only when destroyed, after the
/// body (`~Exporter() { worker_.request_stop(); report(sent_); }`). Only
/// for a body whose calls are all of the standard library's or the C
/// library's and none waits for another thread (a request_stop on the
/// handle asks; it waits for nothing).
struct ReadBeforeJoin {
  const Expr *Where = nullptr;
  ObjectPath Object; ///< rooted at `this`
  LockSet Held;
  const CXXDestructorDecl *Destructor = nullptr;
};
llvm::SmallVector<ReadBeforeJoin, 2>
readsBeforeMemberJoin(const CXXRecordDecl &Record, const FieldDecl &Handle,
                      ASTContext &Context);

/// A place the write of a member worker through a reference member bound
/// by the constructor (`Downloader(TransferStats &s) : stats_(s)`) meets
/// another thread: the caller's own access to the object it bound, or the
/// start of another object's worker bound to the same one.
struct BoundAccess {
  const Stmt *Where = nullptr;
  bool Writes = false;
  bool OtherWorker = false;
};

/// For a write of a member worker to Written (`this->stats_.files`, the
/// first member a reference bound by the constructor), made holding Held:
/// where a caller that constructs and starts objects of Record touches the
/// object it bound without a lock shared with the write while the worker
/// may run, or starts another such object bound to the same one.
llvm::SmallVector<BoundAccess, 4>
accessesThroughBoundReference(const CXXRecordDecl &Record,
                              const FieldDecl &Handle,
                              const ObjectPath &Written, const LockSet &Held,
                              ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
