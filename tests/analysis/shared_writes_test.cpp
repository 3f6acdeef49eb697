// The layers behind parlint-unsynchronized-shared-write on small code: the
// synchronization model, object paths, lock scopes, worker lifetimes and
// the accesses of a worker to what it shares.
#include "ast_test_support.h"
#include "fake_std.h"

#include "analysis/FieldWrites.h"
#include "analysis/LockKeys.h"
#include "analysis/LockScopes.h"
#include "analysis/LoopBounds.h"
#include "analysis/LocalObjectPointers.h"
#include "analysis/ObjectPath.h"
#include "analysis/Polynomial.h"
#include "analysis/Publication.h"
#include "analysis/SharedWrites.h"
#include "analysis/WorkerLifetime.h"
#include "common/AnalysisCache.h"
#include "model/Synchronization.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::FakeStd;
using parlint::test::FakeSync;

namespace {

struct Snippet {
  std::unique_ptr<ASTUnit> AST;
  const FunctionDecl *F = nullptr;

  explicit Snippet(const std::string &Code)
      : AST(parlint::test::parse(std::string(FakeStd) + FakeSync + Code)) {
    if (AST)
      F = parlint::test::selectFirst<FunctionDecl>(
          "f", functionDecl(hasName("f"), isDefinition()).bind("f"), *AST);
  }
  ASTContext &context() { return AST->getASTContext(); }
  FunctionAnalysis &analysis() {
    return AnalysisCache::of(*F->getBody(), context());
  }
  const CXXRecordDecl *record(const std::string &Name) {
    return parlint::test::selectFirst<CXXRecordDecl>(
        "r", cxxRecordDecl(hasName(Name), isDefinition()).bind("r"), *AST);
  }
  QualType typeOf(const std::string &Var) {
    const auto *D = parlint::test::selectFirst<VarDecl>(
        "v", varDecl(hasName(Var)).bind("v"), *AST);
    return D ? D->getType() : QualType();
  }
  /// The assignment `... = Value;` inside f.
  const Expr *assignmentOf(int Value) {
    for (const auto *Assign : parlint::test::selectAll<BinaryOperator>(
             "a", binaryOperator(isAssignmentOperator(),
                                 hasRHS(integerLiteral(equals(Value))))
                      .bind("a"),
             *AST))
      return Assign;
    return nullptr;
  }
  std::vector<Launch> launches() {
    std::vector<Launch> Found;
    forEachLaunch(*F->getBody(), context(),
                  [&](const Launch &L) { Found.push_back(L); });
    return Found;
  }
};

TEST(Synchronization, MutexesGuardsAndAtomics) {
  Snippet S("std::atomic<int> a; int plain; std::vector<int> v;"
            "std::map<int, int> m; int *p;");
  ASSERT_TRUE(S.AST);
  EXPECT_TRUE(isMutexClass(S.record("mutex")));
  EXPECT_TRUE(isMutexClass(S.record("SpinLock"))) << "BasicLockable";
  EXPECT_FALSE(isMutexClass(S.record("MutexLock")));
  EXPECT_EQ(guardKindOf(S.record("MutexLock")), GuardKind::Custom);
  EXPECT_EQ(guardKindOf(S.record("mutex")), GuardKind::None);
  EXPECT_TRUE(isAtomicType(S.typeOf("a")));
  EXPECT_FALSE(isAtomicType(S.typeOf("plain")));
  EXPECT_TRUE(isSynchronizationObject(S.typeOf("a")));
  EXPECT_TRUE(hasSlotSubscript(S.typeOf("v")));
  EXPECT_TRUE(hasSlotSubscript(S.typeOf("p")));
  EXPECT_FALSE(hasSlotSubscript(S.typeOf("m")));
}

/// The names of a LockKeys, sorted, `*` for Any.
std::vector<std::string> keyNames(const std::optional<LockKeys> &Keys) {
  std::vector<std::string> Names;
  if (!Keys)
    return {"none"};
  for (const ValueDecl *Key : Keys->Keys)
    Names.push_back(Key->getNameAsString());
  if (Keys->Any)
    Names.push_back("*");
  std::sort(Names.begin(), Names.end());
  return Names;
}

// A mutex is named by its declaration: a global, a member (whichever
// object it is reached through), an array of mutexes for any element. One
// reached through a pointer of its own type may be any mutex.
TEST(LockKeys, AMutexIsNamedByItsDeclaration) {
  Snippet S("struct Shard { std::mutex mu; int n; };"
            "std::mutex g_mu; Shard shards[4]; std::mutex locks[8];"
            "void other();"
            "void f(Shard *s, std::mutex *m, int i) {"
            "  g_mu.lock(); s->mu.lock(); shards[i].mu.lock(); locks[i].lock();"
            "  m->lock(); other();"
            "  std::unique_lock<std::mutex> held(g_mu); held.unlock(); }");
  ASSERT_TRUE(S.F);
  std::vector<std::vector<std::string>> Keys;
  for (const auto *Call : parlint::test::selectAll<CallExpr>(
           "c", callExpr(hasAncestor(functionDecl(hasName("f")))).bind("c"),
           *S.AST))
    Keys.push_back(keyNames(lockKeysOfCall(*Call, S.context())));
  EXPECT_EQ(Keys, (std::vector<std::vector<std::string>>{
                      {"g_mu"}, {"mu"}, {"mu"}, {"locks"}, {"*"}, {"none"},
                      {"g_mu"}}));
  LockKeys Member, Global;
  Member.Keys.insert(S.record("Shard")->fields().begin()->getCanonicalDecl());
  Global.Any = true;
  EXPECT_TRUE(Member.meets(Global)) << "any mutex may be this one";
  EXPECT_FALSE(Member.meets(LockKeys())) << "no mutex at all";
}

// What a thread may release after an access: the mutexes it holds there
// and those it takes later, when that is all; nothing is known once it
// may also hand off (an atomic store).
TEST(Publication, LocksReleasedAfterAnAccess) {
  Snippet S("std::mutex a, b; std::atomic<int> flag; int x, y, z;"
            "void f() {"
            "  flag.store(1);"
            "  { std::lock_guard<std::mutex> g(a); x = 1; }"
            "  b.lock(); y = 2; b.unlock();"
            "  z = 3; }");
  ASSERT_TRUE(S.F);
  PublicationPaths Paths(S.analysis());
  EXPECT_EQ(keyNames(Paths.locksReleasedAfter(*S.assignmentOf(1))),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(keyNames(Paths.locksReleasedAfter(*S.assignmentOf(2))),
            (std::vector<std::string>{"b"}));
  EXPECT_EQ(keyNames(Paths.locksReleasedAfter(*S.assignmentOf(3))),
            (std::vector<std::string>{}));

  Snippet Stored("std::mutex a; std::atomic<int> flag; int x;"
                 "void f() { a.lock(); x = 4; a.unlock(); flag.store(1); }");
  ASSERT_TRUE(Stored.F);
  PublicationPaths StoredPaths(Stored.analysis());
  EXPECT_EQ(keyNames(StoredPaths.locksReleasedAfter(*Stored.assignmentOf(4))),
            (std::vector<std::string>{"none"}));
}

// An accessor that returns a static object by reference (a singleton's
// `instance()`) designates that object at every call; one returning a
// thread_local designates each thread's own.
TEST(ObjectPath, AnAccessorOfAStaticObjectDesignatesIt) {
  Snippet S("struct R { int n; static R &instance() { static R r; return r; } };"
            "static thread_local R t; R &mine() { return t; }"
            "R &pick(bool b) { static R u, v; if (b) return u; return v; }"
            "void f() { R::instance().n = 1; mine().n = 2; pick(true).n = 3; }");
  ASSERT_TRUE(S.F);
  auto Root = [&](int Value) -> std::string {
    const auto *Assign = cast<BinaryOperator>(S.assignmentOf(Value));
    std::optional<ObjectPath> Path = objectPathOf(Assign->getLHS());
    return Path && Path->Root ? Path->Root->getNameAsString() : "none";
  };
  EXPECT_EQ(Root(1), "r");
  EXPECT_EQ(Root(2), "none");
  EXPECT_EQ(Root(3), "none") << "two objects: no single name";
}

TEST(Synchronization, LockLikeNamesAreWordsNotSubstrings) {
  Snippet S("void clockTick(); void blockSignals(); void lockTable();"
            "void EnterCriticalSection(int *); void LeaveCriticalSection(int *);"
            "void acquire(); void release_lock(); void releaseBuffer();"
            "void f(int *cs) { clockTick(); blockSignals(); lockTable();"
            "  EnterCriticalSection(cs); LeaveCriticalSection(cs); acquire();"
            "  release_lock(); releaseBuffer(); unlockTable(); }");
  ASSERT_TRUE(S.F);
  std::vector<std::string> Ops;
  for (const auto *Call : parlint::test::selectAll<CallExpr>(
           "c", callExpr(hasAncestor(functionDecl(hasName("f")))).bind("c"),
           *S.AST)) {
    LockOp Op = namedLockOpOf(*Call);
    Ops.push_back(Op == LockOp::Lock     ? "L"
                  : Op == LockOp::Unlock ? "U"
                                         : "-");
  }
  EXPECT_EQ(Ops, (std::vector<std::string>{"-", "-", "L", "L", "U", "L", "U",
                                           "-", "U"}));
}

// A barrier of the program's own orders threads by its name; a word that
// only contains "barrier" does not.
TEST(Synchronization, BarrierNamedCallsOrderThreads) {
  Snippet S("struct barrier_t { int n; };"
            "void ck_barrier_centralized(barrier_t *, int *, int);"
            "void BarrierWait(barrier_t *); void nobarrierx(); void setBarriers();"
            "void f(barrier_t *b, int *s) { ck_barrier_centralized(b, s, 4);"
            "  BarrierWait(b); nobarrierx(); setBarriers(); }");
  ASSERT_TRUE(S.F);
  std::vector<bool> Orders;
  for (const auto *Call : parlint::test::selectAll<CallExpr>(
           "c", callExpr(hasAncestor(functionDecl(hasName("f")))).bind("c"),
           *S.AST))
    Orders.push_back(handOffKindOf(*Call) == HandOffKind::Ordering);
  EXPECT_EQ(Orders, (std::vector<bool>{true, true, false, false}));
}

// A lock kind run together with lock/unlock is two words (WiredTiger's
// __wt_writelock); making or ending a lock object is no lock operation.
TEST(Synchronization, LockKindsRunTogetherAndLockLifetimes) {
  Snippet S("struct S; struct L;"
            "void __wt_writelock(S *, L *); void __wt_readlock(S *, L *);"
            "void __wt_writeunlock(S *, L *); void rdunlock(L *);"
            "void spinlock(L *); void unblock(); void deadlock_check();"
            "void lock_init(L *); void __wt_rwlock_destroy(L *);"
            "void mutex_lock_new(L **);"
            "void f(S *s, L *l, L **m) { __wt_writelock(s, l); __wt_readlock(s, l);"
            "  __wt_writeunlock(s, l); rdunlock(l); spinlock(l); unblock();"
            "  deadlock_check(); lock_init(l); __wt_rwlock_destroy(l);"
            "  mutex_lock_new(m); }");
  ASSERT_TRUE(S.F);
  std::vector<std::string> Ops;
  for (const auto *Call : parlint::test::selectAll<CallExpr>(
           "c", callExpr(hasAncestor(functionDecl(hasName("f")))).bind("c"),
           *S.AST)) {
    LockOp Op = namedLockOpOf(*Call);
    Ops.push_back(Op == LockOp::Lock     ? "L"
                  : Op == LockOp::Unlock ? "U"
                                         : "-");
  }
  EXPECT_EQ(Ops, (std::vector<std::string>{"L", "L", "U", "U", "L", "-", "-",
                                           "-", "-", "-"}));
}

TEST(Synchronization, ContainerCalls) {
  Snippet S("void f(std::vector<int> &v, std::map<int, int> &m) {"
            "  v.push_back(1); (void)v.size(); v[0] = 1; m[1] = 2; }");
  ASSERT_TRUE(S.F);
  std::vector<std::string> Mutating, Inserting;
  for (const auto *Method : parlint::test::selectAll<CXXMethodDecl>(
           "m", cxxMethodDecl().bind("m"), *S.AST)) {
    if (Method->isDependentContext())
      continue;
    std::string Name = Method->getNameAsString();
    if (mutatesContainer(Method))
      Mutating.push_back(Name);
    if (subscriptInserts(Method))
      Inserting.push_back(Name);
  }
  EXPECT_TRUE(llvm::is_contained(Mutating, "push_back"));
  EXPECT_FALSE(llvm::is_contained(Mutating, "size"));
  ASSERT_EQ(Inserting.size(), 1u) << "map's operator[] only";
}

// A pointer member of a local object leads where its brace initializer or
// its constructor's argument pointed it, unless the code re-points it (a
// store, or a member function that stores into it).
TEST(LocalObjectPointers, FollowTheInitializationUnlessRepointed) {
  Snippet S("struct Totals { int bytes; };"
            "struct Ctx { Totals *sum; int depth; };"
            "struct Desk { explicit Desk(Totals *t) : t_(t) {}"
            "  void reset(Totals *o) { t_ = o; } Totals *t_; };"
            "Totals shared;"
            "void f(Totals *arg) {"
            "  Ctx a = {&shared, 0}; a.sum->bytes = 1;"
            "  Ctx b = {arg, 0}; b.sum->bytes = 2;"
            "  Desk d(arg); d.t_->bytes = 3;"
            "  Desk e(arg); e.reset(&shared); e.t_->bytes = 4;"
            "  Ctx c = {arg, 0}; c.sum = &shared; c.sum->bytes = 5;"
            "}");
  ASSERT_TRUE(S.F);
  auto Through = [&](int Value) -> std::string {
    auto Path = objectPathOf(cast<BinaryOperator>(S.assignmentOf(Value))->getLHS());
    if (!Path)
      return "no path";
    auto Target = throughInitializedPointer(*Path, *S.F->getBody());
    return Target ? Target->describe() : "none";
  };
  EXPECT_EQ(Through(1), "shared.bytes");
  EXPECT_EQ(Through(2), "arg->bytes");
  EXPECT_EQ(Through(3), "arg->bytes") << "the constructor's argument";
  EXPECT_EQ(Through(4), "none") << "re-pointed by reset()";
  EXPECT_EQ(Through(5), "none") << "re-pointed by a store";
}

TEST(ObjectPath, MembersOverlapTheirObjectNotTheirSiblings) {
  Snippet S("struct Pair { int a, b; }; Pair s;"
            "void f(Pair *p) { s.a = 1; s.b = 2; p->a = 3; s = Pair(); }");
  ASSERT_TRUE(S.F);
  auto PathOf = [&](int Value) {
    return objectPathOf(cast<BinaryOperator>(S.assignmentOf(Value))->getLHS());
  };
  auto A = PathOf(1), B = PathOf(2), Through = PathOf(3);
  ASSERT_TRUE(A && B && Through);
  EXPECT_EQ(A->describe(), "s.a");
  EXPECT_FALSE(A->overlaps(*B));
  ObjectPath Whole = *A;
  Whole.Fields.clear();
  EXPECT_TRUE(Whole.overlaps(*A));
  EXPECT_TRUE(Through->ThroughPointer);
  EXPECT_EQ(Through->describe(), "p->a");
}

TEST(LockScopes, FollowsGuardsUnlocksAndBranches) {
  Snippet S("int x; std::mutex m;\n"
            "void f(bool c) {\n"
            "  { std::lock_guard<std::mutex> g(m); x = 1; }\n"
            "  x = 2;\n"
            "  std::unique_lock<std::mutex> lk(m); x = 3;\n"
            "  lk.unlock(); x = 4; lk.lock(); x = 5; lk.unlock();\n"
            "  if (c) m.lock();\n"
            "  x = 6;\n"
            "  m.lock(); x = 7; m.unlock(); x = 8;\n"
            "  acquireTable(); x = 9; unlockTable(); x = 10;\n"
            "  { MutexLock l(&m); x = 11; }\n"
            "  std::unique_lock<std::mutex> later(m, std::defer_lock); x = 12;\n"
            "}\n");
  ASSERT_TRUE(S.F);
  LockScopes Scopes(S.analysis());
  EXPECT_TRUE(Scopes.takesLocks());
  std::vector<int> Held;
  for (int Value = 1; Value <= 12; ++Value)
    if (!Scopes.heldAt(*S.assignmentOf(Value)).empty())
      Held.push_back(Value);
  EXPECT_EQ(Held, (std::vector<int>{1, 3, 5, 7, 9, 11}));
  LockSet Named = Scopes.heldAt(*S.assignmentOf(1));
  ASSERT_EQ(Named.size(), 1u);
  ASSERT_TRUE(Named[0].Mutex);
  EXPECT_EQ(Named[0].Mutex->describe(), "m");
  EXPECT_FALSE(Scopes.heldAt(*S.assignmentOf(9))[0].Mutex) << "a wildcard";
}

// `if (l) lock(l)`: with no lock object there is nothing to take (a build
// without threads); the lock counts as held after the if, and a guarded
// unlock releases it. A test of anything else leaves a path unlocked.
TEST(LockScopes, ALockSkippedOnlyForANullLockObjectIsHeld) {
  Snippet S("struct Table { int (*lock)(unsigned, void *);"
            "  int (*unlock)(unsigned, void *); };\n"
            "extern Table fns; void *l, *other; int x; bool flag;\n"
            "void f() {\n"
            "  if (l) fns.lock(0, l); x = 1; if (l) fns.unlock(0, l); x = 2;\n"
            "  if (l != nullptr) { fns.lock(0, l); } x = 3;\n"
            "  if (0 != l) fns.unlock(0, l); x = 4;\n"
            "  if (flag) fns.lock(0, l); x = 5; fns.unlock(0, l);\n"
            "  if (other) fns.lock(0, l); x = 6; fns.unlock(0, l);\n"
            "  if (l) fns.lock(0, l); else flag = true; x = 7;\n"
            "  fns.unlock(0, l);\n"
            "  if (!l) fns.lock(0, l); x = 8;\n"
            "}\n");
  ASSERT_TRUE(S.F);
  LockScopes Scopes(S.analysis());
  std::vector<int> Held;
  for (int Value = 1; Value <= 8; ++Value)
    if (!Scopes.heldAt(*S.assignmentOf(Value)).empty())
      Held.push_back(Value);
  EXPECT_EQ(Held, (std::vector<int>{1, 3}));
  LockSet Named = Scopes.heldAt(*S.assignmentOf(1));
  ASSERT_EQ(Named.size(), 1u);
  ASSERT_TRUE(Named[0].Mutex);
  EXPECT_EQ(Named[0].Mutex->describe(), "l");
}

// A try-lock holds its lock only where it succeeded: a test of its
// success drops it on the failure branch, so code after a failure path that
// merely counts the miss runs without it.
TEST(LockScopes, ATriedLockIsNotHeldWhereTheTryFailed) {
  Snippet S("int x; std::mutex m;\n"
            "void f() {\n"
            "  { std::unique_lock<std::mutex> l(m, std::try_to_lock);\n"
            "    if (!l.owns_lock()) x = 1; x = 2; }\n"
            "  { std::unique_lock<std::mutex> l(m, std::try_to_lock);\n"
            "    if (!l) return; x = 3; }\n"
            "  if (m.try_lock()) { x = 4; m.unlock(); } else { x = 5; }\n"
            "  { std::unique_lock<std::mutex> l(m, std::try_to_lock); x = 6; }\n"
            "}\n");
  ASSERT_TRUE(S.F);
  LockScopes Scopes(S.analysis());
  std::vector<int> Held;
  for (int Value = 1; Value <= 6; ++Value)
    if (!Scopes.heldAt(*S.assignmentOf(Value)).empty())
      Held.push_back(Value);
  // An untested try (6) is taken for a success: no finding on a guess.
  EXPECT_EQ(Held, (std::vector<int>{3, 4, 6}));
}

TEST(LockScopes, SharingNeedsALockOnBothSides) {
  ObjectPath M;
  HeldLock Named{M, nullptr}, Wildcard{std::nullopt, nullptr};
  EXPECT_TRUE(sharesLock({Named}, {Named}));
  EXPECT_TRUE(sharesLock({Wildcard}, {Named}));
  EXPECT_FALSE(sharesLock({Wildcard}, {}));
  EXPECT_FALSE(sharesLock({}, {}));
}

// Two holders of one lock in shared (reader) mode run at once; a holder in
// exclusive mode excludes every other.
TEST(LockScopes, SharedModeExcludesOnlyAgainstAnExclusiveHolder) {
  Snippet S("struct shared_mutex { void lock(); void unlock();\n"
            "  void lock_shared(); void unlock_shared(); };\n"
            "int x; shared_mutex m;\n"
            "void f() {\n"
            "  m.lock_shared(); x = 1; m.unlock_shared();\n"
            "  m.lock(); x = 2; m.unlock();\n"
            "}\n");
  ASSERT_TRUE(S.F);
  LockScopes Scopes(S.analysis());
  LockSet Reader = Scopes.heldAt(*S.assignmentOf(1));
  LockSet Writer = Scopes.heldAt(*S.assignmentOf(2));
  ASSERT_EQ(Reader.size(), 1u);
  ASSERT_EQ(Writer.size(), 1u);
  EXPECT_TRUE(Reader[0].Shared);
  EXPECT_FALSE(Writer[0].Shared);
  EXPECT_FALSE(sharesLock(Reader, Reader));
  EXPECT_TRUE(sharesLock(Reader, Writer));
  EXPECT_TRUE(sharesLock(Writer, Writer));
}

TEST(WorkerLifetime, JoinEndsTheWorkerDetachDoesNot) {
  Snippet S("int x, y;\n"
            "void f() {\n"
            "  std::thread t(work, 1);\n"
            "  x = 1;\n"
            "  t.join();\n"
            "  x = 2;\n"
            "  std::thread d(work, 2);\n"
            "  d.detach();\n"
            "  x = 3;\n"
            "}\n");
  ASSERT_TRUE(S.F);
  auto Launches = S.launches();
  ASSERT_EQ(Launches.size(), 2u);
  const FunctionAnalysis &A = S.analysis();
  WorkerLifetime Joined = lifetimeOf(Launches[0], A);
  WorkerLifetime Detached = lifetimeOf(Launches[1], A);
  EXPECT_EQ(Joined.Kind, WorkerLifetime::Tracked);
  EXPECT_EQ(Detached.Kind, WorkerLifetime::RunsOn);
  auto Running = [&](const WorkerLifetime &L, const Launch &Spawn, int Value) {
    return mayBeRunningAt(L, Spawn, A, *S.assignmentOf(Value), false);
  };
  EXPECT_TRUE(Running(Joined, Launches[0], 1));
  EXPECT_FALSE(Running(Joined, Launches[0], 2));
  EXPECT_FALSE(Running(Detached, Launches[1], 2));
  EXPECT_TRUE(Running(Detached, Launches[1], 3));
}

TEST(WorkerLifetime, APthreadInALocalStructFieldRunsUntilThatFieldIsUsed) {
  Snippet S("int x;\n"
            "struct job { pthread_t tid; int *out; };\n"
            "void *run(void *);\n"
            "void look(job *j) { x = *j->out; }\n"
            "void stop(job *j) { pthread_join(j->tid, nullptr); }\n"
            "void f() {\n"
            "  job a, b;\n"
            "  pthread_create(&a.tid, nullptr, run, &a);\n"
            "  look(&a);\n"
            "  x = 1;\n"
            "  pthread_join(a.tid, nullptr);\n"
            "  x = 2;\n"
            "  pthread_create(&b.tid, nullptr, run, &b);\n"
            "  x = 3;\n"
            "  stop(&b);\n"
            "  x = 4;\n"
            "}\n");
  ASSERT_TRUE(S.F);
  auto Launches = S.launches();
  ASSERT_EQ(Launches.size(), 2u);
  const FunctionAnalysis &A = S.analysis();
  WorkerLifetime First = lifetimeOf(Launches[0], A);
  WorkerLifetime Second = lifetimeOf(Launches[1], A);
  ASSERT_EQ(First.Kind, WorkerLifetime::Tracked);
  ASSERT_EQ(Second.Kind, WorkerLifetime::Tracked);
  auto Running = [&](const WorkerLifetime &L, const Launch &Spawn, int Value) {
    return mayBeRunningAt(L, Spawn, A, *S.assignmentOf(Value), false);
  };
  // look(&a) never names `tid`: the first worker still runs after it.
  EXPECT_TRUE(Running(First, Launches[0], 1));
  EXPECT_FALSE(Running(First, Launches[0], 2));
  EXPECT_TRUE(Running(Second, Launches[1], 3));
  EXPECT_FALSE(Running(Second, Launches[1], 4)); // stop(&b) joins it
}

TEST(WorkerLifetime, PoolTasksRunUntilTheFutureOrThePoolIsWaited) {
  Snippet S("int x;\n"
            "void f(parlint::ThreadPool &pool) {\n"
            "  auto r = pool.submit(work, 1);\n"
            "  x = 1;\n"
            "  r.get();\n"
            "  x = 2;\n"
            "}\n");
  ASSERT_TRUE(S.F);
  auto Launches = S.launches();
  ASSERT_EQ(Launches.size(), 1u);
  ASSERT_NE(poolOfLaunch(Launches[0]), nullptr);
  WorkerLifetime Task = lifetimeOf(Launches[0], S.analysis());
  ASSERT_EQ(Task.Kind, WorkerLifetime::Tracked);
  EXPECT_TRUE(mayBeRunningAt(Task, Launches[0], S.analysis(),
                             *S.assignmentOf(1), false));
  EXPECT_FALSE(mayBeRunningAt(Task, Launches[0], S.analysis(),
                              *S.assignmentOf(2), false));
}

TEST(WorkerLifetime, AsyncFuturesInAContainerEndWhenDrained) {
  Snippet S("int x;\n"
            "void f() {\n"
            "  std::vector<std::future<int>> pending;\n"
            "  pending.push_back(std::async(std::launch::async, work, 1));\n"
            "  x = 1;\n"
            "  for (auto &task : pending) task.get();\n"
            "  x = 2;\n"
            "}\n");
  ASSERT_TRUE(S.F);
  auto Launches = S.launches();
  ASSERT_EQ(Launches.size(), 1u);
  WorkerLifetime Tasks = lifetimeOf(Launches[0], S.analysis());
  ASSERT_EQ(Tasks.Kind, WorkerLifetime::Tracked);
  EXPECT_TRUE(mayBeRunningAt(Tasks, Launches[0], S.analysis(),
                             *S.assignmentOf(1), false));
  EXPECT_FALSE(mayBeRunningAt(Tasks, Launches[0], S.analysis(),
                              *S.assignmentOf(2), false));
}

// The accesses of the first launch's worker in f.
struct WorkerUnderTest {
  Snippet S;
  std::vector<Launch> Launches;
  WorkerCode Code;
  WorkerAccesses Accesses;

  explicit WorkerUnderTest(const std::string &Source) : S(Source) {
    if (!S.F)
      return;
    Launches = S.launches();
    if (Launches.empty())
      return;
    const Stmt *Loop = enclosingLoop(*Launches[0].Call, S.analysis());
    Code = describeWorker(Launches[0], S.analysis(), Loop, false);
    Accesses = collectWorkerAccesses(Code, S.context());
  }
  /// "name:kind" for each write, kind A(ssign) U(pdate) M(odify) I(nsert),
  /// with "!" for a write done by one instance.
  std::vector<std::string> writes() const {
    std::vector<std::string> Found;
    for (const SharedAccess &A : Accesses.Accesses) {
      if (!A.isWrite())
        continue;
      std::string Kind = A.Write == WriteKind::Assign   ? "A"
                         : A.Write == WriteKind::Update ? "U"
                         : A.Write == WriteKind::Modify ? "M"
                                                        : "I";
      Found.push_back(A.Object.describe() + ":" + Kind +
                      (A.OneInstance ? "!" : "") +
                      (A.Held.empty() ? "" : "+lock"));
    }
    return Found;
  }
};

using Writes = std::vector<std::string>;

TEST(SharedWrites, ByReferenceCapturesSlotsAndIds) {
  WorkerUnderTest W(
      "void f(std::vector<int> &out, std::vector<int> &in) {\n"
      "  int total = 0; std::mutex m; std::map<int, int> seen;\n"
      "  std::vector<std::thread> ts;\n"
      "  for (int i = 0; i < 4; ++i)\n"
      "    ts.emplace_back([&, i] {\n"
      "      out[i] = in[i];\n"                  // a slot of its own
      "      total += in[i];\n"                  // shared
      "      if (i == 0) total = 0;\n"           // one instance
      "      out[in[i] % 4]++;\n"                // data-dependent
      "      seen[i] = 1;\n"                     // map operator[] inserts
      "      { std::lock_guard<std::mutex> g(m); in.push_back(i); }\n"
      "      int local = 0; local++;\n"
      "    });\n"
      "}\n");
  ASSERT_FALSE(W.Launches.empty());
  EXPECT_TRUE(W.Code.PerLaunch.size() == 1);
  EXPECT_EQ(W.writes(), (Writes{"total:U", "total:A!", "out:U", "seen:I",
                                "in:M+lock"}));
  EXPECT_FALSE(W.Accesses.HandsOff);
}

TEST(SharedWrites, ChunkedAndStridedRangesArePerWorker) {
  WorkerUnderTest W(
      "void f(std::vector<int> &out, int chunk, int n) {\n"
      "  std::vector<std::thread> ts;\n"
      "  for (int w = 0; w < 4; ++w)\n"
      "    ts.emplace_back([&, w] {\n"
      "      int begin = w * chunk;\n"
      "      for (int k = begin; k < begin + chunk; ++k) out[k] = k;\n"
      "      for (int k = w; k < n; k += 4) out[k] = 0;\n"
      "      for (int k = 0; k < n; ++k) out[k] = 1;\n"   // every worker
      "    });\n"
      "}\n");
  EXPECT_EQ(W.writes(), (Writes{"out:A"}));
}

// Ranges of one launch that reach the next launch's first value are no
// slots of the worker's own: `k <= end` with `end` the next `begin`.
TEST(SharedWrites, RangesReachingTheNextLaunchAreShared) {
  WorkerUnderTest W(
      "void f(std::vector<int> &a, std::vector<int> &b, std::vector<int> &c,\n"
      "       std::vector<int> &d, int chunk) {\n"
      "  std::vector<std::thread> ts;\n"
      "  for (int w = 0; w < 4; ++w)\n"
      "    ts.emplace_back([&, w] {\n"
      "      int begin = w * chunk, end = begin + chunk;\n"
      "      for (int k = begin; k <= end; ++k) a[k] = k;\n"         // meets
      "      for (int k = begin; k < end; ++k) b[k] = k;\n"          // own
      "      for (int k = begin; k <= end - 1; ++k) c[k] = k;\n"     // own
      "      for (int k = begin; k < end + 3; ++k) d[k] = k;\n"      // meets
      "    });\n"
      "}\n");
  EXPECT_EQ(W.writes(), (Writes{"a:A", "d:A"}));
  std::vector<const SharedAccess *> Written;
  for (const SharedAccess &A : W.Accesses.Accesses)
    if (A.isWrite())
      Written.push_back(&A);
  ASSERT_EQ(Written.size(), 2u);
  ASSERT_TRUE(Written[0]->Overlap);
  EXPECT_TRUE(Written[0]->Overlap->Inclusive);
  EXPECT_EQ(Written[0]->Overlap->SharedValues, 1);
  ASSERT_TRUE(Written[1]->Overlap);
  EXPECT_EQ(Written[1]->Overlap->SharedValues, 3);
}

// A read a constant away from the counter of a loop over the worker's own
// part reaches, at the end of the part, the neighbouring launch's element
// (a stencil); a loop over the interior of each part does not.
TEST(SharedWrites, ReadsReachingTheNeighboursPart) {
  WorkerUnderTest W(
      "void f(std::vector<int> &a, std::vector<int> &b, int chunk) {\n"
      "  std::vector<std::thread> ts;\n"
      "  for (int w = 0; w < 4; ++w)\n"
      "    ts.emplace_back([&, w] {\n"
      "      int begin = w * chunk, end = begin + chunk;\n"
      "      for (int k = begin; k < end; ++k) a[k] = a[k - 1] + 1;\n"
      "      for (int k = begin + 1; k < end; ++k) b[k] = b[k - 1] + 1;\n"
      "    });\n"
      "}\n");
  std::vector<std::string> Neighbours;
  for (const SharedAccess &A : W.Accesses.Accesses)
    if (A.NeighbourSlot)
      Neighbours.push_back(A.Object.describe());
  EXPECT_EQ(Neighbours, std::vector<std::string>{"a"});
  EXPECT_TRUE(W.writes().empty()) << "each writes its own part";
}

// The stores of the translation unit into each field: one loop setting a
// field of every element; the functions a function-pointer field holds.
TEST(FieldWrites, LoopStoresAndCallbackTargets) {
  Snippet S("struct Span { int lo, hi, step; };\n"
            "struct Op { int (*fn)(int); int (*other)(int); };\n"
            "int twice(int x) { return 2 * x; }\n"
            "int negate(int x) { return -x; }\n"
            "Op table[] = {{twice, twice}, {&negate, 0}};\n"
            "void set(Op &o, int (*g)(int)) { o.other = g; }\n"
            "void f(Span *spans, int n) {\n"
            "  for (int t = 0; t < n; ++t) {\n"
            "    spans[t].lo = t * 4;\n"
            "    spans[t].hi = spans[t].lo + 4;\n"
            "    spans[t].step = 1;\n"
            "  }\n"
            "  spans[0].step = 2;\n"
            "}\n");
  ASSERT_TRUE(S.F);
  auto Field = [&](const std::string &Name) {
    return parlint::test::selectFirst<FieldDecl>(
        "f", fieldDecl(hasName(Name)).bind("f"), *S.AST);
  };
  ASSERT_TRUE(Field("lo") && Field("step") && Field("fn") && Field("other"));
  auto Lo = onlyLoopWriteOf(*Field("lo"), S.context());
  ASSERT_TRUE(Lo);
  EXPECT_EQ(stepOneCounter(*Lo->Loop)->getName(), "t");
  EXPECT_EQ(Lo->Array->getName(), "spans");
  EXPECT_FALSE(onlyLoopWriteOf(*Field("step"), S.context())); // set twice
  auto Targets = functionTargetsOf(*Field("fn"), S.context());
  ASSERT_EQ(Targets.size(), 2u);
  EXPECT_EQ(Targets[0]->getName(), "twice");
  EXPECT_EQ(Targets[1]->getName(), "negate");
  // Given a parameter somewhere: any function may be there.
  EXPECT_TRUE(functionTargetsOf(*Field("other"), S.context()).empty());
}

TEST(Polynomial, ComparesShiftedBoundsExactly) {
  int T = 0, Chunk = 0;
  Polynomial Index = Polynomial::atom(&T), Size = Polynomial::atom(&Chunk);
  Polynomial One = Polynomial::constant(1);
  Polynomial First = One + Index * Size;                 // 1 + t*chunk
  Polynomial Last = First + Size;                         // 1 + t*chunk + chunk
  Polynomial NextFirst = First.substitute(&T, Index + One);
  EXPECT_EQ((Last - NextFirst).constantValue(), 0);
  EXPECT_EQ((Last - One - NextFirst).constantValue(), -1);
  EXPECT_FALSE((Last - First).constantValue());           // chunk is unknown
  EXPECT_TRUE(NextFirst.mentions(&T));
  EXPECT_FALSE((NextFirst - NextFirst).mentions(&T));
  // (t + 1)^2 - t^2 - 2t == 1
  Polynomial Square = Index * Index;
  EXPECT_EQ((Square.substitute(&T, Index + One) - Square -
             Polynomial::constant(2) * Index)
                .constantValue(),
            1);
  // Products too large to be exact are not compared.
  Polynomial Big = Polynomial::constant(INT64_MAX / 2);
  EXPECT_FALSE((Big * Polynomial::constant(4)).constantValue());
}

TEST(SharedWrites, ReferenceParametersFollowTheirArguments) {
  WorkerUnderTest W(
      "void add(std::vector<int> &into, int *count, int v) {\n"
      "  into.push_back(v); *count += 1; }\n"
      "void f() {\n"
      "  std::vector<int> all; int count = 0;\n"
      "  std::thread t(add, std::ref(all), &count, 3);\n"
      "  t.join();\n"
      "}\n");
  ASSERT_FALSE(W.Launches.empty());
  EXPECT_EQ(W.Code.ByReference.size(), 2u);
  EXPECT_EQ(W.writes(), (Writes{"all:M", "count:U"}));
}

TEST(SharedWrites, ArgumentStructFieldsSetAlikeShareTheirObject) {
  WorkerUnderTest W(
      "struct Sum { int n; char text[8]; };\n"
      "struct Arg { int id; Sum *sum; Sum *own; };\n"
      "extern \"C\" void *memset(void *, int, unsigned long);\n"
      "void *work(void *p) {\n"
      "  Arg *a = (Arg *)p; Sum *s = a->sum;\n"
      "  s->n += 1; a->own->n = 2; memset(a->sum->text, 0, 8);\n"
      "  a->sum = nullptr; return nullptr; }\n"
      "void f() {\n"
      "  Sum total; Sum mine[4]; Arg args[4]; pthread_t ids[4];\n"
      "  for (int t = 0; t < 4; ++t) {\n"
      "    args[t].id = t; args[t].sum = &total; args[t].own = &mine[t];\n"
      "    pthread_create(&ids[t], nullptr, work, &args[t]);\n"
      "  }\n"
      "}\n");
  ASSERT_FALSE(W.Launches.empty());
  // `own` points each launch at its own element of `mine`.
  std::vector<std::string> Fields;
  for (const auto &[Field, Pointee] : W.Code.SharedFields)
    Fields.push_back(Field->getName().str() + (Pointee.OwnElement ? ":own" : ""));
  llvm::sort(Fields);
  EXPECT_EQ(Fields, (std::vector<std::string>{"own:own", "sum"}));
  // The field itself (`a->sum = nullptr`) is the worker's own.
  EXPECT_EQ(W.writes(), (Writes{"total.n:U", "total.text:A"}));
  ASSERT_EQ(W.Accesses.OwnSlotWrites.size(), 1u);
  EXPECT_EQ(W.Accesses.OwnSlotWrites[0].Object.describe(), "mine.n");
}

// One object handed to every pthread (`&ctx`, the loop counter's `&i`)
// binds the worker's parameter, through casts and a local copy of it; an
// element per launch (`&ids[i]`) does not.
TEST(SharedWrites, OneArgumentForEveryPthreadIsShared) {
  const char *Worker = "struct Ctx { long total; };\n"
                       "void *work(void *p) {\n"
                       "  Ctx *c = (Ctx *)p; c->total += 1;\n"
                       "  ((Ctx *)p)->total = 0; int id = *(int *)p;\n"
                       "  return (void *)(long)id; }\n";
  WorkerUnderTest Context(std::string(Worker) +
                          "void f() {\n"
                          "  Ctx ctx; pthread_t ids[4];\n"
                          "  for (int t = 0; t < 4; ++t)\n"
                          "    pthread_create(&ids[t], nullptr, work, &ctx);\n"
                          "}\n");
  ASSERT_FALSE(Context.Launches.empty());
  EXPECT_EQ(Context.Code.ByReference.size(), 1u);
  EXPECT_EQ(Context.writes(), (Writes{"ctx.total:U", "ctx.total:A"}));
  WorkerUnderTest Counter(std::string(Worker) +
                          "void f() {\n"
                          "  pthread_t ids[4];\n"
                          "  for (int t = 0; t < 4; ++t)\n"
                          "    pthread_create(&ids[t], nullptr, work, &t);\n"
                          "}\n");
  ASSERT_FALSE(Counter.Launches.empty());
  EXPECT_EQ(Counter.Code.ByReference.size(), 1u) << "&t is one object";
  EXPECT_TRUE(Counter.Code.PerLaunch.empty());
  WorkerUnderTest Own(std::string(Worker) +
                      "void f() {\n"
                      "  Ctx each[4]; pthread_t ids[4];\n"
                      "  for (int t = 0; t < 4; ++t)\n"
                      "    pthread_create(&ids[t], nullptr, work, &each[t]);\n"
                      "}\n");
  ASSERT_FALSE(Own.Launches.empty());
  EXPECT_TRUE(Own.Code.ByReference.empty());
  EXPECT_EQ(Own.writes(), Writes{});
}

// The fields may be set in a loop of their own before the launches, also
// through a pointer to the element; a lock inside the worker's own struct
// guards nothing the workers share.
TEST(SharedWrites, ArgumentStructFieldsFromASetUpLoop) {
  WorkerUnderTest W(
      "struct pthread_mutex_t { int word; };\n"
      "extern \"C\" int pthread_mutex_lock(pthread_mutex_t *);\n"
      "extern \"C\" int pthread_mutex_unlock(pthread_mutex_t *);\n"
      "struct Sum { pthread_mutex_t lock; int n; int m; };\n"
      "struct Arg { pthread_mutex_t own; Sum *sum; Sum *mine; };\n"
      "void *work(void *p) {\n"
      "  Arg *a = (Arg *)p;\n"
      "  pthread_mutex_lock(&a->own); a->sum->n += 1; a->mine->n = 2;\n"
      "  pthread_mutex_unlock(&a->own);\n"
      "  pthread_mutex_lock(&a->sum->lock); a->sum->m = 1;\n"
      "  pthread_mutex_unlock(&a->sum->lock); return nullptr; }\n"
      "void f() {\n"
      "  Sum total; Sum each[4]; Arg args[4]; pthread_t ids[4];\n"
      "  for (int t = 0; t < 4; ++t) {\n"
      "    Arg *a = &args[t]; a->sum = &total; a->mine = &each[t];\n"
      "  }\n"
      "  for (int t = 0; t < 4; ++t)\n"
      "    pthread_create(&ids[t], nullptr, work, &args[t]);\n"
      "}\n");
  ASSERT_FALSE(W.Launches.empty());
  ASSERT_EQ(W.Code.SharedFields.size(), 1u) << "mine differs per element";
  EXPECT_EQ(W.Code.SharedFields.begin()->first->getName(), "sum");
  EXPECT_EQ(W.writes(), (Writes{"total.n:U", "total.m:A+lock"}))
      << "the worker's own lock is no lock of the shared object";
}

TEST(SharedWrites, HandOffsAndLocalsProveNothingShared) {
  WorkerUnderTest W("void f() {\n"
                    "  int result = 0; std::condition_variable cv;\n"
                    "  std::thread t([&] { result = 1; cv.notify_one(); });\n"
                    "  t.join();\n"
                    "}\n");
  EXPECT_TRUE(W.Accesses.HandsOff);
  WorkerUnderTest Copy("void f() {\n"
                       "  int result = 0;\n"
                       "  std::thread t([result]() mutable { result = 1; });\n"
                       "  t.join();\n"
                       "}\n");
  EXPECT_EQ(Copy.writes(), Writes{});
}

// A local bound to one element of a shared container is an alias of that
// element: writes through it count unless the key is the worker's own.
TEST(SharedWrites, ElementAliasesWriteTheContainer) {
  WorkerUnderTest W("void f(std::vector<long> &out, int *keys, int n) {\n"
                    "  std::vector<std::thread> ts;\n"
                    "  for (int i = 0; i < n; ++i)\n"
                    "    ts.emplace_back([&, i] {\n"
                    "      long &mine = out[i]; mine += 1;\n"
                    "      long &any = out[keys[i]]; any += 1;\n"
                    "      long *p = &out[keys[0]]; *p = 2; });\n"
                    "}\n");
  ASSERT_TRUE(W.Code.Body);
  EXPECT_EQ(W.writes(), (std::vector<std::string>{"out:U", "out:A"}));
}

TEST(SharedWrites, IndexKinds) {
  WorkerUnderTest W("void f(std::vector<int> &out, std::vector<int> &in) {\n"
                    "  std::vector<std::thread> ts;\n"
                    "  for (int i = 0; i < 4; ++i)\n"
                    "    ts.emplace_back([&, i] { out[i * 2 + 1] = 0;\n"
                    "      out[i % 2] = 0; out[i % 8] = 0; out[in[i]] = 0;\n"
                    "      out[3] = 0; });\n"
                    "}\n");
  ASSERT_TRUE(W.Code.Body);
  std::vector<IndexKind> Kinds;
  for (const auto *Subscript : parlint::test::selectAll<CXXOperatorCallExpr>(
           "s",
           cxxOperatorCallExpr(hasOverloadedOperatorName("[]"),
                               hasArgument(0, declRefExpr(to(varDecl(hasName("out"))))))
               .bind("s"),
           *W.S.AST))
    Kinds.push_back(classifyWorkerIndex(
        *Subscript->getArg(1), W.Code,
        AnalysisCache::of(*W.Code.Body, W.S.context())));
  // Four workers: `i % 2` folds two of them onto one slot; `i % 8` does
  // not, but parlint does not prove it unique either.
  EXPECT_EQ(Kinds, (std::vector<IndexKind>{
                       IndexKind::PerWorker, IndexKind::DataDependent,
                       IndexKind::Unknown, IndexKind::DataDependent,
                       IndexKind::Shared}));
}

} // namespace

// A write to the worker's own slot is no write other instances meet, but it
// is kept apart: a thread reading every slot while the worker runs meets it.
TEST(SharedWrites, OwnSlotWritesAreKeptApart) {
  WorkerUnderTest W(
      "struct Slot { long done; long failed; };\n"
      "void f(std::vector<Slot> &slots, std::vector<long> &flat) {\n"
      "  std::vector<std::thread> ts;\n"
      "  for (int i = 0; i < 4; ++i)\n"
      "    ts.emplace_back([&, i] {\n"
      "      Slot &mine = slots[i];\n"
      "      mine.done = mine.done + 1;\n"       // own slot, through an alias
      "      flat[i] += 2;\n"                    // own slot, subscripted
      "      long seen = flat[i];\n"             // a read: not kept
      "      flat[(i + 1) % 4] = seen;\n"        // not placed: kept, marked
      "    });\n"
      "}\n");
  ASSERT_FALSE(W.Launches.empty());
  EXPECT_EQ(W.writes(), Writes{});
  std::vector<std::string> Own;
  std::vector<bool> Unplaced;
  for (const SharedAccess &A : W.Accesses.OwnSlotWrites) {
    Own.push_back(A.Object.describe());
    Unplaced.push_back(A.UnplacedSlot);
  }
  EXPECT_EQ(Own, (std::vector<std::string>{"slots.done", "flat", "flat"}));
  EXPECT_EQ(Unplaced, (std::vector<bool>{false, false, true}));
}

TEST(SharedWrites, WritesThroughAnElementOfTheirOwnAreOwnSlotWrites) {
  // `&slots[i]` per launch: what the worker writes through it, itself or in
  // a helper, is its own slot of `slots`, and the lock in that element is
  // named by the container.
  WorkerUnderTest W(
      "struct Slot { std::mutex m; long beat; long items; };\n"
      "Slot slots[4]; long shared_total;\n"
      "void touch(Slot *s, long v) { s->beat = v; }\n"
      "void run_slot(Slot *s) {\n"
      "  touch(s, 1);\n"                                    // own, in a helper
      "  { std::lock_guard<std::mutex> g(s->m); s->items = 2; }\n" // own, locked
      "  long seen = s->beat;\n"                            // a read: not kept
      "  shared_total = seen;\n"                            // shared
      "}\n"
      "void f() {\n"
      "  std::vector<std::thread> ts;\n"
      "  for (int i = 0; i < 4; ++i)\n"
      "    ts.emplace_back(run_slot, &slots[i]);\n"
      "}\n");
  ASSERT_FALSE(W.Launches.empty());
  EXPECT_EQ(W.writes(), Writes{"shared_total:A"});
  std::vector<std::string> Own;
  for (const SharedAccess &A : W.Accesses.OwnSlotWrites)
    Own.push_back(A.Object.describe() + (A.Held.empty() ? "" : "+lock"));
  EXPECT_EQ(Own, (std::vector<std::string>{"slots.beat", "slots.items+lock"}));
}

TEST(SharedWrites, OneElementForEveryLaunchIsNoSlotOfItsOwn) {
  // `&slots[0]` on every launch: all of them share that element.
  WorkerUnderTest W(
      "struct Slot { long beat; };\n"
      "Slot slots[4];\n"
      "void run_slot(Slot *s) { s->beat = 1; }\n"
      "void f() {\n"
      "  std::vector<std::thread> ts;\n"
      "  for (int i = 0; i < 4; ++i)\n"
      "    ts.emplace_back(run_slot, &slots[0]);\n"
      "}\n");
  ASSERT_FALSE(W.Launches.empty());
  EXPECT_TRUE(W.Accesses.OwnSlotWrites.empty());
}

TEST(SharedWrites, APolledFlagOrdersOnlyWhatFollowsItsLoop) {
  WorkerUnderTest W(
      "long seen_in_loop, seen_after;\n"
      "std::atomic<bool> stop;\n"
      "void f() {\n"
      "  std::thread t([] {\n"
      "    while (!stop.load())\n"
      "      seen_in_loop = 1;\n" // while the flag is unset
      "    seen_after = 2;\n"     // once it was seen set
      "  });\n"
      "}\n");
  ASSERT_FALSE(W.Launches.empty());
  EXPECT_TRUE(W.Accesses.HandsOff);
  EXPECT_TRUE(W.Accesses.PollsOnly);
  std::vector<std::string> Polling;
  for (const SharedAccess &A : W.Accesses.Accesses)
    Polling.push_back(A.Object.describe() + (A.WhilePolling ? ":polling" : ""));
  EXPECT_EQ(Polling, (std::vector<std::string>{"seen_in_loop:polling", "seen_after"}));
}

TEST(SharedWrites, AnotherHandOffBesidesThePollIsNotPollingOnly) {
  WorkerUnderTest W(
      "long value;\n"
      "std::atomic<bool> stop; std::atomic<int> generation;\n"
      "void f() {\n"
      "  std::thread t([] {\n"
      "    while (!stop.load())\n"
      "      if (generation.load() > 0) value = 1;\n"
      "  });\n"
      "}\n");
  ASSERT_FALSE(W.Launches.empty());
  EXPECT_TRUE(W.Accesses.HandsOff);
  EXPECT_FALSE(W.Accesses.PollsOnly);
}

// A write on each trip of a loop that notifies and never waits is a refill
// nobody watches; a loop that waits, or one that only computes, is not.
TEST(SharedWrites, RefillsOfALoopThatNeverWaitsAreMarked) {
  WorkerUnderTest W(
      "long payload, sum, late; std::condition_variable cv; std::mutex m;\n"
      "void f() {\n"
      "  std::thread t([] {\n"
      "    for (int i = 0; i < 9; i++) {\n"
      "      payload = i;\n"       // refilled, then announced: marked
      "      cv.notify_one();\n"
      "    }\n"
      "    for (int i = 0; i < 9; i++) {\n"
      "      std::unique_lock<std::mutex> l(m);\n"
      "      cv.wait(l);\n"        // waits for the other side
      "      l.unlock();\n"
      "      late = i;\n"
      "    }\n"
      "    for (int i = 0; i < 9; i++)\n"
      "      sum += i;\n"          // no hand-off at all
      "  });\n"
      "}\n");
  ASSERT_FALSE(W.Launches.empty());
  std::vector<std::string> Found;
  for (const SharedAccess &A : W.Accesses.Accesses)
    if (A.isWrite())
      Found.push_back(A.Object.describe() + (A.RefilledUnwatched ? ":refill" : ""));
  EXPECT_EQ(Found, (std::vector<std::string>{"payload:refill", "late", "sum"}));
}

TEST(SharedWrites, ReadsInALoopsConditionAreMarked) {
  WorkerUnderTest W(
      "bool running; long total; int batch; std::condition_variable cv;\n"
      "void f() {\n"
      "  std::thread t([] {\n"
      "    while (running) {\n"  // read again after each trip's signal
      "      total = 1;\n"       // the body: not the condition
      "      cv.notify_one();\n"
      "    }\n"
      "    for (int i = 0; i < batch; i++)\n" // no hand-off on its trips
      "      total = 2;\n"
      "  });\n"
      "}\n");
  ASSERT_FALSE(W.Launches.empty());
  std::vector<std::string> Found;
  for (const SharedAccess &A : W.Accesses.Accesses)
    Found.push_back(A.Object.describe() + (A.InLoopCondition ? ":condition" : ""));
  EXPECT_EQ(Found, (std::vector<std::string>{"running:condition", "total", "batch", "total"}));
}
