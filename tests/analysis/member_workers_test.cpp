// MemberWorkers on small code: which launches a class keeps in its members,
// and which calls of its other methods code elsewhere makes while that
// worker may run — after a start, before a finish, not after a wait for
// another thread, not once the object was handed to other code, and from a
// thread's lambda at its launch.
#include "ast_test_support.h"
#include "fake_std.h"

#include "analysis/MemberWorkers.h"
#include "common/AnalysisCache.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::FakeStd;
using parlint::test::FakeSync;

namespace {

constexpr const char *Counter = R"cpp(
struct Counter {
  Counter() : keeper_([this] { run(); }) {}
  void start() { worker_ = std::thread([this] { run(); }); }
  void stop() { worker_.join(); }
  long value() const { return value_; }
  void run() { ++value_; }
  long value_ = 0;
  std::thread worker_;
  std::thread keeper_;
};
)cpp";

struct Code {
  std::unique_ptr<ASTUnit> AST;

  explicit Code(const std::string &Snippet) {
    AnalysisCache::reset();
    AST = parlint::test::parse(std::string("# 1 \"fake_std.h\" 1 3\n") +
                               FakeStd + FakeSync + "# 1 \"input.cpp\" 2\n" +
                               Counter + Snippet);
  }
  ~Code() { AnalysisCache::reset(); }

  ASTContext &context() { return AST->getASTContext(); }
  const CXXRecordDecl &record(const std::string &Name) {
    const auto *R = parlint::test::selectFirst<CXXRecordDecl>(
        "r", cxxRecordDecl(hasName(Name), isDefinition()).bind("r"), *AST);
    EXPECT_NE(R, nullptr) << Name;
    return *R;
  }
  const CXXRecordDecl &counter() { return record("Counter"); }
  const FunctionDecl &function(const std::string &Name) {
    const auto *F = parlint::test::selectFirst<FunctionDecl>(
        "f", functionDecl(hasName(Name), isDefinition()).bind("f"), *AST);
    EXPECT_NE(F, nullptr) << Name;
    return *F;
  }
  const FieldDecl &field(const std::string &Name) {
    const auto *F = parlint::test::selectFirst<FieldDecl>(
        "f", fieldDecl(hasName(Name)).bind("f"), *AST);
    EXPECT_NE(F, nullptr) << Name;
    return *F;
  }
  unsigned line(const Stmt *S) {
    return AST->getSourceManager().getPresumedLoc(S->getBeginLoc()).getLine();
  }
  /// The lines of the calls made while the worker in Handle may run, with
  /// the line they count at when that differs.
  std::vector<std::string> callsWhileRunning(const std::string &Handle) {
    std::vector<std::string> Lines;
    for (const CallWhileRunning &Call :
         callsWhileMemberRuns(counter(), field(Handle), context())) {
      std::string Text = std::to_string(line(Call.Call));
      if (Call.At != Call.Call)
        Text += "@" + std::to_string(line(Call.At));
      Lines.push_back(Text);
    }
    return Lines;
  }
};

using Strings = std::vector<std::string>;

// Line numbers below count from the snippet after Counter (11 lines).
constexpr unsigned CounterLines = 11;
std::string at(unsigned SnippetLine) {
  return std::to_string(CounterLines + SnippetLine);
}

// A getter that hands out a member by reference: the caller reads the
// member (or the part it selects) there and then, unless it binds a
// reference to read later. A method that joins the worker reads what its
// wait's predicate reads before the join.
TEST(MemberWorkers, GetterReadsAndReadsBeforeTheOwnJoin) {
  Code C(R"cpp(
struct Stats { long samples; long peaks; };
struct Sampler {
  const Stats &stats() const { return stats_; }
  void start() { thread_ = std::thread([this] { stats_.samples++; }); }
  void wait() {
    std::unique_lock<std::mutex> hold(mu_);
    cv_.wait(hold, [this] { return done_; });
    hold.unlock();
    thread_.join();
  }
  Stats stats_;
  bool done_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
};
long now(Sampler &s) { return s.stats().samples; }
long later(Sampler &s) { const Stats &held = s.stats(); return held.peaks; }
)cpp");
  auto GetterCall = [&](const std::string &Function) {
    return parlint::test::selectFirst<CXXMemberCallExpr>(
        "c",
        cxxMemberCallExpr(callee(cxxMethodDecl(hasName("stats"))),
                          hasAncestor(functionDecl(hasName(Function))))
            .bind("c"),
        *C.AST);
  };
  ASSERT_TRUE(GetterCall("now") && GetterCall("later"));
  auto Body = [&](const std::string &Function) -> const FunctionAnalysis & {
    return AnalysisCache::of(*C.function(Function).getBody(), C.context());
  };
  auto Now = memberReadThroughGetter(*GetterCall("now"), Body("now"));
  ASSERT_TRUE(Now);
  EXPECT_EQ(Now->describe(), "stats_.samples");
  EXPECT_FALSE(memberReadThroughGetter(*GetterCall("later"), Body("later")))
      << "bound to a reference: read later";
  std::vector<std::string> Before;
  for (const ReadBeforeOwnJoin &Read :
       readsBeforeOwnJoin(C.record("Sampler"), C.field("thread_"), C.context()))
    Before.push_back(Read.Object.describe());
  EXPECT_TRUE(llvm::is_contained(Before, "done_")) << "the predicate's read";
}

TEST(MemberWorkers, CallsAfterStartAndBeforeFinish) {
  Code C(R"cpp(
long poll() {
  Counter c;
  long before = c.value();
  c.start();
  long during = c.value();
  c.stop();
  return before + during + c.value();
}
)cpp");
  EXPECT_EQ(C.callsWhileRunning("worker_"), Strings{at(6)});
}

TEST(MemberWorkers, StartedByTheConstructorRunsFromTheDeclaration) {
  Code C(R"cpp(
long poll() {
  Counter c;
  return c.value();
}
)cpp");
  EXPECT_EQ(C.callsWhileRunning("keeper_"), Strings{at(4)});
}

TEST(MemberWorkers, WaitingForAnotherThreadOrHandingOverEndsIt) {
  Code C(R"cpp(
void stopElsewhere(Counter &);
std::atomic<bool> ready;
long afterLoad() {
  Counter c;
  c.start();
  while (!ready.load()) {}
  return c.value();
}
long afterHandOver() {
  Counter c;
  c.start();
  stopElsewhere(c);
  return c.value();
}
)cpp");
  EXPECT_EQ(C.callsWhileRunning("worker_"), Strings{});
}

TEST(MemberWorkers, LambdasCountAtTheirThreadsLaunchOnly) {
  Code C(R"cpp(
void apply(void (*)(Counter &));
long fromThreads() {
  Counter c;
  c.start();
  std::thread reader([&c] { (void)c.value(); });
  auto later = [&c] { return c.value(); };
  c.stop();
  reader.join();
  return later();
}
)cpp");
  EXPECT_EQ(C.callsWhileRunning("worker_"), Strings{at(6) + "@" + at(6)});
}

// A worker writing through a reference member the constructor binds meets
// the creator's accesses to the bound object while it may run, and the
// worker of another object bound to the same one; not an object bound to
// another, nor accesses after the join.
TEST(MemberWorkers, WritesThroughABoundReferenceMeetTheCreator) {
  Code C(R"cpp(
struct Totals { long files = 0; };
struct Fetcher {
  explicit Fetcher(Totals &t) : totals_(t) {}
  void start() { thread_ = std::thread([this] { ++totals_.files; }); }
  void join() { thread_.join(); }
  Totals &totals_;
  std::thread thread_;
};
long creator() {
  Totals mine, yours;
  Fetcher a(mine), b(yours);
  a.start();
  long seen = mine.files;
  b.start();
  a.join();
  b.join();
  return seen + mine.files;
}
long twins() {
  Totals shared;
  Fetcher a(shared), b(shared);
  a.start();
  b.start();
  a.join();
  b.join();
  return shared.files;
}
)cpp");
  const CXXRecordDecl &Fetcher = C.record("Fetcher");
  ObjectPath Written;
  Written.Fields = {&C.field("totals_"), &C.field("files")};
  std::vector<std::string> Found;
  for (const BoundAccess &Access : accessesThroughBoundReference(
           Fetcher, C.field("thread_"), Written, {}, C.context()))
    Found.push_back(std::to_string(C.line(Access.Where) - CounterLines) +
                    (Access.OtherWorker ? " other worker" : "") +
                    (Access.Writes ? " writes" : " reads"));
  EXPECT_EQ(Found, (Strings{"14 reads", "24 other worker writes"}));
}

TEST(MemberWorkers, LaunchesKeptInMembers) {
  Code C("");
  const auto *Constructor = parlint::test::selectFirst<CXXConstructorDecl>(
      "c", cxxConstructorDecl(ofClass(hasName("Counter")), isDefinition(),
                              unless(isImplicit()))
               .bind("c"),
      *C.AST);
  ASSERT_NE(Constructor, nullptr);
  auto Initialized = launchesInMemberInitializers(*Constructor, C.context());
  ASSERT_EQ(Initialized.size(), 1u);
  EXPECT_EQ(Initialized[0].second, &C.field("keeper_"));

  const auto *Start = parlint::test::selectFirst<CXXMethodDecl>(
      "m", cxxMethodDecl(hasName("start"), isDefinition()).bind("m"), *C.AST);
  ASSERT_NE(Start, nullptr);
  const FunctionAnalysis &Body =
      AnalysisCache::of(*Start->getBody(), C.context());
  std::vector<const FieldDecl *> Holders;
  forEachLaunch(*Start->getBody(), C.context(), [&](const Launch &Spawn) {
    Holders.push_back(memberHoldingLaunch(Spawn, *Start, Body));
  });
  EXPECT_EQ(Holders, std::vector<const FieldDecl *>{&C.field("worker_")});
}

// What a method that joins the member itself writes before that join: a
// stop flag written while the worker still runs; not what it writes after,
// nor what a method that joins nothing writes.
TEST(MemberWorkers, WritesBeforeTheMethodsOwnJoin) {
  Code C(R"cpp(
struct Poller {
  void start() { poller_ = std::thread([this] { run(); }); }
  void stop() {
    running_ = false;
    poller_.join();
    polls_ = 0;
  }
  ~Poller() { closing_ = true; if (poller_.joinable()) poller_.join(); }
  void pause() { paused_ = true; }
  void run() { while (running_ && !closing_ && !paused_) ++polls_; }
  bool running_ = true, closing_ = false, paused_ = false;
  long polls_ = 0;
  std::thread poller_;
};
)cpp");
  Strings Found;
  for (const WriteBeforeJoin &Write :
       writesBeforeJoin(C.record("Poller"), C.field("poller_"), C.context()))
    Found.push_back(Write.Method->getNameAsString() + " " +
                    Write.Object.describe() + " " +
                    std::to_string(C.line(Write.Join)));
  std::sort(Found.begin(), Found.end());
  EXPECT_EQ(Found, (Strings{"stop running_ 17", "~Poller closing_ 20"}));
}

} // namespace
