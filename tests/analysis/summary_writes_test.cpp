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
// A read of a pointer member that only computes an address (a row helper)
// reads none of what the member points to; one that reads an element
// through it does, and so does a function that does both.
TEST(SummaryWrites, PointerMemberValueReadsAreMarked) {
  Code C("struct Image { int cols; float *pixels; };"
         "float *row_of(const Image *img, int r) { return img->pixels + r * img->cols; }"
         "float first(const Image *img) { return img->pixels[0]; }"
         "float both(const Image *img) { float *p = img->pixels + 1; return img->pixels[0] + *p; }");
  auto PointerValueOf = [&](const std::string &Name) -> std::string {
    for (const SummaryWrite &Read : C.writes(Name).Reads)
      if (Read.Object.describe() == "img->pixels")
        return Read.PointerValue ? "value" : "elements";
    return "none";
  };
  EXPECT_EQ(PointerValueOf("row_of"), "value");
  EXPECT_EQ(PointerValueOf("first"), "elements");
  EXPECT_EQ(PointerValueOf("both"), "elements");
}

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

// A member of `*this` written on some paths of the object's own method is
// the object's behaviour for every thread that calls it; it stays so only
// through calls made on `this`.
TEST(SummaryWrites, MembersOfThisCountOnAnyPath) {
  Code C(R"cpp(
long hits;
struct Cache {
  int size = 0; int misses = 0;
  bool has(int key);
  int get(int key) {
    if (has(key)) return key;
    ++misses;
    return key;
  }
  int twice(int key) { return get(key) + get(key); }
  int maybe(int key) { if (has(key)) return get(key); return 0; }
  int chosen(int key) { if (key > 0) return get(key); return 0; }
  int fresh(int id = -1) { if (id == -1) ++size; return id; }
  int unlessQuiet(bool quiet) { if (quiet) return 0; ++size; return 1; }
};
Cache shared;
void viaGlobal(int key) { if (key > 0) shared.get(key); }
void viaGlobalAlways(int key) { shared.get(key); }
void viaParam(Cache &c, int key) { if (key > 0) c.get(key); }
)cpp");
  EXPECT_EQ(C.objects("get"), Strings{"misses"});
  EXPECT_EQ(C.objects("twice"), Strings{"misses"});
  EXPECT_EQ(C.objects("maybe"), Strings{"misses"}) << "a call on this";
  // Unless the caller picks the path with an argument: a test of a
  // parameter against a constant, or of a flag parameter.
  EXPECT_TRUE(C.objects("chosen").empty());
  EXPECT_TRUE(C.objects("fresh").empty()) << "an id the caller may pass";
  EXPECT_TRUE(C.objects("unlessQuiet").empty()) << "after an early return";
  EXPECT_FALSE(C.writes("get").Writes.front().EveryCall);
  // Outside the object, some paths of some paths are no evidence.
  EXPECT_TRUE(C.objects("viaGlobal").empty());
  EXPECT_TRUE(C.objects("viaParam").empty());
  EXPECT_TRUE(C.objects("viaGlobalAlways").empty())
      << "a global's member written on some paths of its method";
}

// A constructor's member initializers run on every call of it, before its
// body: a counter they bump is written by whoever makes an object, as a
// local or through std::make_unique (whose constructor is picked by the
// number of arguments, the library's body being unread).
TEST(SummaryWrites, ConstructorInitializersAndMakeUnique) {
  Code C(R"cpp(
int made;
namespace std {
template <class T> struct unique_ptr { T *p; };
template <class T, class... A> unique_ptr<T> make_unique(A &&...a);
}
struct Session {
  explicit Session(int fd) : id(++made), fd(fd) {}
  int id; int fd;
};
struct Job { Job() {} int serial = ++made; };
struct Quiet { Quiet(int v) : v(v) {} int v; };
struct Overloaded { Overloaded(int) : v(++made) {} Overloaded(long) : v(0) {} int v; };
void local() { Session s(3); }
void defaulted() { Job j; }
void allocated() { auto p = std::make_unique<Session>(4); }
void quiet() { Quiet q(1); }
void ambiguous() { auto p = std::make_unique<Overloaded>(2); }
)cpp");
  EXPECT_EQ(C.objects("local"), Strings{"made"});
  EXPECT_EQ(C.objects("defaulted"), Strings{"made"}) << "a default member initializer";
  EXPECT_EQ(C.objects("allocated"), Strings{"made"});
  EXPECT_TRUE(C.objects("quiet").empty());
  EXPECT_TRUE(C.objects("ambiguous").empty()) << "two constructors take one argument";
}

// A failed allocation is an error exit, not a path the program normally
// takes: a write after `if (!p) return;` is made by every call that matters.
// A null test of anything else (a lookup that found nothing) is a path like
// any other.
// A write on some paths counts in a function that picks its paths from
// its own data (DataBranches): parameters, what they point to, locals given
// such values, the standard library's answers. A global mode, a member of
// the object, a call of the program's own or a parameter tested against a
// constant picks a path a caller may never take.
TEST(SummaryWrites, SomePathsCountWhenDataAlonePicksThem) {
  Code C(R"cpp(
extern "C" int sscanf(const char *, const char *, ...);
struct Ring { int count; long dropped; };
long bad, hits, found;
int debug;
int table[4];
bool known(int);
void push(Ring *r) { if (r->count == 8) { r->dropped++; return; } r->count++; }
void parse(const char *t) { int a; if (sscanf(t, "%d", &a) != 1) bad++; }
void sized(const int *v) { if (v[1] < (int)(sizeof table / sizeof table[0])) hits++; }
void traced(int k) { if (debug) hits += k; }
void looked(int k) { if (known(k)) found++; }
bool even(int k) { return k % 2 == 0; }
bool odd(int k) { return !even(k); }
void counted(int k) { if (odd(k)) found++; }
bool enabled(int k) { return k < debug; }
void gated(int k) { if (enabled(k)) found++; }
void picked(int k) { if (k == -1) found++; }
struct S { bool on; void count() { if (on) found++; } };
)cpp");
  EXPECT_EQ(C.objects("push"), (Strings{"r->dropped", "r->count"}));
  EXPECT_EQ(C.objects("parse"), Strings{"bad"});
  EXPECT_EQ(C.objects("sized"), Strings{"hits"}) << "sizeof reads nothing";
  EXPECT_TRUE(C.objects("traced").empty()) << "a global mode";
  EXPECT_TRUE(C.objects("looked").empty()) << "a call of the program's own";
  EXPECT_EQ(C.objects("counted"), Strings{"found"})
      << "a call that answers from its arguments alone";
  EXPECT_TRUE(C.objects("gated").empty()) << "a call that reads a global";
  EXPECT_TRUE(C.objects("picked").empty()) << "the caller picks the path";
  EXPECT_TRUE(C.objects("count").empty()) << "a member of the object";
}

// A write on the path a caller picks with one argument is kept apart, with
// its guard: a constant argument that takes the path makes it a write of
// the call, another constant drops it, and a caller passing its own
// parameter keeps it guarded by that parameter.
TEST(SummaryWrites, GuardedWritesFollowTheConstantArgument) {
  Code C(R"cpp(
long found, errors;
enum Level { Info, Error };
void picked(int k) { if (k == -1) found++; }
void tally(Level level) { if (level != Error) return; errors++; }
void passed(Level level) { tally(level); }
void loud() { passed(Error); }
void quiet() { passed(Info); }
void mixed(int k, bool twice) { if (k == 1 && twice) found++; }
)cpp");
  ASSERT_EQ(C.writes("picked").GuardedWrites.size(), 1u);
  const ParameterGuard &Guard = *C.writes("picked").GuardedWrites[0].Guard;
  EXPECT_EQ(Guard.Param, 0u);
  EXPECT_EQ(Guard.Value, -1);
  EXPECT_TRUE(Guard.Equal);
  ASSERT_EQ(C.writes("passed").GuardedWrites.size(), 1u)
      << "the caller's own parameter carries the guard";
  EXPECT_TRUE(C.objects("passed").empty());
  EXPECT_EQ(C.objects("loud"), Strings{"errors"});
  EXPECT_TRUE(C.objects("quiet").empty()) << "Info skips the write";
  EXPECT_TRUE(C.writes("mixed").GuardedWrites.empty())
      << "two tests of arguments: no single guard";
}

// A `case` label of a switch on a parameter guards what it runs, as a test
// of the parameter against the label would, when nothing falls into it.
TEST(SummaryWrites, SwitchLabelsGuardLikeTests) {
  Code C(R"cpp(
long quit, moved;
enum Key { None, Left, Escape };
void handle(Key k) {
  switch (k) {
  case Escape:
    quit = 1;
    break;
  default:
    break;
  }
}
void falls(Key k) {
  switch (k) {
  case Left:
    moved++;
  case Escape:
    quit = 1;
    break;
  default:
    break;
  }
}
void escape() { handle(Escape); }
void left() { handle(Left); }
)cpp");
  ASSERT_EQ(C.writes("handle").GuardedWrites.size(), 1u);
  const ParameterGuard &Guard = *C.writes("handle").GuardedWrites[0].Guard;
  EXPECT_EQ(Guard.Value, 2);
  EXPECT_TRUE(Guard.Equal);
  EXPECT_EQ(C.objects("escape"), Strings{"quit"});
  EXPECT_TRUE(C.objects("left").empty()) << "Left takes another case";
  // Left falls into Escape's case: `quit` has no single guard; `moved`,
  // under the first label, is Left's alone.
  ASSERT_EQ(C.writes("falls").GuardedWrites.size(), 1u);
  EXPECT_EQ(C.writes("falls").GuardedWrites[0].Object.describe(), "moved");
  EXPECT_EQ(C.writes("falls").GuardedWrites[0].Guard->Value, 1);
}

// A write under a test of the object it writes is a lazy initialization:
// whichever caller comes first makes it, so it counts on every call.
TEST(SummaryWrites, LazyInitializationCountsOnEveryCall) {
  Code C(R"cpp(
struct Table { int size; };
Table *table, *other;
int mode;
Table *load();
Table *get() { if (!table) table = load(); return table; }
Table *early() { if (table != nullptr) return table; table = load(); return table; }
Table *elsewhere() { if (!other) table = load(); return table; }
Table *moded() { if (mode) table = load(); return table; }
long offset, total;
void bounded() { if (offset < total) offset += 4096; }
void takeTurn();
void turned() { takeTurn(); if (offset < total) offset += 4096; }
)cpp");
  EXPECT_EQ(C.objects("get"), Strings{"table"});
  EXPECT_EQ(C.objects("early"), Strings{"table"}) << "after an early return";
  EXPECT_TRUE(C.objects("elsewhere").empty()) << "tests another object";
  EXPECT_TRUE(C.objects("moded").empty()) << "a global mode";
  // A check-then-act: whichever caller finds the offset below the bound
  // writes it, so every call may.
  EXPECT_EQ(C.objects("bounded"), Strings{"offset"}) << "tests what it writes";
  EXPECT_TRUE(C.objects("turned").empty())
      << "code of the program's own parlint cannot see may be a lock";
}

// A call under a test of what the callee writes makes the same lazy
// initialization: the callee's write counts on every call of the caller.
TEST(SummaryWrites, LazyInitializationByACallCountsOnEveryCall) {
  Code C(R"cpp(
struct Sink { int opened; long lines; };
Sink log_sink, other_sink;
int mode;
void open_sink(Sink *s) { s->opened = 1; }
void log_line() { if (!log_sink.opened) open_sink(&log_sink); }
void elsewhere() { if (!other_sink.opened) open_sink(&log_sink); }
void moded() { if (mode) open_sink(&log_sink); }
)cpp");
  EXPECT_EQ(C.objects("log_line"), Strings{"log_sink.opened"});
  EXPECT_TRUE(C.objects("elsewhere").empty()) << "tests another object";
  EXPECT_TRUE(C.objects("moded").empty()) << "a global mode";
}

TEST(SummaryWrites, AFailedAllocationIsAnErrorExit) {
  Code C(R"cpp(
extern "C" void *malloc(unsigned long);
extern "C" void *calloc(unsigned long, unsigned long);
struct node { node *next; };
node *head, *tail;
long found;
node *lookup(int);
void push() {
  node *n = (node *)malloc(sizeof(node));
  if (!n)
    return;
  n->next = head;
  head = n;
}
void append() {
  node *n;
  if ((n = (node *)calloc(1, sizeof(node))) == nullptr)
    return;
  tail = n;
}
void pushElse() {
  node *n = (node *)malloc(sizeof(node));
  if (n) {
    head = n;
    return;
  }
}
void count(int v) {
  node *n = lookup(v);
  if (n == nullptr)
    return;
  found++;
}
)cpp");
  EXPECT_EQ(C.objects("push"), Strings{"head"});
  EXPECT_EQ(C.objects("append"), Strings{"tail"});
  EXPECT_EQ(C.objects("pushElse"), Strings{"head"});
  EXPECT_TRUE(C.objects("count").empty()) << "a lookup may find nothing";
}

// A write in a loop that every returning path enters and that cannot go
// around without it is made by every call that iterates; a loop with a way
// around the write, or one entered only sometimes, is not.
TEST(SummaryWrites, WritesOnEveryIterationOfALoopEveryCallRuns) {
  Code C(R"cpp(
double scratch[64];
long done, skipped, seen;
bool stop();
bool odd(int);
void fill(int n) {
  for (int j = 0; j < n; ++j)
    scratch[j] = j;
}
void work() {
  for (;;) {
    if (stop())
      return;
    ++done;
  }
}
void some(int n) {
  for (int j = 0; j < n; ++j) {
    if (odd(j))
      continue;
    skipped++;
  }
}
void maybe(int n, bool on) {
  if (!on)
    return;
  for (int j = 0; j < n; ++j)
    seen++;
}
void callsFill(int n) {
  for (int k = 0; k < n; ++k)
    fill(k);
}
)cpp");
  EXPECT_EQ(C.objects("fill"), Strings{"scratch"});
  EXPECT_EQ(C.objects("work"), Strings{"done"});
  EXPECT_TRUE(C.objects("some").empty()) << "a continue goes around it";
  EXPECT_TRUE(C.objects("maybe").empty()) << "the loop is entered only sometimes";
  EXPECT_EQ(C.objects("callsFill"), Strings{"scratch"});
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

TEST(SummaryWrites, ReadsOnAnyPathWithTheirLocks) {
  Code C(R"cpp(
struct Bucket {
  std::mutex mu; double rate = 1; double tokens = 0; int unused = 0;
  bool take(bool fast) {
    std::lock_guard<std::mutex> g(mu);
    if (fast) return tokens > 0;
    return tokens + rate > 1;
  }
  void setRate(double r) { rate = r; }
};
Bucket shared;
bool viaGlobal() { return shared.take(true); }
)cpp");
  auto Reads = [&](const std::string &Name) {
    std::vector<std::string> Found;
    for (const SummaryWrite &Read : C.writes(Name).Reads)
      Found.push_back(Read.Object.describe() + (Read.Held.empty() ? "" : "+lock"));
    return Found;
  };
  // Both members, each read under the lock, on some path or on all.
  EXPECT_EQ(Reads("take"), (Strings{"tokens+lock", "rate+lock"}));
  EXPECT_EQ(Reads("setRate"), Strings{}) << "a write is no read";
  // The caller's names, and the lock mapped with its object.
  EXPECT_EQ(Reads("viaGlobal"), (Strings{"shared.tokens+lock", "shared.rate+lock"}));
  ASSERT_FALSE(C.writes("viaGlobal").Reads.empty());
  ASSERT_TRUE(C.writes("viaGlobal").Reads.front().Held.front().Mutex);
  EXPECT_EQ(C.writes("viaGlobal").Reads.front().Held.front().Mutex->describe(),
            "shared.mu");
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

// What a const pointer or reference parameter designates is read by the
// call (the caller's object), though it is never written through it.
TEST(SummaryWrites, ReadsThroughConstParameters) {
  Code C(R"cpp(
struct Stats { long hits; long misses; };
Stats g;
long peek(const Stats *s) { return s->hits; }
long peekRef(const Stats &s) { return s.misses; }
long viaGlobal() { return peek(&g) + peekRef(g); }
)cpp");
  auto Reads = [&](const std::string &Name) {
    std::vector<std::string> Found;
    for (const SummaryWrite &Read : C.writes(Name).Reads)
      Found.push_back(Read.Object.describe());
    return Found;
  };
  EXPECT_EQ(Reads("viaGlobal"), (Strings{"g.hits", "g.misses"}));
  EXPECT_TRUE(C.writes("peek").Writes.empty());
}

// A write with no lock held that nothing after it publishes (a notify
// publishes nothing) says so; a lock taken after it, an atomic store, or
// such a write in a callee followed by a lock in the caller publish it.
TEST(SummaryWrites, UnpublishedAtReturnIgnoresNotifies) {
  Code C(R"cpp(
std::mutex mu;
std::condition_variable cv;
std::atomic<bool> ready;
bool done;
void notified() { done = true; cv.notify_one(); }
void relocked() { done = true; mu.lock(); mu.unlock(); }
void stored() { done = true; ready.store(true); }
void locked() { std::lock_guard<std::mutex> g(mu); done = true; }
void callerLocks() { notified(); mu.lock(); mu.unlock(); }
void callerNotifies() { notified(); cv.notify_one(); }
)cpp");
  auto Unpublished = [&](const std::string &Name) {
    const WriteSummary &Summary = C.writes(Name);
    EXPECT_EQ(Summary.Writes.size(), 1u) << Name;
    return !Summary.Writes.empty() && Summary.Writes[0].UnpublishedAtReturn;
  };
  EXPECT_TRUE(Unpublished("notified"));
  EXPECT_FALSE(Unpublished("relocked"));
  EXPECT_FALSE(Unpublished("stored"));
  EXPECT_FALSE(Unpublished("locked")) << "written under the lock";
  EXPECT_FALSE(Unpublished("callerLocks"));
  EXPECT_TRUE(Unpublished("callerNotifies"));
}

// Constructing an object of the program's own class writes what its
// constructor and its destructor write of globals and arguments; its own
// members are the object's.
TEST(SummaryWrites, ConstructionRunsConstructorAndDestructor) {
  Code C(R"cpp(
int depth, peak;
struct Guard {
  Guard() { ++depth; level = depth; }
  ~Guard() { --depth; }
  int level;
};
struct Recorder {
  explicit Recorder(int &out) : out_(out) {}
  ~Recorder() { out_ = 1; }
  int &out_;
};
void guarded() { Guard g; }
void recorded() { Recorder r(peak); }
)cpp");
  EXPECT_EQ(C.objects("guarded"), (Strings{"depth", "depth"}))
      << "the constructor's and the destructor's";
  EXPECT_TRUE(C.objects("recorded").empty())
      << "a reference member's target is not followed from a construction";
}

// A loop over a range its caller hands over (`for (i = s->first; ...)`,
// `for (i = lo; ...)`) writes the elements of that range: whose they are is
// for the worker's call to place (RangeWrites, not Writes). A loop from 0
// writes the same elements on every call.
TEST(SummaryWrites, RangesHandedOverAreRangeWrites) {
  Code C(R"cpp(
struct Slice { double *data; int first, last; };
double table[64];
void scale(const Slice *s) {
  for (int i = s->first; i <= s->last; i++)
    s->data[i] *= 2;
}
void relax(double *out, int lo, int hi) {
  for (int i = lo; i <= hi; i++)
    out[i * 2 + 1] = 0;
}
void clearAll(int n) {
  for (int i = 0; i < n; i++)
    table[i] = 0;
}
)cpp");
  const WriteSummary &Scale = C.writes("scale");
  ASSERT_EQ(Scale.RangeWrites.size(), 1u);
  EXPECT_EQ(Scale.RangeWrites[0].Object.describe(), "s->data");
  EXPECT_EQ(Scale.RangeWrites[0].RangeCounter->getName(), "i");
  EXPECT_EQ(C.objects("scale"), Strings{"s->data"})
      << "a write through a pointer member of a const struct reaches the "
         "caller, and stays a write for callers further up";
  const WriteSummary &Relax = C.writes("relax");
  ASSERT_EQ(Relax.RangeWrites.size(), 1u) << "the counter among other names";
  EXPECT_EQ(C.writes("clearAll").RangeWrites.size(), 0u);
  EXPECT_EQ(C.objects("clearAll"), Strings{"table"});
}

namespace {
std::vector<std::string> unplaced(Code &C, const std::string &Name) {
  std::vector<std::string> Found;
  for (const SummaryWrite &Write : C.writes(Name).UnplacedWrites)
    Found.push_back(Write.Object.describe());
  return Found;
}
} // namespace

// A write to an element no one can place (`buckets_[bucket_for(v)]`, an
// index folded from a parameter) is kept apart from Writes, which claim a
// meeting of every caller, and passes up through callers that cannot place
// it either; one whose index the caller places is an ordinary write there.
TEST(SummaryWrites, UnplacedElementsAreKeptApart) {
  Code C(R"cpp(
struct Histogram {
  long buckets[16];
  int bucket_for(unsigned v);
  void record(unsigned v) { ++buckets[bucket_for(v)]; }
  void folded(unsigned v) { ++buckets[v & 15]; }
  void at(int b) { ++buckets[b]; }
};
void serve(Histogram &h, unsigned seed) { h.record(seed * 7); }
void first(Histogram &h) { h.at(0); }
)cpp");
  EXPECT_EQ(unplaced(C, "record"), Strings{"buckets"});
  EXPECT_TRUE(C.objects("record").empty());
  EXPECT_EQ(unplaced(C, "folded"), Strings{"buckets"});
  EXPECT_TRUE(unplaced(C, "at").empty()) << "the caller places it";
  EXPECT_EQ(unplaced(C, "serve"), Strings{"h.buckets"});
  EXPECT_TRUE(C.objects("serve").empty());
  EXPECT_EQ(C.objects("first"), Strings{"h.buckets"});
}
