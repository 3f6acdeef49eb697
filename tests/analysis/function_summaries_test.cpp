// FunctionSummaries and ClassModel on small code: what a call finishes or
// starts among the members of *this and the by-reference parameters, through
// helpers, unknown code and recursion; and what a class's destructors do to
// its thread and pool members.
#include "ast_test_support.h"
#include "fake_std.h"

#include "analysis/ClassModel.h"
#include "analysis/FunctionSummaries.h"
#include "analysis/OwnerUses.h"
#include "common/AnalysisCache.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;
using parlint::test::FakeStd;

namespace {

// A snippet after FakeStd, which the line markers make a system header (as
// <thread> is): its functions are the model's, not code to summarize. Lines
// of the snippet count from 1.
struct Code {
  std::unique_ptr<ASTUnit> AST;

  explicit Code(const std::string &Snippet,
                std::vector<std::string> Args = {"-std=c++17"}) {
    AnalysisCache::reset();
    AST = parlint::test::parse(std::string("# 1 \"fake_std.h\" 1 3\n") +
                                   FakeStd + "# 1 \"input.cpp\" 2\n" + Snippet,
                               std::move(Args));
  }
  ~Code() { AnalysisCache::reset(); }

  ASTContext &context() { return AST->getASTContext(); }

  // The definition of Name, or its declaration when it has none here.
  const FunctionDecl &function(const std::string &Name) {
    const auto *F = parlint::test::selectFirst<FunctionDecl>(
        "f", functionDecl(hasName(Name)).bind("f"), *AST);
    EXPECT_NE(F, nullptr) << Name;
    return F->getDefinition() ? *F->getDefinition() : *F;
  }
  const FieldDecl &field(const std::string &Name) {
    const auto *F = parlint::test::selectFirst<FieldDecl>(
        "f", fieldDecl(hasName(Name)).bind("f"), *AST);
    EXPECT_NE(F, nullptr) << Name;
    return *F;
  }
  const CXXRecordDecl &record(const std::string &Name) {
    const auto *R = parlint::test::selectFirst<CXXRecordDecl>(
        "r", cxxRecordDecl(hasName(Name), isDefinition()).bind("r"), *AST);
    EXPECT_NE(R, nullptr) << Name;
    return *R;
  }
  const FunctionSummary &summary(const std::string &Name) {
    return FunctionSummaries::of(function(Name), context());
  }
  // The kinds of the steps of Name on member Field, in order.
  std::vector<HandleStepKind> kinds(const std::string &Name,
                                    const std::string &Field) {
    std::vector<HandleStepKind> Kinds;
    for (const HandleStep &Step :
         FunctionSummaries::stepsOf(function(Name), context()))
      if (Step.Handle == ReachedHandle::member(field(Field)))
        Kinds.push_back(Step.Kind);
    return Kinds;
  }
  // The line in the snippet (after the line marker).
  unsigned line(const Stmt *S) {
    return S ? AST->getSourceManager().getPresumedLoc(S->getBeginLoc()).getLine()
             : 0;
  }
  const HandleMember *member(const std::string &Class,
                             const std::string &Field) {
    const ClassModel *Model = ClassModels::of(record(Class), context());
    if (!Model)
      return nullptr;
    for (const HandleMember &Member : Model->Members)
      if (Member.Field->getName() == Field)
        return &Member;
    return nullptr;
  }
};

using Kinds = std::vector<HandleStepKind>;
constexpr HandleStepKind Start = HandleStepKind::Start;
constexpr HandleStepKind Join = HandleStepKind::Join;
constexpr HandleStepKind Detach = HandleStepKind::Detach;
constexpr HandleStepKind Escape = HandleStepKind::Escape;
constexpr HandleStepKind MayFinish = HandleStepKind::MayFinish;

TEST(FunctionSummaries, DirectAndConditionalJoinsFinishTheMember) {
  Code C("struct S {\n"
         "  std::thread t;\n"
         "  void stop() { t.join(); }\n"
         "  void stopIfRunning() { if (t.joinable()) t.join(); }\n"
         "  bool running() const { return t.joinable(); }\n"
         "};\n");
  const FieldDecl &T = C.field("t");
  EXPECT_TRUE(C.summary("stop").mayFinish(ReachedHandle::member(T)));
  EXPECT_TRUE(C.summary("stopIfRunning").mayFinish(ReachedHandle::member(T)));
  EXPECT_FALSE(C.summary("running").mayFinish(ReachedHandle::member(T)));
  EXPECT_EQ(C.kinds("stop", "t"), Kinds{Join});
}

TEST(FunctionSummaries, StartsAndTheirOrigins) {
  Code C("struct S {\n"
         "  std::thread t;\n"
         "  std::vector<std::thread> pool;\n"
         "  S() { start(); }\n"
         "  void start() {\n"
         "    t = std::thread(work, 1);\n"
         "  }\n"
         "  void add() { pool.emplace_back(work, 2); }\n"
         "  void reset() { t = std::thread(); }\n"
         "};\n");
  const HandleStep *Started = C.summary("S").startOf(C.field("t"));
  ASSERT_NE(Started, nullptr) << "through the call of start()";
  EXPECT_EQ(C.line(Started->Origin), 6u) << "the note points at the launch";
  EXPECT_EQ(Started->OriginFunction, &C.function("start"));
  EXPECT_NE(C.summary("add").startOf(C.field("pool")), nullptr);
  EXPECT_EQ(C.summary("reset").startOf(C.field("t")), nullptr)
      << "an empty thread is not a start";
}

TEST(FunctionSummaries, ConstructorMemberInitializerStarts) {
  Code C("struct S {\n"
         "  std::thread t;\n"
         "  std::thread idle;\n"
         "  S() : t(work, 1), idle() {}\n"
         "};\n");
  EXPECT_NE(C.summary("S").startOf(C.field("t")), nullptr);
  EXPECT_EQ(C.summary("S").startOf(C.field("idle")), nullptr);
}

TEST(FunctionSummaries, HelpersMapThisParametersAndTheirMembers) {
  Code C("void joinIt(std::thread &t) { t.join(); }\n"
         "struct Server;\n"
         "void stopServer(Server &s);\n"
         "struct Server {\n"
         "  std::thread worker;\n"
         "  std::thread other;\n"
         "  void viaParameter() { joinIt(worker); }\n"
         "  void viaThis() { stopServer(*this); }\n"
         "  void viaMethod() { viaParameter(); }\n"
         "};\n"
         "void stopServer(Server &s) { s.worker.detach(); }\n");
  EXPECT_TRUE(C.summary("joinIt").mayFinish(ReachedHandle::parameter(0)));
  EXPECT_EQ(C.kinds("viaParameter", "worker"), Kinds{Join});
  EXPECT_EQ(C.kinds("viaThis", "worker"), Kinds{Detach});
  EXPECT_EQ(C.kinds("viaThis", "other"), Kinds{});
  EXPECT_EQ(C.kinds("viaMethod", "worker"), Kinds{Join});
  EXPECT_TRUE(C.summary("stopServer")
                  .mayFinish(ReachedHandle::parameter(0, &C.field("worker"))));
}

TEST(FunctionSummaries, UnknownCodeMayFinishWhatItReaches) {
  Code C("void external(std::thread &t);\n"
         "void inspect(const std::thread &t);\n"
         "void registerObject(void *object);\n"
         "struct S {\n"
         "  std::thread t;\n"
         "  virtual void stop();\n"
         "  void undefined();\n"
         "  void handOver() { external(t); }\n"
         "  void look() { inspect(t); }\n"
         "  void virtualCall() { stop(); }\n"
         "  void elsewhere() { undefined(); }\n"
         "  void leak() { registerObject(this); }\n"
         "};\n");
  EXPECT_TRUE(C.summary("undefined").Unknown);
  EXPECT_EQ(C.kinds("handOver", "t"), Kinds{Escape});
  EXPECT_EQ(C.kinds("look", "t"), Kinds{}) << "a const reference cannot join";
  const FieldDecl &T = C.field("t");
  for (const char *Name : {"virtualCall", "elsewhere", "leak"}) {
    EXPECT_TRUE(C.summary(Name).mayFinish(ReachedHandle::member(T))) << Name;
    EXPECT_EQ(C.summary(Name).startOf(T), nullptr) << Name;
  }
}

TEST(FunctionSummaries, HandOversAndDetaches) {
  Code C("struct S {\n"
         "  std::thread t;\n"
         "  std::thread release() { return std::move(t); }\n"
         "  void forget() { t.detach(); }\n"
         "};\n");
  EXPECT_EQ(C.kinds("release", "t"), Kinds{Escape});
  EXPECT_EQ(C.kinds("forget", "t"), Kinds{Detach});
}

TEST(FunctionSummaries, LoopsOverAContainerFinishAtTheLoop) {
  Code C("struct S {\n"
         "  std::vector<std::thread> threads;\n"
         "  void joinAll() {\n"
         "    for (auto &t : threads)\n"
         "      t.join();\n"
         "  }\n"
         "  void joinEach() {\n"
         "    for (std::size_t i = 0; i < threads.size(); ++i)\n"
         "      threads[i].join();\n"
         "  }\n"
         "  void look() {\n"
         "    for (const auto &t : threads)\n"
         "      (void)t.joinable();\n"
         "  }\n"
         "};\n");
  auto Steps = FunctionSummaries::stepsOf(C.function("joinAll"), C.context());
  ASSERT_EQ(Steps.size(), 1u);
  EXPECT_TRUE(Steps[0].AtLoop);
  EXPECT_EQ(C.line(Steps[0].Where), 4u) << "the range-for";
  EXPECT_EQ(C.line(Steps[0].Origin), 5u) << "the join";
  auto Each = FunctionSummaries::stepsOf(C.function("joinEach"), C.context());
  ASSERT_EQ(Each.size(), 1u);
  EXPECT_TRUE(Each[0].AtLoop);
  EXPECT_EQ(C.kinds("look", "threads"), Kinds{});
}

TEST(FunctionSummaries, RecursionAndDepthAreCut) {
  Code C("struct S {\n"
         "  std::thread t;\n"
         "  void a(int n) { if (n) b(n - 1); }\n"
         "  void b(int n) { a(n); t.join(); }\n"
         "  void f0() { f1(); } void f1() { f2(); } void f2() { f3(); }\n"
         "  void f3() { f4(); } void f4() { f5(); } void f5() { f6(); }\n"
         "  void f6() { f7(); } void f7() { f8(); } void f8() { f9(); }\n"
         "  void f9() { f10(); } void f10() { t.join(); }\n"
         "};\n");
  const FieldDecl &T = C.field("t");
  EXPECT_TRUE(C.summary("a").mayFinish(ReachedHandle::member(T)));
  EXPECT_TRUE(C.summary("b").mayFinish(ReachedHandle::member(T)));
  // Past the depth bound the rest is unknown, which may finish.
  EXPECT_TRUE(C.summary("f0").mayFinish(ReachedHandle::member(T)));
  EXPECT_TRUE(C.summary("f9").mayFinish(ReachedHandle::member(T)));
}

TEST(FunctionSummaries, PoolMembersStartWithWorkAndFinishWithAWait) {
  Code C("namespace boost::asio {\n"
         "struct thread_pool {\n"
         "  thread_pool();\n"
         "  ~thread_pool();\n"
         "  void join();\n"
         "};\n"
         "template <class F> void post(thread_pool &pool, F f);\n"
         "}\n"
         "struct S {\n"
         "  boost::asio::thread_pool pool;\n"
         "  void add() { boost::asio::post(pool, [] { work(1); }); }\n"
         "  void finish() { pool.join(); }\n"
         "};\n");
  EXPECT_EQ(C.kinds("add", "pool"), Kinds{Start});
  EXPECT_EQ(C.kinds("finish", "pool"), Kinds{Join});
}

TEST(ClassModel, DestructorEffectOnEachMember) {
  Code C("struct Leaves {\n"
         "  std::thread t;\n"
         "  void start() { t = std::thread(work, 1); }\n"
         "  ~Leaves() {}\n"
         "};\n"
         "struct Joins {\n"
         "  std::thread t;\n"
         "  void start() { t = std::thread(work, 1); }\n"
         "  void stop() { if (t.joinable()) t.join(); }\n"
         "  ~Joins() { stop(); }\n"
         "};\n"
         "struct Sometimes {\n"
         "  bool running = false;\n"
         "  std::thread t;\n"
         "  void start() { running = true; t = std::thread(work, 1); }\n"
         "  ~Sometimes() { if (running) t.join(); }\n"
         "};\n"
         "struct Elsewhere {\n"
         "  std::thread t;\n"
         "  void start() { t = std::thread(work, 1); }\n"
         "  ~Elsewhere();\n"
         "};\n"
         "struct Implicit {\n"
         "  std::vector<std::thread> threads;\n"
         "  void add() { threads.emplace_back(work, 1); }\n"
         "};\n"
         "struct Never {\n"
         "  std::thread t;\n"
         "};\n"
         "void destroy() { Implicit i; }\n");
  const HandleMember *M = C.member("Leaves", "t");
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(M->Kind, MemberHandleKind::Thread);
  ASSERT_EQ(M->Starts.size(), 1u);
  EXPECT_EQ(M->Starts[0].Method, &C.function("start"));
  EXPECT_EQ(M->Destruction, DestructorEffect::LeavesRunning);

  M = C.member("Joins", "t");
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(M->Destruction, DestructorEffect::Finishes);
  ASSERT_EQ(M->Joins.size(), 1u) << "stop() joins, outside the destructor";

  M = C.member("Sometimes", "t");
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(M->Destruction, DestructorEffect::MayFinish);

  M = C.member("Elsewhere", "t");
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(M->Destruction, DestructorEffect::Unknown);

  M = C.member("Implicit", "threads");
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(M->Kind, MemberHandleKind::ThreadContainer);
  EXPECT_EQ(M->Destruction, DestructorEffect::LeavesRunning);
  EXPECT_EQ(ClassModels::of(C.record("Implicit"), C.context())->Destructor,
            nullptr);

  M = C.member("Never", "t");
  ASSERT_NE(M, nullptr);
  EXPECT_TRUE(M->Starts.empty());
}

TEST(ClassModel, DerivedAndAbstractClasses) {
  Code C("struct Base {\n"
         "  std::thread t;\n"
         "  void start() { t = std::thread(work, 1); }\n"
         "};\n"
         "struct Derived : Base {\n"
         "  ~Derived() { t.join(); }\n"
         "};\n"
         "struct Abstract {\n"
         "  std::thread t;\n"
         "  virtual void run() = 0;\n"
         "  void start() { t = std::thread(work, 1); }\n"
         "};\n"
         "struct Initialized {\n"
         "  std::thread t{work, 1};\n"
         "};\n"
         "struct Leaked {\n"
         "  std::thread t{work, 1};\n"
         "  static Leaked *make() { return new Leaked; }\n"
         "};\n"
         "void destroy() { Initialized i; }\n");
  const HandleMember *M = C.member("Base", "t");
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(M->Destruction, DestructorEffect::Finishes)
      << "a derived class's destructor joins it before the member dies";
  M = C.member("Abstract", "t");
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(M->Destruction, DestructorEffect::Unknown);
  M = C.member("Initialized", "t");
  ASSERT_NE(M, nullptr);
  ASSERT_EQ(M->Starts.size(), 1u);
  EXPECT_EQ(M->Starts[0].Function, nullptr) << "the default initializer";
  EXPECT_EQ(M->Destruction, DestructorEffect::LeavesRunning);
  M = C.member("Leaked", "t");
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(M->Destruction, DestructorEffect::LeavesRunning)
      << "whether some code destroys one is not asked: the in-process worker "
         "skips the standard library's bodies, which destroy objects too";
}

TEST(ClassModel, MethodsNotVisibleHere) {
  Code C("struct Split {\n"
         "  std::thread t;\n"
         "  void start() { t = std::thread(work, 1); }\n"
         "  void stop();\n"
         "};\n"
         "template <class T> struct Lazy {\n"
         "  std::thread t;\n"
         "  void start() { t = std::thread(work, 1); }\n"
         "  void stop() { t.join(); }\n"
         "  void other() {}\n"
         "};\n"
         "void use() { Lazy<int> l; l.start(); }\n");
  const HandleMember *M = C.member("Split", "t");
  ASSERT_NE(M, nullptr);
  EXPECT_NE(M->UnseenMethod, nullptr) << "stop() is defined elsewhere";
  const auto *Instance = parlint::test::selectFirst<ClassTemplateSpecializationDecl>(
      "r", classTemplateSpecializationDecl(hasName("Lazy")).bind("r"), *C.AST);
  ASSERT_NE(Instance, nullptr);
  const ClassModel *Model = ClassModels::of(*Instance, C.context());
  ASSERT_NE(Model, nullptr);
  ASSERT_EQ(Model->Members.size(), 1u);
  ASSERT_NE(Model->Members[0].UnseenMethod, nullptr)
      << "stop() names t but was not instantiated";
  EXPECT_EQ(Model->Members[0].UnseenMethod->getName(), "stop");
}

TEST(OwnerUses, StartsAndStopsThroughMethodsAndHelpers) {
  Code C("struct Server {\n"
         "  std::thread t;\n"
         "  void start() { t = std::thread(work, 1); }\n"
         "  void stop() { if (t.joinable()) t.join(); }\n"
         "  ~Server() {}\n"
         "};\n"
         "void halt(Server &s) { s.stop(); }\n"
         "void look(const Server &s);\n"
         "void keep(Server &s);\n"
         "void f(bool c) {\n"
         "  Server s;\n"
         "  s.start();\n"
         "  look(s);\n"
         "  if (c) return;\n"
         "  halt(s);\n"
         "}\n"
         "void g() { Server s; s.start(); keep(s); }\n");
  const ClassModel *Model = ClassModels::of(C.record("Server"), C.context());
  ASSERT_NE(Model, nullptr);
  OwnerDuty Duty = ownerDutyOf(*Model);
  ASSERT_NE(Duty.Member, nullptr);
  EXPECT_EQ(Duty.Finisher, &C.function("stop"));
  const FunctionDecl &F = C.function("f");
  FunctionAnalysis &Owner = AnalysisCache::of(*F.getBody(), C.context());
  const auto *S = parlint::test::selectFirst<VarDecl>(
      "v", varDecl(hasName("s"), hasAncestor(functionDecl(hasName("f")))).bind("v"),
      *C.AST);
  ASSERT_NE(S, nullptr);
  OwnerUses Uses = collectOwnerUses(Owner, *S, Duty, C.context());
  ASSERT_FALSE(Uses.Escapes);
  EXPECT_EQ(C.line(Uses.FirstStart), 12u);
  std::vector<HandleEffect> Effects;
  for (const auto &[Stmt, Effect] : Uses.Events.AtStmt)
    Effects.push_back(Effect);
  llvm::sort(Effects);
  EXPECT_EQ(Effects, (std::vector<HandleEffect>{HandleEffect::Start,
                                                HandleEffect::Finish}))
      << "look() through a const reference does nothing";
  auto Exits = findBadExits(Owner, *S, Uses.Events, {});
  ASSERT_EQ(Exits.size(), 1u);
  EXPECT_EQ(C.line(Exits[0].Trigger), 14u) << "the early return";

  const FunctionDecl &G = C.function("g");
  const auto *T = parlint::test::selectFirst<VarDecl>(
      "v", varDecl(hasName("s"), hasAncestor(functionDecl(hasName("g")))).bind("v"),
      *C.AST);
  ASSERT_NE(T, nullptr);
  EXPECT_TRUE(collectOwnerUses(AnalysisCache::of(*G.getBody(), C.context()), *T,
                               Duty, C.context())
                  .Escapes)
      << "keep() may stop it";
}

TEST(ClassModel, MembersThatFinishThemselvesAreNotHandles) {
  Code C("struct S {\n"
         "  std::jthread t;\n"
         "  std::future<int> f;\n"
         "  void start() { t = std::jthread(work, 1); }\n"
         "};\n",
         {"-std=c++20"});
  EXPECT_EQ(ClassModels::of(C.record("S"), C.context()), nullptr);
}

} // namespace
