// What the path engine learns along a path: a start that failed started
// nothing however its result is tested (TrackedValues), flags set with a
// start, leaving main, exec, detached attributes, reapers of every child, and
// locks taken through function pointers and macros.
#include "ast_test_support.h"
#include "fake_std.h"

#include "analysis/HandleFlow.h"
#include "analysis/HandleUses.h"
#include "analysis/LockScopes.h"
#include "analysis/TrackedValues.h"
#include "common/AnalysisCache.h"
#include "model/Handles.h"
#include "model/Synchronization.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::FakeStd;

namespace {

const char *const FakePosix = R"cpp(
extern "C" {
int pthread_detach(pthread_t);
pthread_t pthread_self(void);
int pthread_equal(pthread_t, pthread_t);
int printf(const char *, ...);
struct pthread_attr_t { int state; };
enum { PTHREAD_CREATE_JOINABLE, PTHREAD_CREATE_DETACHED };
int pthread_attr_init(pthread_attr_t *);
int pthread_attr_setdetachstate(pthread_attr_t *, int);
int waitpid(int, int *, int);
int wait(int *);
int execv(const char *, char *const[]);
typedef void (*sighandler_t)(int);
sighandler_t signal(int, sighandler_t);
struct sigaction { sighandler_t sa_handler; };
int sigaction(int, const struct sigaction *, struct sigaction *);
}
#define WNOHANG 1
#define SIGCHLD 17
#define SIGTERM 15
#define SIG_DFL ((sighandler_t)0)
bool ready();
void log(const char *);
)cpp";

/// A snippet whose function Name holds a handle `h` (a thread or pthread_t).
struct Snippet {
  std::unique_ptr<ASTUnit> AST;
  const FunctionDecl *F = nullptr;
  std::unique_ptr<FunctionAnalysis> Analysis;

  explicit Snippet(const std::string &Code, const std::string &Name = "f")
      : AST(parlint::test::parse(std::string(FakeStd) + FakePosix + Code)) {
    if (!AST)
      return;
    F = parlint::test::selectFirst<FunctionDecl>(
        "f", functionDecl(hasName(Name), isDefinition()).bind("f"), *AST);
    if (F)
      Analysis = std::make_unique<FunctionAnalysis>(*F->getBody(),
                                                    AST->getASTContext());
  }
  const VarDecl *var(const std::string &Name) const {
    return parlint::test::selectFirst<VarDecl>(
        "v", varDecl(hasName(Name)).bind("v"), *AST);
  }
  HandleUses uses() const {
    const VarDecl *H = var("h");
    return collectHandleUses(*F->getBody(), *H, handleTypeOf(H->getType()));
  }
  /// How many places let `h` go with a worker running.
  size_t exits() const {
    const VarDecl *H = var("h");
    EXPECT_NE(H, nullptr);
    if (!H)
      return 0;
    HandleType Type = handleTypeOf(H->getType());
    HandleUses Uses = uses();
    EXPECT_FALSE(Uses.Escapes);
    FlowRules Rules{Type == HandleType::PosixThread ? HandleLifetime::Value
                                                    : HandleLifetime::Object,
                    false};
    return findBadExits(*Analysis, *H, Uses.Events, Rules).size();
  }
};

TEST(TrackedValues, SignsAComparisonAllows) {
  EXPECT_EQ(signsWhere(BO_NE, 0, true), NegativeSign | PositiveSign);
  EXPECT_EQ(signsWhere(BO_NE, 0, false), ZeroSign);
  EXPECT_EQ(signsWhere(BO_EQ, -1, true), NegativeSign);
  EXPECT_EQ(signsWhere(BO_EQ, -1, false), AnySign);
  EXPECT_EQ(signsWhere(BO_LT, 0, true), NegativeSign);
  EXPECT_EQ(signsWhere(BO_GT, 0, false), NegativeSign | ZeroSign);
  EXPECT_EQ(signsWhere(BO_GE, 1, true), PositiveSign);
  EXPECT_EQ(signsWhere(BO_EQ, 11, true), PositiveSign);
}

// Each way of learning that pthread_create failed: the early return on that
// branch leaks nothing.
TEST(StartOutcomes, AFailedStartStartedNothingWhateverTheSyntax) {
  const char *Failures[] = {
      "if (pthread_create(&h, nullptr, entry, nullptr) != 0) return;",
      "if (pthread_create(&h, nullptr, entry, nullptr)) return;",
      "if (!(pthread_create(&h, nullptr, entry, nullptr) == 0)) return;",
      "int ret; if ((ret = pthread_create(&h, nullptr, entry, nullptr)) != 0) return;",
      "int rc = pthread_create(&h, nullptr, entry, nullptr); log(\"x\"); if (rc) return;",
      "int rc = pthread_create(&h, nullptr, entry, nullptr); if (rc < 0 || rc > 0) return;",
      "switch (pthread_create(&h, nullptr, entry, nullptr)) { case 0: break; default: return; }",
      "int rc = pthread_create(&h, nullptr, entry, nullptr); switch (rc) { case 11: return; case 0: break; default: return; }",
      "bool ok = pthread_create(&h, nullptr, entry, nullptr) == 0; if (!ok) return;",
      "int rc = pthread_create(&h, nullptr, entry, nullptr); bool failed = rc != 0; if (failed) return;",
  };
  for (const char *Failure : Failures) {
    Snippet S(std::string("void f() { pthread_t h; ") + Failure +
              " pthread_join(h, nullptr); }");
    ASSERT_TRUE(S.F) << Failure;
    EXPECT_EQ(S.exits(), 0u) << Failure;
  }
}

// The same conditions read the other way, or about something else, leave
// the thread running on the early return.
TEST(StartOutcomes, SuccessOrUnrelatedTestsStillLeak) {
  const char *Leaks[] = {
      "if (pthread_create(&h, nullptr, entry, nullptr) == 0) return;",
      "int rc = pthread_create(&h, nullptr, entry, nullptr); if (rc >= 0) return;",
      "int rc = pthread_create(&h, nullptr, entry, nullptr); rc = ready(); if (rc) return;",
      "switch (pthread_create(&h, nullptr, entry, nullptr)) { case 11: break; default: return; }",
      "bool ok = pthread_create(&h, nullptr, entry, nullptr) == 0; if (ok) return;",
      "pthread_create(&h, nullptr, entry, nullptr); if (!ready()) return;",
  };
  for (const char *Leak : Leaks) {
    Snippet S(std::string("void f() { pthread_t h; ") + Leak +
              " pthread_join(h, nullptr); }");
    ASSERT_TRUE(S.F) << Leak;
    EXPECT_EQ(S.exits(), 1u) << Leak;
  }
}

TEST(StartOutcomes, FlagsSetWithTheStartAreFollowed) {
  Snippet Joined("void f(bool want) { std::thread h; bool started = false;"
                 "  if (want) { h = std::thread(work, 1); started = true; }"
                 "  log(\"x\"); if (started) h.join(); }");
  ASSERT_TRUE(Joined.F);
  EXPECT_EQ(Joined.exits(), 0u);
  Snippet Param("void f(bool want) { std::thread h;"
                "  if (want) h = std::thread(work, 1);"
                "  if (want) h.join(); }");
  ASSERT_TRUE(Param.F);
  EXPECT_EQ(Param.exits(), 0u);
  Snippet Backwards("void f(bool want) { std::thread h; bool started = false;"
                    "  if (want) { h = std::thread(work, 1); started = true; }"
                    "  if (!started) h.join(); }");
  ASSERT_TRUE(Backwards.F);
  EXPECT_EQ(Backwards.exits(), 1u);
  // A flag whose address is taken may change anywhere: not followed.
  Snippet Escaping("void set(bool *); void f(bool want) { std::thread h;"
                   "  bool started = false; set(&started);"
                   "  if (want) { h = std::thread(work, 1); started = true; }"
                   "  if (started) h.join(); }");
  ASSERT_TRUE(Escaping.F);
  EXPECT_EQ(Escaping.exits(), 1u);
}

const char *const FakeOptional = R"cpp(
namespace std {
struct nullopt_t {};
inline constexpr nullopt_t nullopt{};
template <class T> struct optional {
  optional();
  optional(nullopt_t);
  ~optional();
  template <class... A> T &emplace(A &&...);
  T *operator->();
  T &operator*();
  T &value();
  bool has_value() const;
  explicit operator bool() const;
  optional &operator=(T &&);
  void reset();
};
} // namespace std
)cpp";

TEST(StartOutcomes, AnOptionalThreadIsEngagedWhereItStarted) {
  auto Exits = [](const std::string &Body) {
    Snippet S(std::string(FakeOptional) + "void f(bool want) {" +
              " std::optional<std::thread> h; " + Body + " }");
    EXPECT_TRUE(S.F) << Body;
    EXPECT_EQ(handleTypeOf(S.var("h")->getType()), HandleType::OptionalThread);
    return S.F ? S.exits() : 99;
  };
  EXPECT_EQ(Exits("if (want) h.emplace(work, 1); if (h) h->join();"), 0u);
  EXPECT_EQ(Exits("if (want) h = std::thread(work, 1);"
                  " if (!h.has_value()) return; h.value().join();"),
            0u);
  EXPECT_EQ(Exits("h.emplace(work, 1); if ((*h).joinable()) (*h).join();"), 0u);
  EXPECT_EQ(Exits("if (want) h.emplace(work, 1); if (!h) h->join();"), 1u);
  EXPECT_EQ(Exits("h.emplace(work, 1); if (!ready()) return; h->join();"), 1u);
  Snippet Reset(std::string(FakeOptional) +
                "void f() { std::optional<std::thread> h; h.reset(); }");
  ASSERT_TRUE(Reset.F);
  EXPECT_TRUE(Reset.uses().Escapes) << "reset() is not followed";
}

TEST(StartOutcomes, MembersOfThisAreForgottenAtCallsThatMayChangeThem) {
  const std::string Class =
      "struct Runner { bool started_ = false; void reset(); bool check() const;"
      "  void f(bool want) { std::thread h;"
      "    if (want) { h = std::thread(work, 1); started_ = true; }";
  Snippet Kept(Class + " check(); if (started_) h.join(); } };");
  ASSERT_TRUE(Kept.F);
  EXPECT_EQ(Kept.exits(), 0u);
  Snippet Forgotten(Class + " reset(); if (started_) h.join(); } };");
  ASSERT_TRUE(Forgotten.F);
  EXPECT_EQ(Forgotten.exits(), 1u);
}

TEST(StartOutcomes, LeavingMainEndsValueHandlesNotThreads) {
  Snippet Posix("int main() { pthread_t h;"
                "  pthread_create(&h, nullptr, entry, nullptr);"
                "  if (!ready()) return 1; pthread_join(h, nullptr); return 0; }",
                "main");
  ASSERT_TRUE(Posix.F);
  EXPECT_TRUE(Posix.Analysis->isMainBody());
  EXPECT_EQ(Posix.exits(), 0u);
  Snippet Thread("int main() { std::thread h(work, 1);"
                 "  if (!ready()) return 1; h.join(); return 0; }",
                 "main");
  ASSERT_TRUE(Thread.F);
  EXPECT_EQ(Thread.exits(), 1u) << "a joinable std::thread still terminates";
  Snippet Other("int f() { pthread_t h;"
                "  pthread_create(&h, nullptr, entry, nullptr);"
                "  if (!ready()) return 1; pthread_join(h, nullptr); return 0; }");
  ASSERT_TRUE(Other.F);
  EXPECT_FALSE(Other.Analysis->isMainBody());
  EXPECT_EQ(Other.exits(), 1u);
}

TEST(StartOutcomes, ExecEndsThePath) {
  Snippet S("void f(char **argv) { pthread_t h;"
            "  pthread_create(&h, nullptr, entry, nullptr);"
            "  if (!ready()) { execv(argv[0], argv); return; }"
            "  pthread_join(h, nullptr); }");
  ASSERT_TRUE(S.F);
  EXPECT_EQ(S.exits(), 0u);
}

TEST(StartOutcomes, DetachedAttributesDetach) {
  Snippet Detached("void f() { pthread_t h; pthread_attr_t attr;"
                   "  pthread_attr_init(&attr);"
                   "  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);"
                   "  pthread_create(&h, &attr, entry, nullptr); }");
  ASSERT_TRUE(Detached.F);
  HandleUses Uses = Detached.uses();
  EXPECT_TRUE(Uses.PosixCreates.empty());
  EXPECT_EQ(Uses.DetachedCreates.size(), 1u);
  EXPECT_TRUE(Uses.PosixFinished);
  EXPECT_EQ(Detached.exits(), 0u);
  Snippet Joinable("void f() { pthread_t h; pthread_attr_t attr, other;"
                   "  pthread_attr_setdetachstate(&other, PTHREAD_CREATE_DETACHED);"
                   "  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_JOINABLE);"
                   "  pthread_create(&h, &attr, entry, nullptr); }");
  ASSERT_TRUE(Joinable.F);
  EXPECT_EQ(Joinable.uses().PosixCreates.size(), 1u);
  EXPECT_FALSE(Joinable.uses().PosixFinished);
}

// A start routine that detaches itself, or hands pthread_self() to someone
// who keeps it (a pool whose exiting workers join each other), a few calls
// down: its creator keeps no id and leaks nothing. Reading or printing the
// id hands nothing over.
TEST(StartOutcomes, AThreadThatManagesItsOwnIdIsHandedOver) {
  const std::string Routines =
      "struct Pool { pthread_t last; };\n"
      "void *selfDetach(void *) { pthread_detach(pthread_self()); return 0; }\n"
      "void publish(Pool *p) { p->last = pthread_self(); }\n"
      "void leave(Pool *p) { publish(p); }\n"
      "void *pooled(void *arg) { leave((Pool *)arg); return 0; }\n"
      "void keep(pthread_t);\n"
      "void *viaLocal(void *) { pthread_t me = pthread_self(); keep(me);"
      "  return 0; }\n"
      "pthread_t other;\n"
      "void *reads(void *) { pthread_t me = pthread_self();"
      "  if (pthread_equal(me, other)) return 0;"
      "  printf(\"%lu\", pthread_self()); return 0; }\n"
      "void d1(Pool *p) { publish(p); } void d2(Pool *p) { d1(p); }\n"
      "void d3(Pool *p) { d2(p); } void d4(Pool *p) { d3(p); }\n"
      "void *tooDeep(void *arg) { d4((Pool *)arg); return 0; }\n";
  auto Uses = [&](const std::string &Routine) {
    Snippet S(Routines + "void f(Pool *p) { pthread_t h;"
              "  pthread_create(&h, nullptr, " + Routine + ", p); }");
    EXPECT_TRUE(S.F);
    return S.F ? S.uses() : HandleUses();
  };
  for (const char *Handing : {"selfDetach", "&selfDetach", "pooled",
                              "viaLocal"}) {
    HandleUses Handed = Uses(Handing);
    EXPECT_TRUE(Handed.PosixCreates.empty()) << Handing;
    EXPECT_EQ(Handed.SelfManagedCreates.size(), 1u) << Handing;
    EXPECT_TRUE(Handed.PosixFinished) << Handing;
  }
  for (const char *Keeping : {"reads", "entry", "tooDeep"}) {
    HandleUses Kept = Uses(Keeping);
    EXPECT_EQ(Kept.PosixCreates.size(), 1u) << Keeping;
    EXPECT_TRUE(Kept.SelfManagedCreates.empty()) << Keeping;
  }
}

// A fork whose pid is dropped, in a loop: the next fork loses the child.
TEST(StartOutcomes, ARestartLosesTheWorkerNobodyNames) {
  Snippet S("void f() { for (;;) { if (fork() == 0) exit(0); } }");
  ASSERT_TRUE(S.F);
  const auto *Fork = parlint::test::selectFirst<CallExpr>(
      "c", callExpr(callee(functionDecl(hasName("fork")))).bind("c"), *S.AST);
  ASSERT_TRUE(Fork);
  HandleEvents Events;
  Events.AtStmt[Fork] = HandleEffect::Start;
  Events.CheckedStarts.push_back(Fork);
  auto Lost = findLostStarts(*S.Analysis, Events);
  ASSERT_EQ(Lost.size(), 1u);
  EXPECT_EQ(Lost[0].Kind, BadExit::Restart);
}

TEST(Reapers, ALoopPollingForAnyChildOrAReapingHandler) {
  struct Case {
    const char *Code;
    bool Reaps;
  } Cases[] = {
      {"void f() { int st; while (waitpid(-1, &st, WNOHANG) > 0) {} }", true},
      {"void f() { int st; for (;;) if (waitpid(-1, &st, WNOHANG) <= 0) break; }", true},
      {"void f() { int st; waitpid(-1, &st, WNOHANG); }", false},
      {"void f() { int st; while (waitpid(42, &st, WNOHANG) == 0) {} }", false},
      {"void f() { auto h = [] { wait(nullptr); }; (void)h; }", true},
      {"void g(int) { wait(nullptr); } void f() { signal(SIGCHLD, g); }", true},
      // Any handler: the program watches its children exit, and a handler
      // that only notes it (a flag, a wake-up of select) has a loop reap.
      {"void g(int) { log(\"x\"); } void f() { signal(SIGCHLD, g); }", true},
      {"void g(int) {} void f() { struct sigaction sa; sa.sa_handler = g; "
       "sigaction(SIGCHLD, &sa, nullptr); }", true},
      {"void f() { signal(SIGCHLD, SIG_DFL); }", false},
      {"void g(int) {} void f() { signal(SIGTERM, g); }", false},
  };
  for (const Case &C : Cases) {
    Snippet S(C.Code);
    ASSERT_TRUE(S.F) << C.Code;
    EXPECT_EQ(reapsEveryChild(*S.F->getBody(), S.AST->getASTContext()), C.Reaps)
        << C.Code;
  }
}

const char *const LockTable = R"cpp(
struct lock_callbacks {
  int (*lock)(unsigned mode, void *lock);
  int (*unlock)(unsigned mode, void *lock);
};
extern lock_callbacks lock_fns;
#define LOCK(x) lock_fns.lock(0, (x))
#define UNLOCK(x) lock_fns.unlock(0, (x))
void (*clock_tick)(void *);
int op_apply(void *, int);
#define ENTER(x) op_apply((x), 1)
#define LEAVE(x) op_apply((x), 0)
void *a, *b;
int x;
)cpp";

TEST(Synchronization, IndirectLocksNameTheirArgument) {
  Snippet S(std::string(LockTable) +
            "void f() { LOCK(a); lock_fns.unlock(2, b); clock_tick(a);"
            "  ENTER(b); LEAVE(b); op_apply(a, 1); }");
  ASSERT_TRUE(S.F);
  std::vector<std::string> Ops;
  for (const auto *Call : parlint::test::selectAll<CallExpr>(
           "c", callExpr(hasAncestor(functionDecl(hasName("f")))).bind("c"),
           *S.AST)) {
    IndirectLock Lock = indirectLockOf(*Call, S.AST->getASTContext());
    std::string Op = Lock.Op == LockOp::Lock     ? "L"
                     : Lock.Op == LockOp::Unlock ? "U"
                                                 : "-";
    if (Lock.Object)
      Op += cast<DeclRefExpr>(Lock.Object->IgnoreParenImpCasts())
                ->getDecl()
                ->getName()
                .str();
    Ops.push_back(Op);
  }
  EXPECT_EQ(Ops, (std::vector<std::string>{"La", "Ub", "-", "Lb", "Ub", "-"}));
}

TEST(LockScopes, IndirectLocksHoldTheLockTheirArgumentNames) {
  Snippet S(std::string(LockTable) +
            "void f() {\n"
            "  LOCK(a); x = 1; LOCK(b); UNLOCK(b); x = 2; UNLOCK(a); x = 3;\n"
            "  clock_tick(a); x = 4;\n"
            "}\n");
  ASSERT_TRUE(S.F);
  LockScopes Scopes(*S.Analysis);
  EXPECT_TRUE(Scopes.takesLocks());
  std::vector<std::string> Held;
  for (int Value = 1; Value <= 4; ++Value) {
    const auto *Assign = parlint::test::selectFirst<BinaryOperator>(
        "a",
        binaryOperator(isAssignmentOperator(),
                       hasRHS(integerLiteral(equals(Value))))
            .bind("a"),
        *S.AST);
    ASSERT_TRUE(Assign);
    std::string Names;
    for (const HeldLock &Lock : Scopes.heldAt(*Assign))
      Names += Lock.Mutex ? Lock.Mutex->describe() : "?";
    Held.push_back(Names);
  }
  EXPECT_EQ(Held, (std::vector<std::string>{"a", "a", "", ""}));
}

} // namespace
