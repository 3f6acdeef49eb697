#include "ForkAfterThreadsCheck.h"

#include "../analysis/SummarySpawns.h"
#include "../analysis/WorkerLifetime.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/Launch.h"
#include "../model/Pools.h"
#include "../model/SignalSafety.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::parlint {

namespace {

/// What the child of a fork does before exec or _exit.
struct ChildWork {
  enum KindType {
    Safe,         ///< only async-signal-safe calls until exec/_exit
    UnsafeCall,   ///< Where calls something else first (What names it)
    NeverEnds,    ///< its code reaches no exec/_exit: it runs on
  } Kind = Safe;
  const Stmt *Where = nullptr;
  std::string What;
};

/// Member functions that read a standard object and neither allocate nor
/// lock: building exec's arguments from strings and vectors made before
/// the fork.
bool isHarmlessAccessor(const FunctionDecl *Callee) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!Method)
    return false;
  if (Method->getOverloadedOperator() == OO_Subscript)
    return true;
  return llvm::is_contained({"c_str", "data", "size", "length", "empty",
                             "get"},
                            identifierOf(Method));
}

/// What a call does in a forked child.
enum class CallEffect {
  Safe,   ///< async-signal-safe, returns
  Ends,   ///< exec*, _exit, abort, or a function of the program that reaches
          ///< one after only safe work
  Unsafe, ///< anything else
};

/// How deep calls into the program's own functions are followed.
constexpr unsigned MaxHelperDepth = 3;

/// What a piece of child code does: the first exec/_exit (in source order)
/// and the first unsafe action before it.
struct Scan {
  const Stmt *End = nullptr;
  const Stmt *Unsafe = nullptr;
  std::string What;
};

Scan scanCode(llvm::ArrayRef<const Stmt *> Code, ASTContext &Context,
              unsigned Depth);

CallEffect effectOf(const FunctionDecl *Callee, ASTContext &Context,
                    unsigned Depth) {
  if (!Callee)
    return CallEffect::Unsafe;
  if (replacesOrEndsImage(Callee) ||
      (isAsyncSignalSafe(Callee) && Callee->isNoReturn()))
    return CallEffect::Ends;
  if (isAsyncSignalSafe(Callee) || isHarmlessAccessor(Callee) ||
      identifierOf(Callee) == "__errno_location" ||
      (Callee->getBuiltinID() != 0 &&
       !Context.BuiltinInfo.isPredefinedLibFunction(Callee->getBuiltinID())))
    return CallEffect::Safe;
  // A function of the program (a lambda's call operator included) is what
  // its body does, followed a few calls deep.
  const FunctionDecl *Definition = Callee->getDefinition();
  const SourceManager &SM = Context.getSourceManager();
  if (Depth >= MaxHelperDepth || !Definition || !Definition->getBody() ||
      Definition->isDependentContext() ||
      SM.isInSystemHeader(SM.getExpansionLoc(Definition->getLocation())))
    return CallEffect::Unsafe;
  Scan Inner = scanCode({Definition->getBody()}, Context, Depth + 1);
  if (Inner.Unsafe)
    return CallEffect::Unsafe;
  return Inner.End ? CallEffect::Ends : CallEffect::Safe;
}

/// The child's work that is not async-signal-safe, described for the
/// message, or "" when S is safe (or not an action at all).
std::string unsafeAction(const Stmt &S, ASTContext &Context, unsigned Depth) {
  if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (effectOf(Callee, Context, Depth) != CallEffect::Unsafe)
      return "";
    if (!Callee)
      return "a call through a pointer";
    return "'" + Callee->getQualifiedNameAsString() + "'";
  }
  if (isa<CXXNewExpr>(&S))
    return "'new'";
  if (isa<CXXDeleteExpr>(&S))
    return "'delete'";
  if (isa<CXXThrowExpr>(&S))
    return "'throw'";
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
    const CXXConstructorDecl *Constructor = Construct->getConstructor();
    if (!Constructor || Constructor->isTrivial() ||
        Constructor->getParent()->hasTrivialDestructor())
      return "";
    PrintingPolicy Policy(Context.getLangOpts());
    Policy.SuppressScope = false;
    return "the constructor of '" +
           Construct->getType().getUnqualifiedType().getAsString(Policy) + "'";
  }
  return "";
}

Scan scanCode(llvm::ArrayRef<const Stmt *> Code, ASTContext &Context,
              unsigned Depth) {
  const SourceManager &SM = Context.getSourceManager();
  Scan Result;
  // The first call that ends the child, in source order.
  for (const Stmt *S : Code)
    forEachDescendant(S, /*SkipLambdas=*/true, [&](const Stmt &Node) {
      if (!Result.End && isa<CallExpr>(Node) &&
          effectOf(cast<CallExpr>(Node).getDirectCallee(), Context, Depth) ==
              CallEffect::Ends)
        Result.End = &Node;
    });
  for (const Stmt *S : Code)
    forEachDescendant(S, /*SkipLambdas=*/true, [&](const Stmt &Node) {
      if (Result.Unsafe)
        return;
      if (Result.End && !isWithin(&Node, Result.End, SM) &&
          !SM.isBeforeInTranslationUnit(Node.getBeginLoc(),
                                        Result.End->getBeginLoc()))
        return;
      std::string What = unsafeAction(Node, Context, Depth);
      if (!What.empty()) {
        Result.Unsafe = &Node;
        Result.What = std::move(What);
      }
    });
  return Result;
}

/// Whether E is the fork call, or the variable its result was stored in.
bool isForkResult(const Expr *E, const CallExpr &Fork, const VarDecl *Pid) {
  E = stripped(E);
  if (!E)
    return false;
  if (E == &Fork)
    return true;
  if (const auto *Assign = dyn_cast<BinaryOperator>(E);
      Assign && Assign->getOpcode() == BO_Assign)
    return isForkResult(Assign->getRHS(), Fork, Pid) ||
           isForkResult(Assign->getLHS(), Fork, Pid);
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Pid && Ref && Ref->getDecl() == Pid;
}

bool isZero(const Expr *E, ASTContext &Context) {
  Expr::EvalResult Value;
  return E && !E->isValueDependent() && E->EvaluateAsInt(Value, Context) &&
         Value.Val.getInt().isZero();
}

/// For a branch condition on the fork's result: whether its true edge is
/// the child (`pid == 0`, `!pid`) or the parent (`pid`, `pid != 0`,
/// `pid > 0`).
std::optional<bool> childOnTrue(const Expr *Cond, const CallExpr &Fork,
                                const VarDecl *Pid, ASTContext &Context) {
  Cond = stripped(Cond);
  if (!Cond)
    return std::nullopt;
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot) {
    if (auto Inner = childOnTrue(Not->getSubExpr(), Fork, Pid, Context))
      return !*Inner;
    return std::nullopt;
  }
  if (isForkResult(Cond, Fork, Pid))
    return false;
  const auto *Compare = dyn_cast<BinaryOperator>(Cond);
  if (!Compare)
    return std::nullopt;
  BinaryOperatorKind Op = Compare->getOpcode();
  const Expr *Other = nullptr;
  if (isForkResult(Compare->getLHS(), Fork, Pid)) {
    Other = Compare->getRHS();
  } else if (isForkResult(Compare->getRHS(), Fork, Pid)) {
    Other = Compare->getLHS();
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  if (!Other || !isZero(Other, Context))
    return std::nullopt;
  if (Op == BO_EQ)
    return true;
  if (Op == BO_NE || Op == BO_GT)
    return false;
  return std::nullopt;
}

/// The statements that follow S in its compound statement.
llvm::SmallVector<const Stmt *, 8>
followingStatements(const Stmt &S, const FunctionAnalysis &Analysis) {
  const Stmt *Child = &S;
  const Stmt *Parent = Analysis.parent(S);
  while (Parent && !isa<CompoundStmt>(Parent)) {
    Child = Parent;
    Parent = Analysis.parent(*Parent);
  }
  llvm::SmallVector<const Stmt *, 8> Result;
  if (!Parent)
    return Result;
  bool After = false;
  for (const Stmt *Sibling : cast<CompoundStmt>(Parent)->body()) {
    if (After)
      Result.push_back(Sibling);
    After |= Sibling == Child;
  }
  return Result;
}

/// The statements after `case 0:` in a switch on the fork's result, up to
/// the next label or break.
llvm::SmallVector<const Stmt *, 8> caseZero(const SwitchStmt &Switch,
                                            ASTContext &Context) {
  llvm::SmallVector<const Stmt *, 8> Result;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Switch.getBody());
  if (!Body)
    return Result;
  bool Inside = false;
  for (const Stmt *S : Body->body()) {
    const Stmt *Current = S;
    bool Labelled = false;
    while (const auto *Case = dyn_cast<SwitchCase>(Current)) {
      Labelled = true;
      if (const auto *Value = dyn_cast<CaseStmt>(Case);
          Value && isZero(Value->getLHS(), Context))
        Inside = true;
      Current = Case->getSubStmt();
    }
    if (Labelled && !Inside)
      continue;
    if (Labelled && Inside && !Result.empty())
      break; // the next label after case 0's statements
    if (!Inside)
      continue;
    if (isa<BreakStmt>(Current))
      break;
    Result.push_back(Current);
  }
  return Result;
}

/// The child's code: the branch a test of the fork's result gives it, or,
/// when nothing tests it, everything after the fork in its block.
llvm::SmallVector<const Stmt *, 8> childCode(const CallExpr &Fork,
                                             const FunctionAnalysis &Analysis) {
  ASTContext &Context = Analysis.context();
  const SourceManager &SM = Context.getSourceManager();
  const VarDecl *Pid = nullptr;
  const Stmt *Holder = Analysis.parentIgnoringImplicit(Fork);
  if (const auto *Decls = dyn_cast_or_null<DeclStmt>(Holder)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && stripped(Var->getInit()) == &Fork)
        Pid = Var;
  } else if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(Holder);
             Assign && Assign->getOpcode() == BO_Assign) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(stripped(Assign->getLHS())))
      Pid = dyn_cast<VarDecl>(Ref->getDecl());
  }
  // The first test of the result after the fork, in source order.
  llvm::SmallVector<const Stmt *, 8> Code;
  bool Found = false;
  forEachDescendant(&Analysis.body(), /*SkipLambdas=*/true,
                    [&](const Stmt &S) {
    if (Found || SM.isBeforeInTranslationUnit(S.getBeginLoc(),
                                              Fork.getBeginLoc()) &&
                     !Analysis.isWithin(Fork, S))
      return;
    if (const auto *If = dyn_cast<IfStmt>(&S)) {
      auto Child = childOnTrue(If->getCond(), Fork, Pid, Context);
      if (!Child)
        return;
      Found = true;
      if (const Stmt *Branch = *Child ? If->getThen() : If->getElse())
        Code.push_back(Branch);
      else
        Code = followingStatements(*If, Analysis);
    } else if (const auto *Switch = dyn_cast<SwitchStmt>(&S)) {
      if (!isForkResult(Switch->getCond(), Fork, Pid))
        return;
      Found = true;
      Code = caseZero(*Switch, Context);
    }
  });
  if (!Found)
    Code = followingStatements(Fork, Analysis);
  return Code;
}

ChildWork childWork(const CallExpr &Fork, const FunctionAnalysis &Analysis) {
  Scan Child = scanCode(childCode(Fork, Analysis), Analysis.context(), 0);
  ChildWork Work;
  if (Child.Unsafe) {
    Work.Kind = ChildWork::UnsafeCall;
    Work.Where = Child.Unsafe;
    Work.What = std::move(Child.What);
  } else if (!Child.End) {
    Work.Kind = ChildWork::NeverEnds;
  }
  return Work;
}

/// Member calls on Var that stop its pool's threads.
void addPoolShutdowns(const Stmt &Body, const VarDecl &Var,
                      HandleEvents &Events) {
  forEachDescendant(&Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    if (!Call || !stopsPoolThreads(*Call))
      return;
    if (rootVariable(Call->getImplicitObjectArgument()) == &Var)
      Events.AtStmt[Call] = HandleEffect::Finish;
  });
}

} // namespace

ForkAfterThreadsCheck::ForkAfterThreadsCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : ParlintCheck(Name, Context, TemplateCode::Instantiations),
      RawPoolTypes(Options.get("PoolTypes", DefaultPoolTypes).str()),
      PoolTypes(utils::options::parseStringList(RawPoolTypes)) {}

void ForkAfterThreadsCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "PoolTypes", RawPoolTypes);
}

bool ForkAfterThreadsCheck::isThreadPool(QualType Type) const {
  if (Type.isNull())
    return false;
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  const CXXRecordDecl *Record = Type.getCanonicalType()->getAsCXXRecordDecl();
  return isPoolClass(Record, PoolTypes) &&
         !isNamed(Record, {"::parlint::ProcessPool"});
}

std::vector<ForkAfterThreadsCheck::ThreadSource>
ForkAfterThreadsCheck::threadSources(const FunctionUnderCheck &Function) const {
  const FunctionAnalysis &Analysis = Function.Analysis;
  std::vector<ThreadSource> Sources;
  llvm::SmallPtrSet<const VarDecl *, 4> Handles;
  forEachLaunch(Function.Body, Function.Context, [&](const Launch &L) {
    if (!L.startsOwnThread() || Analysis.enclosingLambda(*L.Call))
      return;
    WorkerLifetime Lifetime = lifetimeOf(L, Analysis);
    if (Lifetime.Kind == WorkerLifetime::WaitedAtOnce)
      return;
    // One source per local handle: its uses hold every launch into it.
    if (Lifetime.Handle && !Handles.insert(Lifetime.Handle).second)
      return;
    // An escaping handle is someone else's to follow; a worker kept in a
    // local parlint does not follow (a container of futures) runs on.
    if (Lifetime.Kind == WorkerLifetime::Untracked &&
        Lifetime.Events.AtStmt.empty())
      return;
    ThreadSource Source;
    Source.NoteAt = L.Call->getBeginLoc();
    Source.Var = Lifetime.Kind == WorkerLifetime::Tracked ? Lifetime.Var : nullptr;
    Source.Events = std::move(Lifetime.Events);
    Source.Rules = Lifetime.Rules;
    Sources.push_back(std::move(Source));
  });

  addHelperThreads(Function, Sources);

  // Local pools: their threads run from construction to join/shutdown.
  forEachDescendant(&Function.Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Decls = dyn_cast<DeclStmt>(&S);
    if (!Decls)
      return;
    for (const Decl *D : Decls->decls()) {
      const auto *Var = dyn_cast<VarDecl>(D);
      if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType() ||
          Var->getType()->isPointerType() || !isThreadPool(Var->getType()))
        continue;
      ThreadSource Source;
      Source.Var = Var;
      Source.Events.StartsAtDeclaration = true;
      addPoolShutdowns(Function.Body, *Var, Source.Events);
      Source.Rules.FinishIsFinal = true;
      Source.NoteAt = Var->getLocation();
      Source.IsPool = true;
      Source.Name = Var;
      Sources.push_back(std::move(Source));
    }
  });
  // Pools handed in, and the object's own pools: alive throughout.
  for (const ParmVarDecl *Param : Function.Decl.parameters())
    if (isThreadPool(Param->getType())) {
      ThreadSource Source;
      Source.AlwaysAlive = true;
      Source.NoteAt = Param->getLocation();
      Source.IsPool = true;
      Source.Name = Param;
      Sources.push_back(std::move(Source));
    }
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function.Decl);
      Method && Method->isInstance() && !isa<CXXDestructorDecl>(Method))
    for (const FieldDecl *Field : Method->getParent()->fields())
      if (isThreadPool(Field->getType())) {
        ThreadSource Source;
        Source.AlwaysAlive = true;
        Source.NoteAt = Field->getLocation();
        Source.IsPool = true;
        Source.Name = Field;
        Sources.push_back(std::move(Source));
      }
  return Sources;
}

void ForkAfterThreadsCheck::addHelperThreads(
    const FunctionUnderCheck &Function,
    std::vector<ThreadSource> &Sources) const {
  forEachDescendant(&Function.Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    const SpawnSummary *Summary =
        Call ? SpawnSummaries::ofCall(*Call, Function.Context) : nullptr;
    const OutlivingStart *Start =
        Summary ? Summary->onEveryCall(OutlivingKind::Thread) : nullptr;
    if (!Start)
      return;
    // Like a thread the function starts itself and keeps in a member: any
    // later code that may reach where the helper keeps it may join it.
    ThreadSource Source;
    Source.Events.AtStmt[Call] = HandleEffect::Start;
    forEachDescendant(&Function.Body, /*SkipLambdas=*/true,
                      [&](const Stmt &Other) {
      if (isa<CallExpr, CXXConstructExpr>(Other) &&
          !Function.Analysis.isWithin(*Call, Other) &&
          mayEndKeptWorker(*Start, *Call, Other))
        Source.Events.AtStmt[&Other] = HandleEffect::Finish;
    });
    Source.NoteAt = Call->getBeginLoc();
    Source.Helper = Call->getDirectCallee();
    Source.HelperStart = Start->Origin->getBeginLoc();
    Source.HelperStartDescription = Start->Description;
    Sources.push_back(std::move(Source));
  });
}

void ForkAfterThreadsCheck::checkFunction(const FunctionUnderCheck &Function) {
  const SourceManager &SM = Function.Context.getSourceManager();
  // The forks and process pools of this body (a lambda's are its own).
  llvm::SmallVector<const Expr *, 2> Forks, ProcessPools;
  forEachDescendant(&Function.Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CallExpr>(&S);
        Call && isNamed(Call->getDirectCallee(), {"::fork"}))
      Forks.push_back(Call);
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S);
             Construct && Construct->getConstructor() &&
             !Construct->getConstructor()->isCopyOrMoveConstructor() &&
             isNamed(Construct->getConstructor()->getParent(),
                     {"::parlint::ProcessPool"}))
      ProcessPools.push_back(Construct);
  });
  if (Forks.empty() && ProcessPools.empty())
    return;
  std::vector<ThreadSource> Sources = threadSources(Function);
  if (Sources.empty())
    return;

  auto RunningAt = [&](const Expr &At) {
    llvm::SmallVector<const ThreadSource *, 2> Running;
    for (const ThreadSource &Source : Sources)
      if (Source.AlwaysAlive ||
          mayBeRunningAt(Function.Analysis, Source.Var, Source.Events, At,
                         Source.Rules))
        Running.push_back(&Source);
    return Running;
  };
  auto NoteSources = [&](llvm::ArrayRef<const ThreadSource *> Running,
                         StringRef Event) {
    for (const ThreadSource *Source : Running) {
      if (Source->IsPool) {
        diag(Source->NoteAt, "pool %0 is alive at the %1, its threads running",
             DiagnosticIDs::Note)
            << Source->Name << Event;
      } else if (Source->Helper) {
        diag(Source->NoteAt,
             "the thread that calling %0 leaves running may still be running "
             "at the %1",
             DiagnosticIDs::Note)
            << Source->Helper << Event;
        diag(Source->HelperStart,
             "%0 here leaves a thread running after %1 returns",
             DiagnosticIDs::Note)
            << Source->HelperStartDescription << Source->Helper;
      } else
        diag(Source->NoteAt,
             "thread started here may still be running at the %0",
             DiagnosticIDs::Note)
            << Event;
    }
  };

  for (const Expr *Fork : Forks) {
    SourceLocation Where = SM.getExpansionLoc(Fork->getBeginLoc());
    if (SM.isInSystemHeader(Where))
      continue;
    auto Running = RunningAt(*Fork);
    if (Running.empty())
      continue;
    ChildWork Work = childWork(*cast<CallExpr>(Fork), Function.Analysis);
    if (Work.Kind == ChildWork::Safe || !firstReportAt(Where))
      continue;
    diag(Where, "fork() while other threads may be running, and the child "
                "%select{calls %1 before exec, which is not async-signal-safe|"
                "does not exec or _exit}0: a lock another thread held at the fork "
                "stays locked in the child; fork before starting threads, or "
                "call only async-signal-safe functions until exec or _exit")
        << (Work.Kind == ChildWork::UnsafeCall ? 0 : 1) << Work.What;
    if (Work.Where)
      diag(SM.getExpansionLoc(Work.Where->getBeginLoc()),
           "the child calls %0 here, before exec or _exit",
           DiagnosticIDs::Note)
          << Work.What;
    NoteSources(Running, "fork");
  }
  for (const Expr *Pool : ProcessPools) {
    SourceLocation Where = SM.getExpansionLoc(Pool->getBeginLoc());
    if (SM.isInSystemHeader(Where))
      continue;
    auto Running = RunningAt(*Pool);
    if (Running.empty() || !firstReportAt(Where))
      continue;
    diag(Where, "parlint::ProcessPool constructed while other threads may be "
                "running: its fork server copies a multithreaded process; "
                "construct the ProcessPool before starting any thread");
    NoteSources(Running, "construction");
  }
}

} // namespace clang::tidy::parlint
