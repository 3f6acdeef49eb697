// The analysis layer on small code: the path engine (HandleFlow) over threads
// and pthreads, move safety and the per-function cache (loop bounds: see
// input_origin_test.cpp).
#include "ast_test_support.h"
#include "fake_std.h"

#include "analysis/HandleFlow.h"
#include "analysis/HandleUses.h"
#include "analysis/LoopBounds.h"
#include "analysis/MoveSafety.h"
#include "common/AnalysisCache.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::FakeStd;

namespace {

// A parsed snippet with function `f`, its analysis and its local `h`.
struct Snippet {
  std::unique_ptr<ASTUnit> AST;
  const FunctionDecl *F = nullptr;
  std::unique_ptr<FunctionAnalysis> Analysis;

  explicit Snippet(const std::string &Code)
      : AST(parlint::test::parse(std::string(FakeStd) + Code)) {
    if (!AST)
      return;
    F = parlint::test::selectFirst<FunctionDecl>(
        "f", functionDecl(hasName("f"), isDefinition()).bind("f"), *AST);
    if (F)
      Analysis = std::make_unique<FunctionAnalysis>(*F->getBody(),
                                                    AST->getASTContext());
  }
  const VarDecl *var(const std::string &Name) const {
    return parlint::test::selectFirst<VarDecl>(
        "v", varDecl(hasName(Name)).bind("v"), *AST);
  }
  unsigned line(SourceLocation Loc) const {
    return parlint::test::lineOf(Loc, *AST);
  }
  // Bad exits of handle `h`, as line numbers.
  std::vector<unsigned> badExitLines(HandleLifetime Lifetime) const {
    const VarDecl *H = var("h");
    EXPECT_NE(H, nullptr);
    if (!H)
      return {};
    HandleUses Uses = collectHandleUses(*F->getBody(), *H,
                                        handleTypeOf(H->getType()));
    EXPECT_FALSE(Uses.Escapes);
    std::vector<unsigned> Lines;
    for (const BadExit &Exit :
         findBadExits(*Analysis, *H, Uses.Events, {Lifetime, false}))
      Lines.push_back(line(Exit.Where));
    return Lines;
  }
};

using Lines = std::vector<unsigned>;

TEST(HandleFlow, ThreadJoinedOnOneBranchOnly) {
  Snippet S("void f(bool c) {\n"     // line 1 of the snippet is FakeStd's...
            "  std::thread h(work, 1);\n"
            "  if (c)\n"
            "    return;\n"
            "  h.join();\n"
            "}\n");
  ASSERT_TRUE(S.F);
  auto Exits = S.badExitLines(HandleLifetime::Object);
  ASSERT_EQ(Exits.size(), 1u);
  EXPECT_EQ(Exits[0], S.line(S.F->getBeginLoc()) + 3) << "the early return";
}

TEST(HandleFlow, ThreadJoinedOnEveryPath) {
  Snippet S("void f(bool c) { std::thread h(work, 1);"
            "  if (c) { h.join(); return; } h.join(); }");
  EXPECT_EQ(S.badExitLines(HandleLifetime::Object), Lines{});
}

TEST(HandleFlow, JoinableBranchRefinesTheState) {
  Snippet S("void f(bool c) { std::thread h; if (c) h = std::thread(work, 1);"
            "  if (h.joinable()) h.join(); }");
  EXPECT_EQ(S.badExitLines(HandleLifetime::Object), Lines{});
}

TEST(HandleFlow, NoReturnPathsAreSilent) {
  Snippet S("void f(bool c) { std::thread h(work, 1); if (c) exit(1); h.join(); }");
  EXPECT_EQ(S.badExitLines(HandleLifetime::Object), Lines{});
}

TEST(HandleFlow, PthreadJoinedOnOneBranchIsAValueLeak) {
  Snippet S("int f(bool c) {\n"
            "  pthread_t h;\n"
            "  pthread_create(&h, 0, entry, 0);\n"
            "  if (c)\n"
            "    return 1;\n"
            "  pthread_join(h, 0);\n"
            "  return 0;\n"
            "}\n");
  ASSERT_TRUE(S.F);
  auto Exits = S.badExitLines(HandleLifetime::Value);
  ASSERT_EQ(Exits.size(), 1u);
  EXPECT_EQ(Exits[0], S.line(S.F->getBeginLoc()) + 4);
}

TEST(HandleFlow, FailedPthreadCreateStartedNothing) {
  Snippet S("int f() { pthread_t h; int rc = pthread_create(&h, 0, entry, 0);"
            "  if (rc != 0) return rc; pthread_join(h, 0); return 0; }");
  EXPECT_EQ(S.badExitLines(HandleLifetime::Value), Lines{});
  Snippet T("int f() { pthread_t h;"
            "  if (pthread_create(&h, 0, entry, 0)) return 1;"
            "  pthread_join(h, 0); return 0; }");
  EXPECT_EQ(T.badExitLines(HandleLifetime::Value), Lines{});
}

TEST(MoveSafety, ALaterUseBlocksTheMove) {
  Snippet S("void f(std::vector<int> data) {"
            "  std::thread t(work, data.size()); t.join();"
            "  std::vector<int> copy = data; }");
  ASSERT_TRUE(S.F);
  const VarDecl *Data = S.var("data");
  auto Launch = parlint::test::selectFirst<CXXConstructExpr>(
      "t", cxxConstructExpr(hasType(cxxRecordDecl(hasName("thread")))).bind("t"),
      *S.AST);
  ASSERT_TRUE(Data && Launch);
  const DeclRefExpr *Use = parlint::test::selectFirst<DeclRefExpr>(
      "r", declRefExpr(to(varDecl(hasName("data")))).bind("r"), *S.AST);
  auto Blocker = findMoveBlocker(*S.Analysis, *Data, *Use, *Launch, nullptr);
  ASSERT_TRUE(Blocker.has_value());
  EXPECT_EQ(Blocker->What, MoveBlocker::UsedAgain);
}

TEST(MoveSafety, NoLaterUseAllowsTheMove) {
  Snippet S("void f(std::vector<int> data) {"
            "  std::vector<int> copy = data;"
            "  std::thread t(work, 1); t.join(); }");
  ASSERT_TRUE(S.F);
  const VarDecl *Data = S.var("data");
  auto Launch = parlint::test::selectFirst<CXXConstructExpr>(
      "t", cxxConstructExpr(hasType(cxxRecordDecl(hasName("thread")))).bind("t"),
      *S.AST);
  ASSERT_TRUE(Data && Launch);
  EXPECT_FALSE(
      findMoveBlocker(*S.Analysis, *Data, *Launch, *Launch, nullptr).has_value());
}

TEST(AnalysisCache, ParentsAndSequencingStayInsideTheBody) {
  Snippet S("void f() { work(1); work(2); }");
  ASSERT_TRUE(S.F);
  auto Calls = parlint::test::selectAll<CallExpr>(
      "c", callExpr(callee(functionDecl(hasName("work")))).bind("c"), *S.AST);
  ASSERT_EQ(Calls.size(), 2u);
  EXPECT_EQ(S.Analysis->parent(*Calls[0]), S.F->getBody());
  EXPECT_TRUE(S.Analysis->sequencedBefore(*Calls[0], *Calls[1]));
  EXPECT_FALSE(S.Analysis->sequencedBefore(*Calls[1], *Calls[0]));
  EXPECT_EQ(S.Analysis->parent(*S.F->getBody()), nullptr);
  FunctionAnalysis &Cached = AnalysisCache::of(*S.F->getBody(), S.AST->getASTContext());
  EXPECT_EQ(&Cached, &AnalysisCache::of(*S.F->getBody(), S.AST->getASTContext()))
      << "one analysis per body";
  AnalysisCache::reset();
}

} // namespace
