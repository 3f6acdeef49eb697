// Writes of a worker matched with another thread's access by the member
// written, not by the name of the object: the two sides often reach one
// object by different names (`srv->inbox` in the worker, `call` in the
// launching thread), so only the member's declaration ties them.
#include "UnsynchronizedSharedWriteCheck.h"
#include "../analysis/CompletionSignals.h"
#include "../analysis/SummaryWrites.h"
#include "../common/AstHelpers.h"
#include "../model/Synchronization.h"

namespace clang::tidy::parlint {

namespace {

bool hasMutexMember(const RecordDecl &Record) {
  return llvm::any_of(Record.fields(), [](const FieldDecl *Field) {
    return isLockType(Field->getType());
  });
}

/// The lock Access holds on a mutex member of the object it touches a
/// member of (`call->lock` around `call->completed`), or null.
const HeldLock *ownMemberLock(const SummaryWrite &Access) {
  const ObjectPath &Object = Access.Object;
  for (const HeldLock &Lock : Access.Held) {
    if (!Lock.Mutex || Lock.Mutex->Root != Object.Root ||
        Lock.Mutex->Fields.size() != Object.Fields.size())
      continue;
    const auto &Fields = Lock.Mutex->Fields;
    if (std::equal(Fields.begin(), Fields.end() - 1, Object.Fields.begin()) &&
        Fields.back()->getParent() == Object.Fields.back()->getParent() &&
        isLockType(Fields.back()->getType()))
      return &Lock;
  }
  return nullptr;
}

} // namespace

void UnsynchronizedSharedWriteCheck::checkWritesAfterSignal(const Stmt &WorkerBody,
                                                            ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  for (const AccessAfterSignal &Found : accessesAfterCompletionSignal(WorkerBody, Context)) {
    SourceLocation Where = reportLocation(*Found.Write, SM);
    if (Where.isInvalid() || !firstReportAt(Where))
      continue;
    if (Found.Reads)
      diag(Where, "unsynchronized read of '%0' after the signal through '%1' "
                  "that hands the object over: a thread waiting for that "
                  "signal writes it while it is read; read it before the "
                  "signal")
          << Found.Member->getName() << Found.SignalMember->getName();
    else
      diag(Where, "unsynchronized write to '%0' after the signal through '%1' "
                  "that the object is ready: a thread waiting for that signal "
                  "reads it while it is written; write it before the signal")
          << Found.Member->getName() << Found.SignalMember->getName();
    if (Found.Call)
      diag(expansionStart(*Found.Call, SM),
           "the worker makes the write through this call of %0",
           DiagnosticIDs::Note)
          << Found.Call->getDirectCallee();
    diag(expansionStart(*Found.Signal, SM),
         "the object is %select{signalled ready|handed over}0 here",
         DiagnosticIDs::Note)
        << Found.Reads;
    diag(expansionStart(*Found.OtherWait, SM),
         "another thread waits for the signal here in %0", DiagnosticIDs::Note)
        << Found.OtherFunction;
    diag(expansionStart(*Found.OtherRead, SM), "and then %select{reads|writes}1 '%0' here",
         DiagnosticIDs::Note)
        << Found.Member->getName() << Found.Reads;
  }
}

void UnsynchronizedSharedWriteCheck::checkWritesToGuardedMembers(LaunchingBody &Body) {
  ASTContext &Context = Body.Owner.context();
  const SourceManager &SM = Context.getSourceManager();
  // The launching thread's calls of functions whose bodies the summaries
  // read, collected on first need.
  std::optional<llvm::SmallVector<const CallExpr *, 8>> Calls;
  auto CallsOfLauncher = [&]() -> llvm::ArrayRef<const CallExpr *> {
    if (!Calls) {
      Calls.emplace();
      forEachDescendant(&Body.Owner.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
        const auto *Call = dyn_cast<CallExpr>(&S);
        const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
        if (Callee && Callee->getDefinition() && Callee->getDefinition()->hasBody())
          Calls->push_back(Call);
      });
    }
    return *Calls;
  };
  for (const Worker &W : Body.Workers)
    for (const SharedAccess &Write : W.Accesses.Accesses) {
      // A write a later lock or hand-off of the worker may publish (`value_
      // = v;` before `done_ = true` under the lock) reaches a reader that
      // takes the lock after seeing the flag: only one after the worker's
      // last such step is unordered.
      if (!Write.isWrite() || !Write.Held.empty() || !Write.PublishedByNothing ||
          Write.ConstantToVolatile ||
          Write.Object.Fields.empty() ||
          !hasMutexMember(*Write.Object.Fields.back()->getParent()))
        continue;
      const FieldDecl *Member = Write.Object.Fields.back();
      for (const CallExpr *Call : CallsOfLauncher()) {
        if (Body.Owner.isWithin(*Call, *W.Spawn.Call) || !Body.runningAt(W, *Call))
          continue;
        const WriteSummary &Summary =
            SummaryWrites::of(*Call->getDirectCallee()->getDefinition(), Context);
        const SummaryWrite *Guarded = nullptr;
        const HeldLock *Lock = nullptr;
        for (const auto *Accesses : {&Summary.Reads, &Summary.Writes})
          for (const SummaryWrite &Access : *Accesses)
            if (!Guarded && !Access.Object.Fields.empty() &&
                Access.Object.Fields.back() == Member)
              if ((Lock = ownMemberLock(Access)))
                Guarded = &Access;
        if (!Guarded)
          continue;
        SourceLocation Where = reportLocation(*Write.Where, SM);
        if (Where.isInvalid() || !firstReportAt(Where))
          break;
        diag(Where, "unsynchronized write to '%0', which the launching thread "
                    "%select{reads|writes}1 under '%2' while the worker may "
                    "still be running; take that lock at the write too")
            << Write.Object.describe() << (Guarded->Write != WriteKind::None)
            << Lock->Mutex->describe();
        noteWorkerCall(Write, SM);
        diag(expansionStart(*Call, SM),
             "the launching thread %select{reads|writes}0 '%1' under '%2' "
             "through this call of %3",
             DiagnosticIDs::Note)
            << (Guarded->Write != WriteKind::None) << Guarded->Object.describe()
            << Lock->Mutex->describe() << Call->getDirectCallee();
        noteStart(W, SM);
        break;
      }
    }
}

} // namespace clang::tidy::parlint

