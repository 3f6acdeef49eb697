// SpawnSummaries on small code: which workers a call leaves running (on
// every call or not, and what keeps them), through helpers, unknown code and
// children; forks; and a thread started per level of a recursion, with and
// without a cutoff.
#include "ast_test_support.h"
#include "fake_std.h"

#include "analysis/SummarySpawns.h"
#include "common/AnalysisCache.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::FakeStd;

namespace {

// A snippet after FakeStd (a system header, as <thread> is); its lines count
// from 1.
struct Code {
  std::unique_ptr<ASTUnit> AST;

  explicit Code(const std::string &Snippet) {
    AnalysisCache::reset();
    AST = parlint::test::parse(std::string("# 1 \"fake_std.h\" 1 3\n") +
                               FakeStd +
                               "extern \"C\" int waitpid(int, int *, int);\n"
                               "extern \"C\" void _exit(int) "
                               "__attribute__((noreturn));\n"
                               "# 1 \"input.cpp\" 2\n" +
                               Snippet);
  }
  ~Code() { AnalysisCache::reset(); }

  const FunctionDecl &function(const std::string &Name) {
    const auto *F = parlint::test::selectFirst<FunctionDecl>(
        "f", functionDecl(hasName(Name), isDefinition()).bind("f"), *AST);
    EXPECT_NE(F, nullptr) << Name;
    return *F;
  }
  const SpawnSummary &summary(const std::string &Name) {
    return SpawnSummaries::of(function(Name), AST->getASTContext());
  }
  std::optional<RecursiveSpawn> recursion(const std::string &Name) {
    return SpawnSummaries::recursiveSpawn(function(Name), AST->getASTContext());
  }
  unsigned line(const Stmt *S) {
    return S ? AST->getSourceManager().getPresumedLoc(S->getBeginLoc()).getLine()
             : 0;
  }
};

TEST(SpawnSummaries, ADetachedThreadOutlivesEveryCall) {
  Code C(R"cpp(
void handle(int c) {
  std::thread(work, c).detach();
}
void handleLocal(int c) {
  std::thread t(work, c);
  t.detach();
}
void orExit(int c) {
  if (c < 0)
    exit(1);
  std::thread(work, c).detach();
}
)cpp");
  for (const char *Name : {"handle", "handleLocal", "orExit"}) {
    const OutlivingStart *Start =
        C.summary(Name).onEveryCall(OutlivingKind::Thread);
    ASSERT_NE(Start, nullptr) << Name;
    EXPECT_EQ(Start->Keeper, WorkerKeeper::Nobody);
    EXPECT_TRUE(C.summary(Name).startsThreads());
  }
  EXPECT_EQ(C.line(C.summary("handle").StartsOutliving[0].Origin), 3u);
}

TEST(SpawnSummaries, AThreadOnSomeCallsOnlyIsNotOnEveryCall) {
  Code C(R"cpp(
void maybe(int c, bool background) {
  if (background)
    std::thread(work, c).detach();
}
void guarded(int c) {
  if (c < 0)
    return;
  std::thread(work, c).detach();
}
// A pool that grows up to a cap, started again while work is pending.
int threads, maxThreads;
void growIfNeeded() {
  if (threads == maxThreads)
    return;
  std::thread(work, 0).detach();
  ++threads;
}
void perItem(std::vector<int> &items) {
  for (int i : items)
    std::thread(work, i).detach();
}
)cpp");
  for (const char *Name : {"maybe", "guarded", "growIfNeeded", "perItem"}) {
    const SpawnSummary &S = C.summary(Name);
    ASSERT_EQ(S.StartsOutliving.size(), 1u) << Name;
    EXPECT_FALSE(S.StartsOutliving[0].EveryCall) << Name;
    EXPECT_FALSE(S.startsThreads()) << Name;
  }
}

TEST(SpawnSummaries, AJoinedOrReturnedThreadDoesNotOutliveTheCall) {
  Code C(R"cpp(
void joined(int c) {
  std::thread t(work, c);
  t.join();
}
void waited(int c) { std::async(std::launch::async, work, c).wait(); }
std::thread handedBack(int c) { return std::thread(work, c); }
)cpp");
  for (const char *Name : {"joined", "waited", "handedBack"})
    EXPECT_TRUE(C.summary(Name).StartsOutliving.empty()) << Name;
}

TEST(SpawnSummaries, KeepersMapThroughCalls) {
  Code C(R"cpp(
std::vector<std::thread> global;
struct Service {
  std::thread worker;
  void start() { worker = std::thread(work, 1); }
  void startTwice() { start(); }
};
void startInto(std::vector<std::thread> &out) { out.emplace_back(work, 2); }
void startGlobal() { global.emplace_back(work, 3); }
void onParameter(Service &s) { s.start(); }
void onLocal() {
  Service s;
  s.start();
}
void intoLocal() {
  std::vector<std::thread> mine;
  startInto(mine);
}
void intoMember(Service &s, std::vector<std::thread> &v) { startInto(v); }
)cpp");
  auto Keeper = [&](const std::string &Name) {
    const OutlivingStart *Start =
        C.summary(Name).onEveryCall(OutlivingKind::Thread);
    return Start ? std::optional<WorkerKeeper>(Start->Keeper) : std::nullopt;
  };
  EXPECT_EQ(Keeper("start"), WorkerKeeper::Member);
  EXPECT_EQ(Keeper("startTwice"), WorkerKeeper::Member);
  EXPECT_EQ(Keeper("startInto"), WorkerKeeper::Parameter);
  EXPECT_EQ(Keeper("startGlobal"), WorkerKeeper::Global);
  EXPECT_EQ(Keeper("onParameter"), WorkerKeeper::Parameter);
  EXPECT_EQ(Keeper("onLocal"), std::nullopt);
  EXPECT_EQ(Keeper("intoLocal"), std::nullopt);
  const OutlivingStart *Through =
      C.summary("intoMember").onEveryCall(OutlivingKind::Thread);
  ASSERT_NE(Through, nullptr);
  EXPECT_EQ(Through->ParamIndex, 1u);
  EXPECT_EQ(C.line(Through->Where), 19u);
  EXPECT_EQ(C.line(Through->Origin), 8u);
  EXPECT_EQ(Through->OriginFunction, &C.function("startInto"));
}

TEST(SpawnSummaries, LaterCodeThatMayEndAKeptWorker) {
  Code C(R"cpp(
std::vector<std::thread> global;
struct Service {
  std::thread worker;
  void start() { worker = std::thread(work, 1); }
  void stop() { worker.join(); }
};
void startGlobal() { global.emplace_back(work, 3); }
void detached() { std::thread(work, 2).detach(); }
void other(int);
void caller(Service &s, Service &t) {
  s.start();
  t.stop();
  s.stop();
  startGlobal();
  other(1);
  detached();
  work(1);
}
)cpp");
  auto CallOn = [&](const std::string &Callee, unsigned Line) {
    const CallExpr *Found = nullptr;
    for (const auto &Match :
         match(findAll(callExpr(callee(functionDecl(hasName(Callee))))
                           .bind("c")),
               *C.function("caller").getBody(), C.AST->getASTContext()))
      if (const auto *Call = Match.getNodeAs<CallExpr>("c");
          Call && C.line(Call) == Line)
        Found = Call;
    EXPECT_NE(Found, nullptr) << Callee << Line;
    return Found;
  };
  const CallExpr *Start = CallOn("start", 12);
  const OutlivingStart *Member =
      C.summary("start").onEveryCall(OutlivingKind::Thread);
  ASSERT_NE(Member, nullptr);
  EXPECT_FALSE(mayEndKeptWorker(*Member, *Start, *CallOn("stop", 13)));
  EXPECT_TRUE(mayEndKeptWorker(*Member, *Start, *CallOn("stop", 14)));
  const OutlivingStart *Global =
      C.summary("startGlobal").onEveryCall(OutlivingKind::Thread);
  ASSERT_NE(Global, nullptr);
  const CallExpr *StartGlobal = CallOn("startGlobal", 15);
  EXPECT_TRUE(mayEndKeptWorker(*Global, *StartGlobal, *CallOn("other", 16)));
  const OutlivingStart *Detached =
      C.summary("detached").onEveryCall(OutlivingKind::Thread);
  ASSERT_NE(Detached, nullptr);
  EXPECT_FALSE(mayEndKeptWorker(*Detached, *CallOn("detached", 17),
                                *CallOn("other", 16)));
}

TEST(SpawnSummaries, UnknownCodeStartsNothing) {
  Code C(R"cpp(
void elsewhere(int);
struct Base {
  virtual void start() { std::thread(work, 1).detach(); }
};
void viaVirtual(Base &b) { b.start(); }
void viaPointer(void (*f)(int)) { f(1); }
void viaDeclaration() { elsewhere(1); }
void self(int n) {
  self(n);
  std::thread(work, n).detach();
}
)cpp");
  for (const char *Name : {"viaVirtual", "viaPointer", "viaDeclaration"})
    EXPECT_TRUE(C.summary(Name).StartsOutliving.empty()) << Name;
  EXPECT_TRUE(C.summary("start").startsThreads());
  // The recursion is cut: the call of itself brings nothing.
  EXPECT_EQ(C.summary("self").StartsOutliving.size(), 1u);
}

TEST(SpawnSummaries, ChildrenAndForks) {
  Code C(R"cpp(
void unwaited(int fd) {
  int pid = fork();
  if (pid == 0) {
    work(fd);
    _exit(0);
  }
}
void waited(int fd) {
  int pid = fork();
  if (pid == 0)
    _exit(0);
  waitpid(pid, nullptr, 0);
}
int handedBack() { return fork(); }
void daemonize() {
  if (fork() > 0)
    exit(0);
}
void callsWaited() { waited(1); }
void noFork() { work(1); }
)cpp");
  const OutlivingStart *Child =
      C.summary("unwaited").onEveryCall(OutlivingKind::Process);
  ASSERT_NE(Child, nullptr);
  EXPECT_FALSE(C.summary("unwaited").startsThreads());
  for (const char *Name : {"waited", "handedBack", "daemonize"})
    EXPECT_TRUE(C.summary(Name).StartsOutliving.empty()) << Name;
  EXPECT_EQ(C.line(C.summary("callsWaited").Fork), 10u);
  EXPECT_EQ(C.summary("callsWaited").ForkFunction, &C.function("waited"));
  EXPECT_EQ(C.summary("noFork").Fork, nullptr);
}

TEST(SpawnSummaries, ARecursionThatSpawnsWithoutACutoff) {
  Code C(R"cpp(
void sort(int *b, int *e) {
  if (e - b < 2)
    return;
  int *m = b + (e - b) / 2;
  std::thread left(sort, b, m);
  sort(m, e);
  left.join();
}
struct Node { Node *left; Node *right; };
void walkBoth(Node *n);
void walk(Node *n) {
  if (!n)
    return;
  auto f = std::async(std::launch::async, [n] { walkBoth(n); });
  f.wait();
}
void walkBoth(Node *n) {
  walk(n->left);
  walk(n->right);
}
)cpp");
  std::optional<RecursiveSpawn> Sort = C.recursion("sort");
  ASSERT_TRUE(Sort);
  EXPECT_EQ(C.line(Sort->Spawn), 6u);
  std::optional<RecursiveSpawn> Walk = C.recursion("walk");
  ASSERT_TRUE(Walk);
  EXPECT_EQ(C.line(Walk->Recursion), 15u); // the call of walkBoth
}

TEST(SpawnSummaries, ACutoffOrNoSpawnEndsTheRecursionRule) {
  Code C(R"cpp(
void serial(int *b, int *e);
void bySize(int *b, int *e) {
  if (e - b < 1000)
    return serial(b, e);
  int *m = b + (e - b) / 2;
  std::thread left(bySize, b, m);
  bySize(m, e);
  left.join();
}
void byDepth(int *b, int *e, int depth) {
  if (depth == 0)
    return serial(b, e);
  int *m = b + (e - b) / 2;
  std::thread left(byDepth, b, m, depth - 1);
  byDepth(m, e, depth - 1);
  left.join();
}
void byDepthBranch(int *b, int *e, int depth) {
  int *m = b + (e - b) / 2;
  if (depth > 0) {
    std::thread left(byDepthBranch, b, m, depth - 1);
    left.join();
  }
}
void noSpawn(int *b, int *e) {
  if (e - b < 2)
    return;
  noSpawn(b, b + (e - b) / 2);
}
void retry(int attempts) {
  std::thread([attempts] { retry(attempts); }).detach();
}
void noRecursion(int *b, int *e) {
  std::thread t(serial, b, e);
  t.join();
}
)cpp");
  for (const char *Name :
       {"bySize", "byDepth", "byDepthBranch", "noSpawn", "retry",
        "noRecursion"})
    EXPECT_FALSE(C.recursion(Name)) << Name;
}

} // namespace
