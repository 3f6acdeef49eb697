// parlint-unjoined-thread's owner rule: a local object of a class that
// starts a thread member in one method and joins it in another, but not in
// its destructor, destroyed on some path after a start and before a join.
// The class's contract makes the owner responsible, as std::thread's does.
#include "../analysis/OwnerUses.h"
#include "UnjoinedThreadCheck.h"

namespace clang::tidy::parlint {

void UnjoinedThreadCheck::checkOwnedObject(const VarDecl &Var,
                                           ASTContext &Context) {
  if (!getLangOpts().CPlusPlus || !Var.hasLocalStorage() ||
      isa<ParmVarDecl>(Var) || Var.isInvalidDecl() || !Var.getIdentifier() ||
      Var.getType()->isDependentType())
    return;
  const auto *Record = Var.getType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return;
  const SourceManager &SM = Context.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Var.getLocation())))
    return;
  const ClassModel *Model = ClassModels::of(*Record, Context);
  OwnerDuty Duty = Model ? ownerDutyOf(*Model) : OwnerDuty{};
  if (!Duty.Member)
    return;
  const auto *Function =
      dyn_cast_or_null<FunctionDecl>(Var.getParentFunctionOrMethod());
  if (!Function || Function->isDependentContext() || !Function->getBody())
    return;
  const FunctionAnalysis &Owner = AnalysisCache::of(*Function->getBody(), Context);
  OwnerUses Uses = collectOwnerUses(Owner, Var, Duty, Context);
  if (Uses.Escapes || !Uses.FirstStart)
    return;
  auto Exits = reportable(findBadExits(Owner, Var, Uses.Events, {}), Owner);
  // A function that finishes the object somewhere and misses it only at
  // the end of a scope most likely starts and finishes it under the same
  // condition (`if (threaded) s.start(); ... if (threaded) s.stop();`),
  // which the paths do not correlate: only early exits are reported then.
  bool FinishesSomewhere = llvm::any_of(Uses.Events.AtStmt, [](const auto &Event) {
    return Event.second == HandleEffect::Finish;
  });
  if (FinishesSomewhere)
    llvm::erase_if(Exits, [](const BadExit &Exit) {
      return Exit.Kind == BadExit::ScopeEnd || Exit.Kind == BadExit::FunctionEnd;
    });
  if (Exits.empty() || !firstReportAt(Var.getLocation()))
    return;
  const FieldDecl &Field = *Duty.Member->Field;
  diag(Var.getLocation(),
       "%0 can be destroyed while its thread %1 runs, which calls "
       "std::terminate; '%2' joins it only in %3: call %4.%5() on every path")
      << &Var << &Field << Record->getName() << Duty.Finisher
      << Var.getName() << Duty.Finisher->getName();
  diag(Uses.FirstStart->getBeginLoc(), "%0 is started here", DiagnosticIDs::Note)
      << &Field;
  for (const BadExit &Exit : distinctExits(Exits))
    diag(Exit.Where, "%0 goes out of scope here with %1 running",
         DiagnosticIDs::Note)
        << &Var << &Field;
}

} // namespace clang::tidy::parlint
