// Unit tests of the facts added for parlint-unreaped-child and
// parlint-discarded-future: fork's parent/child/failure edges in HandleFlow,
// the uses of a pid (ChildProcessUses), SpawnSite::Discarded, the SIGCHLD
// ignore detection and the future waits of the handle model.
#include "ast_test_support.h"

#include "analysis/ChildProcessUses.h"
#include "analysis/HandleFlow.h"
#include "analysis/SpawnHandle.h"
#include "common/AnalysisCache.h"
#include "model/Handles.h"
#include "model/Launch.h"

#include <map>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::parse;
using parlint::test::selectAll;
using parlint::test::selectFirst;

namespace {

const char *const FakeProcess = R"cpp(
typedef int pid_t;
extern "C" {
pid_t fork();
pid_t vfork();
pid_t waitpid(pid_t, int *, int);
pid_t wait(int *);
int kill(pid_t, int);
int printf(const char *, ...);
[[noreturn]] void _exit(int);
int posix_spawn(pid_t *, const char *, void *, void *, char *const[], char *const[]);
typedef void (*sighandler_t)(int);
sighandler_t signal(int, sighandler_t);
}
#define SIGCHLD 17
#define SIG_IGN ((sighandler_t)1)
#define SIGTERM 15
void track(pid_t);
void runChild();
bool ready();
)cpp";

struct PidFlow {
  std::unique_ptr<ASTUnit> AST;
  std::unique_ptr<FunctionAnalysis> Function;
  const VarDecl *Pid = nullptr;
  ChildProcessUses Uses;
  llvm::SmallVector<BadExit, 4> Exits;
};

// Parses Code, takes the function `f` and its variable `pid`, collects its
// uses and runs the path engine with value lifetime.
PidFlow analyzePid(const std::string &Code) {
  PidFlow Result;
  Result.AST = parse(FakeProcess + Code);
  if (!Result.AST)
    return Result;
  const auto *F = selectFirst<FunctionDecl>(
      "f", functionDecl(hasName("f"), isDefinition()).bind("f"), *Result.AST);
  Result.Pid = selectFirst<VarDecl>("v", varDecl(hasName("pid")).bind("v"), *Result.AST);
  if (!F || !Result.Pid)
    return Result;
  Result.Function = std::make_unique<FunctionAnalysis>(*F->getBody(), Result.AST->getASTContext());
  Result.Uses = collectChildProcessUses(*Result.Function, *Result.Pid);
  Result.Exits = findBadExits(*Result.Function, *Result.Pid, Result.Uses.Events,
                              {HandleLifetime::Value, false});
  return Result;
}

TEST(ForkBranches, ChildBranchReturningIsNotTheParent) {
  auto Flow = analyzePid(R"cpp(
void f() {
  pid_t pid = fork();
  if (pid == 0) { runChild(); return; }
  waitpid(pid, nullptr, 0);
}
)cpp");
  ASSERT_TRUE(Flow.Pid);
  EXPECT_FALSE(Flow.Uses.Escapes);
  EXPECT_TRUE(Flow.Uses.Events.StartsAtDeclaration);
  EXPECT_EQ(Flow.Uses.Spawns.size(), 1u);
  EXPECT_TRUE(Flow.Exits.empty());
}

TEST(ForkBranches, FailureBranchesSpawnedNothing) {
  for (const char *Test : {"pid < 0", "pid == -1", "-1 == pid", "pid <= 0", "!(pid > 0)"}) {
    auto Flow = analyzePid(std::string(R"cpp(
void f() {
  pid_t pid = fork();
  if ()cpp") + Test + R"cpp() return;
  if (pid == 0) _exit(0);
  waitpid(pid, nullptr, 0);
}
)cpp");
    ASSERT_TRUE(Flow.Pid) << Test;
    EXPECT_TRUE(Flow.Exits.empty()) << Test;
  }
}

TEST(ForkBranches, ParentBranchReturningIsReported) {
  for (const char *Test : {"pid > 0", "pid != 0", "pid", "0 < pid"}) {
    auto Flow = analyzePid(std::string(R"cpp(
void f() {
  pid_t pid = fork();
  if ()cpp") + Test + R"cpp() return;
  _exit(0);
}
)cpp");
    ASSERT_TRUE(Flow.Pid) << Test;
    ASSERT_EQ(Flow.Exits.size(), 1u) << Test;
    EXPECT_EQ(Flow.Exits.front().Kind, BadExit::Jump) << Test;
  }
}

TEST(ForkBranches, SwitchCasesZeroAndMinusOneAreNotTheParent) {
  auto Quiet = analyzePid(R"cpp(
void f() {
  pid_t pid = fork();
  switch (pid) {
  case -1: return;
  case 0: runChild(); return;
  default: waitpid(pid, nullptr, 0);
  }
}
)cpp");
  EXPECT_TRUE(Quiet.Exits.empty());
  auto Loud = analyzePid(R"cpp(
void f() {
  pid_t pid = fork();
  switch (pid) {
  case 0: _exit(0);
  default: break;
  }
}
)cpp");
  ASSERT_EQ(Loud.Exits.size(), 1u);
  EXPECT_EQ(Loud.Exits.front().Kind, BadExit::FunctionEnd);
}

TEST(ForkBranches, AssignmentInsideTheCondition) {
  auto Flow = analyzePid(R"cpp(
void f() {
  pid_t pid;
  if ((pid = fork()) == 0) { runChild(); return; }
  if (ready()) return;
  waitpid(pid, nullptr, 0);
}
)cpp");
  ASSERT_TRUE(Flow.Pid);
  EXPECT_EQ(Flow.Uses.Spawns.size(), 1u);
  ASSERT_EQ(Flow.Exits.size(), 1u); // only the `if (ready()) return;`
}

// A fork whose result is only tested: the side where the condition says
// "parent" is the one whose path can lose the child.
TEST(ForkBranches, ForkCallWrittenInTheCondition) {
  struct Case {
    const char *Body;
    bool Lost;
  } Cases[] = {
      {"if (fork() == 0) _exit(0);", true},  // the parent goes on
      {"if (fork() > 0) _exit(0);", false},  // the parent exits at once
      {"if (!fork()) runChild(); else _exit(0);", false},
      {"if (fork() != 0) _exit(0);", false},
      {"if (fork() < 0) return; _exit(0);", false},
      {"fork(); if (ready()) _exit(0);", true},
  };
  for (const Case &C : Cases) {
    auto AST = parse(FakeProcess + std::string("void f() {\n  ") + C.Body + "\n}\n");
    ASSERT_TRUE(AST);
    const auto *F = selectFirst<FunctionDecl>(
        "f", functionDecl(hasName("f"), isDefinition()).bind("f"), *AST);
    const auto *Fork = selectFirst<CallExpr>(
        "c", callExpr(callee(functionDecl(hasName("fork")))).bind("c"), *AST);
    ASSERT_TRUE(F && Fork) << C.Body;
    FunctionAnalysis Function(*F->getBody(), AST->getASTContext());
    HandleEvents Events;
    Events.AtStmt[Fork] = HandleEffect::Start;
    Events.CheckedStarts.push_back(Fork);
    EXPECT_EQ(!findLostStarts(Function, Events).empty(), C.Lost) << C.Body;
  }
}

TEST(PidUses, KillIsNotAWaitAndPrintfDoesNotEscape) {
  auto Flow = analyzePid(R"cpp(
void f() {
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  printf("%d\n", pid);
  kill(pid, SIGTERM);
}
)cpp");
  EXPECT_FALSE(Flow.Uses.Escapes);
  EXPECT_EQ(Flow.Exits.size(), 1u);
}

TEST(PidUses, ReturnedOrPassedOrCopiedEscapes) {
  for (const char *Use : {"return pid;", "track(pid);", "pid_t other = pid; (void)other;",
                          "auto l = [pid] { return pid; }; (void)l;"}) {
    auto Flow = analyzePid(std::string(R"cpp(
int f() {
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  )cpp") + Use + "\n  return 0;\n}\n");
    EXPECT_TRUE(Flow.Uses.Escapes) << Use;
  }
}

TEST(PidUses, WaitForAnyChildReaps) {
  auto Flow = analyzePid(R"cpp(
void f() {
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  while (wait(nullptr) > 0) {}
}
)cpp");
  EXPECT_FALSE(Flow.Uses.Escapes);
  EXPECT_TRUE(Flow.Exits.empty());
}

TEST(PidUses, PosixSpawnFailureEdge) {
  auto Flow = analyzePid(R"cpp(
int f(char *const argv[]) {
  pid_t pid;
  int rc = posix_spawn(&pid, argv[0], nullptr, nullptr, argv, nullptr);
  if (rc != 0) return rc;
  waitpid(pid, nullptr, 0);
  return 0;
}
)cpp");
  EXPECT_FALSE(Flow.Uses.Escapes);
  EXPECT_EQ(Flow.Uses.Spawns.size(), 1u);
  EXPECT_TRUE(Flow.Exits.empty());
}

TEST(ChildExit, SignalIgnoreIsDetected) {
  auto AST = parse(FakeProcess + std::string(R"cpp(
void quiet() { signal(SIGCHLD, SIG_IGN); }
void loud() { signal(SIGTERM, SIG_IGN); }
)cpp"));
  ASSERT_TRUE(AST);
  auto Body = [&](const char *Name) {
    return selectFirst<FunctionDecl>("f", functionDecl(hasName(Name), isDefinition()).bind("f"),
                                     *AST)
        ->getBody();
  };
  EXPECT_TRUE(ignoresChildExit(*Body("quiet"), AST->getASTContext()));
  EXPECT_FALSE(ignoresChildExit(*Body("loud"), AST->getASTContext()));
}

const char *const FakeFuture = R"cpp(
namespace std {
enum class launch { async = 1, deferred = 2 };
template <class T> struct future {
  future();
  future(future &&);
  ~future();
  T get();
  void wait() const;
  bool valid() const;
  template <class D> int wait_for(const D &) const;
};
template <class F> future<int> async(launch, F &&);
template <class F> future<int> async(F &&);
} // namespace std
int work();
)cpp";

TEST(FutureFacts, DiscardedForms) {
  auto AST = parse(FakeFuture + std::string(R"cpp(
void statement() { std::async(std::launch::async, work); }
void voidCast() { (void)std::async(std::launch::async, work); }
void staticCast() { static_cast<void>(std::async(std::launch::async, work)); }
bool valid() { return std::async(std::launch::async, work).valid(); }
int got() { return std::async(std::launch::async, work).get(); }
void held() { auto f = std::async(std::launch::async, work); f.get(); }
std::future<int> returned() { return std::async(std::launch::async, work); }
)cpp"));
  ASSERT_TRUE(AST);
  ASTContext &Context = AST->getASTContext();
  auto discarded = [&](const char *Name) {
    const auto *F = selectFirst<FunctionDecl>(
        "f", functionDecl(hasName(Name), isDefinition()).bind("f"), *AST);
    FunctionAnalysis Analysis(*F->getBody(), Context);
    std::optional<bool> Result;
    forEachLaunch(*F->getBody(), Context, [&](const Launch &L) {
      Result = describeSpawn(L, Analysis).Discarded;
    });
    return Result;
  };
  EXPECT_EQ(discarded("statement"), true);
  EXPECT_EQ(discarded("voidCast"), true);
  EXPECT_EQ(discarded("staticCast"), true);
  EXPECT_EQ(discarded("valid"), true);
  EXPECT_EQ(discarded("got"), false);
  EXPECT_EQ(discarded("held"), false);
  EXPECT_EQ(discarded("returned"), false);
}

TEST(FutureFacts, TimedWaitsObserveTheResult) {
  auto AST = parse(FakeFuture + std::string(R"cpp(
void f(std::future<int> &x) { x.get(); x.wait(); x.wait_for(1); x.valid(); }
)cpp"));
  ASSERT_TRUE(AST);
  const auto Calls = selectAll<CXXMemberCallExpr>("c", cxxMemberCallExpr().bind("c"), *AST);
  ASSERT_EQ(Calls.size(), 4u);
  std::map<std::string, bool> Observes;
  for (const auto *Call : Calls)
    Observes[Call->getMethodDecl()->getName().str()] =
        observesFutureResult(Call->getMethodDecl());
  EXPECT_TRUE(Observes["get"]);
  EXPECT_TRUE(Observes["wait"]);
  EXPECT_TRUE(Observes["wait_for"]);
  EXPECT_FALSE(Observes["valid"]);
}

// libstdc++ declares wait(), wait_for() and valid() in std::__basic_future,
// the base of std::future: the model must still see them as future calls.
TEST(FutureFacts, RealHeaderBaseClassMembers) {
  auto AST = parlint::test::parseWithSystemHeaders(R"cpp(
#include <chrono>
#include <future>
void f(std::future<int> &x) {
  x.wait();
  x.wait_for(std::chrono::seconds(1));
  (void)x.valid();
  x.get();
}
)cpp");
  ASSERT_TRUE(AST);
  const auto Calls = selectAll<CXXMemberCallExpr>(
      "c", cxxMemberCallExpr(isExpansionInMainFile()).bind("c"), *AST);
  std::map<std::string, HandleOp> Ops;
  std::map<std::string, bool> Observes;
  for (const auto *Call : Calls) {
    std::string Name = Call->getMethodDecl()->getName().str();
    Ops[Name] = memberOp(Call->getMethodDecl());
    Observes[Name] = observesFutureResult(Call->getMethodDecl());
  }
  EXPECT_EQ(Ops["wait"], HandleOp::Wait);
  EXPECT_EQ(Ops["get"], HandleOp::Wait);
  EXPECT_EQ(Ops["wait_for"], HandleOp::Query);
  EXPECT_EQ(Ops["valid"], HandleOp::Query);
  EXPECT_TRUE(Observes["wait"]);
  EXPECT_TRUE(Observes["wait_for"]);
  EXPECT_FALSE(Observes["valid"]);
}

} // namespace
