// model/Pools on small code: which classes are thread pools, which member
// calls queue a task and which wait for the queued work, for the libraries
// parlint knows and for a project's own pool named in its options
// (common/ProjectConfig).
#include "ast_test_support.h"

#include "common/ProjectConfig.h"
#include "model/Launch.h"
#include "model/Pools.h"

#include <map>
#include <set>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;

namespace {

// Stand-ins with the libraries' names and the shape of their APIs.
constexpr const char *Libraries = R"cpp(
namespace BS {
template <int Options = 0> class thread_pool {
public:
  template <typename F> void detach_task(F &&task) {}
  template <typename F> int submit_task(F &&task) { return 0; }
  void wait() {}
  int get_thread_count() { return 0; }
};
} // namespace BS
namespace ctpl {
class thread_pool {
public:
  template <typename F, typename... A> int push(F &&f, A &&...args) { return 0; }
  void stop(bool wait = false) {}
};
} // namespace ctpl
namespace tbb { namespace detail { namespace d1 {
class task_group_base { public: void wait() {} };
class task_group : public task_group_base {
public:
  template <typename F> void run(F &&f) {}
};
} } using detail::d1::task_group; } // namespace tbb
class ThreadPool {
public:
  template <typename F, typename... A> int enqueue(F &&f, A &&...args) { return 0; }
};
namespace mylib {
struct Workers {
  template <typename F> void schedule(int priority, F &&job) {}
  template <typename F> void submit(F &&job) {}
  void drain() {}
};
} // namespace mylib
void work(int);
void work2(int id, int value);
)cpp";

struct Calls {
  std::unique_ptr<ASTUnit> AST;
  std::vector<const CXXMemberCallExpr *> Members;
};

Calls membersIn(const std::string &Body) {
  Calls Result;
  Result.AST = parlint::test::parse(std::string(Libraries) + Body);
  if (Result.AST)
    Result.Members = parlint::test::selectAll<CXXMemberCallExpr>(
        "c",
        cxxMemberCallExpr(hasAncestor(functionDecl(hasName("f")))).bind("c"),
        *Result.AST);
  return Result;
}

// Restores the default configuration after a test that sets one.
struct ConfigGuard {
  ~ConfigGuard() { setProjectConfig(parseProjectConfig({})); }
};

TEST(PoolModel, LibraryTaskCallsAndWaits) {
  auto C = membersIn(R"cpp(
void f(BS::thread_pool<> &bs, ctpl::thread_pool &ct, tbb::task_group &tg,
       ThreadPool &tp) {
  bs.detach_task([] {});
  bs.submit_task([] {});
  bs.get_thread_count();
  bs.wait();
  ct.push(work2, 1);
  ct.stop(true);
  tg.run([] {});
  tg.wait();
  tp.enqueue(work, 1);
}
)cpp");
  ASSERT_EQ(C.Members.size(), 9u);
  // (selectAll gives the calls in no particular order.)
  std::multiset<std::string> Tasks, Waits;
  for (const CXXMemberCallExpr *Call : C.Members) {
    std::string Name = Call->getMethodDecl()->getNameAsString();
    if (auto Task = poolTaskCall(*Call)) {
      Tasks.insert(Name);
      EXPECT_EQ(Task->Pool, Call->getImplicitObjectArgument());
      EXPECT_EQ(Task->CallableIndex, 0u);
      EXPECT_EQ(Task->LeadingWorkerArguments, Name == "push" ? 1u : 0u);
    }
    if (waitsForPoolWork(*Call))
      Waits.insert(Name);
  }
  EXPECT_EQ(Tasks, (std::multiset<std::string>{"detach_task", "submit_task",
                                               "push", "run", "enqueue"}));
  EXPECT_EQ(Waits, (std::multiset<std::string>{"wait", "stop", "wait"}));
}

TEST(PoolModel, CtplPassesTheWorkersIdFirst) {
  auto C = membersIn("void f(ctpl::thread_pool &ct) { ct.push(work2, 7); }");
  ASSERT_EQ(C.Members.size(), 1u);
  auto L = describeLaunch(*C.Members[0], C.AST->getASTContext());
  ASSERT_TRUE(L);
  EXPECT_EQ(L->Kind, LaunchKind::PoolSubmit);
  ASSERT_EQ(L->Arguments.size(), 1u);
  const ParmVarDecl *Param = L->parameterFor(0);
  ASSERT_NE(Param, nullptr);
  EXPECT_EQ(Param->getName(), "value") << "argument 0 lands after the id";
}

TEST(PoolModel, WhichDestructorsAbandonQueuedWork) {
  auto C = membersIn(R"cpp(
void f(BS::thread_pool<> &bs, tbb::task_group &tg) { bs.wait(); tg.wait(); }
)cpp");
  ASSERT_EQ(C.Members.size(), 2u);
  if (C.Members[0]->getBeginLoc() > C.Members[1]->getBeginLoc())
    std::swap(C.Members[0], C.Members[1]);
  auto RecordOf = [](const CXXMemberCallExpr *Call) {
    return Call->getImplicitObjectArgument()
        ->IgnoreParenImpCasts()
        ->getType()
        ->getAsCXXRecordDecl();
  };
  EXPECT_EQ(waitBeforeDestruction(RecordOf(C.Members[0])), "")
      << "BS::thread_pool waits in its destructor";
  EXPECT_EQ(waitBeforeDestruction(RecordOf(C.Members[1])), "wait");
  EXPECT_TRUE(isThreadPoolClass(RecordOf(C.Members[0])));
  EXPECT_TRUE(isThreadPoolClass(RecordOf(C.Members[1])));
}

TEST(PoolModel, AProjectsOwnPoolOnlyWhenNamed) {
  const char *Body = R"cpp(
void f(mylib::Workers &w) {
  w.schedule(1, [] {});
  w.submit([] {});
  w.drain();
}
)cpp";
  {
    auto C = membersIn(Body);
    ASSERT_EQ(C.Members.size(), 3u);
    for (const CXXMemberCallExpr *Call : C.Members) {
      EXPECT_FALSE(poolTaskCall(*Call)) << "mylib::Workers is not configured";
      EXPECT_FALSE(waitsForPoolWork(*Call));
    }
  }
  ConfigGuard Restore;
  clang::tidy::ClangTidyOptions::OptionMap Options;
  Options[PoolTypesKey] = clang::tidy::ClangTidyOptions::ClangTidyValue(
      "mylib::Workers");
  Options[PoolTaskMethodsKey] =
      clang::tidy::ClangTidyOptions::ClangTidyValue("schedule");
  Options[PoolWaitMethodsKey] =
      clang::tidy::ClangTidyOptions::ClangTidyValue("drain");
  setProjectConfig(parseProjectConfig(Options));
  auto C = membersIn(Body);
  ASSERT_EQ(C.Members.size(), 3u);
  for (const CXXMemberCallExpr *Call : C.Members) {
    StringRef Name = Call->getMethodDecl()->getName();
    auto Task = poolTaskCall(*Call);
    if (Name == "schedule") {
      ASSERT_TRUE(Task);
      EXPECT_EQ(Task->CallableIndex, 1u) << "the task is the first callable";
    } else {
      EXPECT_FALSE(Task) << Name.str() << " is not a configured task method";
    }
    EXPECT_EQ(waitsForPoolWork(*Call), Name == "drain") << Name.str();
  }
}

std::string objectClassName(const CXXMemberCallExpr &Call) {
  return Call.getMethodDecl()->getParent()->getNameAsString();
}

// A pool the project implements (worker threads and a queue of callables
// as members, a standard container or a queue class of its own) queues
// tasks through each public member function that takes a callable and adds
// to that queue (push, emplace, insert, enqueue, put, add), whatever its
// name; a callable run in
// place, or a queue without threads, queues nothing.
TEST(PoolModel, AProjectsPoolImplementationQueuesThroughItsTaskFunctions) {
  auto AST = parlint::test::parseWithSystemHeaders(R"cpp(
#include <deque>
#include <functional>
#include <thread>
#include <vector>
class Workers {
public:
  void submit(std::function<void()> task) { tasks_.push_back(std::move(task)); }
  template <class F> void later(int delay, F &&job) { tasks_.emplace_back(job); }
  void runHere(std::function<void()> task) { task(); }
  unsigned size() const { return tasks_.size(); }
private:
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
};
template <class T> class SafeQueue {
public:
  void enqueue(T item);
  bool dequeue(T &item);
};
class Crew {
public:
  template <class F> void submit(F &&job) { queue_.enqueue(job); }
private:
  SafeQueue<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
};
class Events {
public:
  void add(std::function<void()> handler) { handlers_.push_back(handler); }
private:
  std::vector<std::function<void()>> handlers_;
};
void f(Workers &w, Events &e, Crew &c) {
  c.submit([] {});
  w.submit([] {});
  w.later(5, [] {});
  w.runHere([] {});
  (void)w.size();
  e.add([] {});
}
)cpp");
  ASSERT_TRUE(AST);
  auto Members = parlint::test::selectAll<CXXMemberCallExpr>(
      "c", cxxMemberCallExpr(hasAncestor(functionDecl(hasName("f")))).bind("c"),
      *AST);
  ASSERT_EQ(Members.size(), 6u);
  std::map<std::string, unsigned> Tasks;
  for (const CXXMemberCallExpr *Call : Members)
    if (auto Task = poolTaskCall(*Call))
      Tasks[objectClassName(*Call) + "::" +
            Call->getMethodDecl()->getNameAsString()] = Task->CallableIndex;
  EXPECT_EQ(Tasks, (std::map<std::string, unsigned>{{"Crew::submit", 0u},
                                                     {"Workers::submit", 0u},
                                                     {"Workers::later", 1u}}));
}

TEST(PoolModel, DefaultMethodListsWithoutOptions) {
  ProjectConfig Config = parseProjectConfig({});
  EXPECT_TRUE(Config.PoolTypes.empty());
  EXPECT_NE(llvm::find(Config.PoolTaskMethods, "enqueue"),
            Config.PoolTaskMethods.end());
  EXPECT_NE(llvm::find(Config.PoolWaitMethods, "wait_for_tasks"),
            Config.PoolWaitMethods.end());
}

} // namespace
