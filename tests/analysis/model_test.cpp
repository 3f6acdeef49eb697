// The model layer on small code: what a launch is, what a handle is.
#include "ast_test_support.h"
#include "fake_std.h"

#include "model/BufferWrites.h"
#include "model/Handles.h"
#include "model/Launch.h"
#include "model/Synchronization.h"
#include "model/TestAssertions.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::FakeStd;

namespace {

// Every launch in the body of function `f`.
std::vector<Launch> launchesIn(ASTUnit &AST) {
  const auto *F = parlint::test::selectFirst<FunctionDecl>(
      "f", functionDecl(hasName("f"), isDefinition()).bind("f"), AST);
  std::vector<Launch> Found;
  if (F)
    forEachLaunch(*F->getBody(), AST.getASTContext(),
                  [&](const Launch &L) { Found.push_back(L); });
  return Found;
}

std::vector<Launch> launchesOf(const std::string &Body) {
  static std::vector<std::unique_ptr<ASTUnit>> Keep; // nodes outlive the call
  Keep.push_back(parlint::test::parse(std::string(FakeStd) + Body));
  return Keep.back() ? launchesIn(*Keep.back()) : std::vector<Launch>{};
}

TEST(Launch, ThreadConstructionWithArguments) {
  auto L = launchesOf("void f(int x) { std::thread t(work, x); t.join(); }");
  ASSERT_EQ(L.size(), 1u);
  EXPECT_EQ(L[0].Kind, LaunchKind::Thread);
  EXPECT_EQ(L[0].Arguments.size(), 1u);
  ASSERT_NE(L[0].Worker, nullptr);
  EXPECT_EQ(L[0].Worker->getName(), "work");
  EXPECT_TRUE(L[0].startsOwnThread());
  EXPECT_TRUE(L[0].copiesArguments());
}

TEST(Launch, EveryEmplaceIntoAThreadContainer) {
  auto L = launchesOf("void f(std::vector<std::thread> &v, int x) {"
                      "  v.emplace_back(work, x); v.emplace_front(work, x);"
                      "  v.emplace(v.begin(), work, x); }");
  ASSERT_EQ(L.size(), 3u);
  for (const Launch &Each : L) {
    EXPECT_EQ(Each.Kind, LaunchKind::ThreadInContainer);
    EXPECT_EQ(Each.Arguments.size(), 1u) << "the position is not an argument";
    EXPECT_NE(Each.Container, nullptr);
  }
}

TEST(Launch, MovingAThreadIntoAContainerIsNoLaunch) {
  auto L = launchesOf("void f(std::vector<std::thread> &v, std::thread &t) {"
                      "  v.emplace_back(std::move(t)); }");
  EXPECT_TRUE(L.empty());
}

TEST(Launch, AsyncPolicyDecidesWhetherAThreadStarts) {
  auto L = launchesOf("void f() { auto a = std::async(work, 1);"
                      "  auto b = std::async(std::launch::deferred, work, 2);"
                      "  auto c = std::async(std::launch::async, work, 3); }");
  ASSERT_EQ(L.size(), 3u);
  EXPECT_TRUE(L[0].StartsThread);
  EXPECT_FALSE(L[1].StartsThread);
  EXPECT_TRUE(L[2].StartsThread);
  EXPECT_EQ(L[1].Arguments.size(), 1u) << "the policy is not an argument";
}

TEST(Launch, LambdaHeldInALocalIsResolved) {
  auto L = launchesOf("void f(std::vector<int> data) {"
                      "  auto job = [data] { work(data.size()); };"
                      "  std::thread t(job); t.join(); }");
  ASSERT_EQ(L.size(), 1u);
  ASSERT_NE(L[0].Lambda, nullptr);
  ASSERT_NE(L[0].LambdaVariable, nullptr);
  EXPECT_EQ(L[0].LambdaVariable->getName(), "job");
}

TEST(Launch, PosixAndProcessLaunches) {
  auto L = launchesOf("void f() { pthread_t t; pthread_create(&t, 0, entry, 0);"
                      "  int pid = fork(); (void)pid; }");
  ASSERT_EQ(L.size(), 2u);
  EXPECT_EQ(L[0].Kind, LaunchKind::PthreadCreate);
  EXPECT_FALSE(L[0].copiesArguments());
  EXPECT_EQ(L[1].Kind, LaunchKind::Process);
  EXPECT_TRUE(L[1].startsProcess());
  EXPECT_EQ(L[1].description(), "calling fork");
}

TEST(Launch, PoolSubmitIsATaskNotAThread) {
  auto L = launchesOf("void f(parlint::ThreadPool &p) { p.submit(work, 1); }");
  ASSERT_EQ(L.size(), 1u);
  EXPECT_EQ(L[0].Kind, LaunchKind::PoolSubmit);
  EXPECT_FALSE(L[0].startsOwnThread());
  EXPECT_EQ(L[0].workerNoun(), "task");
}

TEST(Handles, TypesAndOperations) {
  auto AST = parlint::test::parse(
      std::string(FakeStd) +
      "void f(std::thread t, std::jthread j, std::future<int> u,"
      "       std::vector<std::thread> v, pthread_t p, int n) {"
      "  t.join(); t.detach(); t.joinable(); u.get(); u.valid(); }");
  ASSERT_TRUE(AST);
  auto Params = parlint::test::selectAll<ParmVarDecl>(
      "p", parmVarDecl(hasAncestor(functionDecl(hasName("f")))).bind("p"), *AST);
  ASSERT_EQ(Params.size(), 6u);
  EXPECT_EQ(handleTypeOf(Params[0]->getType()), HandleType::Thread);
  EXPECT_EQ(handleTypeOf(Params[1]->getType()), HandleType::JThread);
  EXPECT_EQ(handleTypeOf(Params[2]->getType()), HandleType::Future);
  EXPECT_EQ(handleTypeOf(Params[3]->getType()), HandleType::ThreadContainer);
  EXPECT_EQ(handleTypeOf(Params[4]->getType()), HandleType::PosixThread);
  EXPECT_EQ(handleTypeOf(Params[5]->getType()), HandleType::None);

  auto Calls = parlint::test::selectAll<CXXMemberCallExpr>(
      "c", cxxMemberCallExpr().bind("c"), *AST);
  ASSERT_EQ(Calls.size(), 5u);
  EXPECT_EQ(memberOp(Calls[0]->getMethodDecl()), HandleOp::Join);
  EXPECT_EQ(memberOp(Calls[1]->getMethodDecl()), HandleOp::Detach);
  EXPECT_EQ(memberOp(Calls[2]->getMethodDecl()), HandleOp::Query);
  EXPECT_EQ(memberOp(Calls[3]->getMethodDecl()), HandleOp::Wait);
  EXPECT_EQ(memberOp(Calls[4]->getMethodDecl()), HandleOp::Query);
}

} // namespace


namespace {

/// Code after the fake standard and synchronization headers, those marked
/// as system headers.
std::unique_ptr<ASTUnit> parseWithFakeSync(const std::string &Code) {
  return parlint::test::parse(std::string("# 1 \"fake_std.h\" 1 3\n") +
                              parlint::test::FakeStd + parlint::test::FakeSync +
                              "# 1 \"input.cpp\" 2\n" + Code);
}

/// The calls of function `f` that are not arguments of another call, in
/// order.
std::vector<const CallExpr *> outermostCallsOfF(ASTUnit &AST) {
  auto Calls = parlint::test::selectAll<CallExpr>(
      "c",
      callExpr(hasAncestor(functionDecl(hasName("f"))),
               unless(hasAncestor(callExpr())))
          .bind("c"),
      AST);
  return {Calls.begin(), Calls.end()};
}

// A condition variable hands a worker its task (Dispatch); futures, atomics'
// loads and stores, semaphores and barriers can make any threads take turns
// (Ordering); atomic counters, and a condition variable's set-up, order
// nothing.
TEST(Synchronization, HandOffKinds) {
  auto AST = parseWithFakeSync(R"cpp(
extern "C" int sem_wait(void *);
extern "C" int pthread_cond_signal(void *);
extern "C" int pthread_cond_init(void *, void *);
extern "C" int pthread_barrier_wait(void *);
void f(std::condition_variable &cv, std::unique_lock<std::mutex> &lk,
       std::atomic<int> &a, void *p) {
  cv.wait(lk);
  cv.notify_one();
  pthread_cond_signal(p);
  a.load();
  a.store(1);
  sem_wait(p);
  pthread_barrier_wait(p);
  a.fetch_add(1);
  pthread_cond_init(p, p);
}
)cpp");
  ASSERT_TRUE(AST);
  auto Calls = outermostCallsOfF(*AST);
  std::vector<HandOffKind> Kinds;
  for (const CallExpr *Call : Calls)
    Kinds.push_back(handOffKindOf(*Call));
  using K = HandOffKind;
  EXPECT_EQ(Kinds, (std::vector<K>{K::Dispatch, K::Dispatch, K::Dispatch,
                                   K::Ordering, K::Ordering, K::Ordering,
                                   K::Ordering, K::None, K::None}));
}

// A relaxed atomic operation orders nothing: it is no hand-off and
// observes no other thread; any other order, or the default, does.
TEST(Synchronization, RelaxedAtomicsOrderNothing) {
  auto AST = parseWithFakeSync(R"cpp(
void f(std::atomic<int> &a) {
  a.load(std::memory_order_relaxed);
  a.store(1, std::memory_order_relaxed);
  a.load(std::memory_order_acquire);
  a.store(1, std::memory_order_release);
  a.load();
}
)cpp");
  ASSERT_TRUE(AST);
  auto Calls = outermostCallsOfF(*AST);
  std::vector<bool> Relaxed, Orders, Observes;
  for (const CallExpr *Call : Calls) {
    Relaxed.push_back(isRelaxedAtomicCall(*Call));
    Orders.push_back(handOffKindOf(*Call) == HandOffKind::Ordering);
    Observes.push_back(observesAnotherThread(*Call));
  }
  EXPECT_EQ(Relaxed, (std::vector<bool>{true, true, false, false, false}));
  EXPECT_EQ(Orders, (std::vector<bool>{false, false, true, true, true}));
  EXPECT_EQ(Observes, (std::vector<bool>{false, false, true, false, true}));
}

// A count-down that is not relaxed orders each decrementer with the
// reader of the count it leaves (Dispatch); a relaxed one, and increments,
// order nothing.
TEST(Synchronization, CountDownsAreDispatchHandOffs) {
  auto AST = parseWithFakeSync(R"cpp(
void f(std::atomic<int> &a) {
  a.fetch_sub(1);
  a.fetch_sub(1, std::memory_order_relaxed);
  --a;
  a.fetch_add(1);
}
)cpp");
  ASSERT_TRUE(AST);
  auto Calls = outermostCallsOfF(*AST);
  std::vector<HandOffKind> Kinds;
  for (const CallExpr *Call : Calls)
    Kinds.push_back(handOffKindOf(*Call));
  using K = HandOffKind;
  EXPECT_EQ(Kinds, (std::vector<K>{K::Dispatch, K::None, K::Dispatch, K::None}));
}

// A ticket compared with a constant, or a claim found unset, lets one
// caller through; a bound on a ticket, or a claim found set, lets many.
TEST(Synchronization, TestsThatLetOneCallerThrough) {
  auto AST = parseWithFakeSync(R"cpp(
void f(std::atomic<int> &left, std::atomic<bool> &found) {
  if (left.fetch_sub(1) == 1) {}
  if (--left == 0) {}
  if (!found.exchange(true)) {}
  if (found.exchange(true) == false) {}
  if (left.fetch_sub(1) > 1) {}
  if (found.exchange(true)) {}
  if (left.load() == 0) {}
}
)cpp");
  ASSERT_TRUE(AST);
  auto Ifs = parlint::test::selectAll<IfStmt>(
      "i", ifStmt(hasAncestor(functionDecl(hasName("f")))).bind("i"), *AST);
  std::vector<bool> One;
  for (const IfStmt *If : Ifs)
    One.push_back(selectsOneCaller(*If->getCond(), true, AST->getASTContext()));
  EXPECT_EQ(One, (std::vector<bool>{true, true, true, true, false, false, false}));
  // The else branch of a claim found set is the first caller's.
  EXPECT_TRUE(selectsOneCaller(*Ifs[5]->getCond(), false, AST->getASTContext()));
}

// A lock helper of the program is judged by its body when it is here: one
// that orders only through relaxed atomics is no lock, nor is one whose
// unlock (named like it) is relaxed; an acquire paired with a release, a
// mutex, or a body not seen keeps the name's meaning.
TEST(Synchronization, LockHelpersAreJudgedByTheirBodies) {
  auto AST = parseWithFakeSync(R"cpp(
std::atomic<int> flag;
std::mutex m;
void relaxed_lock() { while (flag.load(std::memory_order_relaxed)) {} }
void relaxed_unlock() { flag.store(0, std::memory_order_relaxed); }
void spin_lock() { while (flag.load(std::memory_order_acquire)) {} }
void spin_unlock() { flag.store(0, std::memory_order_relaxed); }
void gate_lock() { while (flag.load(std::memory_order_acquire)) {} }
void gate_unlock() { flag.store(0, std::memory_order_release); }
void mutex_lock() { m.lock(); }
void mutex_unlock() { m.unlock(); }
void hidden_lock();
void f() {
  relaxed_lock(); relaxed_unlock(); spin_lock(); spin_unlock();
  gate_lock(); gate_unlock(); mutex_lock(); mutex_unlock(); hidden_lock();
}
)cpp");
  ASSERT_TRUE(AST);
  auto Calls = parlint::test::selectAll<CallExpr>(
      "c", callExpr(hasAncestor(functionDecl(hasName("f")))).bind("c"), *AST);
  std::vector<LockOp> Ops;
  for (const CallExpr *Call : Calls)
    Ops.push_back(namedLockOpOf(*Call));
  using L = LockOp;
  EXPECT_EQ(Ops, (std::vector<L>{L::None, L::None, L::None, L::None, L::Lock,
                                 L::Unlock, L::Lock, L::Unlock, L::Lock}));
}
} // namespace

namespace {

// A test framework's own branches go one way whenever tests run: doctest's
// no_throw option is off, GoogleTest's AlwaysTrue() is true; any other
// condition is unknown.
TEST(BufferWrites, CLibraryFillsAndCopiesNotLookAlikes) {
  auto AST = parlint::test::parse(R"cpp(
extern "C" void *memcpy(void *, const void *, unsigned long);
extern "C" int snprintf(char *, unsigned long, const char *, ...);
extern "C" unsigned long strlen(const char *);
namespace mylib { void memcpy(char *, const char *); }
struct Buffer { void memset(int); };
void fortified(char *d) { __builtin___memcpy_chk(d, d, 1, 1); }
)cpp");
  ASSERT_TRUE(AST);
  auto Named = [&](const std::string &Name) {
    std::vector<bool> Found;
    for (const FunctionDecl *F : parlint::test::selectAll<FunctionDecl>(
             "f", functionDecl(hasName(Name)).bind("f"), *AST))
      Found.push_back(writesThroughFirstArgument(F));
    return Found;
  };
  EXPECT_EQ(Named("memcpy"), (std::vector<bool>{true, false}))
      << "::memcpy fills its first argument; mylib::memcpy is not the C one";
  EXPECT_EQ(Named("snprintf"), std::vector<bool>{true});
  EXPECT_EQ(Named("strlen"), std::vector<bool>{false});
  EXPECT_EQ(Named("memset"), std::vector<bool>{false}) << "a member function";
  EXPECT_EQ(Named("__builtin___memcpy_chk"), std::vector<bool>{true})
      << "the fortified form";
}

TEST(TestAssertions, TestFrameworkBranches) {
  auto AST = parlint::test::parse(R"cpp(
namespace doctest { struct ContextOptions { bool no_throw; bool other; };
                    const ContextOptions *getContextOptions(); }
namespace testing { namespace internal { bool AlwaysTrue(); } }
bool flag();
void f() {
  if (!doctest::getContextOptions()->no_throw) {}
  if (doctest::getContextOptions()->other) {}
  if (::testing::internal::AlwaysTrue()) {}
  if (flag()) {}
}
)cpp");
  ASSERT_TRUE(AST);
  auto Ifs = parlint::test::selectAll<IfStmt>("i", ifStmt().bind("i"), *AST);
  ASSERT_EQ(Ifs.size(), 4u);
  EXPECT_EQ(testFrameworkConstant(*Ifs[0]->getCond()), std::optional<bool>(true));
  EXPECT_EQ(testFrameworkConstant(*Ifs[1]->getCond()), std::nullopt);
  EXPECT_EQ(testFrameworkConstant(*Ifs[2]->getCond()), std::optional<bool>(true));
  EXPECT_EQ(testFrameworkConstant(*Ifs[3]->getCond()), std::nullopt);
}

} // namespace
