#include "Pools.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "Handles.h"
#include "Launch.h"
#include "../common/AstHelpers.h"
#include "../common/ProjectConfig.h"

#include "clang/AST/DeclTemplate.h"

#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::parlint {

namespace {

/// A thread-pool library: its classes (by the outermost namespace and the
/// class's own name, so versioned inner namespaces such as oneTBB's
/// tbb::detail::d1 and class templates such as BS 5's thread_pool<Opts>
/// match), the member functions that queue a task and those that wait for
/// the queued work.
struct LibraryPool {
  llvm::StringLiteral Namespace; ///< outermost namespace; "" is the global one
  llvm::ArrayRef<llvm::StringLiteral> Classes;
  llvm::ArrayRef<llvm::StringLiteral> TaskMethods;
  llvm::ArrayRef<llvm::StringLiteral> WaitMethods;
  unsigned LeadingWorkerArguments = 0;
  /// The call that must run before the destructor, for a pool whose
  /// destructor abandons the queued work; empty when it waits for it.
  llvm::StringLiteral WaitBeforeDestruction = "";
  /// The member functions after which the pool's threads have ended.
  llvm::ArrayRef<llvm::StringLiteral> StopMethods = {};
  /// Wait methods that drop the queued work instead of running it.
  llvm::ArrayRef<llvm::StringLiteral> DropMethods = {};
};

constexpr llvm::StringLiteral ThreadPoolName[] = {"ThreadPool"};
constexpr llvm::StringLiteral ThreadPoolSnake[] = {"thread_pool"};
constexpr llvm::StringLiteral BSPools[] = {"thread_pool", "light_thread_pool",
                                           "priority_thread_pool"};
constexpr llvm::StringLiteral TbbGroup[] = {"task_group"};
constexpr llvm::StringLiteral TbbArena[] = {"task_arena"};
constexpr llvm::StringLiteral TfExecutor[] = {"Executor"};

constexpr llvm::StringLiteral ParlintTasks[] = {"submit", "post"};
constexpr llvm::StringLiteral ParlintWaits[] = {"wait_idle", "shutdown"};
constexpr llvm::StringLiteral ParlintStops[] = {"shutdown"};
constexpr llvm::StringLiteral AsioWaits[] = {"join", "wait", "stop"};
// stop() asks the threads to end; join() and wait() wait until they have.
constexpr llvm::StringLiteral AsioStops[] = {"join", "wait"};
constexpr llvm::StringLiteral AsioDrops[] = {"stop"};
constexpr llvm::StringLiteral BSTasks[] = {"detach_task", "submit_task",
                                           "push_task", "submit"};
constexpr llvm::StringLiteral BSWaits[] = {"wait", "wait_for_tasks"};
constexpr llvm::StringLiteral CtplTasks[] = {"push"};
constexpr llvm::StringLiteral CtplWaits[] = {"stop"};
constexpr llvm::StringLiteral DpTasks[] = {"enqueue", "enqueue_detach"};
constexpr llvm::StringLiteral DpWaits[] = {"wait_for_tasks"};
constexpr llvm::StringLiteral TbbGroupTasks[] = {"run"};
// run_and_wait runs its task and waits for the whole group.
constexpr llvm::StringLiteral TbbGroupWaits[] = {"wait", "run_and_wait"};
constexpr llvm::StringLiteral TbbArenaTasks[] = {"enqueue"};
constexpr llvm::StringLiteral TfTasks[] = {"async", "silent_async"};
constexpr llvm::StringLiteral TfWaits[] = {"wait_for_all"};
constexpr llvm::StringLiteral EnqueueTasks[] = {"enqueue"};

const LibraryPool Libraries[] = {
    {"parlint", ThreadPoolName, ParlintTasks, ParlintWaits, 0, "", ParlintStops},
    // Tasks reach Asio's pools through asio::post (model/Launch); the
    // destructor stops the pool, dropping what has not run.
    {"boost", ThreadPoolSnake, {}, AsioWaits, 0, "join", AsioStops, AsioDrops},
    {"asio", ThreadPoolSnake, {}, AsioWaits, 0, "join", AsioStops, AsioDrops},
    {"BS", BSPools, BSTasks, BSWaits},
    {"ctpl", ThreadPoolSnake, CtplTasks, CtplWaits, /*Leading=*/1, "",
     CtplWaits},
    {"dp", ThreadPoolSnake, DpTasks, DpWaits},
    // Destroyed without wait(), a task_group cancels its tasks and throws
    // missing_wait.
    {"tbb", TbbGroup, TbbGroupTasks, TbbGroupWaits, 0, "wait"},
    {"tbb", TbbArena, TbbArenaTasks, {}},
    {"tf", TfExecutor, TfTasks, TfWaits},
    // The single-header pool many projects copy: `ThreadPool pool(n);
    // pool.enqueue(f, args...)`, joined by its destructor.
    {"", ThreadPoolName, EnqueueTasks, {}},
};

/// The outermost namespace around a declaration, or "" for the global one.
StringRef outermostNamespace(const Decl *D) {
  StringRef Name;
  for (const DeclContext *Context = D->getDeclContext(); Context;
       Context = Context->getParent())
    if (const auto *Namespace = dyn_cast<NamespaceDecl>(Context))
      Name = Namespace->getName();
  return Name;
}

const LibraryPool *libraryOf(const CXXRecordDecl *Record) {
  if (!Record || !Record->getIdentifier())
    return nullptr;
  StringRef Namespace = outermostNamespace(Record);
  StringRef Name = Record->getName();
  for (const LibraryPool &Library : Libraries)
    if (Library.Namespace == Namespace &&
        llvm::is_contained(Library.Classes, Name))
      return &Library;
  return nullptr;
}

bool isProjectPool(const CXXRecordDecl *Record) {
  const auto &Types = projectConfig().PoolTypes;
  if (!Record || Types.empty())
    return false;
  std::vector<StringRef> Names(Types.begin(), Types.end());
  return isNamed(Record, Names);
}

bool contains(const std::vector<std::string> &List, StringRef Name) {
  return llvm::any_of(List, [&](const std::string &S) { return S == Name; });
}

/// Whether an argument can be the task: a lambda, a function or a pointer
/// to one, or an object with a call operator.
bool isCallableArgument(const Expr *Argument) {
  QualType Type = Argument->IgnoreParenImpCasts()->getType().getNonReferenceType();
  if (Type->isFunctionType() || Type->isFunctionPointerType() ||
      Type->isMemberFunctionPointerType())
    return true;
  const auto *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  if (Record->isLambda())
    return true;
  for (const CXXMethodDecl *Method : Record->methods())
    if (Method->getOverloadedOperator() == OO_Call)
      return true;
  return false;
}

/// The class of the object a member function is called on: the pool, also
/// when the function is inherited from a base (oneTBB's task_group::wait).
const CXXRecordDecl *objectClass(const CXXMemberCallExpr &Call) {
  const Expr *Object = Call.getImplicitObjectArgument();
  if (!Object)
    return nullptr;
  QualType Type = Object->IgnoreParenImpCasts()->getType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return Type.getCanonicalType()->getAsCXXRecordDecl();
}

/// A member function of a pool the project implements that queues its
/// callable argument (defined below).
bool queuesTask(const CXXMethodDecl &Method);

} // namespace

bool isThreadPoolClass(const CXXRecordDecl *Record) {
  return libraryOf(Record) || isProjectPool(Record);
}

bool isKnownPool(const CXXRecordDecl *Record) {
  return isThreadPoolClass(Record) ||
         isNamed(Record, {"::parlint::ProcessPool"});
}

bool isPoolClass(const CXXRecordDecl *Record,
                 llvm::ArrayRef<llvm::StringRef> PoolTypes) {
  if (!Record)
    return false;
  if (isKnownPool(Record))
    return true;
  return !PoolTypes.empty() && isNamed(Record, PoolTypes);
}

std::optional<PoolTaskCall> poolTaskCall(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  if (!Method || !Method->getIdentifier() || Method->isStatic())
    return std::nullopt;
  const CXXRecordDecl *Record = objectClass(Call);
  StringRef Name = Method->getName();
  PoolTaskCall Task;
  Task.Pool = Call.getImplicitObjectArgument();
  if (const LibraryPool *Library = libraryOf(Record)) {
    // The pool copied into projects under the global namespace is often
    // rewritten: its own queuing functions count too.
    bool Queues = llvm::is_contained(Library->TaskMethods, Name) ||
                  (StringRef(Library->Namespace).empty() && queuesTask(*Method));
    if (!Queues || Call.getNumArgs() == 0)
      return std::nullopt;
    Task.LeadingWorkerArguments = Library->LeadingWorkerArguments;
    for (unsigned I = 1; I < Call.getNumArgs(); ++I) {
      const Expr *Arg = Call.getArg(I)->IgnoreParenImpCasts();
      if (const LibraryPool *Owner = libraryOf(
              Arg->getType().getNonReferenceType()->getAsCXXRecordDecl());
          Owner && !Owner->WaitMethods.empty() && !isCallableArgument(Arg))
        Task.Group = Arg;
    }
    return Task;
  }
  bool Configured = isProjectPool(Record) &&
                    contains(projectConfig().PoolTaskMethods, Name);
  if (!Configured && !(isPoolImplementation(Record) && queuesTask(*Method)))
    return std::nullopt;
  // A project's pool may take other arguments first (a priority, a name):
  // the task is the first callable argument.
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    if (isCallableArgument(Call.getArg(I))) {
      Task.CallableIndex = I;
      return Task;
    }
  return std::nullopt;
}

bool finishesPoolWork(const CXXMemberCallExpr &Call) {
  const LibraryPool *Library = libraryOf(objectClass(Call));
  return Library && waitsForPoolWork(Call) &&
         !llvm::is_contained(Library->DropMethods,
                             identifierOf(Call.getMethodDecl()));
}

bool knowsTaskMethods(const CXXMemberCallExpr &Call) {
  const LibraryPool *Library = libraryOf(objectClass(Call));
  return Library && !Library->TaskMethods.empty();
}

bool stopsPoolThreads(const CXXMemberCallExpr &Call) {
  StringRef Name = identifierOf(Call.getMethodDecl());
  if (const LibraryPool *Library = libraryOf(objectClass(Call)))
    return llvm::is_contained(Library->StopMethods, Name);
  // A pool the model does not know: by the usual names.
  return llvm::is_contained({"join", "shutdown"}, Name);
}

StringRef waitBeforeDestruction(const CXXRecordDecl *Record) {
  const LibraryPool *Library = libraryOf(Record);
  return Library ? StringRef(Library->WaitBeforeDestruction) : StringRef();
}

namespace {
bool startsThreadsInALoop(const FunctionDecl &Function);
bool joinsThreads(const FunctionDecl &Function);
bool joinsThreadsInALoop(const FunctionDecl &Function);
} // namespace

bool waitsForPoolWork(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  if (!Method || !Method->getIdentifier())
    return false;
  StringRef Name = Method->getName();
  const CXXRecordDecl *Record = objectClass(Call);
  if (const LibraryPool *Library = libraryOf(Record))
    return llvm::is_contained(Library->WaitMethods, Name);
  if (isProjectPool(Record) && contains(projectConfig().PoolWaitMethods, Name))
    return true;
  // A pool of the program whose `run()` starts a thread per task list and
  // joins them: every task queued before has run when it returns. So has
  // every task a worker took when a method joins each of the workers
  // (`shutdown()`: `for (auto &w : workers_) w.join();`); one never taken
  // never runs.
  return isPoolImplementation(Record) &&
         ((startsThreadsInALoop(*Method) && joinsThreads(*Method)) ||
          joinsThreadsInALoop(*Method));
}

const Expr *workerCountArgument(const CXXConstructExpr &Construct,
                                llvm::ArrayRef<llvm::StringRef> PoolTypes) {
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  if (!Constructor || Constructor->isCopyOrMoveConstructor() ||
      !isPoolClass(Constructor->getParent(), PoolTypes))
    return nullptr;
  for (unsigned I = 0; I < Construct.getNumArgs() &&
                       I < Constructor->getNumParams();
       ++I) {
    const Expr *Arg = Construct.getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg))
      return nullptr;
    QualType Param = Constructor->getParamDecl(I)->getType();
    if (Param->isIntegerType() && !Param->isBooleanType())
      return Arg;
  }
  return nullptr;
}

bool waitsForAnotherThread(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const CXXRecordDecl *Record = Method ? Method->getParent() : nullptr;
    if (!Record || !Record->getIdentifier() ||
        !Record->getDeclContext()->isStdNamespace())
      return false;
    StringRef Class = Record->getName();
    bool Synchronizer =
        llvm::is_contained({"condition_variable", "condition_variable_any",
                            "barrier", "latch", "counting_semaphore",
                            "future", "shared_future", "__basic_future",
                            "thread", "jthread", "atomic_flag"},
                           Class) ||
        Class.starts_with("atomic") || Class.starts_with("__atomic");
    return Synchronizer &&
           llvm::is_contained({"wait", "wait_for", "wait_until",
                               "arrive_and_wait", "acquire", "try_acquire_for",
                               "try_acquire_until", "get", "join"},
                              identifierOf(Method));
  }
  return isNamed(Call.getDirectCallee(),
                 {"::pthread_cond_wait", "::pthread_cond_timedwait",
                  "::pthread_barrier_wait", "::pthread_join", "::sem_wait",
                  "::sem_timedwait", "::std::atomic_wait",
                  "::std::atomic_wait_explicit"});
}

namespace {

bool isCallableType(QualType Type, unsigned Depth) {
  Type = Type.getNonReferenceType().getCanonicalType();
  if (Type->isFunctionPointerType() || Type->isFunctionType())
    return true;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  // A task type need not be complete where only a queue of it is declared.
  if (isNamed(Record, {"::std::function", "::std::move_only_function",
                       "::std::packaged_task", "::std::copyable_function"}))
    return true;
  if (!Record || !Record->hasDefinition())
    return false;
  for (const CXXMethodDecl *Method : Record->methods())
    if (Method->getOverloadedOperator() == OO_Call)
      return true;
  // struct Job { std::function<void()> run; int priority; };
  if (Depth == 0)
    for (const FieldDecl *Field : Record->fields())
      if (isCallableType(Field->getType(), Depth + 1))
        return true;
  return false;
}

/// The element type of a class template's first type argument (a queue, a
/// deque, a vector), seen through a smart or plain pointer
/// (`std::unique_ptr<Task>`, `Shard *`); null when there is none.
QualType elementBehindPointer(QualType Type) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  QualType Element = Spec->getTemplateArgs()[0].getAsType();
  if (const auto *Pointer = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Element->getAsCXXRecordDecl());
      Pointer && isNamed(Pointer, {"::std::unique_ptr", "::std::shared_ptr"}))
    return Pointer->getTemplateArgs()[0].getAsType();
  if (Element->isPointerType() && !Element->isFunctionPointerType())
    return Element->getPointeeType();
  return Element;
}

/// A queue, deque, list or vector (any class template) of callables, also
/// behind a smart pointer (std::unique_ptr<Task>).
bool isTaskQueue(QualType Type, unsigned Depth = 0) {
  QualType Element = elementBehindPointer(Type);
  if (Element.isNull())
    return false;
  // Lists of tasks, one per worker (`std::vector<std::vector<Task>>`).
  return isCallableType(Element, 0) || (Depth == 0 && isTaskQueue(Element, 1));
}

/// The member of the object an adder is called on, through subscripts
/// (`lists_[next_++ % n].push_back(task)`).
const MemberExpr *memberAddedTo(const Expr &Object) {
  const Expr *E = Object.IgnoreParenImpCasts();
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
      Operator && Operator->getOperator() == OO_Subscript)
    E = Operator->getArg(0)->IgnoreParenImpCasts();
  else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    E = Subscript->getBase()->IgnoreParenImpCasts();
  return dyn_cast<MemberExpr>(E);
}

/// Whether some statement of Function's body (lambdas left out) satisfies
/// Test.
bool anyInBody(const FunctionDecl &Function,
               llvm::function_ref<bool(const Stmt &)> Test) {
  const FunctionDecl *Definition = Function.getDefinition();
  if (!Definition || !Definition->getBody())
    return false;
  bool Found = false;
  forEachDescendant(Definition->getBody(), /*SkipLambdas=*/true,
                    [&](const Stmt &S) { Found = Found || Test(S); });
  return Found;
}

/// Whether a function starts threads in a loop (a fork-join pool's `run()`
/// starting one thread per task list).
bool startsThreadsInALoop(const FunctionDecl &Function) {
  return anyInBody(Function, [&](const Stmt &S) {
    bool Starts = false;
    if (isLoop(S))
      forEachLaunch(S, Function.getASTContext(),
                    [&](const Launch &L) { Starts |= L.startsOwnThread(); });
    return Starts;
  });
}

/// Whether a function joins a thread (`t.join()`, pthread_join).
bool joinsThreads(const FunctionDecl &Function) {
  return anyInBody(Function, [](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(Call))
      return memberOp(Member->getMethodDecl()) == HandleOp::Join;
    return Call && freeFunctionOp(Call->getDirectCallee()) == HandleOp::Join;
  });
}

/// Whether a function joins threads in a loop (each of a container's).
bool joinsThreadsInALoop(const FunctionDecl &Function) {
  return anyInBody(Function, [&](const Stmt &S) {
    if (!isLoop(&S))
      return false;
    bool Joins = false;
    forEachDescendant(&S, /*SkipLambdas=*/true, [&](const Stmt &Node) {
      const auto *Call = dyn_cast<CallExpr>(&Node);
      if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(Call))
        Joins |= memberOp(Member->getMethodDecl()) == HandleOp::Join;
      else if (Call)
        Joins |= freeFunctionOp(Call->getDirectCallee()) == HandleOp::Join;
    });
    return Joins;
  });
}

/// Whether a member function of Record starts threads in a loop: the class
/// runs its queued tasks on several threads at once.
bool startsThreadsInALoop(const CXXRecordDecl &Record) {
  return llvm::any_of(Record.methods(), [](const CXXMethodDecl *Method) {
    return startsThreadsInALoop(*Method);
  });
}

/// `this`, or a local reference or pointer to a part of it (`Shard &s =
/// *shards_[next_++ % n];`): the pool's own object.
bool isOwnObject(const Expr &Base) {
  const Expr *E = Base.IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E))
    return true;
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Local = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Local || !Local->isLocalVarDecl() || !Local->getInit() ||
      !(Local->getType()->isReferenceType() || Local->getType()->isPointerType()))
    return false;
  bool Mentions = false;
  forEachDescendant(Local->getInit(), /*SkipLambdas=*/true,
                    [&](const Stmt &S) { Mentions |= isa<CXXThisExpr>(S); });
  return Mentions;
}

/// A record that runs one worker thread over a queue of tasks of its own
/// (a shard of a pool: `struct Shard { std::deque<Task> tasks; std::thread
/// worker; }`).
bool isPoolShard(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition() ||
      Record->getASTContext().getSourceManager().isInSystemHeader(
          Record->getLocation()))
    return false;
  bool Thread = false, Tasks = false;
  for (const FieldDecl *Field : Record->fields()) {
    HandleType Handle = handleTypeOf(Field->getType());
    Thread |= Handle == HandleType::Thread || Handle == HandleType::JThread;
    Tasks |= isTaskQueue(Field->getType());
  }
  return Thread && Tasks;
}

/// A container of pool shards, also behind smart pointers
/// (`std::vector<std::unique_ptr<Shard>>`).
bool keepsPoolShards(QualType Type) {
  QualType Element = elementBehindPointer(Type);
  return !Element.isNull() && isPoolShard(Element->getAsCXXRecordDecl());
}

bool queuesTask(const CXXMethodDecl &Method) {
  if (Method.getAccess() != AS_public || isa<CXXConstructorDecl>(Method) ||
      Method.isOverloadedOperator())
    return false;
  bool TakesCallable = llvm::any_of(Method.parameters(), [](const ParmVarDecl *P) {
    return isCallableType(P->getType(), 0);
  });
  const FunctionDecl *Definition = Method.getDefinition();
  if (!TakesCallable || !Definition || !Definition->getBody())
    return false;
  bool Queues = false;
  forEachDescendant(Definition->getBody(), /*SkipLambdas=*/true,
                    [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const MemberExpr *Member =
        Call ? memberAddedTo(*Call->getImplicitObjectArgument()) : nullptr;
    if (!Member || !isOwnObject(*Member->getBase()) ||
        !isTaskQueue(Member->getType()))
      return;
    StringRef Name = identifierOf(Call->getMethodDecl());
    // A standard container's adders, and a queue class's usual names.
    Queues |= Name.starts_with("push") || Name.starts_with("emplace") ||
              llvm::is_contained({"insert", "enqueue", "put", "add", "offer"},
                                 Name);
  });
  return Queues;
}

bool keepsWorkerThreads(QualType Type) {
  HandleType Handle = handleTypeOf(Type);
  if (Handle == HandleType::ThreadContainer ||
      Handle == HandleType::JThreadContainer)
    return true;
  // pthread_t workers[N], std::vector<pthread_t>
  if (const auto *Array = Type->getAsArrayTypeUnsafe())
    return handleTypeOf(Array->getElementType()) == HandleType::PosixThread;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type->getAsCXXRecordDecl());
  return Spec && Spec->getTemplateArgs().size() > 0 &&
         Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         handleTypeOf(Spec->getTemplateArgs()[0].getAsType()) ==
             HandleType::PosixThread;
}

} // namespace

bool isPoolImplementation(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition())
    return false;
  if (isKnownPool(Record))
    return true;
  // A method of the class that queues onto another object of the class in
  // a loop asks this again about the same class (through the launches of
  // that loop): the question in progress answers no.
  thread_local llvm::SmallPtrSet<const CXXRecordDecl *, 4> InProgress;
  if (!InProgress.insert(Record).second)
    return false;
  auto Done = llvm::make_scope_exit([&] { InProgress.erase(Record); });
  bool Threads = false, Tasks = false;
  for (const FieldDecl *Field : Record->fields()) {
    Threads |= keepsWorkerThreads(Field->getType());
    Tasks |= isTaskQueue(Field->getType());
    // Shards, each a thread with its own queue.
    if (keepsPoolShards(Field->getType()))
      return true;
  }
  if (Tasks && (Threads || startsThreadsInALoop(*Record)))
    return true;
  for (const CXXBaseSpecifier &Base : Record->bases())
    if (isPoolImplementation(Base.getType()->getAsCXXRecordDecl()))
      return true;
  return false;
}

} // namespace clang::tidy::parlint
