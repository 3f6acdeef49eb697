// What a function does with a local object whose class leaves a thread (or
// pool) member to its owner: the class starts the member in some methods and
// finishes it in others (`start()` / `stop()`), but its destructor does not
// (ClassModel: Joins, and Destruction LeavesRunning). For such an object the
// owner plays the part a std::thread's owner plays: every path that destroys
// it after a start must call a finishing method first. The calls on the
// object (through FunctionSummaries: `this` of a member call, a reference
// parameter of a helper) become Start and Finish events for the path engine.
#ifndef PARLINT_CHECKS_ANALYSIS_OWNERUSES_H
#define PARLINT_CHECKS_ANALYSIS_OWNERUSES_H

#include "../common/AnalysisCache.h"
#include "ClassModel.h"
#include "HandleFlow.h"

namespace clang::tidy::parlint {

/// The member of a class that its owner must finish, with the method that
/// does (the first the model found), or none.
struct OwnerDuty {
  const HandleMember *Member = nullptr;
  const FunctionDecl *Finisher = nullptr;
};
/// Whether objects of Model's class leave a member to their owner: started
/// by some method, finished by another, never by a destructor, never
/// detached or handed over, every method visible here.
OwnerDuty ownerDutyOf(const ClassModel &Model);

struct OwnerUses {
  /// A use the events cannot describe (moved, copied, its address kept,
  /// passed to unknown code, captured by reference, the member named
  /// directly): nothing is said about the object.
  bool Escapes = false;
  HandleEvents Events;
  /// The first statement that starts the member (the declaration, or a
  /// call), for a note.
  const Stmt *FirstStart = nullptr;
};

/// The uses of Var (a local of Duty's class) in Owner's body.
OwnerUses collectOwnerUses(const FunctionAnalysis &Owner, const VarDecl &Var,
                           const OwnerDuty &Duty, ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
