// parlint-unjoined-thread's class rule: a std::thread member (or a container
// of them) that some method of the class starts and that no destructor
// running before the member dies finishes on any path. Reported once per
// member, at its declaration.
#include "../model/RuntimeApi.h"
#include "MemberThreadFixIt.h"
#include "UnjoinedThreadCheck.h"

#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::parlint {

namespace {

/// Whether the class leaves the member to others: detached, or handed over
/// (moved out, swapped, given by non-const reference to code that may keep
/// it). Then its destructor is not the only way the thread ends.
bool handedOver(const HandleMember &Member) {
  return !Member.Detaches.empty() || !Member.Escapes.empty();
}

/// Whether the class has a way to finish the member other than its
/// destructor: a method that joins it (`stop()`), one this translation
/// unit cannot see, or code outside the class (a public member). Such a class leaves the join to its owner (who calls
/// stop() before destroying it, as std::thread leaves it to its own); only
/// a class that can never finish the thread is reported.
bool ownerMayFinish(const HandleMember &Member) {
  return !Member.Joins.empty() || Member.UnseenMethod || Member.OutsideAccess;
}

std::string className(const CXXRecordDecl &Record) {
  return Record.getName().str();
}

} // namespace

void UnjoinedThreadCheck::startOfTranslationUnit() { MembersChecked = false; }

void UnjoinedThreadCheck::checkMemberThreads(ASTContext &Context) {
  if (MembersChecked)
    return;
  MembersChecked = true;
  if (!getLangOpts().CPlusPlus)
    return;
  ClassModels::forEachClass(Context, [&](const ClassModel &Model) {
    for (const HandleMember &Member : Model.Members)
      if ((Member.Kind == MemberHandleKind::Thread ||
           Member.Kind == MemberHandleKind::ThreadContainer) &&
          !Member.Starts.empty() && !handedOver(Member) &&
          !ownerMayFinish(Member) &&
          Member.Destruction == DestructorEffect::LeavesRunning)
        reportMemberThread(Model, Member, Context);
  });
}

void UnjoinedThreadCheck::reportMemberThread(const ClassModel &Model,
                                             const HandleMember &Member,
                                             ASTContext &Context) {
  const FieldDecl &Field = *Member.Field;
  if (!firstReportAt(Field.getLocation()))
    return;
  const std::string Class = className(*Model.Record);
  if (Member.Kind == MemberHandleKind::ThreadContainer) {
    diag(Field.getLocation(),
         "threads in member %0 are never joined: destroying a '%1' "
         "after one started calls std::terminate; join every element in the "
         "destructor")
        << &Field << Class;
  } else {
    bool ToJThread = getLangOpts().CPlusPlus20;
    bool ToReplacement = !ToJThread && getLangOpts().CPlusPlus17 &&
                         !Cxx17Replacement.empty();
    StringRef Replacement = ToJThread ? StringRef("std::jthread")
                                      : StringRef(Cxx17Replacement);
    std::optional<llvm::SmallVector<FixItHint, 2>> Edits;
    if (ToJThread || ToReplacement)
      Edits = planMemberThreadFix(Model, Member, Replacement, ToJThread, Context);
    if (Edits) {
      auto Diag = diag(Field.getLocation(),
                       "std::thread member %0 is never joined: destroying a "
                       "'%1' after it started calls std::terminate; use %2, "
                       "which joins on destruction")
                  << &Field << Class << Replacement;
      for (const FixItHint &Edit : *Edits)
        Diag << Edit;
      if (ToReplacement && !Cxx17ReplacementHeader.empty()) {
        const SourceManager &SM = Context.getSourceManager();
        Diag << Inserter.createIncludeInsertion(
            SM.getFileID(SM.getExpansionLoc(Field.getLocation())),
            Cxx17ReplacementHeader);
      }
    } else {
      diag(Field.getLocation(),
           "std::thread member %0 is never joined: destroying a '%1' "
           "after it started calls std::terminate; join it in the destructor")
          << &Field << Class;
    }
  }
  const MemberSite &Start = Member.Starts.front();
  if (Start.Function)
    diag(Start.Where->getBeginLoc(), "%0 is started here, in %1",
         DiagnosticIDs::Note)
        << &Field << Start.Function;
  else
    diag(Start.Where->getBeginLoc(), "%0 is started by its initializer",
         DiagnosticIDs::Note)
        << &Field;
  if (Model.Destructor)
    diag(Model.Destructor->getLocation(), "'~%0' does not join %1",
         DiagnosticIDs::Note)
        << Class << &Field;
  else
    diag(Model.Record->getLocation(),
         "'%0' has an implicit destructor, which does not join %1",
         DiagnosticIDs::Note)
        << Class << &Field;
}

} // namespace clang::tidy::parlint
