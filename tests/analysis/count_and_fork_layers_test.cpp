// Unit tests of the layer facts added for parlint-hardcoded-worker-count and
// parlint-fork-after-threads: constant loop bounds and early exits
// (analysis/LoopBounds), the pools' worker-count argument (model/Pools),
// async-signal safety (model/SignalSafety) and the path engine's converse
// query, mayBeRunningAt (analysis/HandleFlow).
#include "ast_test_support.h"

#include "analysis/HandleFlow.h"
#include "analysis/LoopBounds.h"
#include "common/AnalysisCache.h"
#include "model/Pools.h"
#include "model/SignalSafety.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::parse;
using parlint::test::selectFirst;

namespace {

const FunctionDecl *function(StringRef Name, ASTUnit &AST) {
  return selectFirst<FunctionDecl>(
      "f", functionDecl(hasName(Name), isDefinition()).bind("f"), AST);
}

/// Every node bound to "n" by Matcher inside the body of function Name
/// (searched downwards: no parent map).
template <typename NodeT, typename MatcherT>
std::vector<const NodeT *> allIn(StringRef Name, const MatcherT &Matcher,
                                 ASTUnit &AST) {
  std::vector<const NodeT *> Nodes;
  const FunctionDecl *F = function(Name, AST);
  if (!F)
    return Nodes;
  for (const auto &Bound :
       match(findAll(Matcher), *F->getBody(), AST.getASTContext()))
    if (const auto *Node = Bound.template getNodeAs<NodeT>("n"))
      Nodes.push_back(Node);
  return Nodes;
}

/// The loops of function Name, in source order.
std::vector<const Stmt *> loopsOf(StringRef Name, ASTUnit &AST) {
  auto Loops = allIn<Stmt>(
      Name, stmt(anyOf(forStmt(), whileStmt(), doStmt())).bind("n"), AST);
  std::sort(Loops.begin(), Loops.end(), [&](const Stmt *A, const Stmt *B) {
    return AST.getSourceManager().isBeforeInTranslationUnit(A->getBeginLoc(),
                                                            B->getBeginLoc());
  });
  return Loops;
}

TEST(ConstantLoopBound, CountsLiteralLoops) {
  auto AST = parse(R"cpp(
void use(int);
void loops(int n) {
  for (int i = 0; i < 8; ++i) use(i);
  for (int i = 1; i <= 4; i++) use(i);
  int started = 0;
  while (started < 6) { use(started); ++started; }
  for (int i = 12; i > 0; --i) use(i);
  for (int i = 0; i < 10; i += 3) use(i);
  for (int i = 0; i < n; ++i) use(i);
  for (int i = 0; i != 5; ++i) use(i);
}
)cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  auto Loops = loopsOf("loops", *AST);
  ASSERT_EQ(Loops.size(), 7u);
  struct Want {
    bool Constant;
    int64_t Trips;
    bool FromZero;
  } Wants[] = {{true, 8, true},  {true, 4, false}, {true, 6, true},
               {true, 12, false}, {true, 4, false}, {false, 0, false},
               {true, 5, true}};
  for (size_t I = 0; I < Loops.size(); ++I) {
    auto Bound = constantLoopBound(*Loops[I], nullptr, Ctx);
    ASSERT_EQ(Bound.has_value(), Wants[I].Constant) << "loop " << I;
    if (!Bound)
      continue;
    EXPECT_EQ(Bound->Trips, Wants[I].Trips) << "loop " << I;
    EXPECT_EQ(Bound->CountsUpFromZero, Wants[I].FromZero) << "loop " << I;
  }
}

TEST(LeavesEarly, BreakOfThisLoopOnly) {
  auto AST = parse(R"cpp(
bool ok(int);
void loops() {
  for (int i = 0; i < 3; ++i) { if (ok(i)) break; }
  for (int i = 0; i < 3; ++i) { for (;;) { break; } }
  for (int i = 0; i < 3; ++i) { switch (i) { case 0: break; } }
  for (int i = 0; i < 3; ++i) { if (ok(i)) return; }
  for (int i = 0; i < 3; ++i) { auto f = [] { return; }; f(); }
}
)cpp");
  ASSERT_TRUE(AST);
  auto Loops = loopsOf("loops", *AST);
  // The inner for(;;) is the third statement found: skip it.
  std::vector<const Stmt *> Outer;
  for (const Stmt *Loop : Loops)
    if (!isa<ForStmt>(Loop) || cast<ForStmt>(Loop)->getCond())
      Outer.push_back(Loop);
  ASSERT_EQ(Outer.size(), 5u);
  EXPECT_TRUE(leavesEarly(*Outer[0]));
  EXPECT_FALSE(leavesEarly(*Outer[1]));
  EXPECT_FALSE(leavesEarly(*Outer[2]));
  EXPECT_TRUE(leavesEarly(*Outer[3]));
  EXPECT_FALSE(leavesEarly(*Outer[4]));
}

// A join loop left by a `break` on the program's data finishes only the
// elements before it; a break on a failed join, or one of an inner loop or
// switch, does not count, nor does a loop without a condition.
TEST(BreaksOnData, OnlyBreaksOfThisLoopOnData) {
  auto AST = parse(R"cpp(
typedef unsigned long pthread_t;
int pthread_join(pthread_t, void **);
bool failed(int);
void loops(pthread_t *t, int n) {
  for (int i = 0; i < n; ++i) { pthread_join(t[i], 0); if (failed(i)) break; }
  for (int i = 0; i < n; ++i) { if (pthread_join(t[i], 0) != 0) break; }
  for (int i = 0; i < n; ++i) { int rc = pthread_join(t[i], 0); if (rc) break; }
  for (int i = 0; i < n; ++i) { pthread_join(t[i], 0); switch (i) { case 0: break; } }
  for (int i = 0; i < n; ++i) { pthread_join(t[i], 0); }
  int k = 0;
  while (k < n) { pthread_join(t[k++], 0); if (failed(k)) break; }
}
)cpp");
  ASSERT_TRUE(AST);
  const FunctionDecl *F = function("loops", *AST);
  ASSERT_NE(F, nullptr);
  AnalysisCache::reset();
  const FunctionAnalysis &Code = AnalysisCache::of(*F->getBody(), AST->getASTContext());
  auto Loops = loopsOf("loops", *AST);
  ASSERT_EQ(Loops.size(), 6u);
  EXPECT_EQ(breaksOnData(*Loops[0], Code).size(), 1u);
  EXPECT_EQ(breaksOnData(*Loops[1], Code).size(), 0u);
  EXPECT_EQ(breaksOnData(*Loops[2], Code).size(), 0u);
  EXPECT_EQ(breaksOnData(*Loops[3], Code).size(), 0u);
  EXPECT_EQ(breaksOnData(*Loops[4], Code).size(), 0u);
  EXPECT_EQ(breaksOnData(*Loops[5], Code).size(), 1u);
  AnalysisCache::reset();
}

TEST(Pools, WorkerCountArgument) {
  auto AST = parse(R"cpp(
typedef unsigned long size_t;
namespace parlint { struct ThreadPool { ThreadPool(); explicit ThreadPool(size_t); }; }
namespace mylib { struct Executor { Executor(const char *, int, bool = false); }; }
struct Other { explicit Other(int); };
void make() {
  parlint::ThreadPool a(4);
  parlint::ThreadPool b;
  mylib::Executor c("io", 3);
  Other d(5);
}
)cpp");
  ASSERT_TRUE(AST);
  auto Constructs =
      allIn<CXXConstructExpr>("make", cxxConstructExpr().bind("n"), *AST);
  ASSERT_EQ(Constructs.size(), 4u);
  std::vector<StringRef> Types = {"mylib::Executor"};
  int Found = 0;
  for (const CXXConstructExpr *C : Constructs) {
    const Expr *Count = workerCountArgument(*C, Types);
    StringRef Class = C->getConstructor()->getParent()->getName();
    if (Class == "ThreadPool" && C->getNumArgs() == 1) {
      ASSERT_NE(Count, nullptr);
      EXPECT_EQ(Count, C->getArg(0));
      ++Found;
    } else if (Class == "Executor") {
      ASSERT_NE(Count, nullptr);
      EXPECT_EQ(Count, C->getArg(1));
      EXPECT_EQ(workerCountArgument(*C, {}), nullptr); // not configured
      ++Found;
    } else {
      EXPECT_EQ(Count, nullptr) << Class.str();
    }
  }
  EXPECT_EQ(Found, 2);
}

TEST(SignalSafety, ListedByName) {
  auto AST = parse(R"cpp(
extern "C" {
int printf(const char *, ...);
void *malloc(unsigned long);
int dup2(int, int);
int execvp(const char *, char *const[]);
void _exit(int) __attribute__((noreturn));
void exit(int) __attribute__((noreturn));
int write(int, const void *, unsigned long);
}
namespace mine { int write(int, const void *, unsigned long); }
)cpp");
  ASSERT_TRUE(AST);
  auto Named = [&](StringRef Name) {
    return selectFirst<FunctionDecl>("f", functionDecl(hasName(Name)).bind("f"),
                                     *AST);
  };
  EXPECT_FALSE(isAsyncSignalSafe(Named("::printf")));
  EXPECT_FALSE(isAsyncSignalSafe(Named("::malloc")));
  EXPECT_TRUE(isAsyncSignalSafe(Named("::dup2")));
  EXPECT_TRUE(isAsyncSignalSafe(Named("::write")));
  EXPECT_FALSE(isAsyncSignalSafe(Named("::mine::write")));
  EXPECT_FALSE(isAsyncSignalSafe(Named("::exit")));
  EXPECT_TRUE(replacesOrEndsImage(Named("::execvp")));
  EXPECT_TRUE(replacesOrEndsImage(Named("::_exit")));
  EXPECT_FALSE(replacesOrEndsImage(Named("::exit")));
}

const char *const FakeThread = R"cpp(
namespace std {
struct thread {
  thread() noexcept;
  template <class F> explicit thread(F &&f);
  ~thread();
  void join();
};
}
void work();
void here();
)cpp";

/// mayBeRunningAt for the thread `t` of function Name at the call of here().
bool runningAtHere(StringRef Name, ASTUnit &AST, bool Anonymous = false) {
  const FunctionDecl *F = function(Name, AST);
  EXPECT_NE(F, nullptr);
  if (!F)
    return false;
  FunctionAnalysis Analysis(*F->getBody(), AST.getASTContext());
  auto Vars = allIn<VarDecl>(Name, varDecl(hasName("t")).bind("n"), AST);
  const VarDecl *Var = Vars.empty() ? nullptr : Vars.front();
  HandleEvents Events;
  for (const auto *Join : allIn<CXXMemberCallExpr>(
           Name, cxxMemberCallExpr(callee(cxxMethodDecl(hasName("join")))).bind("n"),
           AST))
    Events.AtStmt[Join] = HandleEffect::Finish;
  if (!Anonymous && Var)
    Events.StartsAtDeclaration = true;
  else
    for (const auto *Start : allIn<CXXConstructExpr>(
             Name, cxxConstructExpr(argumentCountIs(1)).bind("n"), AST))
      Events.AtStmt[Start] = HandleEffect::Start;
  auto Calls = allIn<CallExpr>(
      Name, callExpr(callee(functionDecl(hasName("here")))).bind("n"), AST);
  const CallExpr *Here = Calls.empty() ? nullptr : Calls.front();
  EXPECT_NE(Here, nullptr);
  return Here && mayBeRunningAt(Analysis, Anonymous ? nullptr : Var, Events,
                                *Here);
}

TEST(MayBeRunningAt, FollowsPathsFromTheStart) {
  auto AST = parse(std::string(FakeThread) + R"cpp(
void joinedFirst() { std::thread t(work); t.join(); here(); }
void runningAt() { std::thread t(work); here(); t.join(); }
void onOnePath(bool b) { std::thread t(work); if (b) t.join(); here(); }
void beforeStart() { here(); std::thread t(work); t.join(); }
void scopeEnded() { { std::thread t(work); t.join(); } here(); }
void inLoop(int n) {
  for (int i = 0; i < n; ++i) { here(); std::thread t(work); t.join(); }
}
void leakedInLoop(int n) {
  for (int i = 0; i < n; ++i) { here(); std::thread{work}; }
}
)cpp");
  ASSERT_TRUE(AST);
  EXPECT_FALSE(runningAtHere("joinedFirst", *AST));
  EXPECT_TRUE(runningAtHere("runningAt", *AST));
  EXPECT_TRUE(runningAtHere("onOnePath", *AST));
  EXPECT_FALSE(runningAtHere("beforeStart", *AST));
  EXPECT_FALSE(runningAtHere("scopeEnded", *AST));
  EXPECT_FALSE(runningAtHere("inLoop", *AST));
  // Without a variable: started on an earlier iteration, never finished.
  EXPECT_TRUE(runningAtHere("leakedInLoop", *AST, /*Anonymous=*/true));
}

} // namespace
