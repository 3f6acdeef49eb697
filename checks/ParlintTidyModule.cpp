// Registers parlint's checks with clang-tidy. clang-tidy finds the module
// through the static registry entry below once the shared object is loaded
// with --load.
#include "discarded-future/DiscardedFutureCheck.h"
#include "fork-after-threads/ForkAfterThreadsCheck.h"
#include "hardcoded-worker-count/HardcodedWorkerCountCheck.h"
#include "large-copy-to-worker/LargeCopyToWorkerCheck.h"
#include "missing-pool-shutdown/MissingPoolShutdownCheck.h"
#include "unbounded-spawn/UnboundedSpawnCheck.h"
#include "unjoined-thread/UnjoinedThreadCheck.h"
#include "unreaped-child/UnreapedChildCheck.h"
#include "unsynchronized-shared-write/UnsynchronizedSharedWriteCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy::parlint {

class ParlintModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<UnboundedSpawnCheck>("parlint-unbounded-spawn");
    Factories.registerCheck<LargeCopyToWorkerCheck>(
        "parlint-large-copy-to-worker");
    Factories.registerCheck<UnjoinedThreadCheck>("parlint-unjoined-thread");
    Factories.registerCheck<MissingPoolShutdownCheck>(
        "parlint-missing-pool-shutdown");
    Factories.registerCheck<UnreapedChildCheck>("parlint-unreaped-child");
    Factories.registerCheck<DiscardedFutureCheck>("parlint-discarded-future");
    Factories.registerCheck<HardcodedWorkerCountCheck>(
        "parlint-hardcoded-worker-count");
    Factories.registerCheck<ForkAfterThreadsCheck>(
        "parlint-fork-after-threads");
    Factories.registerCheck<UnsynchronizedSharedWriteCheck>("parlint-unsynchronized-shared-write");
  }
};

} // namespace clang::tidy::parlint

static clang::tidy::ClangTidyModuleRegistry::Add<
    clang::tidy::parlint::ParlintModule>
    X("parlint-module", "Checks for concurrency misuse (parlint).");
