// SummaryWrites (the summaries' Writes field) on small code: what a call of a
// function writes of what its caller reaches — globals, members of `*this`,
// by-reference and pointer parameters — through helpers, with the locks held
// at each write and at the calls that lead there; and what it leaves out
// (locals, thread-locals, unknown code, recursion past the cut).
#include "ast_test_support.h"
#include "fake_std.h"

#include "analysis/SummaryWrites.h"
#include "common/AnalysisCache.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::FakeStd;
using parlint::test::FakeSync;

namespace {

struct Code {
  std::unique_ptr<ASTUnit> AST;

  explicit Code(const std::string &Snippet) {
    AnalysisCache::reset();
    AST = parlint::test::parse(std::string("# 1 \"fake_std.h\" 1 3\n") +
                               FakeStd + FakeSync + "# 1 \"input.cpp\" 2\n" +
                               Snippet);
  }
  ~Code() { AnalysisCache::reset(); }

  const FunctionDecl &function(const std::string &Name) {
    const auto *F = parlint::test::selectFirst<FunctionDecl>(
        "f", functionDecl(hasName(Name), isDefinition()).bind("f"), *AST);
    EXPECT_NE(F, nullptr) << Name;
    return *F;
  }
  const WriteSummary &writes(const std::string &Name) {
    return SummaryWrites::of(function(Name), AST->getASTContext());
  }
  /// The objects written by a call of Name, as the messages name them.
  std::vector<std::string> objects(const std::string &Name) {
    std::vector<std::string> Found;
    for (const SummaryWrite &Write : writes(Name).Writes)
      Found.push_back(Write.Object.describe());
    return Found;
  }
  unsigned line(const Stmt *S) {
    return S ? AST->getSourceManager().getPresumedLoc(S->getBeginLoc()).getLine()
             : 0;
  }
};

using Strings = std::vector<std::string>;

// Only writes every call makes: a write on some paths of a helper, or a
// helper called on some paths, says nothing about what a worker does (redis's
// IO threads call a reader whose error counters are on paths their mode
// never takes).
TEST(SummaryWrites, OnlyWritesEveryCallMakes) {
  Code C(R"cpp(
long errors, served, last;
bool bad(long v);
void onError() { errors++; }
void serve(long v) {
  if (bad(v)) {
    onError();
    return;
  }
  served++;
}
void reader(long v) {
  last = v;
  if (v > 0)
    serve(v);
}
void always(long v) { serve(v); }
)cpp");
  EXPECT_EQ(C.objects("onError"), Strings{"errors"});
  EXPECT_TRUE(C.objects("serve").empty()) << "both writes are on some paths";
  EXPECT_EQ(C.objects("reader"), Strings{"last"});
  EXPECT_TRUE(C.objects("always").empty());
}

TEST(SummaryWrites, GlobalsThroughThreeCalls) {
  Code C(R"cpp(
long total;
void bump(long v) { total += v; }
void mid(long v) { bump(v); }
void top(long v) { mid(v); }
)cpp");
  ASSERT_EQ(C.objects("top"), Strings{"total"});
  const SummaryWrite &Write = C.writes("top").Writes.front();
  EXPECT_EQ(C.line(Write.Where), 3u); // the write itself, inside bump
  EXPECT_EQ(Write.WhereFunction, &C.function("bump"));
  EXPECT_TRUE(Write.Held.empty());
  EXPECT_TRUE(Write.Scalar);
  EXPECT_EQ(Write.Write, WriteKind::Update);
}

TEST(SummaryWrites, MembersOfThisAndParametersMapToTheCaller) {
  Code C(R"cpp(
struct Stats {
  long hits;
  void hit() { ++hits; }
};
void recordRef(Stats &s) { s.hit(); }
void recordPtr(Stats *s) { s->hit(); }
void store(long *out) { *out = 1; }
void viaAddress(Stats &s) { store(&s.hits); }
)cpp");
  EXPECT_EQ(C.objects("hit"), Strings{"hits"});
  EXPECT_EQ(C.objects("recordRef"), Strings{"s.hits"});
  EXPECT_EQ(C.objects("recordPtr"), Strings{"s->hits"});
  EXPECT_EQ(C.objects("store"), Strings{"*out"});
  EXPECT_EQ(C.objects("viaAddress"), Strings{"s.hits"});
}

TEST(SummaryWrites, LocksHeldInTheHelperAndAtTheCall) {
  Code C(R"cpp(
std::mutex m;
long total;
void locked() { std::lock_guard<std::mutex> g(m); total = 1; }
void lockedVia() { locked(); }
void plain() { total = 2; }
void lockedAtCall() { std::lock_guard<std::mutex> g(m); plain(); }
void localMutex() { std::mutex own; std::lock_guard<std::mutex> g(own); total = 3; }
)cpp");
  for (const char *Name : {"locked", "lockedVia", "lockedAtCall"}) {
    ASSERT_EQ(C.writes(Name).Writes.size(), 1u) << Name;
    const LockSet &Held = C.writes(Name).Writes.front().Held;
    ASSERT_EQ(Held.size(), 1u) << Name;
    ASSERT_TRUE(Held.front().Mutex) << Name;
    EXPECT_EQ(Held.front().Mutex->describe(), "m") << Name;
  }
  // A mutex of the helper's own protects nothing its caller shares.
  ASSERT_EQ(C.writes("localMutex").Writes.size(), 1u);
  EXPECT_TRUE(C.writes("localMutex").Writes.front().Held.empty());
}

TEST(SummaryWrites, AMemberMutexMapsWithItsObject) {
  Code C(R"cpp(
struct Counter {
  std::mutex m;
  long n;
  void bump() { std::lock_guard<std::mutex> g(m); ++n; }
};
void viaRef(Counter &c) { c.bump(); }
)cpp");
  ASSERT_EQ(C.objects("viaRef"), Strings{"c.n"});
  const LockSet &Held = C.writes("viaRef").Writes.front().Held;
  ASSERT_EQ(Held.size(), 1u);
  ASSERT_TRUE(Held.front().Mutex);
  EXPECT_EQ(Held.front().Mutex->describe(), "c.m");
}

TEST(SummaryWrites, LocalsThreadLocalsAndConstAreLeftOut) {
  Code C(R"cpp(
thread_local long perThread;
struct Box { long v; };
long f(const Box &in, Box copy, long *unused) {
  long sum = 0;
  sum += in.v;
  copy.v = 2;
  ++perThread;
  unused = nullptr;
  return sum;
}
)cpp");
  EXPECT_TRUE(C.objects("f").empty());
}

TEST(SummaryWrites, UnknownCodeAndRecursionWriteNothing) {
  Code C(R"cpp(
long total;
void elsewhere(long *);
struct Sink { virtual void put(long v) { total = v; } };
void (*hook)(long);
void callsUnknown(Sink &s, long v) { elsewhere(&total); s.put(v); hook(v); }
void down(int d) { if (d) down(d - 1); }
void recurse(int d) { total = d; if (d) recurse(d - 1); }
)cpp");
  EXPECT_TRUE(C.objects("callsUnknown").empty());
  EXPECT_TRUE(C.objects("down").empty());
  EXPECT_EQ(C.objects("recurse"), Strings{"total"});
}

TEST(SummaryWrites, SlotsChosenByParametersStayTheCallersChoice) {
  Code C(R"cpp(
void put(std::vector<long> &out, int slot, long v) { out[slot] = v; }
void own(std::vector<long> &out, int slot) { put(out, slot, 1); }
void first(std::vector<long> &out) { put(out, 0, 1); }
)cpp");
  ASSERT_EQ(C.writes("put").Writes.size(), 1u);
  EXPECT_EQ(C.writes("put").Writes.front().SlotParams,
            (llvm::SmallVector<unsigned, 2>{1}));
  ASSERT_EQ(C.writes("own").Writes.size(), 1u);
  EXPECT_EQ(C.writes("own").Writes.front().SlotParams,
            (llvm::SmallVector<unsigned, 2>{1}));
  // A constant index: the same slot for every caller.
  ASSERT_EQ(C.writes("first").Writes.size(), 1u);
  EXPECT_TRUE(C.writes("first").Writes.front().SlotParams.empty());
}

TEST(SummaryWrites, AtomicsAreNoWritesAndHandOffsAreNoted) {
  Code C(R"cpp(
std::atomic<long> seen;
void see() { seen++; }
std::condition_variable ready;
void signal() { ready.notify_one(); }
void signalVia() { signal(); }
)cpp");
  EXPECT_TRUE(C.objects("see").empty());
  EXPECT_TRUE(C.writes("signalVia").HandsOff);
  EXPECT_FALSE(C.writes("see").HandsOff);
}

} // namespace
