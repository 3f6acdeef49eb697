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

// A depth limit that cuts one question short must not decide another: the
// answer for a helper does not depend on which call was asked about first.
TEST(OutlivingSpawns, AnswersDoNotDependOnTheOrderOfQuestions) {
  AnalysisCache::reset();
  auto AST = parlint::test::parseWithSystemHeaders(R"(
#include <thread>
void serve(int);
void h5(int c) { std::thread(serve, c).detach(); }
void h4(int c) { h5(c); }
void h3(int c) { h4(c); }
void h2(int c) { h3(c); }
void h1(int c) { h2(c); }
void use() { h1(1); h3(1); }
)");
  auto CallTo = [&](const char *Name) {
    return parlint::test::selectFirst<CallExpr>(
        "c",
        callExpr(callee(functionDecl(hasName(Name))),
                 hasAncestor(functionDecl(hasName("use"))))
            .bind("c"),
        *AST);
  };
  ASTContext &Context = AST->getASTContext();
  // h1 reaches the start five calls down, past the limit; h3 three down.
  EXPECT_FALSE(outlivingSpawnOf(*CallTo("h1"), Context));
  EXPECT_TRUE(outlivingSpawnOf(*CallTo("h3"), Context));
  AnalysisCache::reset();
}

} // namespace
