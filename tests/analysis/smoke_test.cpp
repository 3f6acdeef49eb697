// Proves the plumbing of analysis_test: a snippet parses in-process, AST
// matchers find nodes in it, and clang-tidy's exported utilities (from
// libclangTidyUtils.a and libclangTidy.a) link and run next to the shared
// libclang-cpp and libLLVM.
#include "ast_test_support.h"

#include "clang-tidy/GlobList.h"
#include "clang-tidy/utils/DeclRefExprUtils.h"
#include "clang-tidy/utils/OptionsUtils.h"

using namespace clang;
using namespace clang::ast_matchers;
using parlint::test::lineOf;
using parlint::test::parse;
using parlint::test::selectAll;
using parlint::test::selectFirst;

namespace {

const char *const FakeThread = R"cpp(
namespace std {
struct thread {
  thread() noexcept;
  template <class F, class... Args> explicit thread(F &&f, Args &&...args);
  thread(thread &&) noexcept;
  ~thread();
  bool joinable() const noexcept;
  void join();
  void detach();
};
} // namespace std
)cpp";

// Line 1 of the code below is the first line after FakeThread.
std::string withFakeThread(const std::string &Code) { return FakeThread + Code; }
unsigned fakeThreadLines() {
  unsigned Lines = 0;
  for (const char *C = FakeThread; *C; ++C)
    Lines += *C == '\n';
  return Lines;
}

const auto ThreadConstruction = cxxConstructExpr(
    hasDeclaration(cxxConstructorDecl(ofClass(hasName("::std::thread")))), argumentCountIs(2));

TEST(AnalysisSmoke, FindsAThreadStartedPerLoopIteration) {
  auto AST = parse(withFakeThread(R"cpp(
void work(int item);
void spawnAll(const int *items, int n) {
  for (int i = 0; i < n; ++i) {
    std::thread worker(work, items[i]);
    worker.join();
  }
}
)cpp"));
  ASSERT_TRUE(AST);

  // The loop, and the thread construction inside it, without any ancestor
  // matcher (the module avoids the translation-unit-wide parent map).
  const auto Loops = selectAll<ForStmt>(
      "loop", forStmt(hasDescendant(varDecl(hasInitializer(ThreadConstruction)).bind("var")))
                  .bind("loop"),
      *AST);
  ASSERT_EQ(Loops.size(), 1u);
  const auto *Worker = selectFirst<VarDecl>(
      "var", varDecl(hasInitializer(ThreadConstruction)).bind("var"), *AST);
  ASSERT_NE(Worker, nullptr);
  EXPECT_EQ(Worker->getName(), "worker");
  EXPECT_EQ(lineOf(Worker->getLocation(), *AST), fakeThreadLines() + 5);
  EXPECT_TRUE(Worker->hasLocalStorage());

  // The callable is `work`, decay-copied through the forwarding constructor.
  const auto *Construct = cast<CXXConstructExpr>(Worker->getInit()->IgnoreImplicit());
  const auto *Callable = dyn_cast<DeclRefExpr>(Construct->getArg(0)->IgnoreParenImpCasts());
  ASSERT_NE(Callable, nullptr);
  EXPECT_EQ(Callable->getDecl()->getName(), "work");
  EXPECT_TRUE(Construct->getConstructor()->isTemplateInstantiation());

  // The one use of the handle in the loop is the join.
  const auto *Join = selectFirst<CXXMemberCallExpr>(
      "join", cxxMemberCallExpr(callee(cxxMethodDecl(hasName("join"))),
                                on(declRefExpr(to(varDecl(equalsNode(Worker))))))
                  .bind("join"),
      *AST);
  ASSERT_NE(Join, nullptr);
  EXPECT_EQ(lineOf(Join->getBeginLoc(), *AST), fakeThreadLines() + 6);

  // clang-tidy's utility (libclangTidyUtils.a) agrees: one reference, the join's.
  const auto Refs = tidy::utils::decl_ref_expr::allDeclRefExprs(
      *Worker, *Loops.front()->getBody(), AST->getASTContext());
  ASSERT_EQ(Refs.size(), 1u);
  EXPECT_EQ((*Refs.begin())->getBeginLoc(), Join->getImplicitObjectArgument()->getBeginLoc());
}

TEST(AnalysisSmoke, ClangTidyOptionUtilitiesLink) {
  // utils::options (libclangTidyUtils.a), GlobList (libclangTidy.a).
  const auto Methods = tidy::utils::options::parseStringList("join;wait;shutdown");
  EXPECT_EQ(Methods, (std::vector<StringRef>{"join", "wait", "shutdown"}));
  EXPECT_EQ(tidy::utils::options::serializeStringList(Methods), "join;wait;shutdown");
  tidy::GlobList Checks("-*,parlint-*");
  EXPECT_TRUE(Checks.contains("parlint-unbounded-spawn"));
  EXPECT_FALSE(Checks.contains("bugprone-use-after-move"));
}

TEST(AnalysisSmoke, RealThreadHeaderParses) {
  auto AST = parlint::test::parseWithSystemHeaders(R"cpp(
#include <thread>
#include <vector>
void work(const std::vector<int> &data);
void start(const std::vector<int> &data) {
  std::thread t(work, data);
  t.detach();
}
)cpp");
  ASSERT_TRUE(AST);
  const auto Launches = selectAll<CXXConstructExpr>(
      "launch",
      cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(hasName("::std::thread")))),
                       isExpansionInMainFile())
          .bind("launch"),
      *AST);
  ASSERT_EQ(Launches.size(), 1u);
  EXPECT_EQ(Launches.front()->getNumArgs(), 2u);
}

} // namespace
