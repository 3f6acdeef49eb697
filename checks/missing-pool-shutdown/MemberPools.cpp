// parlint-missing-pool-shutdown's class rule: a pool member (PoolTypes, or a
// library pool whose destructor abandons queued work) on which some method
// queues work, that no destructor running before the member dies shuts down
// on any path. Reported once per member, at its declaration.
#include "MissingPoolShutdownCheck.h"

namespace clang::tidy::parlint {

void MissingPoolShutdownCheck::startOfTranslationUnit() {
  MembersChecked = false;
}

void MissingPoolShutdownCheck::checkMemberPools(ASTContext &Context) {
  if (MembersChecked)
    return;
  MembersChecked = true;
  ClassModels::forEachClass(Context, [&](const ClassModel &Model) {
    for (const HandleMember &Member : Model.Members)
      if (Member.Kind == MemberHandleKind::Pool &&
          isPoolType(Member.Field->getType()) && !Member.Starts.empty() &&
          Member.Escapes.empty() && Member.Joins.empty() &&
          !Member.UnseenMethod && !Member.OutsideAccess &&
          Member.Destruction == DestructorEffect::LeavesRunning)
        reportMemberPool(Model, Member, Context);
  });
}

void MissingPoolShutdownCheck::reportMemberPool(const ClassModel &Model,
                                                const HandleMember &Member,
                                                ASTContext &Context) {
  const FieldDecl &Field = *Member.Field;
  if (!firstReportAt(Field.getLocation()))
    return;
  const std::string Name = Field.getName().str();
  const std::string Class = Model.Record->getName().str();
  const StringRef Method = shutdownMethod(Field.getType());
  diag(Field.getLocation(),
       "'%0' (%1) has work queued on it but is never shut down: "
       "destroying a '%2' abandons the queued work \u2014 call %0.%3() in "
       "'~%2'")
      << Name
      << Field.getType().getCanonicalType().getUnqualifiedType().getAsString(
             Context.getPrintingPolicy())
      << Class << Method;
  const MemberSite &Start = Member.Starts.front();
  diag(Start.Where->getBeginLoc(), "work is queued on '%0' here, in %1",
       DiagnosticIDs::Note)
      << Name << Start.Function;
  if (Model.Destructor)
    diag(Model.Destructor->getLocation(), "'~%0' does not call %1.%2()",
         DiagnosticIDs::Note)
        << Class << Name << Method;
  else
    diag(Model.Record->getLocation(),
         "'%0' has an implicit destructor, which does not call %1.%2()",
         DiagnosticIDs::Note)
        << Class << Name << Method;
}

} // namespace clang::tidy::parlint
