// unjoined-thread across a call: a helper returns a running std::thread and
// the caller drops it, so the temporary dies joinable (std::terminate).
#include "UnjoinedThreadCheck.h"
#include "../analysis/ReturnedWorkers.h"

namespace clang::tidy::parlint {

void UnjoinedThreadCheck::checkReturnedThread(const CallExpr &Call,
                                              const FunctionAnalysis &Owner) {
  ReturnedWorker Returned = droppedWorkerOf(Call, Owner);
  SourceLocation Where =
      Owner.context().getSourceManager().getExpansionLoc(Call.getBeginLoc());
  if (Returned.Kind != ReturnedWorker::RunningThread || !firstReportAt(Where))
    return;
  diag(Where, "the running std::thread returned by %0 is dropped: it is "
              "destroyed while joinable at the end of the statement, which "
              "calls std::terminate; keep it and join it, or detach it")
      << Call.getDirectCallee();
  diag(Returned.Launch->getBeginLoc(), "the thread is started here, in %0",
       DiagnosticIDs::Note)
      << Returned.LaunchFunction;
}

} // namespace clang::tidy::parlint
