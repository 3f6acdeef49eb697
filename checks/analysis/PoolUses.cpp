#include "PoolUses.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/Pools.h"
#include "../model/TestAssertions.h"

#include "clang-tidy/utils/DeclRefExprUtils.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {

bool isListedName(StringRef Name, ArrayRef<StringRef> Names) {
  Name.consume_front("::");
  for (StringRef Listed : Names) {
    Listed.consume_front("::");
    if (Listed == Name)
      return true;
  }
  return false;
}

namespace {

// Work: queues work on the pool. Query: uses it without queueing (its
// executor compared or queried, its services, a const reference passed on).
using UseKind = PoolUseKind;

struct Classified {
  UseKind Kind;
  const Stmt *Shutdown = nullptr; // the call, for UseKind::Shutdown
  const Stmt *Delete = nullptr;   // the delete-expression, for UseKind::Delete
  const Expr *WorkCall = nullptr; // the call that queues, for UseKind::Work
};

Classified work(const Expr *Call) { return {UseKind::Work, nullptr, nullptr, Call}; }

// Member functions that queue a task on a pool of the missing-pool-shutdown
// check's PoolTypes, whose API the model does not know (the model's own
// pools answer through poolTaskCall).
bool isQueueingMethod(StringRef Name) {
  return llvm::is_contained({"post", "submit", "execute", "dispatch", "defer",
                             "enqueue", "push", "push_task", "submit_task",
                             "detach_task", "add_task", "schedule", "spawn"},
                            Name);
}

// Member functions of a pool that hand out something work can be queued on.
bool isExecutorAccessor(StringRef Name) {
  return llvm::is_contained(
      {"get_executor", "executor", "get_scheduler", "scheduler"}, Name);
}

// Free functions that queue work on their first argument (a pool, an
// executor, a strand). (bind_executor only binds: the handler is queued
// when whatever it is handed to completes.)
bool isQueueingFunction(StringRef Name) {
  return llvm::is_contained({"post", "dispatch", "defer", "execute", "co_spawn", "spawn"},
                            Name);
}

// Calls whose result carries the pool along: an executor, a strand, a
// handler bound to it.
bool carriesThePool(StringRef Name) {
  return Name == "make_strand" || Name == "bind_executor";
}

bool isConstLValueRef(QualType Type) {
  const auto *Ref = Type->getAs<LValueReferenceType>();
  return Ref && Ref->getPointeeType().isConstQualified();
}

class UseClassifier {
public:
  UseClassifier(PoolHandleKind Kind, const FunctionAnalysis &Parents,
                const PoolUseRules &Rules)
      : Kind(Kind), Parents(Parents), Rules(Rules) {}

  Classified classify(const Expr &Ref) const {
    const Expr *Current = &Ref;
    // For an owning pointer, uses of the pointee (*p, p->f()) are the pool.
    bool AtPointee = Kind == PoolHandleKind::Object;
    while (true) {
      const Stmt *Parent = Parents.parent(*Current);
      if (!Parent)
        return {UseKind::Escape};
      if (const auto *Declaration = dyn_cast<DeclStmt>(Parent))
        return classifyInitializer(*Declaration, *Current, AtPointee);
      if (isa<ParenExpr, ImplicitCastExpr>(Parent)) {
        Current = cast<Expr>(Parent);
        continue;
      }
      if (const auto *Unary = dyn_cast<UnaryOperator>(Parent)) {
        if (!AtPointee && Unary->getOpcode() == UO_Deref) {
          AtPointee = true;
          Current = Unary;
          continue;
        }
        return {UseKind::Escape}; // &pool, arithmetic on the pointer
      }
      if (const auto *Member = dyn_cast<MemberExpr>(Parent)) {
        if (Member->getBase() != Current || Member->isArrow() == AtPointee)
          return {UseKind::Escape};
        return classifyMemberUse(*Member);
      }
      if (const auto *Delete = dyn_cast<CXXDeleteExpr>(Parent))
        return AtPointee ? Classified{UseKind::Escape}
                         : Classified{UseKind::Delete, nullptr, Delete};
      if (const auto *Lambda = dyn_cast<LambdaExpr>(Parent))
        return classifyCapture(*Lambda, *Current, AtPointee);
      if (!AtPointee)
        return {UseKind::Escape}; // the pointer is copied, passed or stored
      if (const auto *Call = dyn_cast<CallExpr>(Parent))
        return classifyArgument(*Call, *Current);
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent))
        return classifyConstructArgument(*Construct, *Current);
      return {UseKind::Escape}; // returned, thrown, or anything unforeseen
    }
  }

private:
  // A plain capture is harmless (the lambda body is classified too); an
  // init-capture [&p = pool] is a new name, judged like any initializer.
  Classified classifyCapture(const LambdaExpr &Lambda, const Expr &Init,
                             bool AtPointee) const {
    for (const LambdaCapture &Capture : Lambda.captures()) {
      const auto *Var = Capture.capturesVariable()
                            ? dyn_cast<VarDecl>(Capture.getCapturedVar())
                            : nullptr;
      if (Var && Var->isInitCapture() && Var->getInit() == &Init)
        return classifyInitialized(Var, AtPointee);
    }
    return {UseKind::Query};
  }

  Classified classifyInitializer(const DeclStmt &Declaration,
                                 const Expr &Initializer, bool AtPointee) const {
    const VarDecl *Initialized = nullptr;
    for (const Decl *D : Declaration.decls())
      if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit() == &Initializer)
        Initialized = Var;
    return classifyInitialized(Initialized, AtPointee);
  }

  Classified classifyInitialized(const VarDecl *Initialized,
                                 bool AtPointee) const {
    if (!Initialized || !AtPointee)
      return {UseKind::Escape};
    // A non-const reference is a second name through which the pool can be
    // shut down; a const one or a copy is not.
    const QualType Type = Initialized->getType();
    if (Type->isReferenceType() && !isConstLValueRef(Type))
      return {UseKind::Escape};
    return {UseKind::Query};
  }

  Classified classifyMemberUse(const MemberExpr &Member) const {
    const Stmt *Parent = Parents.parent(Member);
    while (Parent && isa<ParenExpr>(Parent))
      Parent = Parents.parent(*Parent);
    const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Parent);
    if (!Call || Call->getCallee()->IgnoreParens() != &Member)
      return {UseKind::Query};
    StringRef Name = identifierOf(Call->getMethodDecl());
    if (llvm::is_contained(Rules.ShutdownMethods, Name) ||
        finishesPoolWork(*Call))
      return {UseKind::Shutdown, Call};
    // A task the test expects the call to refuse (`CHECK_THROWS(tg.run(h))`)
    // is not queued.
    if (isInExpectedThrow(*Call, Parents.context().getSourceManager(),
                          Parents.context().getLangOpts()))
      return {UseKind::Query};
    if (poolTaskCall(*Call))
      return work(Call);
    // The usual queueing names, for pools whose task methods the model does
    // not list.
    if (isQueueingMethod(Name) && !knowsTaskMethods(*Call))
      return work(Call);
    if (isExecutorAccessor(Name))
      return followExecutor(*Call, 0);
    return {UseKind::Query};
  }

  // Something work can be queued on (an executor, a strand) produced from the
  // pool: work if it is used to queue work, directly or through a local.
  Classified followExecutor(const Expr &Producer, unsigned Depth) const {
    if (Depth > 3)
      return {UseKind::Query};
    const Stmt *Consumer = Parents.parentIgnoringImplicit(Producer);
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Consumer))
      Consumer = Parents.parentIgnoringImplicit(*Construct);
    if (const auto *Member = dyn_cast_or_null<MemberExpr>(Consumer)) {
      const auto *Call =
          dyn_cast_or_null<CXXMemberCallExpr>(Parents.parent(*Member));
      return Call && isQueueingMethod(identifierOf(Call->getMethodDecl()))
                 ? work(Call)
                 : Classified{UseKind::Query};
    }
    if (const auto *Call = dyn_cast_or_null<CallExpr>(Consumer)) {
      StringRef Name = identifierOf(Call->getDirectCallee());
      // post(ex, ...), and an asynchronous operation that completes a
      // handler bound to the pool (timer.async_wait(bind_executor(pool, h))).
      if (isQueueingFunction(Name) || Name.starts_with("async_"))
        return work(Call);
      if (carriesThePool(Name))
        return followExecutor(*Call, Depth + 1);
      return {UseKind::Query};
    }
    if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(Consumer)) {
      const auto *Holder =
          dyn_cast_or_null<VarDecl>(Declaration->getSingleDecl());
      if (!Holder)
        return {UseKind::Query};
      Classified Result{UseKind::Query};
      forEachDescendant(&Parents.body(), /*SkipLambdas=*/false,
                        [&](const Stmt &S) {
                          const auto *Ref = dyn_cast<DeclRefExpr>(&S);
                          if (Result.Kind == UseKind::Work || !Ref ||
                              Ref->getDecl() != Holder)
                            return;
                          Classified Use = followExecutor(*Ref, Depth + 1);
                          if (Use.Kind == UseKind::Work)
                            Result = Use;
                        });
      return Result;
    }
    return {UseKind::Query};
  }

  // The pool passed to a function: harmless by value or const reference, or
  // to a function known to only queue work; otherwise the callee may shut the
  // pool down or keep it, and we stay silent.
  Classified classifyParameter(const FunctionDecl *Callee, unsigned Index,
                               const Expr *CurrentCall) const {
    if (!Callee || Index >= Callee->getNumParams())
      return {UseKind::Escape};
    const QualType Type = Callee->getParamDecl(Index)->getType();
    if (isWorkFunction(Callee)) {
      if (isQueueingFunction(identifierOf(Callee)))
        return work(CurrentCall);
      if (carriesThePool(identifierOf(Callee)) && CurrentCall)
        return followExecutor(*CurrentCall, 0);
      return {UseKind::Query}; // use_service, has_service
    }
    if (!Type->isReferenceType() || isConstLValueRef(Type))
      return {UseKind::Query};
    return {UseKind::Escape};
  }

  bool isWorkFunction(const NamedDecl *Callee) const {
    return isListedName(Callee->getQualifiedNameAsString(), Rules.WorkFunctions);
  }

  Classified classifyArgument(const CallExpr &Call, const Expr &Arg) const {
    unsigned Index = 0;
    while (Index < Call.getNumArgs() && Call.getArg(Index) != &Arg)
      ++Index;
    if (Index == Call.getNumArgs())
      return {UseKind::Escape}; // the callee itself
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
        Operator && isa_and_nonnull<CXXMethodDecl>(Callee)) {
      if (Index == 0)
        return {UseKind::Query}; // the object of a member operator
      --Index;
    }
    if (!Callee)
      return classifyUnresolvedCall(Call);
    return classifyParameter(Callee, Index, &Call);
  }

  // In a template, post(pool, task) may still be unresolved: accept it when
  // every candidate is a work function.
  Classified classifyUnresolvedCall(const CallExpr &Call) const {
    const auto *Lookup =
        dyn_cast<UnresolvedLookupExpr>(Call.getCallee()->IgnoreParenImpCasts());
    if (!Lookup || Lookup->getNumDecls() == 0)
      return {UseKind::Escape};
    for (const NamedDecl *Candidate : Lookup->decls())
      if (!isWorkFunction(Candidate->getUnderlyingDecl()))
        return {UseKind::Escape};
    return isQueueingFunction(Lookup->getName().getAsString())
               ? work(&Call)
               : Classified{UseKind::Query};
  }

  Classified classifyConstructArgument(const CXXConstructExpr &Construct,
                                       const Expr &Arg) const {
    for (unsigned Index = 0; Index < Construct.getNumArgs(); ++Index)
      if (Construct.getArg(Index) == &Arg)
        return classifyParameter(Construct.getConstructor(), Index, nullptr);
    return {UseKind::Escape};
  }

  PoolHandleKind Kind;
  const FunctionAnalysis &Parents;
  const PoolUseRules &Rules;
};

// Whether the future that a queueing call returns is waited: `post(pool,
// use_future(f)).get()`, or held in a local whose get()/wait() the function
// calls (outside lambdas, which may never run).
bool isAwaited(const Expr *WorkCall, const FunctionAnalysis &Parents) {
  if (!WorkCall)
    return false;
  const Stmt *Consumer = Parents.parentIgnoringImplicit(*WorkCall);
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(Consumer)) {
    const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Parents.parent(*Member));
    return Call && memberOp(Call->getMethodDecl()) == HandleOp::Wait;
  }
  // The future kept in a local, or stored in a container of futures.
  const ValueDecl *Holder = nullptr;
  if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(Consumer)) {
    const auto *Var = dyn_cast_or_null<VarDecl>(Declaration->getSingleDecl());
    if (Var && handleTypeOf(Var->getType()) == HandleType::Future)
      Holder = Var;
  } else if (const auto *Store = dyn_cast_or_null<CXXMemberCallExpr>(Consumer);
             Store && isStoringMethod(identifierOf(Store->getMethodDecl()))) {
    Holder = rootVariable(Store->getImplicitObjectArgument());
  }
  if (!Holder)
    return false;
  // Waited directly, or as the element of a range-for over the container.
  llvm::SmallPtrSet<const ValueDecl *, 4> Names{Holder};
  forEachDescendant(&Parents.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&S))
      if (rootVariable(RangeFor->getRangeInit()) == Holder)
        Names.insert(RangeFor->getLoopVariable());
  });
  bool Waited = false;
  forEachDescendant(&Parents.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S))
      Waited |= memberOp(Call->getMethodDecl()) == HandleOp::Wait &&
                Names.contains(rootVariable(Call->getImplicitObjectArgument()));
  });
  return Waited;
}

// Marks every lambda between a use inside a lambda and the function body as
// a place where work may be queued: creating it captures the pool.
void addEnclosingLambdas(const Stmt &Use, const FunctionAnalysis &Parents,
                         PoolUses &Uses) {
  for (const Stmt *Current = Parents.parent(Use); Current;
       Current = Parents.parent(*Current))
    if (isa<LambdaExpr>(Current))
      Uses.WorkUses.insert(Current);
}

} // namespace

PoolUse classifyPoolUse(const Expr &Use, const FunctionAnalysis &Parents,
                        const PoolUseRules &Rules) {
  const Classified Found =
      UseClassifier(PoolHandleKind::Object, Parents, Rules).classify(Use);
  PoolUse Result;
  Result.Kind = Found.Kind;
  if (Found.Kind == UseKind::Shutdown)
    Result.Call = Found.Shutdown;
  if (Found.Kind == UseKind::Work) {
    Result.Call = Found.WorkCall;
    Result.Awaited = isAwaited(Found.WorkCall, Parents);
  }
  return Result;
}

PoolUses collectPoolUses(const VarDecl &Var, PoolHandleKind Kind,
                         const FunctionAnalysis &Parents, ASTContext &Context,
                         const PoolUseRules &Rules) {
  PoolUses Uses;
  const UseClassifier Classifier(Kind, Parents, Rules);
  bool AllAwaited = true;
  for (const DeclRefExpr *Ref :
       utils::decl_ref_expr::allDeclRefExprs(Var, Parents.body(), Context)) {
    const Classified Use = Classifier.classify(*Ref);
    // Inside a lambda we cannot tell when (or whether) a shutdown or delete
    // runs, so it only makes the pool's fate unknown.
    const bool InLambda = Ref->refersToEnclosingVariableOrCapture();
    switch (Use.Kind) {
    case UseKind::Query:
      break;
    case UseKind::Work:
      Uses.WorkUses.insert(Ref);
      if (InLambda)
        addEnclosingLambdas(*Ref, Parents, Uses);
      else if (!isAwaited(Use.WorkCall, Parents))
        AllAwaited = false;
      break;
    case UseKind::Shutdown:
      if (InLambda)
        Uses.Escapes = true;
      else
        Uses.ShutdownCalls.insert(Use.Shutdown);
      break;
    case UseKind::Delete:
      if (InLambda)
        Uses.Escapes = true;
      else
        Uses.Deletes.insert(Use.Delete);
      break;
    case UseKind::Escape:
      Uses.Escapes = true;
      break;
    }
  }
  // Every task queued by this function is waited through its future before
  // the pool can die: nothing is left to abandon.
  if (AllAwaited && Uses.Deletes.empty() &&
      llvm::none_of(Uses.WorkUses, [](const Stmt *S) { return isa<LambdaExpr>(S); }))
    Uses.WorkUses.clear();
  return Uses;
}

} // namespace clang::tidy::parlint
