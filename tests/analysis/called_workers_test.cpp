// Threads a call starts and hands back or lets go (analysis/CalledWorkers):
// which calls start one, and the worker's accesses put in the caller's names
// through the call's binding.
#include "ast_test_support.h"

#include "analysis/CalledWorkers.h"
#include "common/AnalysisCache.h"

#include <algorithm>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;

namespace {

constexpr const char *Program = R"(
#include <future>
#include <thread>
int gSetting;
class Job {
public:
  std::future<int> begin() {
    return std::async(std::launch::async, [this] { state_ = 2; return 1; });
  }
  int state_ = 0;
};
void readSetting() { int copy = gSetting; (void)copy; }
void startWatcher() { std::thread(readSetting).detach(); }
void startAndJoin() { std::thread t(readSetting); t.join(); }
std::future<int> twoDown(Job &job) { return job.begin(); }
void startWatcherLater() { startWatcher(); }
void watchCount(int &c) { std::thread([&c] { c = 1; }).detach(); }
void bootWatch(int &c) { watchCount(c); }
std::thread counter(int &out, int start) {
  return std::thread([&out, start] { int local = start; out = local; });
}
void use(Job &job, int &total) {
  auto f = job.begin();
  startWatcher();
  startAndJoin();
  auto g = twoDown(job);
  std::thread t = counter(total, 3);
  t.join();
  startWatcherLater();
  bootWatch(total);
}
)";

struct Found {
  std::string Callee;
  bool Detached;
  std::vector<std::string> Objects;
};

std::vector<Found> calledWorkersOfUse() {
  AnalysisCache::reset();
  auto AST = parlint::test::parseWithSystemHeaders(Program);
  ASTContext &Context = AST->getASTContext();
  const auto *Use = parlint::test::selectFirst<FunctionDecl>(
      "f", functionDecl(hasName("use"), isDefinition()).bind("f"), *AST);
  std::vector<Found> Result;
  if (!Use)
    return Result;
  forEachCalledWorker(*Use->getBody(), Context, [&](CalledWorker Worker) {
    Found F{Worker.Callee->getNameAsString(), Worker.Detached, {}};
    WorkerCode Code = describeWorker(
        Worker.Inner,
        AnalysisCache::of(*Worker.launchingFunction().getBody(), Context),
        nullptr, false);
    for (const SharedAccess &Access :
         inCallerNames(collectWorkerAccesses(Code, Context), Worker).Accesses)
      F.Objects.push_back(Access.Object.describe());
    Result.push_back(std::move(F));
  });
  AnalysisCache::reset();
  return Result;
}

TEST(CalledWorkers, CallsThatLeaveAThreadRunning) {
  std::vector<Found> Workers = calledWorkersOfUse();
  std::vector<std::string> Callees;
  for (const Found &F : Workers)
    Callees.push_back(F.Callee + (F.Detached ? " (detached)" : ""));
  EXPECT_EQ(Callees, (std::vector<std::string>{"begin", "startWatcher (detached)",
                                               "counter",
                                               "startWatcherLater (detached)",
                                               "bootWatch (detached)"}))
      << "a helper that joins starts nothing that outlives it; a handle "
         "returned two calls down is not followed, a thread let go there is";
}

TEST(CalledWorkers, AccessesInTheCallersNames) {
  std::vector<Found> Workers = calledWorkersOfUse();
  ASSERT_EQ(Workers.size(), 5u);
  EXPECT_EQ(Workers[0].Objects, std::vector<std::string>{"job.state_"})
      << "`this` is the call's object";
  EXPECT_EQ(Workers[1].Objects, std::vector<std::string>{"gSetting"})
      << "a global is itself";
  EXPECT_EQ(Workers[2].Objects, std::vector<std::string>{"total"})
      << "a reference parameter is the argument; a by-value one and the "
         "worker's locals are nobody's";
  EXPECT_EQ(Workers[3].Objects, std::vector<std::string>{"gSetting"});
  EXPECT_EQ(Workers[4].Objects, std::vector<std::string>{"total"})
      << "mapped through each call on the way: `c` of watchCount is `c` of "
         "bootWatch, which is `total`";
}

} // namespace
