// PolledFlags, HandedOverElements and CompletionSignals on small code:
// which poll of a flag sees only its first value in the loop's body, which
// ring element is touched after the store that hands it over, and which
// member is written (or read) after the signal that hands its object over.
#include "ast_test_support.h"
#include "fake_std.h"

#include "analysis/CompletionSignals.h"
#include "analysis/HandedOverElements.h"
#include "analysis/PolledFlags.h"
#include "common/AnalysisCache.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::FakeStd;
using parlint::test::FakeSync;

namespace {

struct Code {
  std::unique_ptr<ASTUnit> AST;
  explicit Code(const std::string &Source)
      : AST(parlint::test::parse(std::string(FakeStd) + FakeSync + Source)) {}
  /// Whether the first while loop of f polls its flag only at its first value.
  bool pollSeesFirstValue() {
    const auto *Loop = parlint::test::selectFirst<WhileStmt>(
        "w", whileStmt(hasAncestor(functionDecl(hasName("f")))).bind("w"), *AST);
    const auto *Load = parlint::test::selectFirst<CXXMemberCallExpr>(
        "l", cxxMemberCallExpr(hasAncestor(whileStmt()), callee(cxxMethodDecl(hasName("load"))))
                 .bind("l"),
        *AST);
    const auto *F = parlint::test::selectFirst<FunctionDecl>(
        "f", functionDecl(hasName("f"), isDefinition()).bind("f"), *AST);
    EXPECT_TRUE(Loop && Load && F);
    if (!Loop || !Load || !F)
      return false;
    return pollSeesOnlyInitialValue(
        *Load, *Loop, AnalysisCache::of(*F->getBody(), AST->getASTContext()));
  }
  llvm::SmallVector<ElementAfterHandOver, 1> handedOver(const std::string &Method) {
    const auto *M = parlint::test::selectFirst<CXXMethodDecl>(
        "m", cxxMethodDecl(hasName(Method), isDefinition()).bind("m"), *AST);
    EXPECT_TRUE(M);
    return M ? elementsTouchedAfterHandOver(*M) : llvm::SmallVector<ElementAfterHandOver, 1>{};
  }
  llvm::SmallVector<AccessAfterSignal, 1> writtenAfterSignal(const std::string &Function) {
    const auto *F = parlint::test::selectFirst<FunctionDecl>(
        "f", functionDecl(hasName(Function), isDefinition()).bind("f"), *AST);
    EXPECT_TRUE(F);
    return F ? accessesAfterCompletionSignal(*F->getBody(), AST->getASTContext())
             : llvm::SmallVector<AccessAfterSignal, 1>{};
  }
};

const char *Poll = R"cpp(
void f(int *out) {
  std::atomic<bool> up{INIT};
  auto stop = [&] { up.store(STORED); };
  stop();
  while (COND) *out += 1;
}
)cpp";

std::string poll(const std::string &Init, const std::string &Stored,
                 const std::string &Cond) {
  std::string S = Poll;
  S.replace(S.find("INIT"), 4, Init);
  S.replace(S.find("STORED"), 6, Stored);
  S.replace(S.find("COND"), 4, Cond);
  return S;
}

TEST(PolledFlags, TheBodyRunsOnlyWhileTheFlagHoldsItsFirstValue) {
  EXPECT_TRUE(Code(poll("true", "false", "up.load()")).pollSeesFirstValue());
  EXPECT_TRUE(Code(poll("false", "true", "!up.load()")).pollSeesFirstValue());
  EXPECT_TRUE(Code(poll("true", "false", "up.load() && *out < 9")).pollSeesFirstValue());
}

TEST(PolledFlags, ALoadThatMaySeeTheStoreOrdersTheBody) {
  // The store keeps the loop going: the body runs after seeing it.
  EXPECT_FALSE(Code(poll("true", "false", "!up.load()")).pollSeesFirstValue());
  // The store writes the first value again: nothing is learnt.
  EXPECT_FALSE(Code(poll("true", "true", "up.load()")).pollSeesFirstValue());
  // Unknown whether the store ends the loop.
  EXPECT_FALSE(Code(poll("true", "false", "up.load() || *out < 9")).pollSeesFirstValue());
}

TEST(PolledFlags, AFlagStoredWithTwoValuesOrEscapingIsNoPoll) {
  std::string TwoValues = poll("true", "false", "up.load()");
  TwoValues.replace(TwoValues.find("stop();"), 7, "stop(); up.store(true);");
  EXPECT_FALSE(Code(TwoValues).pollSeesFirstValue());
  std::string Escapes = poll("true", "false", "up.load()");
  Escapes.replace(Escapes.find("stop();"), 7, "stop(); std::ref(up);");
  EXPECT_FALSE(Code(Escapes).pollSeesFirstValue());
}

const char *Ring = R"cpp(
struct Ring {
  bool push(long v) {
    unsigned long h = head_.load(std::memory_order_relaxed);
    if (h - tail_.load(std::memory_order_acquire) == 4) return false;
    slots_[h % 4] = v;
    head_.store(h + 1, std::memory_order_release);
    return true;
  }
  bool pop(long &out) {
    unsigned long t = tail_.load(std::memory_order_relaxed);
    if (t == head_.load(std::memory_order_acquire)) return false;
    POP
    return true;
  }
  long slots_[4];
  std::atomic<unsigned long> head_;
  std::atomic<unsigned long> tail_;
};
)cpp";

std::string ring(const std::string &Pop) {
  std::string S = Ring;
  S.replace(S.find("POP"), 3, Pop);
  return S;
}

TEST(HandedOverElements, AReadAfterTheReleaseOfItsSlot) {
  Code C(ring("tail_.store(t + 1, std::memory_order_release); out = slots_[t % 4];"));
  auto Found = C.handedOver("pop");
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_FALSE(Found[0].Write);
  EXPECT_EQ(Found[0].Array->getName(), "slots_");
  EXPECT_EQ(Found[0].Counter->getName(), "tail_");
  EXPECT_TRUE(Found[0].OtherAccess);
  EXPECT_TRUE(C.handedOver("push").empty());
}

TEST(HandedOverElements, TheStoreLastOrRelaxedOrAnotherSlot) {
  EXPECT_TRUE(Code(ring("out = slots_[t % 4]; tail_.store(t + 1, std::memory_order_release);"))
                  .handedOver("pop")
                  .empty());
  EXPECT_TRUE(Code(ring("tail_.store(t + 1, std::memory_order_relaxed); out = slots_[t % 4];"))
                  .handedOver("pop")
                  .empty());
  EXPECT_TRUE(Code(ring("tail_.store(t + 1, std::memory_order_release); out = slots_[0];"))
                  .handedOver("pop")
                  .empty());
}

const char *Signalled = R"cpp(
struct Result { long value; long ms; std::atomic<bool> ready; };
void produce(Result *r) {
  PRODUCE
}
long consume(Result *r) {
  while (!r->ready.load()) {}
  CONSUME
}
)cpp";

std::string signalled(const std::string &Produce, const std::string &Consume) {
  std::string S = Signalled;
  S.replace(S.find("PRODUCE"), 7, Produce);
  S.replace(S.find("CONSUME"), 7, Consume);
  return S;
}

TEST(CompletionSignals, AMemberWrittenAfterTheReleaseThatTheWaiterReads) {
  Code C(signalled("r->value = 1; r->ready.store(true); r->ms = 5;",
                   "return r->value + r->ms;"));
  auto Found = C.writtenAfterSignal("produce");
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Member->getName(), "ms");
  EXPECT_EQ(Found[0].SignalMember->getName(), "ready");
  EXPECT_EQ(Found[0].OtherFunction->getName(), "consume");
  EXPECT_TRUE(Found[0].OtherRead);
}

TEST(CompletionSignals, WrittenBeforeOrUnreadOrRelaxedOrAnotherObject) {
  // Written before the release: ordered by it.
  EXPECT_TRUE(Code(signalled("r->ms = 5; r->ready.store(true);", "return r->ms;"))
                  .writtenAfterSignal("produce")
                  .empty());
  // No waiter reads it.
  EXPECT_TRUE(Code(signalled("r->ready.store(true); r->ms = 5;", "return r->value;"))
                  .writtenAfterSignal("produce")
                  .empty());
  // A relaxed store signals nothing.
  EXPECT_TRUE(
      Code(signalled("r->ready.store(true, std::memory_order_relaxed); r->ms = 5;",
                     "return r->ms;"))
          .writtenAfterSignal("produce")
          .empty());
  // The variable names another object after the release.
  EXPECT_TRUE(Code(signalled("r->ready.store(true); r = r + 1; r->ms = 5;", "return r->ms;"))
                  .writtenAfterSignal("produce")
                  .empty());
}

// The mirror: a read after the release that hands the object over meets
// the waiter's write once its acquire returns; a read before the release,
// or of a member the waiter only reads, does not.
TEST(CompletionSignals, AMemberReadAfterTheReleaseThatTheWaiterWrites) {
  Code C(signalled("r->ready.store(true); long seen = r->ms; (void)seen;",
                   "r->ms = 7; return r->value;"));
  auto Found = C.writtenAfterSignal("produce");
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_TRUE(Found[0].Reads);
  EXPECT_EQ(Found[0].Member->getName(), "ms");
  EXPECT_EQ(Found[0].OtherFunction->getName(), "consume");
  EXPECT_TRUE(Code(signalled("long seen = r->ms; r->ready.store(true); (void)seen;",
                             "r->ms = 7; return r->value;"))
                  .writtenAfterSignal("produce")
                  .empty());
  EXPECT_TRUE(Code(signalled("r->ready.store(true); long seen = r->ms; (void)seen;",
                             "return r->ms;"))
                  .writtenAfterSignal("produce")
                  .empty());
}

} // namespace
