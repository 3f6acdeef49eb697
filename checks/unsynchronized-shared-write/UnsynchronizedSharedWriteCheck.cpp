#include "UnsynchronizedSharedWriteCheck.h"
#include "../analysis/HandedOverElements.h"
#include "../analysis/PolledFlags.h"
#include "../analysis/FieldWorkers.h"
#include "../analysis/LoopBounds.h"
#include "../analysis/SpawnHandle.h"
#include "../analysis/SummaryWrites.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::parlint {

namespace {

/// Launches whose worker runs alongside the launching thread and shares its
/// memory: threads, thread-starting std::async, tasks on a thread pool.
/// Processes, deferred tasks and handlers posted to an io_context or a
/// strand (run by threads parlint cannot see) are not.
bool runsConcurrently(const Launch &Spawn) {
  if (Spawn.Kind == LaunchKind::PoolSubmit || Spawn.Kind == LaunchKind::AsioPost)
    return poolOfLaunch(Spawn) != nullptr;
  return Spawn.startsOwnThread();
}

/// The same callable: one lambda object launched twice, or one function.
bool sameCallable(const Launch &A, const Launch &B) {
  if (A.LambdaVariable || B.LambdaVariable)
    return A.LambdaVariable == B.LambdaVariable;
  return !A.Lambda && !B.Lambda && A.Worker && A.Worker == B.Worker;
}

bool samePoolRunningOneAtATime(const Launch &A, const Launch &B,
                               const FunctionAnalysis &Owner) {
  const Expr *PoolA = poolOfLaunch(A), *PoolB = poolOfLaunch(B);
  return PoolA && PoolB && rootVariable(PoolA) &&
         rootVariable(PoolA) == rootVariable(PoolB) &&
         runsTasksOneAtATime(A, Owner);
}

/// Whether the loop makes at most one trip (`for (i = 0; i < 1; ++i)`).
bool singleTrip(const Stmt &Loop, ASTContext &Context) {
  auto Bound = constantLoopBound(Loop, nullptr, Context);
  return Bound && Bound->Trips <= 1;
}

std::string whatIsWritten(const SharedAccess &Write) {
  std::string Object = "'" + Write.Object.describe() + "'";
  switch (Write.Write) {
  case WriteKind::Modify:
    return "call to '" + identifierOf(Write.Method).str() + "' on " + Object;
  case WriteKind::Insert:
    return "insertion into " + Object + " by operator[]";
  default:
    return "write to " + Object;
  }
}

/// An atomic would do for the written value: a scalar assigned or updated,
/// not a bit-field (which cannot be atomic).
bool atomicWouldDo(const SharedAccess &Write) {
  return Write.Scalar &&
         (Write.Write == WriteKind::Assign || Write.Write == WriteKind::Update) &&
         (Write.Object.Fields.empty() || !Write.Object.Fields.back()->isBitField());
}

/// Whether S is the increment of a `for` loop: its counter wants a copy per
/// worker, not an atomic.
bool countsLoop(const Stmt &S, const FunctionAnalysis &Owner) {
  const auto *For = dyn_cast_or_null<ForStmt>(Owner.parentIgnoringImplicit(S));
  return For && For->getInc() == &S;
}

/// Whether a read touches the written object itself or a part of it. A
/// read of a whole enclosing object (`this` handed on as a pointer, a
/// struct passed to unknown code) is too coarse to pair with one member's
/// write.
/// A thread's join() or detach(): a constructor that calls one does more
/// than fill in members.
bool joinsOrDetaches(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
  return Method &&
         (isStdThreadClass(Method->getParent()) ||
          isStdJThreadClass(Method->getParent())) &&
         llvm::is_contained({"join", "detach"}, identifierOf(Method));
}

/// Whether the worker's hand-offs may order Access with another thread
/// taking part: not when it only polls a flag and Access is in the polling
/// loop, which runs while the flag is still unset; nor when Access is read
/// in a loop's condition on every trip and the only hand-offs are condition
/// variables, which order only what is around their waits; nor for a write
/// that nothing after it publishes (SharedAccess::PublishedByNothing).
bool mayBeOrderedByHandOff(const WorkerAccesses &Worker,
                           const SharedAccess &Access) {
  return Worker.HandsOff && !(Worker.PollsOnly && Access.WhilePolling) &&
         !(Access.InLoopCondition && !Access.isWrite() && !Worker.OrdersInstances) &&
         !Access.PublishedByNothing;
}

/// A read after which the worker only releases locks, if anything, until
/// it ends (SharedAccess::ReleasesAfter): no hand-off of its own tells
/// another thread that the read is done, so a write stored after that
/// thread's last unlock or notify is ordered with it by nothing.
bool answeredByNothing(const SharedAccess &Read) {
  return !Read.isWrite() && Read.ReleasesAfter.has_value();
}

/// Whether the worker's hand-offs may order Access in two of its instances
/// (WorkerAccesses::OrdersInstances), with the same exception.
/// A read the worker makes before it takes part in any hand-off, while it
/// takes no lock on anything it shares: only what the launching thread
/// does before the start orders it.
bool readBeforeAnyHandOff(const WorkerAccesses &Worker, const SharedAccess &Read) {
  return !Read.isWrite() && Read.BeforeAnyHandOff && !Read.InHandOffLoop &&
         !Read.WhilePolling &&
         llvm::none_of(Worker.Accesses,
                       [](const SharedAccess &A) { return !A.Held.empty(); });
}

bool mayOrderInstances(const WorkerAccesses &Worker, const SharedAccess &Access) {
  return Worker.OrdersInstances && !(Worker.PollsOnly && Access.WhilePolling) &&
         !Access.PublishedByNothing;
}

bool readsWritten(const ObjectPath &Read, const ObjectPath &Written) {
  if (!Read.overlaps(Written) || Read.Fields.size() < Written.Fields.size())
    return false;
  // `c->buckets[b] = t` against `t->pixels`: storing pointers into an
  // array (or a pointer member) changes none of the objects they point to,
  // which the read goes on to.
  if (Read.Fields.size() > Written.Fields.size() && !Written.Fields.empty()) {
    QualType Slot = Written.Fields.back()->getType();
    if (const ArrayType *Array = Slot->getAsArrayTypeUnsafe())
      Slot = Array->getElementType();
    if (Slot->isPointerType())
      return false;
  }
  return true;
}

/// A read of a standard container as a whole against a write to a member of
/// one of its elements (`sessions_` iterated or sized by one worker,
/// `sessions_[id].bytes_out` written by another): walking the container
/// reads its nodes and keys, which that write does not touch. A write of
/// the element itself (`m[k] = v`) or of the container still meets it.
bool readsContainerAround(const SharedAccess &Read, const ObjectPath &Written) {
  if (Read.isWrite() || !Read.Object.overlaps(Written) ||
      Read.Object.Fields.size() >= Written.Fields.size())
    return false;
  QualType Type = Read.Object.Fields.empty()
                      ? (Read.Object.Root ? Read.Object.Root->getType() : QualType())
                      : Read.Object.Fields.back()->getType();
  if (Type.isNull())
    return false;
  Type = Type.getNonReferenceType();
  if (Read.Object.ThroughPointer && Read.Object.Fields.empty() && Type->isPointerType())
    Type = Type->getPointeeType();
  return isStdContainer(Type.getCanonicalType()->getAsCXXRecordDecl());
}

/// Whether Method is one of Object's own class (`slots.size()`), not of an
/// element's (`slots[i].empty()`: the path names no element); true when
/// Object's type cannot be told.
bool isMethodOfObject(const CXXMethodDecl &Method, const ObjectPath &Object) {
  QualType Type;
  if (!Object.Fields.empty())
    Type = Object.Fields.back()->getType();
  else if (Object.Root)
    Type = Object.Root->getType();
  if (Type.isNull())
    return true;
  Type = Type.getNonReferenceType();
  if (Object.ThroughPointer && Object.Fields.empty() && Type->isPointerType())
    Type = Type->getPointeeType();
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  return !Record ||
         Record->getCanonicalDecl() == Method.getParent()->getCanonicalDecl();
}

/// The lock an access holds, quoted, for notes.
std::string lockNamed(const SharedAccess &Access) {
  for (const HeldLock &Lock : Access.Held)
    if (Lock.Mutex)
      return "'" + Lock.Mutex->describe() + "'";
  return "another lock";
}

/// "a", "a or b", "a, b, or c".
std::string alternatives(llvm::ArrayRef<std::string> Choices) {
  std::string Text;
  for (size_t I = 0; I < Choices.size(); ++I) {
    if (I > 0)
      Text += Choices.size() == 2 ? " or " : I + 1 == Choices.size() ? ", or " : ", ";
    Text += Choices[I];
  }
  return Text;
}

/// The name of a callee for a message, empty for none.
std::string calleeName(const FunctionDecl *Callee) {
  return Callee ? Callee->getQualifiedNameAsString() : std::string();
}

enum Reason { Repeated = 0, OtherWorker = 1, Launcher = 2 };

/// Why a write conflicts, and where the other side is.
struct Conflict {
  Reason Why;
  SourceLocation NoteAt;
  enum NoteKind {
    AtLoop,
    AgainHere,
    AtAccess,
    UnlockedRead,
    OtherLockWrite,
    OthersRead,
    AgainOtherLock
  } Note;
  bool OtherWrites = false;
  /// The other access is to a bit-field next to the written one (the same
  /// memory location), named for the note.
  const FieldDecl *NeighbourBitField = nullptr;
};

/// The bit-field B's path ends in when it parts from A's at a bit-field
/// (two neighbours in one memory location), or null.
const FieldDecl *neighbourBitField(const ObjectPath &A, const ObjectPath &B) {
  for (size_t I = 0; I < std::min(A.Fields.size(), B.Fields.size()); ++I)
    if (A.Fields[I] != B.Fields[I])
      return A.Fields[I]->isBitField() ? B.Fields[I] : nullptr;
  return nullptr;
}

/// Whether the element Write (made in the worker's own code) fills is
/// picked by something that changes from one trip of Loop to the next
/// (`history[f & 1][id]` with `f` the loop's counter): the next trip fills
/// another element.
bool slotChangesPerTrip(const SharedAccess &Write, const Stmt &Loop,
                        const SourceManager &SM) {
  if (Write.Via)
    return false;
  const Expr *Target = Write.Where;
  if (const auto *Assign = dyn_cast<BinaryOperator>(Target))
    Target = Assign->getLHS();
  bool Changes = false;
  forEachDescendant(Target, /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Subscript = dyn_cast<ArraySubscriptExpr>(&S);
    if (!Subscript)
      return;
    forEachDescendant(Subscript->getIdx(), /*SkipLambdas=*/true,
                      [&](const Stmt &Name) {
                        const auto *Ref = dyn_cast<DeclRefExpr>(&Name);
                        Changes |= Ref && (isWithin(Ref->getDecl(), &Loop, SM) ||
                                           isChangedWithin(Ref->getDecl(), Loop));
                      });
  });
  return Changes;
}

} // namespace

void UnsynchronizedSharedWriteCheck::checkFunction(
    const FunctionUnderCheck &Function) {
  // A lambda inside a function is checked with that function: its launches
  // are grouped by the body that holds them.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function.Decl);
      Method && Method->getParent()->isLambda() &&
      Method->getParent()->getDeclContext()->isFunctionOrMethod())
    return;
  struct Launches {
    std::vector<Launch> Spawns;
    std::vector<CalledWorker> Called;
  };
  llvm::MapVector<const Stmt *, Launches> ByOwner;
  auto OwnerOf = [&](const Expr &Start) -> Launches & {
    const LambdaExpr *Lambda = Function.Analysis.enclosingLambda(Start);
    return ByOwner[Lambda ? Lambda->getBody() : &Function.Body];
  };
  forEachLaunch(Function.Body, Function.Context, [&](const Launch &Spawn) {
    if (runsConcurrently(Spawn))
      OwnerOf(*Spawn.Call).Spawns.push_back(Spawn);
  });
  // Threads started by the functions it calls run alongside it too.
  forEachCalledWorker(Function.Body, Function.Context, [&](CalledWorker Worker) {
    OwnerOf(*Worker.Call).Called.push_back(std::move(Worker));
  });
  for (auto &[Owner, Found] : ByOwner)
    checkLauncher(std::move(Found.Spawns), std::move(Found.Called),
                  analysisOf(*Owner, Function.Context));
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function.Decl);
      Method && Method->isInstance()) {
    checkMemberWorkers(*Method, Function);
    checkHandedOverElements(*Method, Function.Context);
  }
  checkFieldWorkers(Function);
}

void UnsynchronizedSharedWriteCheck::checkHandedOverElements(
    const CXXMethodDecl &Method, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  for (const ElementAfterHandOver &Found : elementsTouchedAfterHandOver(Method)) {
    SourceLocation Where = reportLocation(*Found.Access, SM);
    if (Where.isInvalid() || !firstReportAt(Where))
      continue;
    diag(Where, "unsynchronized %select{read|write}0 of an element of %1 after "
                "the store to %2 that hands it to the other thread; "
                "%select{read|fill}0 the element before that store")
        << Found.Write << Found.Array << Found.Counter;
    diag(expansionStart(*Found.Store, SM),
         "the element is handed over here", DiagnosticIDs::Note);
    diag(expansionStart(*Found.OtherLoad, SM),
         "the other thread sees the store here", DiagnosticIDs::Note);
    diag(expansionStart(*Found.OtherAccess, SM),
         "and then %select{writes|touches}0 the array's elements here",
         DiagnosticIDs::Note)
        << Found.Write;
  }
}

void UnsynchronizedSharedWriteCheck::checkMemberWorkers(
    const CXXMethodDecl &Method, const FunctionUnderCheck &Function) {
  ASTContext &Context = Function.Context;
  llvm::SmallVector<std::pair<Launch, const FieldDecl *>, 2> Kept;
  forEachLaunch(Function.Body, Context, [&](const Launch &Spawn) {
    if (!Spawn.startsOwnThread() || Function.Analysis.enclosingLambda(*Spawn.Call))
      return;
    if (const FieldDecl *Handle =
            memberHoldingLaunch(Spawn, Method, Function.Analysis))
      Kept.push_back({Spawn, Handle});
  });
  // Launches in the member initializers run before the whole body.
  size_t FirstInitialized = Kept.size();
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Method))
    for (auto &Initialized : launchesInMemberInitializers(*Constructor, Context))
      if (Initialized.first.startsOwnThread())
        Kept.push_back(std::move(Initialized));

  for (size_t I = 0; I < Kept.size(); ++I) {
    const auto &[Spawn, Handle] = Kept[I];
    WorkerCode Code = describeWorker(Spawn, Function.Analysis, nullptr, false);
    if (!Code.ThisObject || !Code.ThisObject->isThis())
      continue;
    WorkerAccesses Accesses = collectWorkerAccesses(Code, Context);
    if (I >= FirstInitialized)
      checkConstructorBodyWrites(Accesses, Spawn, *Handle, Function);
    std::optional<llvm::SmallVector<CallWhileRunning, 4>> Calls, CallsBeforeJoin;
    llvm::SmallVector<ObjectPath, 4> Reported;
    for (const SharedAccess &Write : Accesses.Accesses) {
      if (!Write.isWrite() || Write.ConstantToVolatile || !Write.Object.isThis() ||
          llvm::is_contained(Reported, Write.Object))
        continue;
      if (!Calls)
        Calls = callsWhileMemberRuns(*Method.getParent(), *Handle, Context);
      // Stored after the worker's last hand-off: a caller's wait for that
      // hand-off does not order it; only the join does.
      if (Write.PublishedByNothing && !CallsBeforeJoin)
        CallsBeforeJoin = callsWhileMemberRuns(*Method.getParent(), *Handle,
                                               Context, /*OnlyJoinsFinish=*/true);
      if (checkMemberWorkerWrite(Write, Spawn, *Handle,
                                 Write.PublishedByNothing ? *CallsBeforeJoin : *Calls,
                                 Context) ||
          checkBoundReferenceWrite(Write, Spawn, *Handle, *Method.getParent(),
                                   Context) ||
          checkReadBeforeMemberJoin(Write, Spawn, *Handle, *Method.getParent(),
                                    Context) ||
          checkReadBeforeOwnJoin(Write, Spawn, *Handle, *Method.getParent(),
                                 Context))
        Reported.push_back(Write.Object);
    }
    // What the worker reads, against the methods that write it meanwhile.
    for (const SharedAccess &Read : Accesses.Accesses) {
      // An update reads what it writes: a write made before the join meets
      // it too (`cursor_ = 0;` in the destructor, `cursor_++` in the worker).
      if (Read.isWrite() && Read.Object.isThis() &&
          !llvm::any_of(Reported, [&](const ObjectPath &Object) {
            return Object.overlaps(Read.Object);
          }) &&
          checkWriteBeforeJoin(Read, Spawn, *Handle, *Method.getParent(), Context))
        Reported.push_back(Read.Object);
      if (Read.isWrite() || !Read.Object.isThis() ||
          llvm::any_of(Reported, [&](const ObjectPath &Object) {
            return Object.overlaps(Read.Object);
          }))
        continue;
      if (!Calls)
        Calls = callsWhileMemberRuns(*Method.getParent(), *Handle, Context);
      if (checkMemberWorkerRead(Read, Spawn, *Handle, *Calls, Context) ||
          checkWriteBeforeJoin(Read, Spawn, *Handle, *Method.getParent(),
                               Context))
        Reported.push_back(Read.Object);
    }
  }
}

void UnsynchronizedSharedWriteCheck::checkConstructorBodyWrites(
    const WorkerAccesses &Worker, const Launch &Spawn, const FieldDecl &Handle,
    const FunctionUnderCheck &Constructor) {
  const FunctionAnalysis &Body = Constructor.Analysis;
  const SourceManager &SM = Constructor.Context.getSourceManager();
  // A worker that hands off may read only once the body handed it the
  // value; a read before its first hand-off is ordered by nothing.
  bool Unordered = !Worker.HandsOff || Worker.PollsOnly;
  auto Counts = [&](const SharedAccess &A) {
    return !A.isWrite() && A.Object.isThis() && (Unordered || A.BeforeAnyHandOff);
  };
  // The body may wait for the worker, or hand off with it, before it
  // writes: parlint does not follow such a body.
  bool TakesPart = false;
  forEachDescendant(&Body.body(), /*SkipLambdas=*/true, [&](const Stmt &Node) {
    if (const auto *Call = dyn_cast<CallExpr>(&Node))
      TakesPart |= SummaryWrites::takesPartInHandOff(*Call, Constructor.Context) ||
                   joinsOrDetaches(*Call);
    else if (const auto *Atomic = dyn_cast<AtomicExpr>(&Node))
      TakesPart |= SummaryWrites::takesPartInHandOff(*Atomic);
  });
  // A member initialized later than the thread: only a hand-off of the
  // body, which runs after every initializer, could order it.
  checkLaterMemberInitializers(Worker, Spawn, Handle, Constructor,
                               [&](const SharedAccess &A) {
                                 return !A.isWrite() && A.Held.empty() &&
                                        (!TakesPart || Counts(A));
                               });
  llvm::SmallVector<ObjectPath, 4> Read;
  for (const SharedAccess &A : Worker.Accesses)
    if (Counts(A) && !llvm::is_contained(Read, A.Object))
      Read.push_back(A.Object);
  if (Read.empty() || TakesPart)
    return;
  llvm::SmallVector<ObjectPath, 4> Reported;
  for (const SharedAccess &Write : collectLauncherAccesses(Body, {}, Read)) {
    if (!Write.isWrite() || Write.ConstantToVolatile ||
        llvm::is_contained(Reported, Write.Object))
      continue;
    const SharedAccess *Reading = nullptr;
    for (const SharedAccess &A : Worker.Accesses)
      if (!Reading && Counts(A) && readsWritten(A.Object, Write.Object) &&
          !sharesLock(Write.Held, A.Held))
        Reading = &A;
    if (!Reading)
      continue;
    SourceLocation Where = reportLocation(*Write.Where, SM);
    if (Where.isInvalid() || !firstReportAt(Where))
      continue;
    Reported.push_back(Write.Object);
    diag(Where, "unsynchronized %0 in the constructor's body, after the member "
                "initializer of %1 started the worker that reads it; "
                "initialize it in the member initializer list before %1 "
                "(declared above it), %select{|make it std::atomic, }2or "
                "guard every access with one mutex")
        << whatIsWritten(Write) << &Handle << atomicWouldDo(Write);
    noteWorkerRead(*Reading, !Write.Held.empty(), SM);
    diag(expansionStart(*Spawn.Call, SM), "the worker is started here",
         DiagnosticIDs::Note);
  }
}

void UnsynchronizedSharedWriteCheck::checkLaterMemberInitializers(
    const WorkerAccesses &Worker, const Launch &Spawn, const FieldDecl &Handle,
    const FunctionUnderCheck &Constructor,
    llvm::function_ref<bool(const SharedAccess &)> Unordered) {
  const auto *Init = dyn_cast<CXXConstructorDecl>(&Constructor.Decl);
  if (!Init)
    return;
  const SourceManager &SM = Constructor.Context.getSourceManager();
  // Members are initialized in the order they are declared: those below
  // the thread are set after its initializer started the worker.
  for (const CXXCtorInitializer *Member : Init->inits()) {
    const FieldDecl *Field = Member->getMember();
    if (!Field || Field->getParent() != Handle.getParent() ||
        Field->getFieldIndex() <= Handle.getFieldIndex() || !Member->getInit() ||
        !(Member->isWritten() || isa<CXXDefaultInitExpr>(Member->getInit())))
      continue;
    ObjectPath Written;
    Written.Fields.push_back(Field);
    const SharedAccess *Reading = nullptr;
    for (const SharedAccess &A : Worker.Accesses)
      if (!Reading && Unordered(A) && readsWritten(A.Object, Written))
        Reading = &A;
    if (!Reading)
      continue;
    SourceLocation Where = Member->isWritten()
                               ? SM.getExpansionLoc(Member->getSourceLocation())
                               : SM.getExpansionLoc(Field->getLocation());
    if (Where.isInvalid() || !firstReportAt(Where))
      continue;
    diag(Where, "%0 is initialized after %1, whose initializer starts the "
                "worker that reads it: members are initialized in the order "
                "they are declared; declare %0 above %1")
        << Field << &Handle;
    noteWorkerRead(*Reading, false, SM);
    diag(expansionStart(*Spawn.Call, SM), "the worker is started here",
         DiagnosticIDs::Note);
  }
}

bool UnsynchronizedSharedWriteCheck::checkWriteBeforeJoin(
    const SharedAccess &Read, const Launch &Spawn, const FieldDecl &Handle,
    const CXXRecordDecl &Record, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  for (const WriteBeforeJoin &Write : writesBeforeJoin(Record, Handle, Context)) {
    if (!readsWritten(Read.Object, Write.Object) ||
        sharesLock(Read.Held, Write.Held))
      continue;
    SourceLocation Where = reportLocation(*Write.Where, SM);
    if (Where.isInvalid())
      continue;
    if (firstReportAt(Where)) {
      reportWriteBeforeJoin(Read, *Write.Where, Write.Object, Write.Scalar,
                            !Write.Held.empty(), Write.Join,
                            Write.JoinedByMemberDestructor, Spawn, Handle, SM,
                            Write.DestroyedMember);
      if (Write.Via)
        diag(expansionStart(*Write.Via, SM),
             "%0 makes the write through this call of %1, before the join",
             DiagnosticIDs::Note)
            << Write.Method << Write.Via->getDirectCallee();
    }
    return true;
  }
  return false;
}

bool UnsynchronizedSharedWriteCheck::checkReadBeforeMemberJoin(
    const SharedAccess &Write, const Launch &Spawn, const FieldDecl &Handle,
    const CXXRecordDecl &Record, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  for (const ReadBeforeJoin &Read : readsBeforeMemberJoin(Record, Handle, Context)) {
    if (!readsWritten(Read.Object, Write.Object) || sharesLock(Read.Held, Write.Held))
      continue;
    SourceLocation Where = reportLocation(*Write.Where, SM);
    if (Where.isInvalid() || !firstReportAt(Where))
      return true;
    diag(Where, "unsynchronized %0 in the object's worker, which the "
                "destructor reads before %1 joins it; %select{|make it "
                "std::atomic, or }2read it under the lock the worker writes "
                "it under, or join the worker first")
        << whatIsWritten(Write) << &Handle << atomicWouldDo(Write);
    noteWorkerCall(Write, SM);
    diag(expansionStart(*Read.Where, SM), "the destructor reads '%0' here",
         DiagnosticIDs::Note)
        << Read.Object.describe();
    diag(SM.getExpansionLoc(Read.Destructor->getBody()->getEndLoc()),
         "%0 joins the worker when it is destroyed, after the destructor's "
         "body",
         DiagnosticIDs::Note)
        << &Handle;
    diag(expansionStart(*Spawn.Call, SM),
         "the worker is started here and kept in %0", DiagnosticIDs::Note)
        << &Handle;
    return true;
  }
  return false;
}

bool UnsynchronizedSharedWriteCheck::checkReadBeforeOwnJoin(
    const SharedAccess &Write, const Launch &Spawn, const FieldDecl &Handle,
    const CXXRecordDecl &Record, ASTContext &Context) {
  // A write the worker publishes by a hand-off may be what the method waits
  // for; one after its last hand-off, unlocked, only the join publishes.
  if (!Write.PublishedByNothing || !Write.Held.empty())
    return false;
  const SourceManager &SM = Context.getSourceManager();
  for (const ReadBeforeOwnJoin &Read : readsBeforeOwnJoin(Record, Handle, Context)) {
    if (!readsWritten(Read.Object, Write.Object))
      continue;
    SourceLocation Where = reportLocation(*Write.Where, SM);
    if (Where.isInvalid() || !firstReportAt(Where))
      return true;
    diag(Where, "unsynchronized %0 in the object's worker after its last "
                "hand-off, which %1 reads before it joins the worker; "
                "%select{|make it std::atomic, or }2write it holding the lock "
                "the reader takes")
        << whatIsWritten(Write) << Read.Method << atomicWouldDo(Write);
    noteWorkerCall(Write, SM);
    diag(expansionStart(*Read.Where, SM), "%0 reads '%1' here",
         DiagnosticIDs::Note)
        << Read.Method << Read.Object.describe();
    diag(expansionStart(*Read.Join, SM), "the worker is joined here",
         DiagnosticIDs::Note);
    diag(expansionStart(*Spawn.Call, SM),
         "the worker is started here and kept in %0", DiagnosticIDs::Note)
        << &Handle;
    return true;
  }
  return false;
}

void UnsynchronizedSharedWriteCheck::reportWriteBeforeJoin(
    const SharedAccess &Read, const Expr &Write, const ObjectPath &Written,
    bool Scalar, bool Locked, const Stmt *Join, bool JoinedByMemberDestructor,
    const Launch &Spawn, const FieldDecl &Handle, const SourceManager &SM,
    const FieldDecl *DestroyedMember) {
  diag(reportLocation(Write, SM),
       "unsynchronized write to '%0' while the object's worker, joined only "
       "below, reads it; %select{|make it %select{_Atomic|std::atomic}3, or "
       "}1%select{write it holding the lock the worker reads it under|read it "
       "under the lock taken here}2")
      << Written.describe() << Scalar << Locked
      << static_cast<bool>(getLangOpts().CPlusPlus);
  noteWorkerRead(Read, Locked, SM);
  if (DestroyedMember)
    diag(SM.getExpansionLoc(DestroyedMember->getLocation()),
         "%0 is destroyed, and its destructor makes the write, before %1 "
         "joins the worker: members are destroyed in reverse order of "
         "declaration; declare %0 above %1",
         DiagnosticIDs::Note)
        << DestroyedMember << &Handle;
  else if (JoinedByMemberDestructor)
    diag(SM.getExpansionLoc(Join->getEndLoc()),
         "%0 joins the worker when it is destroyed, after the destructor's "
         "body",
         DiagnosticIDs::Note)
        << &Handle;
  else
    diag(expansionStart(*Join, SM), "the worker is joined here",
         DiagnosticIDs::Note);
  diag(expansionStart(*Spawn.Call, SM),
       "the worker is started here and kept in %0", DiagnosticIDs::Note)
      << &Handle;
}

void UnsynchronizedSharedWriteCheck::checkFieldWorkers(
    const FunctionUnderCheck &Function) {
  ASTContext &Context = Function.Context;
  const SourceManager &SM = Context.getSourceManager();
  forEachLaunch(Function.Body, Context, [&](const Launch &Spawn) {
    if (Function.Analysis.enclosingLambda(*Spawn.Call))
      return;
    std::optional<FieldWorker> Kept = fieldHoldingLaunch(Spawn, Function.Decl);
    if (!Kept)
      return;
    WorkerCode Code = describeWorker(Spawn, Function.Analysis, nullptr, false);
    WorkerAccesses Accesses = collectWorkerAccesses(Code, Context);
    // A worker that takes turns with its owner through a hand-off may
    // read the object only once it is handed over.
    if (Accesses.HandsOff && !Accesses.PollsOnly)
      return;
    llvm::SmallVector<FieldWriteBeforeJoin, 2> Writes;
    bool Collected = false;
    llvm::SmallVector<const Expr *, 2> Reported;
    for (const SharedAccess &Read : Accesses.Accesses) {
      if (Read.isWrite() || Read.Object.Root != Kept->Object ||
          !Read.Object.ThroughPointer)
        continue;
      if (!Collected) {
        Writes = writesBeforeFieldJoin(*Kept, Context);
        Collected = true;
      }
      for (const FieldWriteBeforeJoin &Write : Writes) {
        if (llvm::is_contained(Reported, Write.Where) ||
            !readsWritten(Read.Object, Write.Object) ||
            sharesLock(Read.Held, Write.Held))
          continue;
        Reported.push_back(Write.Where);
        if (firstReportAt(reportLocation(*Write.Where, SM)))
          reportWriteBeforeJoin(Read, *Write.Where, Write.Object, Write.Scalar,
                                !Write.Held.empty(), Write.Join, false, Spawn,
                                *Kept->Handle, SM);
      }
    }
    checkOwnerAccesses(Accesses, *Kept, Spawn, Function.Decl, Context);
  });
}

void UnsynchronizedSharedWriteCheck::checkOwnerAccesses(
    const WorkerAccesses &Worker, const FieldWorker &Kept, const Launch &Spawn,
    const FunctionDecl &Launcher, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  auto OnObject = [&](const SharedAccess &A) {
    return A.Object.Root == Kept.Object && A.Object.ThroughPointer &&
           !A.ConstantToVolatile;
  };
  if (llvm::none_of(Worker.Accesses, OnObject))
    return;
  llvm::SmallVector<const SharedAccess *, 4> Reported;
  for (const OwnerAccess &Owner :
       ownerAccessesWhileRunning(Kept, Launcher, Context)) {
    for (const SharedAccess &A : Worker.Accesses) {
      if (!OnObject(A) || (!A.isWrite() && !Owner.Write) ||
          !(Owner.Write ? readsWritten(A.Object, Owner.Object)
                        : readsWritten(Owner.Object, A.Object)) ||
          sharesLock(A.Held, Owner.Held))
        continue;
      // The owner's write is the finding; else the worker's, once.
      const Expr &At = Owner.Write ? *Owner.Where : *A.Where;
      if (!Owner.Write && llvm::is_contained(Reported, &A))
        break;
      SourceLocation Where = reportLocation(At, SM);
      if (Where.isInvalid() || !firstReportAt(Where))
        break;
      Reported.push_back(&A);
      bool Scalar = Owner.Write ? Owner.Scalar : atomicWouldDo(A);
      diag(Where, "unsynchronized write to '%0' while %select{its owner "
                  "reads it|the object's worker %select{reads|writes}2 it}1 "
                  "before the worker is joined; %select{|make it "
                  "%select{_Atomic|std::atomic}4, or }3guard both with one "
                  "mutex%select{, or read it after the join|}1")
          << (Owner.Write ? Owner.Object : A.Object).describe() << Owner.Write
          << A.isWrite() << Scalar << static_cast<bool>(getLangOpts().CPlusPlus);
      if (Owner.Write) {
        noteWorkerRead(A, false, SM);
      } else {
        noteWorkerCall(A, SM);
        diag(expansionStart(*Owner.Where, SM), "the owner reads '%0' here",
             DiagnosticIDs::Note)
            << Owner.Object.describe();
      }
      if (Owner.Call)
        diag(expansionStart(*Owner.Call, SM),
             "the owner %select{reads|writes}0 it through this call",
             DiagnosticIDs::Note)
            << Owner.Write;
      diag(expansionStart(*Owner.Start, SM),
           "the owner starts the worker here", DiagnosticIDs::Note);
      diag(expansionStart(*Owner.Join, SM), "and joins it only here",
           DiagnosticIDs::Note);
      diag(expansionStart(*Spawn.Call, SM),
           "the worker is started here and kept in %0", DiagnosticIDs::Note)
          << Kept.Handle;
      break;
    }
  }
}

bool UnsynchronizedSharedWriteCheck::checkMemberWorkerRead(
    const SharedAccess &Read, const Launch &Spawn, const FieldDecl &Handle,
    llvm::ArrayRef<CallWhileRunning> Calls, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  auto Location = [&](const Stmt *S) { return expansionStart(*S, SM); };
  for (const CallWhileRunning &Call : Calls) {
    const WriteSummary &Summary = SummaryWrites::of(*Call.Method, Context);
    const auto *Write = llvm::find_if(Summary.Writes, [&](const SummaryWrite &W) {
      return W.Object.isThis() && readsWritten(Read.Object, W.Object) &&
             !W.ConstantToVolatile && !sharesLock(Read.Held, W.Held);
    });
    if (Write == Summary.Writes.end() || !Write->Where)
      continue;
    SourceLocation Where = reportLocation(*Write->Where, SM);
    if (Where.isInvalid())
      continue;
    if (!firstReportAt(Where))
      return true;
    SharedAccess Written;
    Written.Object = Write->Object;
    Written.Write = Write->Write;
    Written.Method = Write->Method;
    Written.Scalar = Write->Scalar;
    diag(Where, "unsynchronized %0 in a method called while the object's "
                "worker reads it; %select{|make it std::atomic, }1guard every "
                "access with one mutex, or hand the value to the worker "
                "through its queue")
        << whatIsWritten(Written) << atomicWouldDo(Written);
    diag(Location(Call.Call), "%0 is called here while the object's worker "
                              "may still be running",
         DiagnosticIDs::Note)
        << Call.Method;
    if (Call.At != Call.Call)
      diag(Location(Call.At), "that call runs on the thread started here",
           DiagnosticIDs::Note);
    noteWorkerRead(Read, !Write->Held.empty(), SM);
    diag(Location(Spawn.Call), "the worker is started here and kept in %0",
         DiagnosticIDs::Note)
        << &Handle;
    return true;
  }
  return false;
}

/// An insertion that leaves the elements in place (a map's `operator[]` or
/// `emplace`, a container of pointers) does not meet an access inside one
/// element (`acct.balance_cents` through a reference the lookup returned,
/// a counter's member under the counter's own lock): it never moves or
/// touches what is already there.
static bool insideElementLeftInPlace(const SharedAccess &Insertion,
                                     const ObjectPath &Other) {
  return Other.Fields.size() > Insertion.Object.Fields.size() &&
         insertsLeavingElements(Insertion.Method);
}

void UnsynchronizedSharedWriteCheck::noteWorkerCall(const SharedAccess &Write,
                                                    const SourceManager &SM) {
  if (Write.Via)
    diag(expansionStart(*Write.Via, SM),
         "the worker makes the write through this call of %0",
         DiagnosticIDs::Note)
        << Write.ViaCallee;
}

void UnsynchronizedSharedWriteCheck::noteWorkerRead(const SharedAccess &Read,
                                                    bool WithoutWritersLock,
                                                    const SourceManager &SM) {
  // A write the worker makes in a callee reads too: the note is at its call.
  diag(expansionStart(Read.Via ? *Read.Via : *Read.Where, SM),
       "%select{the worker reads '%1' here|the worker reads '%1' through this "
       "call of '%2'}0%select{| without holding the lock taken at the write}3",
       DiagnosticIDs::Note)
      << (Read.ViaCallee != nullptr) << Read.Object.describe()
      << calleeName(Read.ViaCallee) << WithoutWritersLock;
}

void UnsynchronizedSharedWriteCheck::noteMemberWorker(
    const SharedAccess &Write, const Launch &Spawn, const FieldDecl &Handle,
    const SourceManager &SM) {
  noteWorkerCall(Write, SM);
  diag(expansionStart(*Spawn.Call, SM),
       "the worker is started here and kept in %0", DiagnosticIDs::Note)
      << &Handle;
}

bool UnsynchronizedSharedWriteCheck::checkBoundReferenceWrite(
    const SharedAccess &Write, const Launch &Spawn, const FieldDecl &Handle,
    const CXXRecordDecl &Record, ASTContext &Context) {
  auto Accesses = accessesThroughBoundReference(Record, Handle, Write.Object,
                                                Write.Held, Context);
  if (Accesses.empty())
    return false;
  const SourceManager &SM = Context.getSourceManager();
  auto Location = [&](const Stmt *S) { return expansionStart(*S, SM); };
  SourceLocation Where = reportLocation(*Write.Where, SM);
  if (Where.isInvalid())
    return false;
  if (!firstReportAt(Where))
    return true;
  const BoundAccess &First = Accesses.front();
  bool Scalar = atomicWouldDo(Write);
  diag(Where, "unsynchronized %0 in a worker that runs while %select{the code "
              "that started it uses|another object's worker writes}1 the "
              "object %2 refers to; %select{|make it std::atomic, }3guard "
              "every access with one mutex, or give each worker its own and "
              "combine them once all have finished")
      << whatIsWritten(Write) << First.OtherWorker
      << Write.Object.Fields.front() << Scalar;
  noteMemberWorker(Write, Spawn, Handle, SM);
  if (First.OtherWorker)
    diag(Location(First.Where), "another object bound to the same object "
                                "starts its worker here, and both may run at "
                                "the same time",
         DiagnosticIDs::Note);
  else
    diag(Location(First.Where), "the code that started the worker %select{reads"
                                "|writes}0 it here while the worker may still "
                                "be running%select{| without holding the lock "
                                "taken at the write}1",
         DiagnosticIDs::Note)
        << First.Writes << !Write.Held.empty();
  return true;
}

bool UnsynchronizedSharedWriteCheck::checkMemberWorkerWrite(
    const SharedAccess &Write, const Launch &Spawn, const FieldDecl &Handle,
    llvm::ArrayRef<CallWhileRunning> Calls, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  auto Location = [&](const Stmt *S) { return expansionStart(*S, SM); };
  SourceLocation Where = reportLocation(*Write.Where, SM);
  if (Where.isInvalid())
    return false;
  for (const CallWhileRunning &Call : Calls) {
    const WriteSummary &Summary = SummaryWrites::of(*Call.Method, Context);
    const SummaryWrite *Conflicting = nullptr;
    for (const auto *Accesses : {&Summary.Writes, &Summary.Reads})
      for (const SummaryWrite &Access : *Accesses) {
        if (Conflicting || !Access.Object.isThis() ||
            !Access.Object.overlaps(Write.Object) ||
            sharesLock(Write.Held, Access.Held))
          continue;
        // A locked write against an unlocked one: the unlocked one is the
        // finding, and it is not the worker's.
        if (!Write.Held.empty() && Access.Write != WriteKind::None)
          continue;
        Conflicting = &Access;
      }
    // `s.stats().samples` with a getter handing out `stats_`: the caller
    // reads the member itself, after the getter's lock is gone.
    bool ReadThroughGetter = false;
    if (!Conflicting)
      if (auto Read = Call.Caller ? memberReadThroughGetter(*Call.Call, *Call.Caller)
                                  : std::nullopt)
        ReadThroughGetter = Read->overlaps(Write.Object);
    if (!Conflicting && !ReadThroughGetter)
      continue;
    if (!firstReportAt(Where))
      return true;
    bool Scalar = atomicWouldDo(Write);
    diag(Where, "unsynchronized %0 in a worker that runs while other code "
                "calls its object's methods; %select{|make it std::atomic, }1"
                "guard every access with one mutex, or publish the value "
                "once the worker has finished")
        << whatIsWritten(Write) << Scalar;
    noteMemberWorker(Write, Spawn, Handle, SM);
    diag(Location(Call.Call), "%0 %select{reads|writes}1 '%2' here while the "
                              "object's worker may still be running%select{| "
                              "without holding the lock taken at the write}3",
         DiagnosticIDs::Note)
        << Call.Method << (Conflicting && Conflicting->Write != WriteKind::None)
        << Write.Object.describe() << !Write.Held.empty();
    if (Call.At != Call.Call)
      diag(Location(Call.At), "that call runs on the thread started here",
           DiagnosticIDs::Note);
    return true;
  }
  return false;
}

void UnsynchronizedSharedWriteCheck::checkLauncher(
    std::vector<Launch> Spawns, std::vector<CalledWorker> Called,
    const FunctionAnalysis &Owner) {
  ASTContext &Context = Owner.context();
  LaunchingBody Body(Owner);
  std::vector<Worker> &Workers = Body.Workers;
  // WorkerCode points at its Spawn
  Workers.reserve(Spawns.size() + Called.size());
  for (Launch &Spawn : Spawns)
    Workers.emplace_back().Spawn = std::move(Spawn);
  for (CalledWorker &Through : Called) {
    Worker &W = Workers.emplace_back();
    // The caller holds the worker from the call on: the call's value is its
    // handle, if any.
    W.Spawn = Through.Inner;
    W.Spawn.Call = Through.Call;
    W.Through = std::move(Through);
  }
  for (Worker &W : Workers) {
    if (const Stmt *Loop = enclosingLoop(*W.Spawn.Call, Owner);
        Loop && !singleTrip(*Loop, Context) &&
        !runsTasksOneAtATime(W.Spawn, Owner))
      W.Loop = Loop;
  }
  // The workers' code first: most launches write nothing they share.
  bool AnyWrite = false, AnyRead = false, AnyOwnElementRead = false,
       AnyUnanswered = false;
  for (Worker &W : Workers) {
    bool LaunchedElsewhere = llvm::any_of(Workers, [&](const Worker &Other) {
      return &Other != &W && sameCallable(Other.Spawn, W.Spawn);
    });
    if (W.Through) {
      // The worker's code in the callee's names, then in the body's.
      const CalledWorker &Through = *W.Through;
      W.Code = describeWorker(Through.Inner,
                              analysisOf(*Through.launchingFunction().getBody(), Context),
                              nullptr, LaunchedElsewhere);
      W.Accesses =
          inCallerNames(collectWorkerAccesses(W.Code, Context), Through);
    } else {
      // The other launches of the callable, when each runs once.
      llvm::SmallVector<const Launch *, 2> Others;
      bool EachOnce = true;
      for (const Worker &Other : Workers)
        if (&Other != &W && sameCallable(Other.Spawn, W.Spawn)) {
          EachOnce &= !Other.Loop && !Other.Through;
          Others.push_back(&Other.Spawn);
        }
      if (!EachOnce)
        Others.clear();
      W.Code = describeWorker(W.Spawn, Owner, W.Loop, LaunchedElsewhere, Others);
      W.Accesses = collectWorkerAccesses(W.Code, Context);
    }
    if (W.Code.Body)
      checkWritesAfterSignal(*W.Code.Body, Context);
    AnyWrite |= llvm::any_of(W.Accesses.Accesses, [&](const SharedAccess &A) {
      return A.isWrite() && !A.ConstantToVolatile;
    });
    AnyWrite |= !W.Accesses.OwnSlotWrites.empty();
    AnyRead |= llvm::any_of(W.Accesses.Accesses, [&](const SharedAccess &A) {
      return !mayBeOrderedByHandOff(W.Accesses, A) ||
             readBeforeAnyHandOff(W.Accesses, A);
    });
    AnyOwnElementRead |= !W.Accesses.OwnElementReads.empty();
    AnyUnanswered |= llvm::any_of(W.Accesses.Accesses, answeredByNothing);
  }
  // A worker that only reads the element it was handed still meets the
  // launching thread's write of that element after the start, and one
  // that reads and tells no one meets a write nothing publishes; nothing
  // else of such workers is compared.
  if (!AnyWrite && !AnyRead && !AnyOwnElementRead && !AnyUnanswered)
    return;
  Body.OnlyNarrowReads = !AnyWrite && !AnyRead;
  // When each worker runs, and whether a loop's workers overlap.
  for (Worker &W : Workers) {
    if (W.Through && W.Through->Detached) {
      // Let go by the callee: it runs on from the call.
      W.Lifetime.Kind = WorkerLifetime::RunsOn;
      W.Lifetime.Detached = true;
      W.Lifetime.Events.AtStmt[W.Spawn.Call] = HandleEffect::Start;
      W.LoopOverlaps = W.Loop != nullptr;
      continue;
    }
    W.Lifetime = lifetimeOf(W.Spawn, Owner);
    if (!W.Loop)
      continue;
    switch (W.Lifetime.Kind) {
    case WorkerLifetime::Tracked:
    case WorkerLifetime::RunsOn:
      // A container is followed as a whole: another worker put in it
      // earlier in the iteration says nothing of this one when each
      // iteration joins what it started.
      W.LoopOverlaps =
          mayBeRunningAt(W.Lifetime, W.Spawn, Owner, *W.Spawn.Call, false) &&
          !(W.Spawn.startsOwnThread() &&
            isWaitedWithin(describeSpawn(W.Spawn, Owner), *loopBody(*W.Loop),
                           Context));
      break;
    case WorkerLifetime::Untracked:
      W.LoopOverlaps = !isWaitedWithin(describeSpawn(W.Spawn, Owner),
                                       *loopBody(*W.Loop), Context);
      break;
    case WorkerLifetime::WaitedAtOnce:
      break;
    }
  }

  // What the launching thread itself touches of what the workers write, and
  // writes of what they read.
  llvm::SmallVector<ObjectPath, 8> Touched;
  llvm::SmallVector<const Stmt *, 8> Calls;
  for (const Worker &W : Workers) {
    Calls.push_back(W.Spawn.Call);
    // (A read under a lock too, or one after which the worker tells no one
    // it is done: a write the launching thread stores after its own unlock
    // or notify, which nothing publishes, meets it whatever hands off.)
    for (const SharedAccess &A : W.Accesses.Accesses)
      if ((A.isWrite() || !mayBeOrderedByHandOff(W.Accesses, A) ||
           readBeforeAnyHandOff(W.Accesses, A) || !Body.handOffAfterStart(W) ||
           !A.Held.empty() || answeredByNothing(A)) &&
          !llvm::is_contained(Touched, A.Object))
        Touched.push_back(A.Object);
    for (const SharedAccess &A : W.Accesses.OwnSlotWrites)
      if (!llvm::is_contained(Touched, A.Object))
        Touched.push_back(A.Object);
    for (const SharedAccess &A : W.Accesses.OwnElementReads)
      if (!llvm::is_contained(Touched, A.Object))
        Touched.push_back(A.Object);
  }
  Body.Accesses = collectLauncherAccesses(Owner, Calls, Touched);

  // One finding per object a worker writes: the fix (an atomic, one mutex)
  // is the object's, not each statement's.
  for (const Worker &W : Workers) {
    llvm::SmallVector<ObjectPath, 4> Reported;
    for (const SharedAccess &Write : W.Accesses.Accesses)
      if (Write.isWrite() && !Write.ConstantToVolatile &&
          !llvm::is_contained(Reported, Write.Object) &&
          checkWrite(W, Write, Body))
        Reported.push_back(Write.Object);
  }
  checkLauncherWrites(Body);
  if (Body.OnlyNarrowReads)
    return;
  checkOwnSlotWrites(Body);
  checkWritesToGuardedMembers(Body);
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::overlap(const Worker &A,
                                                            const Worker &B) {
  auto Key = &A < &B ? std::make_pair(&A, &B) : std::make_pair(&B, &A);
  if (auto It = Overlaps.find(Key); It != Overlaps.end())
    return It->second;
  bool Result =
      !samePoolRunningOneAtATime(A.Spawn, B.Spawn, Owner) &&
      (mayBeRunningAt(A.Lifetime, A.Spawn, Owner, *B.Spawn.Call, true) ||
       mayBeRunningAt(B.Lifetime, B.Spawn, Owner, *A.Spawn.Call, true));
  Overlaps[Key] = Result;
  return Result;
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::publishesAfter(
    const Stmt &S, llvm::function_ref<bool(const Stmt &)> Counts) {
  if (!Publication)
    Publication.emplace(Owner);
  return Publication->mayPublishAfter(S, Counts);
}

void UnsynchronizedSharedWriteCheck::LaunchingBody::findHandOffCalls() {
  if (HandOffCallsFound)
    return;
  HandOffCallsFound = true;
  ASTContext &Context = Owner.context();
  forEachDescendant(&Owner.body(), /*SkipLambdas=*/true, [&](const Stmt &Node) {
    if (const auto *Call = dyn_cast<CallExpr>(&Node);
        Call && SummaryWrites::takesPartInHandOff(*Call, Context))
      HandOffCalls.push_back(Call);
    else if (const auto *Atomic = dyn_cast<AtomicExpr>(&Node);
             Atomic && SummaryWrites::takesPartInHandOff(*Atomic))
      HandOffCalls.push_back(Atomic);
  });
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::inLoopAround(
    const Stmt &S, const Stmt &Call) const {
  for (const Stmt *Up = Owner.parent(S); Up; Up = Owner.parent(*Up))
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Up) &&
        Owner.isWithin(Call, *Up))
      return true;
  return false;
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::handOffAfterStart(
    const Worker &W) {
  findHandOffCalls();
  const SourceManager &SM = Owner.context().getSourceManager();
  const Stmt &Start = *W.Spawn.Call;
  // After the start in the text, or in a loop around the start (the next
  // iteration's).
  return llvm::any_of(HandOffCalls, [&](const Expr *Call) {
    return SM.isBeforeInTranslationUnit(Start.getBeginLoc(),
                                        Call->getBeginLoc()) ||
           inLoopAround(Start, *Call);
  });
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::handOffBefore(
    const Worker &W, const Stmt &S) {
  findHandOffCalls();
  const SourceManager &SM = Owner.context().getSourceManager();
  const Stmt &Start = *W.Spawn.Call;
  return llvm::any_of(HandOffCalls, [&](const Expr *Call) {
    if (pollsOnlyFirstValue(*Call, S))
      return false;
    return (SM.isBeforeInTranslationUnit(Start.getBeginLoc(),
                                         Call->getBeginLoc()) &&
            !SM.isBeforeInTranslationUnit(S.getBeginLoc(), Call->getBeginLoc())) ||
           Owner.isWithin(*Call, S) || inLoopAround(Start, *Call) ||
           inLoopAround(S, *Call);
  });
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::pollsOnlyFirstValue(
    const Expr &Call, const Stmt &S) const {
  for (const Stmt *Up = Owner.parent(S); Up; Up = Owner.parent(*Up))
    if (isa<WhileStmt, ForStmt, DoStmt>(Up) &&
        pollSeesOnlyInitialValue(Call, *Up, Owner))
      return true;
  return false;
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::onlyPollsAround(
    const Worker &W, const Stmt &S) {
  findHandOffCalls();
  const SourceManager &SM = Owner.context().getSourceManager();
  const Stmt &Start = *W.Spawn.Call;
  return llvm::all_of(HandOffCalls, [&](const Expr *Call) {
    bool AfterStart =
        SM.isBeforeInTranslationUnit(Start.getBeginLoc(), Call->getBeginLoc()) ||
        inLoopAround(Start, *Call);
    return !AfterStart || pollsOnlyFirstValue(*Call, S);
  });
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::mayTakePartInHandOff(
    const Worker &W) {
  if (W.Accesses.HandsOff || !W.Code.Body)
    return true;
  auto [It, Inserted] = TakesPart.try_emplace(&W, false);
  if (!Inserted)
    return It->second;
  bool Found = false;
  forEachDescendant(W.Code.Body, /*SkipLambdas=*/false, [&](const Stmt &Node) {
    if (const auto *Call = dyn_cast<CallExpr>(&Node))
      Found = Found || SummaryWrites::takesPartInHandOff(*Call, Owner.context());
    else if (const auto *Atomic = dyn_cast<AtomicExpr>(&Node))
      Found = Found || SummaryWrites::takesPartInHandOff(*Atomic);
  });
  TakesPart[&W] = Found;
  return Found;
}

/// A join or a future's wait: the launching thread learns that a worker
/// ended, and what it did before.
static bool learnsOfWorkerEnd(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
      Member && Member->getMethodDecl()) {
    HandleOp Op = memberOp(Member->getMethodDecl());
    if (Op == HandleOp::Join || Op == HandleOp::Wait)
      return true;
  }
  return freeFunctionOp(Call.getDirectCallee()) == HandleOp::Join ||
         isFutureWait(Call);
}

void UnsynchronizedSharedWriteCheck::LaunchingBody::findReleases() {
  if (ReleasesFound)
    return;
  ReleasesFound = true;
  ASTContext &Context = Owner.context();
  forEachDescendant(&Owner.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    SummaryWrites::Locking Does;
    if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      if (learnsOfWorkerEnd(*Call)) {
        Joins.push_back(Call);
        return;
      }
      Does = SummaryWrites::lockingOf(*Call, Context);
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
      Does = SummaryWrites::lockingOf(*Construct, Context);
    } else if (const auto *Atomic = dyn_cast<AtomicExpr>(&S)) {
      Does.BeyondLocks = SummaryWrites::takesPartInHandOff(*Atomic) && !isAtomicLoad(*Atomic);
    }
    if (!Does.BeyondLocks && Does.Locks.empty())
      return;
    // Only what a worker may still meet: not what the launching thread does
    // before the starts or once every worker is done.
    bool WhileAWorkerRuns = llvm::any_of(Workers, [&](const Worker &W) {
      return W.Lifetime.Kind == WorkerLifetime::Untracked || runningAt(W, S);
    });
    if (WhileAWorkerRuns)
      Releases.push_back({&S, std::move(Does)});
  });
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::publishesAfterAJoin() {
  findReleases();
  if (PublishesAfterJoin)
    return *PublishesAfterJoin;
  const SourceManager &SM = Owner.context().getSourceManager();
  PublishesAfterJoin = llvm::any_of(Releases, [&](const LauncherRelease &Release) {
    return llvm::any_of(Joins, [&](const Stmt *Join) {
      return SM.isBeforeInTranslationUnit(Join->getBeginLoc(),
                                          Release.Where->getBeginLoc()) ||
             inLoopAround(*Release.Where, *Join);
    });
  });
  return *PublishesAfterJoin;
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::releasesToNoOne(
    const Worker &W, const LockKeys &Released) {
  if (Released.Any || W.Loop || W.Through || !W.Spawn.startsOwnThread())
    return false;
  for (const Worker &Other : Workers)
    if (&Other != &W && (sameCallable(Other.Spawn, W.Spawn) ||
                         Other.Accesses.Locks.meets(Released) ||
                         learnsOfAnEnd(Other)))
      return false;
  findReleases();
  return llvm::none_of(Releases,
                       [&](const LauncherRelease &Release) {
                         return Release.Does.Locks.meets(Released);
                       }) &&
         !publishesAfterAJoin();
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::learnsOfAnEnd(const Worker &W) {
  auto [It, Inserted] = LearnsOfEnd.try_emplace(&W, false);
  if (Inserted && W.Code.Body)
    forEachDescendant(W.Code.Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
      if (const auto *Call = dyn_cast<CallExpr>(&S))
        It->second = It->second || learnsOfWorkerEnd(*Call);
    });
  return LearnsOfEnd[&W];
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::runningAt(const Worker &W,
                                                              const Stmt &S) {
  auto [It, Inserted] = Running.try_emplace({&W, &S}, false);
  if (Inserted)
    It->second = mayBeRunningAt(W.Lifetime, W.Spawn, Owner, S, false);
  return It->second;
}

bool UnsynchronizedSharedWriteCheck::checkWrite(const Worker &Writer,
                                                const SharedAccess &Write,
                                                LaunchingBody &Body) {
  const FunctionAnalysis &Owner = Body.Owner;
  const SourceManager &SM = Owner.context().getSourceManager();
  auto Location = [&](const Stmt *S) { return expansionStart(*S, SM); };
  SourceLocation Where = reportLocation(*Write.Where, SM);
  if (Where.isInvalid())
    return false;
  // An object declared inside the launching loop is a new one each time.
  auto SharedAcrossIterations = [&](const ObjectPath &Object) {
    return !Object.Root || !isWithin(Object.Root, Writer.Loop, SM);
  };

  llvm::SmallVector<Conflict, 3> Conflicts;
  // Another instance that runs at once: the launching loop's next one, or
  // the same callable launched again (unless Ordered says a hand-off of
  // that launch orders the two).
  auto NoteAnotherInstance =
      [&](llvm::function_ref<bool(const Worker &)> Ordered) {
        if (Writer.LoopOverlaps && SharedAcrossIterations(Write.Object)) {
          Conflicts.push_back(
              {Repeated, Location(Writer.Loop), Conflict::AtLoop, true});
          return;
        }
        for (const Worker &Other : Body.Workers)
          if (&Other != &Writer && sameCallable(Other.Spawn, Writer.Spawn) &&
              !Ordered(Other) && Body.overlap(Writer, Other)) {
            Conflicts.push_back({Repeated, Location(Other.Spawn.Call),
                                 Conflict::AgainHere, true});
            return;
          }
      };
  // Instances of the worker that take turns through a hand-off (a barrier,
  // an atomic flag) meet only other threads. Not when barrier waits are the
  // only such hand-offs and every instance makes the write in one phase
  // (after a start gate, between two waits): they pass the wait together.
  bool InstancesOrdered = mayOrderInstances(Writer.Accesses, Write) &&
                          !(Write.isWrite() && !Write.OneInstance &&
                            Writer.Accesses.barrierPhaseOf(Write, SM));
  // Unless the only hand-offs are barrier waits in a loop and the write is
  // in that loop: a read by another instance between the same two waits
  // shares its phase.
  auto PhaseOf = [&](const SharedAccess &A) {
    return Writer.Accesses.barrierPhaseOf(A, SM);
  };
  std::optional<unsigned> WritePhase = PhaseOf(Write);
  auto InBarrierPhase = [&](const SharedAccess &A) {
    return WritePhase && PhaseOf(A) == WritePhase;
  };
  bool SamePhase = InstancesOrdered && Write.OneInstance && WritePhase;
  // The same worker launched again, once, on objects of its own, making
  // this write to the same object under a lock of its own.
  const Worker *OtherLaunch = nullptr;
  const SharedAccess *OtherLaunchWrite = nullptr;
  auto LaunchHoldingAnotherLock = [&] {
    if (Write.Held.empty() || Writer.LoopOverlaps)
      return false;
    for (const Worker &Other : Body.Workers) {
      if (&Other == &Writer || !sameCallable(Other.Spawn, Writer.Spawn) ||
          Other.LoopOverlaps || mayOrderInstances(Other.Accesses, Write) ||
          !Body.overlap(Writer, Other))
        continue;
      for (const SharedAccess &A : Other.Accesses.Accesses)
        if (A.Where == Write.Where && A.Object.overlaps(Write.Object) &&
            !A.Held.empty() && !sharesLock(Write.Held, A.Held)) {
          OtherLaunch = &Other;
          OtherLaunchWrite = &A;
          return true;
        }
    }
    return false;
  };
  // Another instance of the same worker: unless the write holds a lock
  // exclusively (a reader lock lets the instances in together).
  if (!InstancesOrdered && !sharesLock(Write.Held, Write.Held) &&
      !Write.OneInstance) {
    if (Writer.LoopOverlaps && SharedAcrossIterations(Write.Object))
      Conflicts.push_back(
          {Repeated, Location(Writer.Loop), Conflict::AtLoop, true});
    for (const Worker &Other : Body.Workers)
      if (&Other != &Writer && sameCallable(Other.Spawn, Writer.Spawn) &&
          !mayOrderInstances(Other.Accesses, Write) &&
          Body.overlap(Writer, Other) &&
          llvm::any_of(Other.Accesses.Accesses, [&](const SharedAccess &A) {
            return A.Where == Write.Where && A.Object.overlaps(Write.Object);
          }))
        Conflicts.push_back(
            {Repeated, Location(Other.Spawn.Call), Conflict::AgainHere, true});
  } else if (!InstancesOrdered && !Write.OneInstance &&
             LaunchHoldingAnotherLock()) {
    // The same worker launched again on other objects: the lock it takes
    // there is the other launch's own (`lock_guard g(from.mu)` with `from`
    // a different account in each), which does not exclude this one.
    Conflicts.push_back({Repeated, Location(OtherLaunch->Spawn.Call),
                         Conflict::AgainOtherLock, true});
  } else if (!InstancesOrdered && !Write.Held.empty()) {
    // Written under the lock, but tested without it first (double-checked
    // locking): another instance, of the loop or launched again, reads
    // while this one writes. Only a read of the written object itself or a
    // part of it: a read of a whole enclosing object (`this` stored as a
    // pointer) is too coarse to tell.
    // Or written elsewhere under another lock (the wrong lock): the two
    // locks let two instances in at once.
    const auto *Unlocked =
        llvm::find_if(Writer.Accesses.Accesses, [&](const SharedAccess &A) {
          return readsWritten(A.Object, Write.Object) &&
                 !insideElementLeftInPlace(Write, A.Object) &&
                 !sharesLock(Write.Held, A.Held) &&
                 (!A.isWrite() || (!A.Held.empty() && A.Where != Write.Where));
        });
    if (Unlocked != Writer.Accesses.Accesses.end()) {
      NoteAnotherInstance([](const Worker &Other) {
        return Other.Accesses.OrdersInstances;
      });
      if (!Conflicts.empty())
        Conflicts.push_back({Repeated, Location(Unlocked->Where),
                             Unlocked->isWrite() ? Conflict::OtherLockWrite
                                                 : Conflict::UnlockedRead,
                             Unlocked->isWrite()});
    }
  }
  // Written by one instance only (`if (id == 0) th.z = ...`) and read by
  // every other, which runs at the same time.
  if (Conflicts.empty() && (!InstancesOrdered || SamePhase) && Write.OneInstance) {
    const auto *Read =
        llvm::find_if(Writer.Accesses.Accesses, [&](const SharedAccess &A) {
          return !A.isWrite() && !A.OneInstance &&
                 readsWritten(A.Object, Write.Object) &&
                 !Write.inOtherSlotThan(A) && !sharesLock(Write.Held, A.Held) &&
                 (!SamePhase || InBarrierPhase(A));
        });
    if (Read != Writer.Accesses.Accesses.end()) {
      NoteAnotherInstance([&](const Worker &Other) {
        return !SamePhase && mayOrderInstances(Other.Accesses, Write);
      });
      if (!Conflicts.empty())
        Conflicts.push_back(
            {Repeated, Location(Read->Where), Conflict::OthersRead, false});
    }
  }
  // Another worker.
  // What the writer may release after the write, if nothing else, reaching
  // no other thread: no hand-off of its own orders the write with another
  // worker (a start gate only orders what came before it).
  std::optional<bool> WriteReachesNoOne;
  auto WriteReleasesToNoOne = [&] {
    if (!WriteReachesNoOne)
      WriteReachesNoOne = Write.ReleasesAfter &&
                          Body.releasesToNoOne(Writer, *Write.ReleasesAfter);
    return *WriteReachesNoOne;
  };
  if (Conflicts.empty())
    for (const Worker &Other : Body.Workers) {
      // Either side's hand-off may be how the two take turns, when the
      // other takes part in one too (a barrier orders only the threads
      // that wait at it); not for a value refilled on each trip without
      // waiting for the other side (RefilledUnwatched), against a
      // consumer's loop that takes one per trip: the next refill meets the
      // read of the last.
      // A stop flag the other polls orders none of its polling loop's
      // accesses (WhilePolling).
      bool WriterOrders = !Write.RefilledUnwatched &&
                          mayBeOrderedByHandOff(Writer.Accesses, Write) &&
                          Body.mayTakePartInHandOff(Other);
      if (&Other == &Writer || sameCallable(Other.Spawn, Writer.Spawn) ||
          (WriterOrders && !Other.Accesses.PollsOnly && !WriteReleasesToNoOne()) ||
          !Body.overlap(Writer, Other))
        continue;
      for (const SharedAccess &A : Other.Accesses.Accesses) {
        bool Refilled = Write.RefilledUnwatched && A.InHandOffLoop && !A.isWrite();
        if ((WriterOrders && !A.WhilePolling && !WriteReleasesToNoOne()) ||
            !A.Object.overlaps(Write.Object) || Write.inOtherSlotThan(A) ||
            insideElementLeftInPlace(Write, A.Object) ||
            readsContainerAround(A, Write.Object) ||
            sharesLock(Write.Held, A.Held))
          continue;
        // Likewise for what the other worker releases after its access.
        auto OtherOrders = [&] {
          return mayBeOrderedByHandOff(Other.Accesses, A) &&
                 Body.mayTakePartInHandOff(Writer) &&
                 !(A.ReleasesAfter && Body.releasesToNoOne(Other, *A.ReleasesAfter));
        };
        if (!Refilled && (Write.RefilledUnwatched || OtherOrders()))
          continue;
        // A locked write against an unlocked one: the unlocked one is the
        // finding.
        if (!Write.Held.empty() && A.isWrite() && A.Held.empty())
          continue;
        Conflicts.push_back({OtherWorker, Location(A.Where), Conflict::AtAccess,
                             A.isWrite(), neighbourBitField(Write.Object, A.Object)});
        break;
      }
    }
  // The launching thread, before it waits for the worker. A hand-off of any
  // kind may be how the two take turns, when the launching thread takes part
  // in one; between instances of one worker only an ordering one may
  // (SharedWrites' OrdersInstances).
  // A write the worker makes without a lock before any hand-off of its
  // own meets what the launching thread does before it takes part in one
  // after the start, whatever hands off later: nothing orders the two.
  bool MayBeOrdered = mayBeOrderedByHandOff(Writer.Accesses, Write) &&
                      Body.handOffAfterStart(Writer);
  bool WrittenFirst = Write.Held.empty() && Write.BeforeAnyHandOff &&
                      !Write.InHandOffLoop && !Write.Via;
  // An access in the body of a loop whose only hand-off polls a flag
  // that still holds its first value each trip (`while (up.load())`)
  // takes no turn with the worker.
  if (Conflicts.empty() &&
      (Writer.Lifetime.Kind == WorkerLifetime::Tracked ||
       Writer.Lifetime.Kind == WorkerLifetime::RunsOn))
    for (const SharedAccess &A : Body.Accesses) {
      if ((MayBeOrdered && !WrittenFirst && !Body.onlyPollsAround(Writer, *A.Where)) ||
          !A.Object.overlaps(Write.Object) || Write.inOtherSlotThan(A) ||
          sharesLock(Write.Held, A.Held) || !Body.runningAt(Writer, *A.Where) ||
          (MayBeOrdered && Body.handOffBefore(Writer, *A.Where)))
        continue;
      Conflicts.push_back({Launcher, Location(A.Where), Conflict::AtAccess,
                           A.isWrite(), neighbourBitField(Write.Object, A.Object)});
      if (Conflicts.size() == 2)
        break;
    }
  if (Conflicts.empty())
    return false;
  if (!firstReportAt(Where))
    return true;

  const Conflict &First = Conflicts.front();
  // Overlapping ranges want their bound fixed, not an atomic element.
  bool Scalar = atomicWouldDo(Write) && !Write.Overlap;
  diag(Where, "unsynchronized %0 in a worker %select{launched several times "
              "at once|that runs alongside another worker using it|that runs "
              "while the launching thread uses it}1; %select{|make it "
              "std::atomic, |make it _Atomic, }2guard every access with one "
              "mutex, or give each worker its own slot and combine them once "
              "all have finished")
      << whatIsWritten(Write) << First.Why
      << (Scalar ? (getLangOpts().CPlusPlus ? 1 : 2) : 0);
  std::string Object = "'" + Write.Object.describe() + "'";
  if (!Write.Held.empty() && !sharesLock(Write.Held, Write.Held))
    diag(Where, "the lock is held in shared mode here, and other holders in "
                "shared mode run at the same time; take it exclusively "
                "(std::unique_lock, lock()) to write",
         DiagnosticIDs::Note);
  if (Write.UnguardingStripe)
    diag(expansionStart(*Write.UnguardingStripe, SM),
         "this lock is one of an array's stripes, picked by the data; two "
         "threads holding different stripes write %0 at the same time: "
         "guard it with one lock for the whole array, or make it per stripe",
         DiagnosticIDs::Note)
        << Object;
  noteWorkerCall(Write, SM);
  if (Write.Overlap && First.Why == Repeated)
    diag(expansionStart(*Write.Overlap->Bound, SM),
         "each launch's range of %0 %select{ends at the first value of the "
         "next launch's range|runs %2 values into the next launch's range}1, "
         "so neighbouring workers both write there; %select{stop before it "
         "('<' rather than '<=')|end each range where the next one begins}3",
         DiagnosticIDs::Note)
        << Write.Overlap->Counter << (Write.Overlap->SharedValues > 1)
        << static_cast<unsigned>(Write.Overlap->SharedValues)
        << !(Write.Overlap->Inclusive && Write.Overlap->SharedValues == 1);
  if (Write.RefilledUnwatched && First.Why == OtherWorker)
    diag(Where, "the worker writes it again on each trip without waiting "
                "until the other side has taken the last value; wait for that "
                "under the lock first, then write",
         DiagnosticIDs::Note);
  for (const Conflict &C : Conflicts) {
    switch (C.Note) {
    case Conflict::AtLoop:
      diag(C.NoteAt, "the worker is launched on each iteration of this loop, "
                     "and the iterations' workers run at the same time",
           DiagnosticIDs::Note);
      break;
    case Conflict::AgainHere:
      diag(C.NoteAt, "the same worker is launched again here, and both may "
                     "run at the same time",
           DiagnosticIDs::Note);
      break;
    case Conflict::UnlockedRead:
      diag(C.NoteAt, "each instance reads %0 here without holding the lock "
                     "taken at the write",
           DiagnosticIDs::Note)
          << Object;
      break;
    case Conflict::OthersRead:
      diag(C.NoteAt, "only one instance writes %0, and every other reads it "
                     "here%select{| without holding the lock taken at the "
                     "write}1",
           DiagnosticIDs::Note)
          << Object << !Write.Held.empty();
      break;
    case Conflict::AgainOtherLock:
      diag(C.NoteAt, "the same worker is launched again here on other "
                     "objects; at the write it holds %0 where the first "
                     "holds %1, so both may write %2 at the same time",
           DiagnosticIDs::Note)
          << lockNamed(*OtherLaunchWrite) << lockNamed(Write) << Object;
      break;
    case Conflict::OtherLockWrite:
      diag(C.NoteAt, "each instance also writes %0 here, holding another "
                     "lock than the one taken at the write",
           DiagnosticIDs::Note)
          << Object;
      break;
    case Conflict::AtAccess:
      if (C.NeighbourBitField) {
        diag(C.NoteAt, "%select{another worker|the launching thread}0 "
                       "%select{reads|writes}1 %2 here%select{| while the "
                       "worker may still be running}0: a bit-field next to "
                       "%3 in the same memory location",
             DiagnosticIDs::Note)
            << (C.Why == Launcher) << C.OtherWrites << C.NeighbourBitField
            << Object;
        break;
      }
      diag(C.NoteAt, "%select{another worker|the launching thread}0 "
                     "%select{reads|writes}1 %2 here%select{| while the "
                     "worker may still be running}0%select{| without holding "
                     "the lock taken at the write}3",
           DiagnosticIDs::Note)
          << (C.Why == Launcher) << C.OtherWrites << Object
          << !Write.Held.empty();
      break;
    }
  }
  // The write is in a function the launching code never names: say which
  // call started it.
  if (Writer.Through)
    noteStart(Writer, SM);
  return true;
}

/// The variable indexing the first subscript in S (`conns[i]` in
/// `conns[i].state = 1`, in `&conns[i]`), or null.
static const VarDecl *firstIndexVariable(const Stmt &S,
                                         const ArraySubscriptExpr **Element = nullptr) {
  const VarDecl *Found = nullptr;
  bool Seen = false;
  forEachDescendant(&S, /*SkipLambdas=*/true, [&](const Stmt &Node) {
    const auto *Subscript = dyn_cast<ArraySubscriptExpr>(&Node);
    if (Seen || !Subscript)
      return;
    Seen = true;
    if (Element)
      *Element = Subscript;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Subscript->getIdx()->IgnoreParenImpCasts()))
      Found = dyn_cast<VarDecl>(Ref->getDecl());
  });
  return Found;
}

/// Whether the launching thread's Write, in the loop that makes Launch and
/// after it, writes the element that launch handed over: both subscripts
/// indexed by the loop's own counter.
static bool writesHandedElement(const Stmt *LaunchLoop, const Stmt &Launch,
                                const SharedAccess &Write,
                                const FunctionAnalysis &Owner) {
  const auto *Loop = dyn_cast_or_null<ForStmt>(LaunchLoop);
  const SourceManager &SM = Owner.context().getSourceManager();
  if (!Loop || !Owner.isWithin(*Write.Where, *Loop->getBody()) ||
      !SM.isBeforeInTranslationUnit(Launch.getEndLoc(), Write.Where->getBeginLoc()))
    return false;
  const ArraySubscriptExpr *Element = nullptr;
  const VarDecl *Written = firstIndexVariable(*Write.Where, &Element);
  // Storing another pointer into the slot (`conns[i] = NULL;`) changes
  // nothing the worker reads through the one it was given.
  if (Write.Object.Fields.empty() && Element && Element->getType()->isPointerType())
    return false;
  const auto *Init = dyn_cast_or_null<DeclStmt>(Loop->getInit());
  return Written && Init && Init->isSingleDecl() && Init->getSingleDecl() == Written &&
         firstIndexVariable(Launch) == Written;
}

bool UnsynchronizedSharedWriteCheck::LaunchingBody::startsNothingAfter(
    const Worker &W, const Stmt &S) {
  const SourceManager &SM = Owner.context().getSourceManager();
  return llvm::all_of(Workers, [&](const Worker &Other) {
    bool Later = !SM.isBeforeInTranslationUnit(
                     expansionStart(*Other.Spawn.Call, SM), expansionStart(S, SM)) ||
                 (Other.Loop && Owner.isWithin(S, *Other.Loop));
    return !Later || !runningAt(W, *Other.Spawn.Call);
  });
}

void UnsynchronizedSharedWriteCheck::checkLauncherWrites(LaunchingBody &Body) {
  const SourceManager &SM = Body.Owner.context().getSourceManager();
  // One report per field; one per object refilled for each launch: its
  // fields share the fix (a copy for each worker). A setting's fields each
  // need their own (an atomic, a lock).
  llvm::SmallVector<ObjectPath, 4> Reported;
  llvm::SmallPtrSet<const ValueDecl *, 4> ReportedWhole;
  auto AlreadyReported = [&](const ObjectPath &Object) {
    return llvm::is_contained(Reported, Object) ||
           (Object.Root && ReportedWhole.contains(Object.Root));
  };
  // The launching thread makes Write in a loop of its own, one that does
  // not start W, while W may be running: again and again.
  auto WrittenRepeatedly = [&](const Worker &W, const SharedAccess &Write) {
    const Stmt *Loop = enclosingLoop(*Write.Where, Body.Owner);
    return Loop && !Body.Owner.isWithin(*W.Spawn.Call, *Loop);
  };
  for (const SharedAccess &Write : Body.Accesses) {
    if (!Write.isWrite() || Write.ConstantToVolatile ||
        AlreadyReported(Write.Object))
      continue;
    for (const Worker &W : Body.Workers) {
      // A worker that writes the object too, without the lock taken here,
      // is reported at its own write.
      if ((W.Lifetime.Kind != WorkerLifetime::Tracked &&
           W.Lifetime.Kind != WorkerLifetime::RunsOn) ||
          llvm::any_of(W.Accesses.Accesses, [&](const SharedAccess &A) {
            return A.isWrite() && A.Object.overlaps(Write.Object) &&
                   !sharesLock(Write.Held, A.Held);
          }))
        continue;
      // A worker that hands data over, to a launching thread that takes
      // part in a hand-off, may be how the two take turns. Not for an
      // object the worker itself touches under the lock written under
      // here, written again and again while it runs (a queue's count bumped
      // by a producer loop): the lock is how the two share it, and a read
      // without it (a fast path) meets the next write whatever came before.
      bool SharedUnderLock =
          llvm::any_of(W.Accesses.Accesses, [&](const SharedAccess &A) {
            return readsWritten(A.Object, Write.Object) &&
                   sharesLock(Write.Held, A.Held);
          }) &&
          WrittenRepeatedly(W, Write);
      // A read the worker makes before it takes part in any hand-off or
      // takes any lock meets a write the launching thread makes before it
      // takes part in one after the start: neither side acquires anything
      // the other released in between.
      bool WriteBeforeHandOff = !Body.handOffBefore(W, *Write.Where);
      auto ReadFirst = [&](const SharedAccess &A) {
        return WriteBeforeHandOff && readBeforeAnyHandOff(W.Accesses, A);
      };
      const SharedAccess *Read = nullptr;
      // Stored after the launching thread's last lock or hand-off while the
      // worker runs (a flag set after the unlock, then notified): no wait of
      // the worker's orders its read, under the lock or not.
      bool PublishedByNothing =
          Write.PublishedByNothing &&
          !Body.publishesAfter(*Write.Where, [&](const Stmt &S) {
            return Body.runningAt(W, S);
          });
      // An unlocked write nothing after it publishes, and a read the worker
      // tells no one of (the launching thread notifies, then stores a
      // checksum the woken worker reads): ordered in neither direction.
      // A later start of a thread publishes to it, and it may pass that on
      // (a barrier of the workers' own): none while the worker runs.
      std::optional<bool> Unpublished;
      auto NeitherWay = [&](const SharedAccess &A) {
        // What the worker releases after the read, the launching thread
        // may take before its write: then the read may come first.
        if (!answeredByNothing(A) || !Write.Held.empty() ||
            !(A.ReleasesAfter->empty() ||
              Body.releasesToNoOne(W, *A.ReleasesAfter)))
          return false;
        if (!Unpublished)
          Unpublished =
              Body.startsNothingAfter(W, *Write.Where) &&
              !Body.publishesAfter(*Write.Where, [&](const Stmt &S) {
                return Body.runningAt(W, S);
              });
        return *Unpublished;
      };
      auto Meets = [&](const SharedAccess &A) {
        return readsWritten(A.Object, Write.Object) && !Write.inOtherSlotThan(A) &&
               (!sharesLock(Write.Held, A.Held) || PublishedByNothing) &&
               (SharedUnderLock || ReadFirst(A) || PublishedByNothing ||
                NeitherWay(A) ||
                !(mayBeOrderedByHandOff(W.Accesses, A) && Body.handOffAfterStart(W)));
      };
      for (const SharedAccess &A : W.Accesses.Accesses)
        if (!Read && (Body.OnlyNarrowReads
                          ? readsWritten(A.Object, Write.Object) &&
                                !Write.inOtherSlotThan(A) && NeitherWay(A)
                          : Meets(A)))
          Read = &A;
      // The element this launch handed the worker, written after the start
      // in the same trip (`conns[i].state = HANDED_OFF;` after
      // `pthread_create(&t[i], NULL, serve, &conns[i])`).
      bool HandedElement = false;
      if (!Read && writesHandedElement(W.Loop, *W.Spawn.Call, Write, Body.Owner))
        for (const SharedAccess &A : W.Accesses.OwnElementReads)
          if (!Read && Meets(A)) {
            Read = &A;
            HandedElement = true;
          }
      if (!Read || !Body.runningAt(W, *Write.Where))
        continue;
      Reported.push_back(Write.Object);
      SourceLocation CallAt = reportLocation(*Write.Where, SM);
      // The write itself is what to change; a header's write would be
      // filtered out, so one outside the call's file is reported at the call.
      SourceLocation InnerAt =
          Write.Inner ? reportLocation(*Write.Inner, SM) : SourceLocation();
      bool AtInner = CallAt.isValid() && InnerAt.isValid() &&
                     SM.getFileID(InnerAt) == SM.getFileID(CallAt);
      SourceLocation Where = AtInner ? InnerAt : CallAt;
      if (Where.isInvalid() || !firstReportAt(Where))
        break;
      // The loop counter, or one object refilled for the next launch: each
      // worker wants a copy of its own. Anything else (a flag, a setting)
      // the worker is meant to see change.
      bool LoopCounter = countsLoop(*Write.Where, Body.Owner);
      bool Refilled = !HandedElement && (LoopCounter || (W.Loop && Body.Owner.isWithin(
                                                                    *Write.Where, *W.Loop)));
      if (Refilled)
        ReportedWhole.insert(Write.Object.Root);
      llvm::SmallVector<std::string, 3> Fixes;
      if (atomicWouldDo(Write) && !LoopCounter)
        Fixes.push_back(getLangOpts().CPlusPlus ? "make it std::atomic"
                                                : "make it _Atomic");
      if (Refilled)
        Fixes.push_back("hand each worker its own copy");
      if (HandedElement)
        Fixes.push_back("write it before the worker starts");
      Fixes.push_back("guard every access with one mutex");
      bool AtCall = Write.ViaCallee && !AtInner;
      diag(Where, "unsynchronized %0 %select{|by this call of '%2' }1while a "
                  "worker started earlier may be reading it; %3")
          << whatIsWritten(Write) << AtCall << calleeName(Write.ViaCallee)
          << alternatives(Fixes);
      if (AtInner)
        diag(CallAt,
             "the launching thread makes the write through this call of '%0'",
             DiagnosticIDs::Note)
            << calleeName(Write.ViaCallee);
      noteStart(W, SM);
      noteWorkerRead(*Read, !Write.Held.empty(), SM);
      break;
    }
  }
}

void UnsynchronizedSharedWriteCheck::checkOwnSlotWrites(LaunchingBody &Body) {
  const SourceManager &SM = Body.Owner.context().getSourceManager();
  for (const Worker &W : Body.Workers) {
    llvm::SmallVector<ObjectPath, 2> Reported;
    for (const SharedAccess &Write : W.Accesses.OwnSlotWrites) {
      if (Write.ConstantToVolatile || llvm::is_contained(Reported, Write.Object))
        continue;
      bool LauncherTakesPart =
          mayBeOrderedByHandOff(W.Accesses, Write) && Body.handOffAfterStart(W);
      bool LauncherSeesIt = (W.Lifetime.Kind == WorkerLifetime::Tracked ||
                             W.Lifetime.Kind == WorkerLifetime::RunsOn) &&
                            !LauncherTakesPart;
      // A read of every slot, not one constant slot (`out[0]`, which may be
      // the reader's own share) nor the size (`results.size()`; an
      // element's `errors[i].empty()` reads the element), without the
      // write's lock.
      auto ReadsTheSlots = [&](const SharedAccess &A) {
        return !A.isWrite() && !A.ConstantSlot &&
               !(readsNoElement(A.Method) && isMethodOfObject(*A.Method, A.Object)) &&
               readsWritten(A.Object, Write.Object) &&
               !sharesLock(Write.Held, A.Held);
      };
      // The launching thread reading the slots while the worker runs: a
      // progress display summing them before the join.
      const SharedAccess *Read = nullptr;
      const Worker *Reader = nullptr;
      if (LauncherSeesIt)
        for (const SharedAccess &A : Body.Accesses)
          if (!Read && ReadsTheSlots(A) && Body.runningAt(W, *A.Where))
            Read = &A;
      // Another worker reading them meanwhile: a watchdog, a monitor. Either
      // side's hand-off may order the two, except for a slot claimed with a
      // ticket: the reader's loads of the counter meet the claim, made
      // before the fill, and the writer publishes nothing after it.
      // As for other writes (checkWrite): a hand-off orders the two only
      // when the other side takes part in one, and a stop flag the reader
      // polls orders none of its polling loop's reads.
      if (!Read)
        for (const Worker &Other : Body.Workers) {
          if (Read || &Other == &W || sameCallable(Other.Spawn, W.Spawn) ||
              !Body.overlap(W, Other))
            continue;
          bool WriterOrders = !Write.ClaimedBy &&
                              mayBeOrderedByHandOff(W.Accesses, Write) &&
                              Body.mayTakePartInHandOff(Other);
          if (WriterOrders && !Other.Accesses.PollsOnly)
            continue;
          for (const SharedAccess &A : Other.Accesses.Accesses) {
            if (Read || (WriterOrders && !A.WhilePolling) || !ReadsTheSlots(A) ||
                (!Write.ClaimedBy && mayBeOrderedByHandOff(Other.Accesses, A) &&
                 Body.mayTakePartInHandOff(W)))
              continue;
            Read = &A;
            Reader = &Other;
          }
        }
      // Another instance of the same worker reading the others' slots (a
      // peer's progress, a neighbour's lag): the instances run at once
      // unless a hand-off orders them. Barrier waits in a loop order only
      // what lies in different phases: a sum of the slots after the trip's
      // single wait meets the others' refills of the next trip. Not for an
      // element parlint cannot place, nor one the trip picks: a buffer
      // picked by the trip's parity is refilled two trips later only.
      // A slot written after the worker's last hand-off (a start gate
      // before it, a relaxed count-down after it) is published by nothing
      // the peers can wait for.
      bool Unordered = (!W.Accesses.HandsOff || Write.PublishedByNothing) &&
                       !mayOrderInstances(W.Accesses, Write);
      auto PhaseOf = [&](const SharedAccess &A) {
        return W.Accesses.barrierPhaseOf(A, SM);
      };
      std::optional<unsigned> WritePhase =
          Write.UnplacedSlot ||
                  (W.Accesses.BarrierLoop &&
                   slotChangesPerTrip(Write, *W.Accesses.BarrierLoop, SM))
              ? std::nullopt
              : PhaseOf(Write);
      bool ReadByPeer = false;
      if (!Read && (Unordered || WritePhase) &&
          (W.LoopOverlaps ||
           llvm::any_of(Body.Workers, [&](const Worker &Other) {
             return &Other != &W && sameCallable(Other.Spawn, W.Spawn) &&
                    Body.overlap(W, Other);
           })))
        // (A peer's read of the pointer member that leads to the slots, to
        // compute an address in a helper that returns it, reads none of
        // them: what the peer does through the address is its own access,
        // placed on its own.)
        for (const SharedAccess &A : W.Accesses.Accesses)
          if (!Read && ReadsTheSlots(A) && !A.PointerValue &&
              (Unordered || PhaseOf(A) == WritePhase)) {
            Read = &A;
            ReadByPeer = true;
          }
      if (!Read)
        continue;
      Reported.push_back(Write.Object);
      SourceLocation Where = reportLocation(*Write.Where, SM);
      if (Where.isInvalid() || !firstReportAt(Where))
        continue;
      diag(Where, "unsynchronized %0 in %select{the worker's own slot|an "
                  "element the worker picks}3, which %select{the launching "
                  "thread|another thread|another instance of the worker}1 "
                  "reads while the worker may still be running; %select{|"
                  "make it std::atomic, |make it _Atomic, }2guard every "
                  "access with one mutex, or read the slots only once the "
                  "workers have finished")
          << whatIsWritten(Write) << (ReadByPeer ? 2 : Reader ? 1 : 0)
          << (atomicWouldDo(Write) ? (getLangOpts().CPlusPlus ? 1 : 2) : 0)
          << Write.UnplacedSlot;
      if (Write.ClaimedBy)
        diag(expansionStart(*Write.ClaimedBy, SM),
             "the slot is claimed here: the counter announces it before it "
             "is filled, so a reader that trusts the counter reads it while "
             "it is written; publish each slot once filled (a second counter "
             "stored with release after the write, or a ready flag per slot)",
             DiagnosticIDs::Note);
      noteWorkerCall(Write, SM);
      if (ReadByPeer && Read->NeighbourSlot) {
        diag(expansionStart(*Read->Where, SM),
             "each instance reads '%0' here a step past its own part: at the "
             "end of its range that is the neighbouring instance's element; "
             "read the previous values from a copy (two buffers), or let a "
             "barrier separate the reads from the writes",
             DiagnosticIDs::Note)
            << Read->Object.describe();
      } else if (ReadByPeer) {
        diag(expansionStart(*Read->Where, SM),
             "%select{each instance reads '%1' here|each instance reads '%1' "
             "through this call of '%2'}0, other instances' slots included",
             DiagnosticIDs::Note)
            << (Read->ViaCallee != nullptr) << Read->Object.describe()
            << calleeName(Read->ViaCallee);
      } else if (Reader) {
        diag(expansionStart(*Read->Where, SM),
             "%select{another worker reads '%1' here|another worker reads "
             "'%1' through this call of '%2'}0",
             DiagnosticIDs::Note)
            << (Read->ViaCallee != nullptr) << Read->Object.describe()
            << calleeName(Read->ViaCallee);
        diag(expansionStart(*Reader->Spawn.Call, SM),
             "the reading worker is started here", DiagnosticIDs::Note);
      } else {
        diag(expansionStart(*Read->Where, SM),
             "the launching thread reads '%0' here while the worker may still "
             "be running",
             DiagnosticIDs::Note)
            << Read->Object.describe();
      }
      noteStart(W, SM);
    }
  }
}

void UnsynchronizedSharedWriteCheck::noteStart(const Worker &W,
                                               const SourceManager &SM) {
  if (!W.Through) {
    diag(expansionStart(*W.Spawn.Call, SM), "the worker is started here",
         DiagnosticIDs::Note);
    return;
  }
  diag(expansionStart(*W.Spawn.Call, SM),
       "the worker is started by this call of '%0'", DiagnosticIDs::Note)
      << calleeName(W.Through->Callee);
}

} // namespace clang::tidy::parlint

