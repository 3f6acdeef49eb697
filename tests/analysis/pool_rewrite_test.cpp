// The planning of parlint-unbounded-spawn's rewrite onto a pool
// (analysis/PoolRewritePlan) and the per-use record of a container of handles
// it relies on (analysis/HandleUses' ContainerUses).
#include "ast_test_support.h"
#include "fake_std.h"

#include "analysis/HandleUses.h"
#include "analysis/PoolRewritePlan.h"
#include "common/AnalysisCache.h"
#include "model/Pools.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::FakeStd;

namespace {

// The first spawn of function `f` and the first loop around it.
struct SpawnLoop {
  std::unique_ptr<ASTUnit> AST;
  std::unique_ptr<FunctionAnalysis> Analysis;
  std::optional<Launch> Spawn;
  const Stmt *Loop = nullptr;

  explicit SpawnLoop(const std::string &Code)
      : AST(parlint::test::parse(std::string(FakeStd) + "int twice(int);\n" + Code)) {
    const auto *F = parlint::test::selectFirst<FunctionDecl>(
        "f", functionDecl(hasName("f"), isDefinition()).bind("f"), *AST);
    if (!F)
      return;
    ASTContext &Context = AST->getASTContext();
    Analysis = std::make_unique<FunctionAnalysis>(*F->getBody(), Context);
    forEachLaunch(*F->getBody(), Context, [&](const Launch &L) {
      if (!Spawn)
        Spawn = L;
    });
    if (!Spawn)
      return;
    for (const Stmt *S = Analysis->parent(*Spawn->Call); S && !Loop;
         S = Analysis->parent(*S))
      if (isa<ForStmt, CXXForRangeStmt, WhileStmt>(S))
        Loop = S;
  }

  PoolRewriteVerdict plan() const {
    EXPECT_TRUE(Spawn && Loop);
    if (!Spawn || !Loop)
      return {};
    return planPoolRewrite(describeSpawn(*Spawn, *Analysis), *Loop, *Analysis);
  }
};

TEST(PoolRewritePlan, FuturesFilledWithAsync) {
  SpawnLoop S("int f(std::vector<int> &xs) {\n"
              "  std::vector<std::future<int>> fs;\n"
              "  for (int x : xs) fs.push_back(std::async(std::launch::async, twice, x));\n"
              "  int sum = 0;\n"
              "  for (auto &r : fs) sum += r.get();\n"
              "  return sum;\n"
              "}\n");
  PoolRewriteVerdict V = S.plan();
  ASSERT_TRUE(V.Plan);
  EXPECT_EQ(V.Plan->Shape, PoolRewriteShape::Futures);
  EXPECT_EQ(V.Plan->Container->getName(), "fs");
  EXPECT_EQ(V.Plan->Loop, S.Loop);
  EXPECT_EQ(V.Plan->JoinAll, nullptr);
}

TEST(PoolRewritePlan, ThreadsJoinedByOneLoop) {
  SpawnLoop S("void f(std::vector<int> &xs) {\n"
              "  std::vector<std::thread> ts;\n"
              "  ts.reserve(xs.size());\n"
              "  for (int x : xs) ts.emplace_back(work, x);\n"
              "  for (auto &t : ts) t.join();\n"
              "}\n");
  PoolRewriteVerdict V = S.plan();
  ASSERT_TRUE(V.Plan);
  EXPECT_EQ(V.Plan->Shape, PoolRewriteShape::Threads);
  EXPECT_TRUE(isa_and_nonnull<CXXForRangeStmt>(V.Plan->JoinAll));
  EXPECT_EQ(V.Plan->Dropped.size(), 1u) << "the reserve() goes";
  EXPECT_NE(V.Plan->Declaration, nullptr);
}

TEST(PoolRewritePlan, IndexedJoinLoopIsAJoinAll) {
  SpawnLoop S("void f(std::vector<int> &xs) {\n"
              "  std::vector<std::thread> ts;\n"
              "  for (int x : xs) ts.emplace_back(work, x);\n"
              "  for (std::size_t i = 0; i < ts.size(); ++i)\n"
              "    if (ts[i].joinable()) ts[i].join();\n"
              "}\n");
  PoolRewriteVerdict V = S.plan();
  ASSERT_TRUE(V.Plan);
  EXPECT_TRUE(isa_and_nonnull<ForStmt>(V.Plan->JoinAll));
}

TEST(PoolRewritePlan, Blockers) {
  struct Case {
    const char *Code;
    PoolRewriteBlocker Expected;
  } Cases[] = {
      {"void f(std::vector<int> &xs) { std::vector<std::thread> ts;\n"
       "  for (int x : xs) ts.emplace_back(work, x);\n"
       "  for (auto &t : ts) t.detach(); }",
       PoolRewriteBlocker::Detached},
      {"void f(std::vector<int> &xs, bool c) { std::vector<std::thread> ts;\n"
       "  for (int x : xs) ts.emplace_back(work, x);\n"
       "  if (c) for (auto &t : ts) t.join(); }",
       PoolRewriteBlocker::NoJoinAll},
      {"void f(std::vector<int> &xs) { std::vector<std::thread> ts;\n"
       "  for (int x : xs) ts.emplace_back(work, x);\n"
       "  int n = 0; for (auto &t : ts) { t.join(); ++n; } }",
       PoolRewriteBlocker::NoJoinAll},
      {"void keep(std::vector<std::future<int>> &);\n"
       "void f(std::vector<int> &xs) { std::vector<std::future<int>> fs;\n"
       "  for (int x : xs) fs.push_back(std::async(twice, x));\n"
       "  keep(fs); }",
       PoolRewriteBlocker::ContainerEscapes},
      {"void f(std::vector<int> &xs) { std::vector<std::future<int>> fs;\n"
       "  for (int x : xs) fs.push_back(std::async(twice, x));\n"
       "  fs.clear(); }",
       PoolRewriteBlocker::OtherUse},
      {"void f(std::vector<int> &xs) { std::vector<std::thread> ts;\n"
       "  for (int x : xs) { ts.emplace_back(work, x); ts.emplace_back(work, x); }\n"
       "  for (auto &t : ts) t.join(); }",
       PoolRewriteBlocker::OtherUse},
      {"void f(std::vector<int> &xs) { std::vector<std::thread> ts;\n"
       "  for (int x : xs) ts.emplace_back([x] { thread_local int n; n += x; });\n"
       "  for (auto &t : ts) t.join(); }",
       PoolRewriteBlocker::ThreadIdentity},
      {"void f(std::vector<int> &xs, std::future<int> &ready) {\n"
       "  std::vector<std::thread> ts;\n"
       "  for (int x : xs) ts.emplace_back([&ready, x] { ready.wait(); work(x); });\n"
       "  for (auto &t : ts) t.join(); }",
       PoolRewriteBlocker::TaskWaits},
      {"void f(std::vector<int> &xs, int mode) { std::vector<std::future<int>> fs;\n"
       "  switch (mode) { case 0: for (int x : xs) fs.push_back(std::async(twice, x)); }\n"
       "  for (auto &r : fs) r.get(); }",
       PoolRewriteBlocker::Placement},
  };
  for (const Case &C : Cases) {
    SpawnLoop S(C.Code);
    PoolRewriteVerdict V = S.plan();
    EXPECT_FALSE(V.Plan) << C.Code;
    EXPECT_EQ(static_cast<int>(V.Blocker), static_cast<int>(C.Expected)) << C.Code;
  }
}

TEST(HandleUses, EveryContainerUseIsRecorded) {
  SpawnLoop S("void f(std::vector<int> &xs) {\n"
              "  std::vector<std::thread> ts;\n"
              "  ts.reserve(2);\n"
              "  for (int x : xs) ts.emplace_back(work, x);\n"
              "  (void)ts.size();\n"
              "  for (auto &t : ts) t.join();\n"
              "}\n");
  ASSERT_TRUE(S.Spawn);
  const auto *Var = cast<VarDecl>(describeSpawn(*S.Spawn, *S.Analysis).Holder);
  HandleUses Uses = collectHandleUses(S.Analysis->body(), *Var,
                                      handleTypeOf(Var->getType()));
  ASSERT_FALSE(Uses.Escapes);
  std::vector<ContainerUseKind> Kinds;
  for (const ContainerUse &Use : Uses.ContainerUses)
    Kinds.push_back(Use.Kind);
  EXPECT_EQ(Kinds, (std::vector<ContainerUseKind>{
                       ContainerUseKind::Capacity, ContainerUseKind::Store,
                       ContainerUseKind::Inspect, ContainerUseKind::EachElement}));
}

TEST(HandleTypes, ContainersOfJThreadsAndFutures) {
  auto AST = parlint::test::parse(std::string(FakeStd) +
                                  "std::vector<std::jthread> j; std::vector<std::future<int>> u;");
  auto TypeOf = [&](const char *Name) {
    return handleTypeOf(parlint::test::selectFirst<VarDecl>(
                            "v", varDecl(hasName(Name)).bind("v"), *AST)
                            ->getType());
  };
  EXPECT_EQ(TypeOf("j"), HandleType::JThreadContainer);
  EXPECT_EQ(TypeOf("u"), HandleType::FutureContainer);
  EXPECT_EQ(elementTypeOf(HandleType::FutureContainer), HandleType::Future);
}

TEST(LaunchModel, MayTakeStopToken) {
  auto AST = parlint::test::parse(std::string(FakeStd) + R"cpp(
void watch(std::stop_token, int);
void f() {
  std::jthread a(watch, 1);
  std::jthread b([](int) {}, 2);
  std::jthread c([](auto...) {}, 3);
  std::thread d(work, 4);
}
)cpp");
  const auto *F = parlint::test::selectFirst<FunctionDecl>(
      "f", functionDecl(hasName("f"), isDefinition()).bind("f"), *AST);
  ASSERT_TRUE(F);
  std::vector<bool> May;
  forEachLaunch(*F->getBody(), AST->getASTContext(),
                [&](const Launch &L) { May.push_back(L.mayTakeStopToken()); });
  EXPECT_EQ(May, (std::vector<bool>{true, false, true, false}));
}

TEST(PoolsModel, WaitsForAnotherThread) {
  auto AST = parlint::test::parse(std::string(FakeStd) + R"cpp(
void f(std::future<int> &r, std::thread &t, std::vector<int> &v) {
  r.get();
  t.join();
  v.size();
  work(1);
}
)cpp");
  std::vector<bool> Waits;
  for (const CallExpr *Call : parlint::test::selectAll<CallExpr>(
           "c", callExpr(hasAncestor(functionDecl(hasName("f")))).bind("c"), *AST))
    Waits.push_back(waitsForAnotherThread(*Call));
  EXPECT_EQ(Waits, (std::vector<bool>{true, true, false, false}));
}

} // namespace
