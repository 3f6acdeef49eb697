// What a call returns when its callee hands back a worker it started
// (analysis/ReturnedWorkers): an async future or a running std::thread, on
// every return, directly, through a local or through another helper.
#include "ast_test_support.h"

#include "analysis/ReturnedWorkers.h"
#include "common/AnalysisCache.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;

namespace {

constexpr const char *Helpers = R"(
#include <future>
#include <thread>
int load(int);
std::future<int> direct(int k) { return std::async(std::launch::async, load, k); }
std::future<int> viaLocal(int k) { auto f = std::async(load, k); return f; }
std::future<int> viaHelper(int k) { return direct(k); }
std::future<int> lazy(int k) { return std::async(std::launch::deferred, load, k); }
std::future<int> promised() { std::promise<int> p; return p.get_future(); }
std::future<int> sometimes(bool b) { if (b) return direct(1); return {}; }
std::future<int> recursive(int k) { return k ? recursive(k - 1) : direct(k); }
std::future<int> waitedFirst(int k) { auto f = std::async(load, k); f.wait(); return f; }
std::thread thread(int k) { return std::thread(load, k); }
std::thread viaMove(int k) { std::thread t(load, k); return std::move(t); }
std::thread empty() { return std::thread(); }
std::future<int> opaque(int);
)";

ReturnedWorker::KindType kindOfCall(const char *Callee, const char *Args) {
  AnalysisCache::reset();
  std::string Code = std::string(Helpers) + "void use() { " + Callee + "(" +
                     Args + "); }";
  auto AST = parlint::test::parseWithSystemHeaders(Code);
  const auto *Call = parlint::test::selectFirst<CallExpr>(
      "c",
      callExpr(callee(functionDecl(hasName(Callee))),
               hasAncestor(functionDecl(hasName("use"))))
          .bind("c"),
      *AST);
  EXPECT_TRUE(Call) << Callee;
  ReturnedWorker::KindType Kind =
      Call ? returnedWorkerOf(*Call, AST->getASTContext()).Kind
           : ReturnedWorker::None;
  AnalysisCache::reset();
  return Kind;
}

TEST(ReturnedWorkers, AsyncFuturesHandedBack) {
  EXPECT_EQ(kindOfCall("direct", "1"), ReturnedWorker::AsyncFuture);
  EXPECT_EQ(kindOfCall("viaLocal", "1"), ReturnedWorker::AsyncFuture);
  EXPECT_EQ(kindOfCall("viaHelper", "1"), ReturnedWorker::AsyncFuture);
}

TEST(ReturnedWorkers, RunningThreadsHandedBack) {
  EXPECT_EQ(kindOfCall("thread", "1"), ReturnedWorker::RunningThread);
  EXPECT_EQ(kindOfCall("viaMove", "1"), ReturnedWorker::RunningThread);
}

TEST(ReturnedWorkers, NothingKnownOtherwise) {
  EXPECT_EQ(kindOfCall("lazy", "1"), ReturnedWorker::None);
  EXPECT_EQ(kindOfCall("promised", ""), ReturnedWorker::None);
  EXPECT_EQ(kindOfCall("sometimes", "true"), ReturnedWorker::None);
  EXPECT_EQ(kindOfCall("recursive", "2"), ReturnedWorker::None);
  EXPECT_EQ(kindOfCall("waitedFirst", "1"), ReturnedWorker::None);
  EXPECT_EQ(kindOfCall("empty", ""), ReturnedWorker::None);
  EXPECT_EQ(kindOfCall("opaque", "1"), ReturnedWorker::None);
}

} // namespace
