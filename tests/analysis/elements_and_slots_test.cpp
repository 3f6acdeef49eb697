// The layers added for stripes, claimed slots, returned elements and C
// objects' workers, on small code: which lock is a stripe and what it
// guards, which index is an atomic ticket, which element a helper returns,
// and which writes a C object's stop function makes before its join.
#include "ast_test_support.h"
#include "fake_std.h"

#include "analysis/ClaimedSlots.h"
#include "analysis/FieldWorkers.h"
#include "analysis/LockScopes.h"
#include "analysis/ReturnedElements.h"
#include "common/AnalysisCache.h"
#include "model/Launch.h"
#include "model/Synchronization.h"

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
  ASTContext &context() { return AST->getASTContext(); }
  const FunctionDecl *function(const std::string &Name) {
    return parlint::test::selectFirst<FunctionDecl>(
        "f", functionDecl(hasName(Name), isDefinition()).bind("f"), *AST);
  }
  FunctionAnalysis &analysis(const std::string &Name) {
    return AnalysisCache::of(*function(Name)->getBody(), context());
  }
  /// The assignment or increment whose operand is the member Field.
  const Expr *writeOf(const std::string &Field) {
    for (const auto *E : parlint::test::selectAll<Expr>(
             "w",
             expr(anyOf(binaryOperator(isAssignmentOperator(),
                                       hasLHS(memberExpr(member(hasName(Field))))),
                        unaryOperator(hasOperatorName("++"),
                                      hasUnaryOperand(memberExpr(member(hasName(Field)))))))
                 .bind("w"),
             *AST))
      return E;
    return nullptr;
  }
};

TEST(LockScopes, AStripeGuardsItsElementNotATotal) {
  Code C("struct Bucket { std::mutex lock; int size; };\n"
         "struct Set { Bucket b[8]; int count; std::mutex all; };\n"
         "Bucket *bucket_for(Set *s, unsigned h) { return &s->b[h % 8]; }\n"
         "void f(Set *s, unsigned h) {\n"
         "  Bucket *b = bucket_for(s, h);\n"
         "  b->lock.lock();\n"
         "  b->size++;\n"
         "  s->count++;\n"
         "  b->lock.unlock();\n"
         "  s->b[0].lock.lock();\n"
         "  s->count = 0;\n"
         "  s->b[0].lock.unlock();\n"
         "}\n");
  ASSERT_TRUE(C.function("f"));
  LockScopes Scopes(C.analysis("f"));
  const Expr *Size = C.writeOf("size");
  auto Counts = parlint::test::selectAll<Expr>(
      "w", expr(anyOf(unaryOperator(hasUnaryOperand(memberExpr(member(hasName("count"))))),
                      binaryOperator(isAssignmentOperator(),
                                     hasLHS(memberExpr(member(hasName("count")))))))
               .bind("w"),
      *C.AST);
  ASSERT_TRUE(Size);
  ASSERT_EQ(Counts.size(), 2u);
  LockSet AtSize = Scopes.heldAt(*Size);
  ASSERT_EQ(AtSize.size(), 1u);
  ASSERT_TRUE(AtSize[0].Stripes) << "picked by a helper from s->b by h";
  EXPECT_EQ(AtSize[0].Stripes->describe(), "s->b");
  ASSERT_TRUE(AtSize[0].Mutex) << "named by the array it belongs to";
  EXPECT_EQ(AtSize[0].Mutex->describe(), "s->b.lock");
  // The element's own size is guarded; the set's total is not.
  auto SizePath = objectPathOf(cast<UnaryOperator>(Size)->getSubExpr());
  ASSERT_TRUE(SizePath);
  auto CountPath = objectPathOf(cast<UnaryOperator>(Counts[0])->getSubExpr());
  ASSERT_TRUE(CountPath);
  const Expr *Dropped = nullptr;
  EXPECT_TRUE(locksGuarding(Scopes.heldAt(*Counts[0]), *CountPath, *Counts[0],
                            &Dropped)
                  .empty());
  EXPECT_TRUE(Dropped);
  // A stripe picked by a constant is one lock.
  LockSet AtReset = Scopes.heldAt(*Counts[1]);
  ASSERT_EQ(AtReset.size(), 1u);
  EXPECT_FALSE(AtReset[0].Stripes);
}

TEST(LockScopes, AnElementOfALockArrayIsThatArraysLockAndALoopCanTakeThemAll) {
  Code C("std::mutex latch[8]; std::mutex other; int x;\n"
            "void f(int i) {\n"
            "  latch[i].lock(); x = 1; latch[i].unlock();\n"
            "  for (int k = 0; k < 8; ++k) latch[k].lock();\n"
            "  other.lock(); x = 2; other.unlock();\n"
            "  for (int k = 0; k < 8; ++k) latch[k].unlock();\n"
            "  x = 3;\n"
            "  for (std::mutex &m : latch) m.lock();\n"
            "  if (i) { x = 4; }\n"
            "}\n");
  ASSERT_TRUE(C.function("f"));
  LockScopes Scopes(C.analysis("f"));
  std::vector<std::string> Held;
  std::vector<LockSet> Sets;
  for (int Value = 1; Value <= 4; ++Value) {
    const auto *Assign = parlint::test::selectFirst<BinaryOperator>(
        "a",
        binaryOperator(isAssignmentOperator(),
                       hasRHS(integerLiteral(equals(Value))))
            .bind("a"),
        *C.AST);
    ASSERT_TRUE(Assign);
    std::string Names;
    Sets.push_back(Scopes.heldAt(*Assign));
    for (const HeldLock &Lock : Sets.back())
      Names += (Names.empty() ? "" : ",") +
               (Lock.Mutex ? Lock.Mutex->describe() : std::string("?"));
    Held.push_back(Names);
  }
  // Not a wildcard: a write under `latch[i]` and one under `other` do
  // not exclude each other.
  EXPECT_EQ(Held, (std::vector<std::string>{"latch", "other,latch", "",
                                            "latch"}));
  HeldLock Other = Sets[1].front();
  EXPECT_FALSE(sharesLock(Sets[0], {Other}));
  EXPECT_TRUE(sharesLock(Sets[0], Sets[3]));
}

TEST(ReturnedElements, AHelpersElementInTheCallersNames) {
  Code C("struct Slot { int n; };\n"
         "struct Sched { Slot slots[4]; };\n"
         "struct Worker { Sched *sched; int id; };\n"
         "Slot table[4];\n"
         "Slot *slot_for(Sched *s, int id) { return &s->slots[id & 3]; }\n"
         "Slot *global_slot(int id) { return table + id; }\n"
         "Slot *probe(Sched *s, int id) { if (id) return 0; return s->slots; }\n"
         "void f(Worker *w, Sched *plain) {\n"
         "  slot_for(w->sched, w->id)->n++;\n"
         "  slot_for(plain, 1)->n++;\n"
         "  global_slot(2)->n++;\n"
         "  probe(plain, 0)->n++;\n"
         "}\n");
  auto Calls = parlint::test::selectAll<CallExpr>(
      "c", callExpr(callee(functionDecl(hasAnyName("slot_for", "global_slot", "probe"))),
                    hasAncestor(functionDecl(hasName("f"))))
               .bind("c"),
      *C.AST);
  ASSERT_EQ(Calls.size(), 4u);
  auto Through = elementReturnedBy(*Calls[0]);
  ASSERT_TRUE(Through);
  EXPECT_EQ(Through->Array.describe(), "w->sched->slots");
  auto Plain = elementReturnedBy(*Calls[1]);
  ASSERT_TRUE(Plain);
  EXPECT_EQ(Plain->Array.describe(), "plain->slots");
  auto Global = elementReturnedBy(*Calls[2]);
  ASSERT_TRUE(Global);
  EXPECT_EQ(Global->Array.describe(), "table");
  EXPECT_FALSE(elementReturnedBy(*Calls[3])) << "more than one statement";
}

TEST(ClaimedSlots, TicketsAndWhatPublishesAFilledSlot) {
  Code C("struct Ring { std::atomic<unsigned> head; std::atomic<bool> ready[8];"
         "  int slots[8]; };\n"
         "void claim(Ring *r, int v) {\n"
         "  unsigned i = r->head.fetch_add(1);\n"
         "  r->slots[i % 8] = v;\n"
         "}\n"
         "void publish(Ring *r, int v) {\n"
         "  unsigned i = r->head.fetch_add(1);\n"
         "  r->slots[i % 8] = v;\n"
         "  r->ready[i % 8].store(true, std::memory_order_release);\n"
         "}\n"
         "void counted(Ring *r, unsigned i, int v) { r->slots[i % 8] = v; }\n");
  auto Writes = parlint::test::selectAll<BinaryOperator>(
      "w", binaryOperator(isAssignmentOperator()).bind("w"), *C.AST);
  ASSERT_EQ(Writes.size(), 3u);
  auto IndexOf = [](const BinaryOperator *Write) {
    return cast<ArraySubscriptExpr>(Write->getLHS()->IgnoreParenImpCasts())->getIdx();
  };
  FunctionAnalysis &Claim = C.analysis("claim");
  FunctionAnalysis &Publish = C.analysis("publish");
  FunctionAnalysis &Counted = C.analysis("counted");
  EXPECT_TRUE(ticketOfIndex(*IndexOf(Writes[0]), Claim));
  EXPECT_FALSE(mayPublishAfterFill(*Writes[0], Claim));
  EXPECT_TRUE(ticketOfIndex(*IndexOf(Writes[1]), Publish));
  EXPECT_TRUE(mayPublishAfterFill(*Writes[1], Publish)) << "the ready flag";
  EXPECT_FALSE(ticketOfIndex(*IndexOf(Writes[2]), Counted)) << "a parameter";
}

TEST(FieldWorkers, AStopFunctionsWritesBeforeItsJoin) {
  Code C("struct Sampler { pthread_t thread; int stop; int total; };\n"
         "void *run(void *arg) { Sampler *s = (Sampler *)arg;"
         "  while (!s->stop) {} return 0; }\n"
         "void start(Sampler *s) { s->stop = 0;"
         "  pthread_create(&s->thread, 0, run, s); }\n"
         "void stop(Sampler *s) { s->stop = 1; pthread_join(s->thread, 0);"
         "  s->total = 0; }\n"
         "void other(Sampler *s, Sampler *t) { t->stop = 1;"
         "  pthread_join(s->thread, 0); }\n");
  const FunctionDecl *Start = C.function("start");
  ASSERT_TRUE(Start);
  std::optional<Launch> Spawn;
  forEachLaunch(*Start->getBody(), C.context(),
                [&](const Launch &L) { Spawn = L; });
  ASSERT_TRUE(Spawn);
  auto Kept = fieldHoldingLaunch(*Spawn, *Start);
  ASSERT_TRUE(Kept);
  EXPECT_EQ(Kept->Handle->getName(), "thread");
  EXPECT_EQ(Kept->Object->getName(), "s");
  auto Writes = writesBeforeFieldJoin(*Kept, C.context());
  ASSERT_EQ(Writes.size(), 1u) << "not after the join, not another object's";
  EXPECT_EQ(Writes[0].Function->getName(), "stop");
  EXPECT_EQ(Writes[0].Object.describe(), "s->stop");
  EXPECT_EQ(cast<NamedDecl>(Writes[0].Object.Root), Kept->Object);
}

} // namespace
