// Whether a call's callee starts a detached thread on every call
// (analysis/OutlivingSpawns): directly, through a local it detaches, or
// through a helper it always calls; never through branches, loops, joins,
// members or unknown code.
#include "ast_test_support.h"

#include "analysis/OutlivingSpawns.h"
#include "common/AnalysisCache.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;

namespace {

constexpr const char *Helpers = R"(
#include <thread>
#include <vector>
void serve(int);
void temporary(int c) { std::thread(serve, c).detach(); }
void local(int c) { std::thread t(serve, c); t.detach(); }
void guarded(int c) { if (c < 0) return; temporary(c); }
void branch(int c) { if (c > 2) std::thread(serve, c).detach(); }
void joined(int c) { std::thread t(serve, c); t.join(); }
void looped(int c) { for (int i = 0; i < c; ++i) temporary(i); }
std::vector<std::thread> kept;
void member(int c) { kept.emplace_back(serve, c); }
void inLambda(int c) { auto f = [c] { temporary(c); }; (void)f; }
void recursive(int c) { if (c) recursive(c - 1); }
void opaque(int);
)";

bool spawns(const char *Callee) {
  AnalysisCache::reset();
  std::string Code = std::string(Helpers) + "void use() { " + Callee + "(1); }";
  auto AST = parlint::test::parseWithSystemHeaders(Code);
  const auto *Call = parlint::test::selectFirst<CallExpr>(
      "c",
      callExpr(callee(functionDecl(hasName(Callee))),
               hasAncestor(functionDecl(hasName("use"))))
          .bind("c"),
      *AST);
  EXPECT_TRUE(Call) << Callee;
  bool Result = Call && outlivingSpawnOf(*Call, AST->getASTContext());
  AnalysisCache::reset();
  return Result;
}

TEST(OutlivingSpawns, DetachedOnEveryCall) {
  EXPECT_TRUE(spawns("temporary"));
  EXPECT_TRUE(spawns("local"));
  EXPECT_TRUE(spawns("guarded"));
}

TEST(OutlivingSpawns, NotOnEveryCallOrNotDetached) {
  EXPECT_FALSE(spawns("branch"));
  EXPECT_FALSE(spawns("joined"));
  EXPECT_FALSE(spawns("looped"));
  EXPECT_FALSE(spawns("member"));
  EXPECT_FALSE(spawns("inLambda"));
  EXPECT_FALSE(spawns("recursive"));
  EXPECT_FALSE(spawns("opaque"));
}

} // namespace
