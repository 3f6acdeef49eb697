// Where counts come from (analysis/InputOrigin, LoopBounds), what a local
// holds at a use (analysis/ObjectWrites), the literal behind a named count
// (analysis/WrittenCount), what bounds a spawn loop besides its count
// (analysis/SpawnBounds) and which classes are pools (model/Pools).
#include "ast_test_support.h"
#include "fake_std.h"

#include "analysis/InputOrigin.h"
#include "analysis/LoopBounds.h"
#include "analysis/ObjectWrites.h"
#include "analysis/PoolSizing.h"
#include "analysis/SpawnBounds.h"
#include "analysis/WrittenCount.h"
#include "common/AnalysisCache.h"
#include "model/Launch.h"
#include "model/Pools.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::FakeStd;

namespace {

// Input functions, containers and helpers the snippets use, after FakeStd.
constexpr const char *FakeInput = R"cpp(
namespace std {
template <class T> const T &min(const T &, const T &);
struct string { size_t size() const; const char *begin() const; const char *end() const; };
template <class C> struct basic_istream {
  basic_istream &operator>>(int &);
  explicit operator bool() const;
};
using istream = basic_istream<char>;
extern istream cin;
istream &getline(istream &, string &);
template <class T> struct function { void operator()() const; };
template <class T> struct queue { void push(const T &); };
template <class K, class V> struct map {
  using key_type = K;
  V &operator[](const K &);
  size_t size() const;
};
} // namespace std
extern "C" char *getenv(const char *);
extern "C" int atoi(const char *);
extern "C" int scanf(const char *, ...);
std::vector<int> loadJobs();
void fill(std::vector<int> &);
bool ready();
#define NR_THREADS 4
#define SPAWN(n) for (int k = 0; k < (n); ++k) std::thread(work, k).detach()
)cpp";

struct Snippet {
  std::unique_ptr<ASTUnit> AST;
  const FunctionDecl *F = nullptr;

  explicit Snippet(const std::string &Code, const std::string &Function = "f")
      : AST(parlint::test::parse(std::string(FakeStd) + FakeInput + Code)) {
    if (AST)
      F = parlint::test::selectFirst<FunctionDecl>(
          "f", functionDecl(hasName(Function), isDefinition()).bind("f"),
          *AST);
  }
  ASTContext &context() const { return AST->getASTContext(); }
  // The loops that are statements of F's body, in order.
  std::vector<const Stmt *> loops() const {
    std::vector<const Stmt *> Loops;
    if (F)
      for (const Stmt *S : cast<CompoundStmt>(F->getBody())->body())
        if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S))
          Loops.push_back(S);
    return Loops;
  }
  std::vector<LoopKind> kinds() const {
    std::vector<LoopKind> Kinds;
    for (const Stmt *Loop : loops())
      Kinds.push_back(classifyLoop(*Loop, nullptr, context()).Kind);
    return Kinds;
  }
  const VarDecl *var(const std::string &Name) const {
    return parlint::test::selectFirst<VarDecl>(
        "v", varDecl(hasName(Name)).bind("v"), *AST);
  }
  // The condition of F's first loop, the use of its bound.
  const Expr *firstCondition() const {
    auto Loops = loops();
    if (Loops.empty())
      return nullptr;
    if (const auto *For = dyn_cast<ForStmt>(Loops[0]))
      return For->getCond();
    if (const auto *While = dyn_cast<WhileStmt>(Loops[0]))
      return While->getCond();
    return nullptr;
  }
};

using Kinds = std::vector<LoopKind>;

/// The first reference to Var inside S.
const DeclRefExpr *referenceTo(const Stmt *S, const ValueDecl *Var) {
  if (!S)
    return nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == Var)
    return Ref;
  for (const Stmt *Child : S->children())
    if (const DeclRefExpr *Found = referenceTo(Child, Var))
      return Found;
  return nullptr;
}

/// The bound of the first loop of Function in Code, as written.
std::optional<WrittenCount> boundOf(const Snippet &S) {
  auto Loops = S.loops();
  if (Loops.empty())
    return std::nullopt;
  auto Bound = constantLoopBound(*Loops[0], nullptr, S.context());
  if (!Bound)
    return std::nullopt;
  return writtenCount(Bound->Limit, S.context());
}

TEST(LoopBounds, OnlyCountsFromTheInputAreUnbounded) {
  Snippet S("void f(const std::vector<int> &items, int n, std::istream &in) {"
            "  for (int x : items) work(x);"
            "  for (int i = 0; i < 4; ++i) work(i);"
            "  for (int i = 0; i < 1000; ++i) work(i);"
            "  for (std::size_t i = 0; i < items.size(); ++i) work(i);"
            "  for (int i = 0; i < n; ++i) work(i);"
            "  for (;;) work(0);"
            "  for (;;) { if (ready()) break; }"
            "  for (auto it = items.begin(); it != items.end(); ++it) work(*it);"
            "  std::string line;"
            "  while (std::getline(in, line)) work(0); }");
  ASSERT_TRUE(S.F);
  EXPECT_EQ(S.kinds(),
            (Kinds{LoopKind::RangeOverContainer, LoopKind::Bounded,
                   LoopKind::Bounded, LoopKind::ContainerSize,
                   LoopKind::Bounded, LoopKind::Infinite, LoopKind::Bounded,
                   LoopKind::IteratorRange, LoopKind::InputCondition}));
}

TEST(LoopBounds, CountsReadAtRunTime) {
  Snippet S("int main(int argc, char **argv) {"
            "  for (int i = 1; i < argc; ++i) work(i);"
            "  int count;"
            "  scanf(\"%d\", &count);"
            "  for (int i = 0; i < count; ++i) work(i);"
            "  int lines = 0;"
            "  std::cin >> lines;"
            "  for (int i = 0; i < lines; ++i) work(i);"
            "  return 0; }",
            "main");
  ASSERT_TRUE(S.F);
  EXPECT_EQ(S.kinds(), Kinds(3, LoopKind::InputCount));
  // A number the operator writes on the command line or in the environment
  // is a configured count (how many workers to run), like one getopt sets.
  Snippet C("int main(int argc, char **argv) {"
            "  int jobs = atoi(getenv(\"JOBS\"));"
            "  for (int i = 0; i < jobs; ++i) work(i);"
            "  int first = atoi(argv[1]);"
            "  for (int i = 0; i < first; ++i) work(i);"
            "  return 0; }",
            "main");
  ASSERT_TRUE(C.F);
  EXPECT_EQ(C.kinds(), Kinds(2, LoopKind::Bounded));
  // argc of a function that is not main is a plain parameter.
  Snippet T("void f(int argc) { for (int i = 0; i < argc; ++i) work(i); }");
  EXPECT_EQ(T.kinds(), Kinds{LoopKind::Bounded});
}

TEST(LoopBounds, CapsAndConstantsAreBounded) {
  Snippet S("constexpr int kThreads = 100;"
            "enum { kReaders = 12 };"
            "struct Job { int id; };"
            "static const Job kTable[] = {{1}, {2}, {3}};"
            "void f(const std::vector<int> &items, std::size_t limit) {"
            "  for (std::size_t i = 0; i < std::min(items.size(), limit); ++i) work(i);"
            "  std::size_t n = items.size();"
            "  if (n > 16) n = 16;"
            "  for (std::size_t i = 0; i < n; ++i) work(i);"
            "  std::size_t m = items.size() > limit ? limit : items.size();"
            "  for (std::size_t i = 0; i < m; ++i) work(i);"
            "  for (int i = 0; i < kThreads; ++i) work(i);"
            "  for (int i = 0; i < kReaders; ++i) work(i);"
            "  for (const Job &job : kTable) work(job.id);"
            "  int ids[8];"
            "  for (unsigned i = 0; i < sizeof ids / sizeof ids[0]; ++i) work(i); }");
  ASSERT_TRUE(S.F);
  EXPECT_EQ(S.kinds(), Kinds(7, LoopKind::Bounded));
  // Without the cap, the same count is the input's.
  Snippet T("void f(const std::vector<int> &items) {"
            "  std::size_t n = items.size();"
            "  for (std::size_t i = 0; i < n; ++i) work(i); }");
  EXPECT_EQ(T.kinds(), Kinds{LoopKind::ContainerSize});
}

TEST(InputOrigin, ContainersFollowWhatFillsThem) {
  Snippet S("void f(const std::vector<int> &items) {"
            "  std::vector<int> three;"
            "  three.push_back(1); three.push_back(2); three.push_back(3);"
            "  for (int x : three) work(x);"
            "  std::vector<int> squares;"
            "  for (int i = 0; i < 16; ++i) squares.push_back(i * i);"
            "  for (int x : squares) work(x);"
            "  std::vector<int> copies;"
            "  for (int x : items) copies.push_back(x);"
            "  for (int x : copies) work(x);"
            "  std::vector<int> same = items;"
            "  for (int x : same) work(x);"
            "  std::vector<int> filled;"
            "  fill(filled);"
            "  for (int x : filled) work(x);"
            "  for (int x : loadJobs()) work(x); }");
  ASSERT_TRUE(S.F);
  // (The loops that fill squares and copies are listed too.)
  EXPECT_EQ(S.kinds(),
            (Kinds{LoopKind::Bounded, LoopKind::Bounded, LoopKind::Bounded,
                   LoopKind::RangeOverContainer, LoopKind::RangeOverContainer,
                   LoopKind::RangeOverContainer, LoopKind::Bounded,
                   LoopKind::Bounded}));
  auto Copies = originOfSize(
      cast<CXXForRangeStmt>(S.loops()[4])->getRangeInit(), S.context());
  EXPECT_EQ(Copies.Kind, Provenance::Input);
  ASSERT_TRUE(Copies.Source);
  EXPECT_EQ(Copies.Source->getName(), "items");
}

TEST(InputOrigin, MembersFollowTheClassesOwnMethods) {
  Snippet S("struct Fanout {"
            "  explicit Fanout(const std::vector<int> &t) { for (int x : t) targets.push_back(x); }"
            "  void add(int x) { queued.push_back(x); }"
            "  void f() {"
            "    for (int x : targets) work(x);"
            "    for (int x : queued) work(x);"
            "    for (int x : unseen) work(x); }"
            "  std::vector<int> targets, queued, unseen;"
            "};");
  ASSERT_TRUE(S.F);
  // Filled from a container the constructor is handed; one per call of a
  // method (calls unknown); not filled in this file.
  EXPECT_EQ(S.kinds(), (Kinds{LoopKind::RangeOverContainer, LoopKind::Bounded,
                              LoopKind::Bounded}));
}

TEST(ObjectWrites, TheValueALocalHoldsAtAUse) {
  Snippet S("void f(bool c) {"
            "  int assigned; assigned = 3;"
            "  int initialized = 4;"
            "  int maybe = 5; if (c) maybe = 6;"
            "  int later = 7;"
            "  for (int i = 0; i < assigned + initialized + maybe + later; ++i) later = i; }");
  ASSERT_TRUE(S.F);
  const Expr *Cond = S.firstCondition();
  ASSERT_TRUE(Cond);
  auto ValueAt = [&](const char *Name) -> std::optional<int64_t> {
    const VarDecl *Var = S.var(Name);
    const DeclRefExpr *Use = referenceTo(Cond, Var);
    const Expr *Value = Use ? reachingValue(*Var, *Use) : nullptr;
    Expr::EvalResult Result;
    if (!Value || !Value->EvaluateAsInt(Result, S.context()))
      return std::nullopt;
    return Result.Val.getInt().getExtValue();
  };
  EXPECT_EQ(ValueAt("assigned"), 3);
  EXPECT_EQ(ValueAt("initialized"), 4);
  EXPECT_EQ(ValueAt("maybe"), std::nullopt);  // 5 or 6
  EXPECT_EQ(ValueAt("later"), std::nullopt);  // set again in the loop
}

TEST(WrittenCount, TheLiteralBehindACount) {
  Snippet InPlace("void f() { for (int i = 0; i < 8; ++i) work(i); }");
  auto Count = boundOf(InPlace);
  ASSERT_TRUE(Count);
  EXPECT_EQ(Count->How, WrittenCount::InPlace);

  Snippet Macro("void f() { for (int i = 0; i < NR_THREADS; ++i) work(i); }");
  Count = boundOf(Macro);
  ASSERT_TRUE(Count);
  EXPECT_EQ(Count->How, WrittenCount::Macro);
  EXPECT_EQ(Count->MacroName, "NR_THREADS");

  Snippet Constant("constexpr int kWorkers = 6;"
                   "void f() { for (int i = 0; i < kWorkers; ++i) work(i); }");
  Count = boundOf(Constant);
  ASSERT_TRUE(Count);
  EXPECT_EQ(Count->How, WrittenCount::Constant);
  EXPECT_TRUE(Count->ValueInPlace);
  EXPECT_EQ(Count->Variable->getName(), "kWorkers");

  Snippet Local("void f() { int n; n = 3; for (int i = 0; i < n; ++i) work(i); }");
  Count = boundOf(Local);
  ASSERT_TRUE(Count);
  EXPECT_EQ(Count->How, WrittenCount::Local);
  EXPECT_TRUE(Count->ValueInPlace);
  EXPECT_EQ(Count->Literal->getValue(), 3u);

  Snippet FromMacro("void f() { int n = NR_THREADS; for (int i = 0; i < n; ++i) work(i); }");
  Count = boundOf(FromMacro);
  ASSERT_TRUE(Count);
  EXPECT_EQ(Count->How, WrittenCount::Local);
  EXPECT_FALSE(Count->ValueInPlace); // the fix must not rewrite the #define

  // A parameter, a member, a template argument, a literal of a
  // function-like macro's own text: not written here as a literal.
  Snippet Param("void f(int n) { for (int i = 0; i < n; ++i) work(i); }");
  EXPECT_FALSE(boundOf(Param));
  Snippet Member("struct S { int n = 4; void f() { for (int i = 0; i < n; ++i) work(i); } };");
  EXPECT_FALSE(boundOf(Member));
  Snippet MacroBody("#define FOUR_ROUNDS for (int i = 0; i < 4; ++i)\n"
                    "void f() { FOUR_ROUNDS work(i); }");
  EXPECT_FALSE(boundOf(MacroBody));
  Snippet Paren("#define COUNT (6)\n"
                "void f() { for (int i = 0; i < COUNT; ++i) work(i); }");
  Count = boundOf(Paren);
  ASSERT_TRUE(Count);
  EXPECT_EQ(Count->MacroName, "COUNT");
}

TEST(SpawnBounds, PoolsStartingTheirOwnWorkersAndCaps) {
  Snippet S("struct Pool {"
            "  explicit Pool(const std::vector<int> &cpus) {"
            "    for (int cpu : cpus) threads.emplace_back(work, cpu); }"
            "  void f(const std::vector<int> &items, std::size_t limit) {"
            "    for (int item : items) threads.emplace_back([this, item] { run(item); });"
            "    for (int item : items) sessions.emplace_back(work, item);"
            "    std::vector<std::thread> local;"
            "    for (int item : items) if (local.size() < limit) local.emplace_back(work, item);"
            "    for (int item : items) local.emplace_back(work, item);"
            "    std::map<int, int> running;"
            "    for (int item : items) {"
            "      const std::size_t live = running.size();"
            "      if (live < limit) { running[fork()] = item; } }"
            "  }"
            "  void run(int);"
            "  std::vector<std::thread> threads, sessions;"
            "  std::queue<std::function<void()>> tasks;"
            "};");
  ASSERT_TRUE(S.F);
  ASTContext &Ctx = S.context();
  FunctionAnalysis Analysis(*S.F->getBody(), Ctx);
  std::vector<bool> Own, Capped;
  std::vector<Launch> Launches;
  forEachLaunch(*S.F->getBody(), Ctx,
                [&](const Launch &L) { Launches.push_back(L); });
  ASSERT_EQ(Launches.size(), 5u);
  for (const Launch &L : Launches) {
    SpawnSite Site = describeSpawn(L, Analysis);
    const Stmt *Loop = enclosingLoop(*L.Call, Analysis);
    ASSERT_TRUE(Loop);
    Own.push_back(startsOwnWorkers(Site, *S.F, LoopKind::RangeOverContainer));
    Capped.push_back(isCappedByLiveCount(Site, *Loop, Analysis));
  }
  // The class's own code into its own member; a free function per item
  // into a member (a server's sessions); a local capped by its size; the
  // same uncapped; a child per item while a map of running children, whose
  // size a local holds, is below the limit.
  EXPECT_EQ(Own, (std::vector<bool>{true, false, false, false, false}));
  EXPECT_EQ(Capped, (std::vector<bool>{false, false, true, false, true}));
  // A thread per connection kept in a member is not a pool starting workers.
  SpawnSite First = describeSpawn(Launches[0], Analysis);
  EXPECT_FALSE(startsOwnWorkers(First, *S.F, LoopKind::Infinite));

  const auto *Pool = parlint::test::selectFirst<CXXRecordDecl>(
      "r", cxxRecordDecl(hasName("Pool"), isDefinition()).bind("r"), *S.AST);
  EXPECT_TRUE(isPoolImplementation(Pool));
}

TEST(SpawnBounds, AGaugeOfLiveWorkersKeptAcrossTheFile) {
  Snippet S("int active; int counted;"
            "void started() { ++active; ++counted; }"
            "void finished() { --active; }"
            "bool refuse(int live);"
            "void f(const std::vector<int> &items) {"
            "  for (int item : items) { if (active >= 8) continue; std::thread(work, item).detach(); }"
            "  for (int item : items) { if (refuse(active)) continue; std::thread(work, item).detach(); }"
            "  for (int item : items) { if (counted >= 8) continue; std::thread(work, item).detach(); }"
            "}");
  ASSERT_TRUE(S.F);
  FunctionAnalysis Analysis(*S.F->getBody(), S.context());
  std::vector<bool> Capped;
  forEachLaunch(*S.F->getBody(), S.context(), [&](const Launch &L) {
    SpawnSite Site = describeSpawn(L, Analysis);
    Capped.push_back(isCappedByLiveCount(
        Site, *enclosingLoop(*L.Call, Analysis), Analysis));
  });
  // `counted` only ever grows: a total, not the number alive.
  EXPECT_EQ(Capped, (std::vector<bool>{true, true, false}));
}

TEST(SpawnBounds, CapsWrittenInC) {
  Snippet S("struct list; unsigned long list_size(list *);"
            "void list_add(list *, pthread_t *); void *run(void *); int table[8];"
            "void f(list *kids, list *other, unsigned long limit) {"
            "  for (;;) { if (list_size(kids) >= limit) continue;"
            "    pthread_t t; pthread_create(&t, nullptr, run, nullptr); list_add(kids, &t); }"
            "  for (;;) { if (list_size(other) >= limit) continue;"
            "    pthread_t t; pthread_create(&t, nullptr, run, nullptr); list_add(kids, &t); }"
            "  for (;;) { int busy = 0;"
            "    for (int j = 0; j < 8; j++) if (table[j] >= 0) busy++;"
            "    if (busy >= 8) goto out; fork(); out:; }"
            "  for (;;) { int busy = 0;"
            "    for (int j = 0; j < 8; j++) if (table[j] >= 0) busy++;"
            "    if (busy >= 8) goto again; again: fork(); }"
            "  for (;;) { int slot = -1;"
            "    for (int j = 0; j < 8; j++) if (table[j] < 0) slot = j;"
            "    if (slot < 0) continue; fork(); }"
            "  for (;;) { int slot = 8;"
            "    for (int j = 0; j < 8; j++) if (table[j] < 0) slot = j;"
            "    if (slot < 0) continue; fork(); }"
            "}");
  ASSERT_TRUE(S.F);
  FunctionAnalysis Analysis(*S.F->getBody(), S.context());
  std::vector<bool> Capped;
  forEachLaunch(*S.F->getBody(), S.context(), [&](const Launch &L) {
    SpawnSite Site = describeSpawn(L, Analysis);
    Capped.push_back(isCappedByLiveCount(
        Site, *enclosingLoop(*L.Call, Analysis), Analysis));
  });
  // The size of the list the handles go into, not of another list; the
  // occupied slots of a table with a goto past the fork, not to a label
  // before it; a free slot, not when "no slot" (8) passes the guard.
  EXPECT_EQ(Capped,
            (std::vector<bool>{true, false, true, false, true, false}));
}

TEST(PoolSizing, APoolGivenOneTaskPerWorker) {
  Snippet S("void f() {"
            "  parlint::ThreadPool pool, other;"
            "  for (int i = 0; i < 4; ++i) pool.submit(work, i);"
            "  for (int i = 0; i < 8; ++i) other.submit(work, i); }");
  ASSERT_TRUE(S.F);
  const Stmt &Body = *S.F->getBody();
  EXPECT_TRUE(sizedToItsTasks(*S.var("pool"), 4, Body, S.context()));
  EXPECT_FALSE(sizedToItsTasks(*S.var("pool"), 8, Body, S.context()));
  EXPECT_TRUE(sizedToItsTasks(*S.var("other"), 8, Body, S.context()));
  EXPECT_FALSE(sizedToItsTasks(*S.var("other"), 4, Body, S.context()));
}

TEST(Pools, APoolImplementationHasWorkersAndATaskQueue) {
  Snippet S("struct Pool { std::vector<std::thread> workers; std::queue<std::function<void()>> tasks; };"
            "struct Server { std::vector<std::thread> sessions; std::vector<int> clients; };"
            "struct Job { std::function<void()> run; int priority; };"
            "struct Scheduler { pthread_t ids[4]; std::queue<Job> jobs; };"
            "void f() {}");
  auto Record = [&](const char *Name) {
    return parlint::test::selectFirst<CXXRecordDecl>(
        "r", cxxRecordDecl(hasName(Name), isDefinition()).bind("r"), *S.AST);
  };
  EXPECT_TRUE(isPoolImplementation(Record("Pool")));
  EXPECT_FALSE(isPoolImplementation(Record("Server")));
  EXPECT_TRUE(isPoolImplementation(Record("Scheduler")));
}

} // namespace
