#ifndef PARLINT_CHECKS_UNSYNCHRONIZEDSHAREDWRITE_UNSYNCHRONIZEDSHAREDWRITECHECK_H
#define PARLINT_CHECKS_UNSYNCHRONIZEDSHAREDWRITE_UNSYNCHRONIZEDSHAREDWRITECHECK_H

#include "../analysis/CalledWorkers.h"
#include "../analysis/FieldWorkers.h"
#include "../analysis/MemberWorkers.h"
#include "../analysis/Publication.h"
#include "../analysis/SharedWrites.h"
#include "../analysis/SummaryWrites.h"
#include "../analysis/WorkerLifetime.h"
#include "../common/ParlintCheck.h"
#include <vector>

namespace clang::tidy::parlint {

/// parlint-unsynchronized-shared-write: a write inside a worker (a thread,
/// an async task, a pool task) to an object it reaches by reference, not
/// protected by a lock there, while another thread may touch the same
/// object: another instance of the same worker, another worker, or the
/// launching thread before it joins. See
/// docs/checks/parlint-unsynchronized-shared-write.md.
class UnsynchronizedSharedWriteCheck : public ParlintCheck {
public:
  UnsynchronizedSharedWriteCheck(StringRef Name, ClangTidyContext *Context)
      : ParlintCheck(Name, Context, TemplateCode::Instantiations) {}

protected:
  void checkFunction(const FunctionUnderCheck &Function) override;
  /// pthreads writing globals exist in C too.
  bool supportsC() const override { return true; }

private:
  /// One launch of the body being checked, with what is known about it.
  struct Worker {
    Launch Spawn;
    const Stmt *Loop = nullptr; ///< the loop that launches it repeatedly
    bool LoopOverlaps = false;  ///< and its iterations' workers overlap
    WorkerLifetime Lifetime;
    WorkerCode Code;
    WorkerAccesses Accesses;
    /// A worker started by a function the body calls (CalledWorkers):
    /// Spawn is then its launch with the call as where it starts.
    std::optional<CalledWorker> Through;
  };
  /// The launches of one body (a function's or a lambda's), what the
  /// launching thread itself touches, and the path engine's answers, asked
  /// once each.
  struct LaunchingBody {
    explicit LaunchingBody(const FunctionAnalysis &Owner) : Owner(Owner) {}
    const FunctionAnalysis &Owner;
    std::vector<Worker> Workers;
    llvm::SmallVector<SharedAccess, 8> Accesses;
    /// No worker writes or reads anything shared outside a hand-off's
    /// order but the element it was handed, or what it reads and then tells
    /// no one of (answeredByNothing): only the launching thread's writes of
    /// that element after the start, and its writes nothing publishes, are
    /// compared.
    bool OnlyNarrowReads = false;
    /// Whether the two workers may run at the same time.
    bool overlap(const Worker &A, const Worker &B);
    /// Whether W may be running when the launching thread reaches S.
    bool runningAt(const Worker &W, const Stmt &S);
    /// Whether the launching thread, once W is started, may take part in a
    /// hand-off with it (before or after its own access: either side may
    /// wait for the other): a worker's hand-off orders nothing with a
    /// thread that never takes part in one.
    bool handOffAfterStart(const Worker &W);
    /// Whether the launching thread may take part in a hand-off between
    /// W's start and S: one written after the start and before S, one in
    /// a loop around S or around the start, or S itself.
    bool handOffBefore(const Worker &W, const Stmt &S);
    /// Whether the hand-off Call is the load of a flag that a loop around S
    /// polls and that, each time the loop's body runs, still holds its
    /// first value (PolledFlags): it orders nothing for S.
    bool pollsOnlyFirstValue(const Expr &Call, const Stmt &S) const;
    /// Whether every hand-off of the launching thread after W's start is
    /// such a poll around S: nothing it does can take turns with W at S.
    bool onlyPollsAround(const Worker &W, const Stmt &S);
    /// Whether W may take part in a hand-off at all: one of its own, or a
    /// call that may hand off (SummaryWrites::takesPartInHandOff).
    bool mayTakePartInHandOff(const Worker &W);
    /// Whether the launching thread, after S, may publish what S wrote (a
    /// lock, an ordering hand-off, unseen code) at a statement Counts
    /// accepts.
    bool publishesAfter(const Stmt &S,
                        llvm::function_ref<bool(const Stmt &)> Counts);
    /// Whether no worker starts after S (later, or in a loop around S)
    /// while W may run: a later start publishes S to the new thread, which
    /// may pass it on to W.
    bool startsNothingAfter(const Worker &W, const Stmt &S);

    /// Whether what W may release after one of its accesses (at most the
    /// mutexes Released: SharedAccess::ReleasesAfter) reaches no other
    /// thread of this body: W runs once, on a thread of its own; no other
    /// worker and not the launching thread takes one of Released; and the
    /// launching thread does not learn of a worker's end (a join, a
    /// future's wait) before anything it may publish.
    bool releasesToNoOne(const Worker &W, const LockKeys &Released);

  private:
    /// What the launching thread may release while a worker runs, and
    /// where it joins one or waits for a future.
    void findReleases();
    struct LauncherRelease {
      const Stmt *Where;
      SummaryWrites::Locking Does;
    };
    llvm::SmallVector<LauncherRelease, 4> Releases;
    llvm::SmallVector<const Stmt *, 4> Joins;
    bool ReleasesFound = false;
    /// Whether the launching thread may publish anything after it learned
    /// of a worker's end, while another may run.
    bool publishesAfterAJoin();
    std::optional<bool> PublishesAfterJoin;
    /// Whether W's own code joins a thread or waits for a future.
    bool learnsOfAnEnd(const Worker &W);
    llvm::DenseMap<const Worker *, bool> LearnsOfEnd;
    void findHandOffCalls();
    /// Whether Call is in a loop around S.
    bool inLoopAround(const Stmt &S, const Stmt &Call) const;
    llvm::SmallVector<const Expr *, 8> HandOffCalls;
    bool HandOffCallsFound = false;
    std::optional<PublicationPaths> Publication;
    llvm::DenseMap<std::pair<const Worker *, const Worker *>, bool> Overlaps;
    llvm::DenseMap<std::pair<const Worker *, const Stmt *>, bool> Running;
    llvm::DenseMap<const Worker *, bool> TakesPart;
  };
  /// Where W starts: its launch, or the call of the function that starts
  /// it.
  void noteStart(const Worker &W, const SourceManager &SM);
  void checkLauncher(std::vector<Launch> Spawns, std::vector<CalledWorker> Called,
                     const FunctionAnalysis &Owner);
  /// Writes to a worker's own slot that the launching thread reads, every
  /// slot, while the worker runs.
  void checkOwnSlotWrites(LaunchingBody &Body);
  /// Workers a method starts on `this` and keeps in a member: their writes
  /// against the object's other methods, called elsewhere while they run
  /// (MemberWorkers).
  void checkMemberWorkers(const CXXMethodDecl &Method,
                          const FunctionUnderCheck &Function);
  /// Reports writes a worker makes to an object after signalling another
  /// thread that it is ready (CompletionSignals).
  void checkWritesAfterSignal(const Stmt &WorkerBody, ASTContext &Context);
  /// Reports a worker's unlocked write to a member that a call of the
  /// launching thread, made while the worker runs, touches under a mutex
  /// member of the same object, whatever name each side reaches it by.
  void checkWritesToGuardedMembers(LaunchingBody &Body);
  /// Reports ring elements a method touches after the atomic store that
  /// hands them to the other thread (HandedOverElements).
  void checkHandedOverElements(const CXXMethodDecl &Method, ASTContext &Context);
  /// Reports the write when one of Calls reads or writes its object without
  /// the lock taken at the write; true when it was reported.
  bool checkMemberWorkerWrite(const SharedAccess &Write, const Launch &Spawn,
                              const FieldDecl &Handle,
                              llvm::ArrayRef<CallWhileRunning> Calls,
                              ASTContext &Context);
  /// Reports the write of one of Calls (a setter) to what the member
  /// worker reads there, without a lock shared with the read; true when it
  /// was reported.
  bool checkMemberWorkerRead(const SharedAccess &Read, const Launch &Spawn,
                             const FieldDecl &Handle,
                             llvm::ArrayRef<CallWhileRunning> Calls,
                             ASTContext &Context);
  /// Reports the member worker's write when the destructor's body reads
  /// it while a std::jthread member still runs (MemberWorkers'
  /// readsBeforeMemberJoin); true when it was reported.
  bool checkReadBeforeMemberJoin(const SharedAccess &Write, const Launch &Spawn,
                                 const FieldDecl &Handle,
                                 const CXXRecordDecl &Record, ASTContext &Context);
  /// Reports the member worker's write made after its last hand-off, with
  /// no lock, when a method of the class reads it before that method joins
  /// the worker itself (MemberWorkers' readsBeforeOwnJoin): only the join
  /// could order the two. True when it was reported.
  bool checkReadBeforeOwnJoin(const SharedAccess &Write, const Launch &Spawn,
                              const FieldDecl &Handle,
                              const CXXRecordDecl &Record, ASTContext &Context);
  /// Reports a method's write, before it joins the member worker, to what
  /// the worker reads there without a lock shared with it (a plain stop
  /// flag); true when it was reported.
  bool checkWriteBeforeJoin(const SharedAccess &Read, const Launch &Spawn,
                            const FieldDecl &Handle, const CXXRecordDecl &Record,
                            ASTContext &Context);
  /// Workers a function starts and keeps in a field of the object its
  /// pointer parameter designates (`pthread_create(&s->thread, NULL, run,
  /// s)`): what another function writes to that object before it joins the
  /// field, against what the worker reads (FieldWorkers).
  void checkFieldWorkers(const FunctionUnderCheck &Function);
  /// What a function that starts such a worker (`job_start(&j, ...)`) and
  /// joins it later touches of the object in between, directly or through
  /// a call, against what the worker touches (FieldWorkers' OwnerAccess).
  void checkOwnerAccesses(const WorkerAccesses &Worker, const FieldWorker &Kept,
                          const Launch &Spawn, const FunctionDecl &Launcher,
                          ASTContext &Context);
  /// The report of a write made before the join while the worker reads its
  /// object; false when it was reported at that place already.
  void reportWriteBeforeJoin(const SharedAccess &Read, const Expr &Write,
                             const ObjectPath &Written, bool Scalar, bool Locked,
                             const Stmt *Join, bool JoinedByMemberDestructor,
                             const Launch &Spawn, const FieldDecl &Handle,
                             const SourceManager &SM,
                             const FieldDecl *DestroyedMember = nullptr);
  /// Writes of a constructor's body to members that a worker started in
  /// its member initializers reads: the worker runs before the body.
  void checkConstructorBodyWrites(const WorkerAccesses &Worker,
                                  const Launch &Spawn, const FieldDecl &Handle,
                                  const FunctionUnderCheck &Constructor);
  /// Members declared below the thread member, initialized after its
  /// initializer started the worker that reads them (a read Unordered
  /// accepts: nothing the constructor does later orders it).
  void checkLaterMemberInitializers(
      const WorkerAccesses &Worker, const Launch &Spawn, const FieldDecl &Handle,
      const FunctionUnderCheck &Constructor,
      llvm::function_ref<bool(const SharedAccess &)> Unordered);
  /// A note at a worker's read (or its call that reads) that another
  /// thread's write meets; WithoutWritersLock adds that the read does not
  /// hold the lock the write holds.
  void noteWorkerRead(const SharedAccess &Read, bool WithoutWritersLock,
                      const SourceManager &SM);
  /// A note at the worker's call that leads to a write in a callee.
  void noteWorkerCall(const SharedAccess &Write, const SourceManager &SM);
  /// That note, and one at the launch of a member worker.
  void noteMemberWorker(const SharedAccess &Write, const Launch &Spawn,
                        const FieldDecl &Handle, const SourceManager &SM);
  /// Reports a member worker's write through a reference member bound by
  /// the constructor when the code that started it, or another object's
  /// worker, touches the bound object (MemberWorkers); true when reported.
  bool checkBoundReferenceWrite(const SharedAccess &Write, const Launch &Spawn,
                                const FieldDecl &Handle,
                                const CXXRecordDecl &Record,
                                ASTContext &Context);
  /// Writes of the launching thread to what a worker still running reads
  /// (the loop counter whose address each worker got, a member assigned
  /// after the constructor started the thread): one report per object.
  void checkLauncherWrites(LaunchingBody &Body);
  /// Reports the write when it conflicts; true when it was reported (now or
  /// before, at the same place).
  bool checkWrite(const Worker &Writer, const SharedAccess &Write,
                  LaunchingBody &Body);
};

} // namespace clang::tidy::parlint

#endif
