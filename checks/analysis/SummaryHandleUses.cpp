// What one use of a handle does, for FunctionSummaries: a thread or future
// (join, detach, a start assigned to it, a hand-over), a container of them
// (elements stored, joined in a loop, std::for_each), a pthread_t, a pool
// (work queued, a shutdown, through PoolUses' classification).
#include "../common/AstHelpers.h"
#include "../common/ProjectConfig.h"
#include "../model/Handles.h"
#include "../model/Pools.h"
#include "PoolUses.h"
#include "SummaryScanner.h"

namespace clang::tidy::parlint::summaries {

/// A call that finishes a pool's queued work. For a pool whose destructor
/// abandons the work (and missing-pool-shutdown's PoolTypes), only what that
/// check accepts: its ShutdownMethods and the library's own wait (Asio's
/// stop() drops the work too); for the others, the model's waits.
bool shutsDown(const CXXMemberCallExpr &Call) {
  const Expr *Object = Call.getImplicitObjectArgument();
  QualType Type = Object ? Object->getType() : QualType();
  if (!Type.isNull() && Type->isPointerType())
    Type = Type->getPointeeType();
  const CXXRecordDecl *Record = recordOf(Type);
  StringRef Name = identifierOf(Call.getMethodDecl());
  const auto &Types = projectConfig().ShutdownPoolTypes;
  std::vector<StringRef> Names(Types.begin(), Types.end());
  StringRef Own = waitBeforeDestruction(Record);
  if (!Own.empty() || (Record && !Names.empty() && isNamed(Record, Names)))
    return Name == Own ||
           llvm::is_contained(projectConfig().ShutdownMethods, Name);
  return waitsForPoolWork(Call);
}

/// The source of a value assigned or used to initialize a thread or
/// future: whether it may bring a running worker.
bool bringsWorker(const Expr *Source) {
  const Expr *E = stripped(Source);
  if (!E)
    return false;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0 ||
        Construct->getConstructor()->isDefaultConstructor())
      return false;
    if (Construct->getConstructor()->isCopyOrMoveConstructor())
      return bringsWorker(Construct->getArg(0));
    return true; // a launch, or a container built from launches
  }
  if (isa<InitListExpr>(E))
    return cast<InitListExpr>(E)->getNumInits() > 0;
  if (isa<CXXNullPtrLiteralExpr, IntegerLiteral, ImplicitValueInitExpr,
          CXXScalarValueInitExpr>(E))
    return false;
  return true; // std::move(other), a call returning a thread
}

/// Whether a member of this type initialized with Value has a worker
/// running behind it: a launching thread or future, a container built from
/// a list of them (not `threads_(n)`: idle threads), or either moved in.
bool initializerStarts(QualType Type, const Expr &Value) {
  if (Type->isReferenceType())
    return false; // another object's thread, bound here
  switch (shapeOf(Type)) {
  case HandleShape::Thread:
  case HandleShape::Future:
    return bringsWorker(&Value);
  case HandleShape::Container: {
    const Expr *E = stripped(&Value);
    if (const auto *List = dyn_cast<InitListExpr>(E))
      return List->getNumInits() > 0;
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct)
      return true;
    if (Construct->isListInitialization() ||
        Construct->isStdInitListInitialization())
      return Construct->getNumArgs() > 0;
    return Construct->getConstructor()->isCopyOrMoveConstructor() &&
           bringsWorker(Construct->getArg(0));
  }
  default:
    return false;
  }
}

void BodyScanner::classifyHandle(const Expr &E, ReachedHandle H,
                                 HandleShape Shape) {
  switch (Shape) {
  case HandleShape::Thread:
  case HandleShape::Future:
    return classifyThread(E, H, /*Element=*/false, Shape);
  case HandleShape::Container:
    return classifyContainer(E, H);
  case HandleShape::Posix:
    return classifyPosix(E, H);
  case HandleShape::Pool:
    return classifyPool(E, H);
  case HandleShape::None:
    return;
  }
}

void BodyScanner::classifyArgument(const Stmt &Call, const FunctionDecl *Callee,
                                   unsigned Index, ReachedHandle H,
                                   bool Element) {
  if (const auto *Plain = dyn_cast<CallExpr>(&Call); Plain && isStdMove(*Plain))
    return Element ? addElementEffect(H, HandleStepKind::Escape, Call)
                   : add(H, HandleStepKind::Escape, Call);
  if (isUserCallee(Callee)) {
    // Followed by visitCall, for the members of *this and the parameters;
    // an element of a container is followed here.
    if (!Element)
      return;
    const SummaryCache::Entry *Entry = Cache.get(*Callee);
    if (!Entry) {
      if (Index < Callee->getNumParams() &&
          !isNonConstReferenceOrPointer(Callee->getParamDecl(Index)->getType()))
        return;
      return addElementEffect(H, HandleStepKind::Escape, Call);
    }
    for (const HandleStep &Effect : Entry->Summary.Effects)
      if (Effect.Handle == ReachedHandle::parameter(Index) &&
          finishes(Effect.Kind))
        addElementEffect(H, Effect.Kind, Call);
    return;
  }
  if (!Callee || Index >= Callee->getNumParams()) {
    if (Callee && Callee->isVariadic())
      return; // printf("%p", &t)
    return Element ? addElementEffect(H, HandleStepKind::Escape, Call)
                   : add(H, HandleStepKind::Escape, Call);
  }
  if (!isNonConstReferenceOrPointer(Callee->getParamDecl(Index)->getType()))
    return; // inspected through a const reference, or copied
  Element ? addElementEffect(H, HandleStepKind::Escape, Call)
          : add(H, HandleStepKind::Escape, Call);
}

/// The argument index of Arg in a call or construction, if it is one.
std::optional<std::pair<const FunctionDecl *, unsigned>>
argumentOf(const Stmt &User, const Expr &Arg) {
  auto IndexIn = [&](auto Args) -> std::optional<unsigned> {
    unsigned I = 0;
    for (const Expr *Candidate : Args) {
      if (Candidate == &Arg)
        return I;
      ++I;
    }
    return std::nullopt;
  };
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&User)) {
    auto I = IndexIn(Operator->arguments());
    if (!I)
      return std::nullopt;
    const FunctionDecl *Callee = Operator->getDirectCallee();
    if (isa_and_nonnull<CXXMethodDecl>(Callee)) {
      if (*I == 0)
        return std::nullopt; // the object
      --*I;
    }
    return std::make_pair(Callee, *I);
  }
  if (const auto *Call = dyn_cast<CallExpr>(&User))
    if (auto I = IndexIn(Call->arguments()))
      return std::make_pair(Call->getDirectCallee(), *I);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&User))
    if (auto I = IndexIn(Construct->arguments()))
      return std::make_pair(
          static_cast<const FunctionDecl *>(Construct->getConstructor()), *I);
  return std::nullopt;
}

void BodyScanner::classifyThread(const Expr &Handle, ReachedHandle H,
                                 bool Element, HandleShape Shape) {
  auto Effect = [&](HandleStepKind Kind, const Stmt &At) {
    Element ? addElementEffect(H, Kind, At) : add(H, Kind, At);
  };
  auto [Top, User] = userOf(Handle);
  if (!User)
    return Effect(HandleStepKind::Escape, Handle);
  if (const auto *Member = dyn_cast<MemberExpr>(User)) {
    auto [CalleeTop, Call] = userOf(*Member);
    const auto *MemberCall = dyn_cast_or_null<CXXMemberCallExpr>(Call);
    if (!MemberCall)
      return Effect(HandleStepKind::Escape, *User);
    switch (memberOp(MemberCall->getMethodDecl())) {
    case HandleOp::Join:
    case HandleOp::Wait:
      return Effect(HandleStepKind::Join, *MemberCall);
    case HandleOp::Detach:
      return Effect(HandleStepKind::Detach, *MemberCall);
    case HandleOp::Query:
      return;
    case HandleOp::Other:
      // swap() hands the thread over; native_handle() may reach
      // pthread_join or pthread_detach.
      return Effect(HandleStepKind::Escape, *MemberCall);
    }
  }
  if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(User);
      Assign && Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2) {
    if (Assign->getArg(0) == Top) {
      if (bringsWorker(Assign->getArg(1)))
        Effect(HandleStepKind::Start, *Assign);
      return;
    }
    // Moved from: `other = std::move(worker_)` goes through std::move.
  }
  if (const auto *Address = dyn_cast<UnaryOperator>(User);
      Address && Address->getOpcode() == UO_AddrOf) {
    auto [AddressTop, AddressUser] = userOf(*Address);
    if (AddressUser)
      if (auto Argument = argumentOf(*AddressUser, *AddressTop))
        return classifyArgument(*AddressUser, Argument->first,
                                Argument->second, H, Element);
    return Effect(HandleStepKind::Escape, *Address);
  }
  if (auto Argument = argumentOf(*User, *Top))
    return classifyArgument(*User, Argument->first, Argument->second, H,
                            Element);
  if (const auto *Declaration = dyn_cast<DeclStmt>(User)) {
    // `const std::thread &t = worker_;` only looks at it.
    for (const Decl *D : Declaration->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit() == Top &&
          Var->getType()->isReferenceType() &&
          Var->getType().getNonReferenceType().isConstQualified())
        return;
  }
  Effect(HandleStepKind::Escape, *User);
}

void BodyScanner::classifyContainer(const Expr &Handle, ReachedHandle H) {
  auto [Top, User] = userOf(Handle);
  if (!User)
    return add(H, HandleStepKind::Escape, Handle);
  // for (auto &t : threads_) t.join();
  if (const auto *Range = dyn_cast<DeclStmt>(User)) {
    const auto *Loop = dyn_cast_or_null<CXXForRangeStmt>(Scope->parent(*Range));
    if (Loop && Loop->getRangeStmt() == Range)
      return classifyRangeFor(*Loop, H);
    return add(H, HandleStepKind::Escape, *User);
  }
  if (const auto *Subscript = dyn_cast<CXXOperatorCallExpr>(User);
      Subscript && Subscript->getOperator() == OO_Subscript &&
      Subscript->getArg(0) == Top)
    return classifyThread(*Subscript, H, /*Element=*/true, HandleShape::Thread);
  if (const auto *Element = dyn_cast<ArraySubscriptExpr>(User);
      Element && Element->getBase()->IgnoreParenImpCasts() == &Handle)
    return classifyThread(*Element, H, /*Element=*/true, HandleShape::Thread);
  if (auto Argument = argumentOf(*User, *Top))
    return classifyArgument(*User, Argument->first, Argument->second, H,
                            false);
  const auto *Member = dyn_cast<MemberExpr>(User);
  const auto *Call = Member ? dyn_cast_or_null<CXXMemberCallExpr>(
                                  userOf(*Member).second)
                            : nullptr;
  if (!Call)
    return add(H, HandleStepKind::Escape, *User);
  StringRef Name = identifierOf(Call->getMethodDecl());
  if (llvm::is_contained({"size", "empty", "capacity", "max_size", "reserve",
                          "shrink_to_fit", "clear", "pop_back", "pop_front",
                          "resize", "erase", "cbegin", "cend"},
                         Name))
    return; // no element starts or finishes (dropping joinable ones
            // terminates: not a finish)
  if (llvm::is_contained({"emplace_back", "emplace_front", "emplace"}, Name)) {
    if (Call->getNumArgs() > (Name == "emplace" ? 1u : 0u))
      add(H, HandleStepKind::Start, *Call);
    return;
  }
  if (isStoringMethod(Name))
    return add(H, HandleStepKind::Start, *Call);
  if (llvm::is_contained({"front", "back", "at"}, Name))
    return classifyThread(*Call, H, /*Element=*/true, HandleShape::Thread);
  if (Name == "begin" || Name == "end") {
    // std::for_each(v.begin(), v.end(), std::mem_fn(&std::thread::join))
    auto [CallTop, Algorithm] = userOf(*Call);
    const auto *ForEach = dyn_cast_or_null<CallExpr>(Algorithm);
    if (ForEach &&
        isNamed(ForEach->getDirectCallee(), {"::std::for_each"}) &&
        ForEach->getNumArgs() == 3) {
      bool Joins = false, Detaches = false;
      forEachDescendant(ForEach->getArg(2), false, [&](const Stmt &S) {
        const ValueDecl *Named = nullptr;
        if (const auto *Ref = dyn_cast<DeclRefExpr>(&S))
          Named = Ref->getDecl();
        else if (const auto *M = dyn_cast<MemberExpr>(&S))
          Named = M->getMemberDecl();
        HandleOp Op = memberOp(dyn_cast_or_null<CXXMethodDecl>(Named));
        Joins |= Op == HandleOp::Join || Op == HandleOp::Wait;
        Detaches |= Op == HandleOp::Detach;
      });
      if (Name == "end")
        return; // counted once, at begin()
      if (Joins)
        add(H, HandleStepKind::Join, *ForEach);
      if (Detaches)
        add(H, HandleStepKind::Detach, *ForEach);
      if (Joins || Detaches)
        return;
    }
  }
  add(H, HandleStepKind::Escape, *Call);
}

void BodyScanner::classifyRangeFor(const CXXForRangeStmt &Loop,
                                   ReachedHandle H) {
  const VarDecl *Element = Loop.getLoopVariable();
  if (!Element || !Element->getType()->isReferenceType())
    return add(H, HandleStepKind::Escape, Loop);
  if (Element->getType().getNonReferenceType().isConstQualified())
    return; // only looks at the threads
  // Each use of the element in the body, as a use of one element.
  size_t First = Steps.size();
  forEachDescendant(Loop.getBody(), false, [&](const Stmt &S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    if (Ref && Ref->getDecl() == Element)
      classifyThread(*Ref, H, /*Element=*/true, HandleShape::Thread);
  });
  // Element effects inside the loop body hold for the whole container
  // once the loop is done.
  for (size_t I = First; I < Steps.size(); ++I)
    if (finishes(Steps[I].Kind) && !isa<LambdaExpr>(Steps[I].Where)) {
      Steps[I].Where = &Loop;
      Steps[I].AtLoop = true;
    }
}

void BodyScanner::classifyPosix(const Expr &Handle, ReachedHandle H) {
  auto [Top, User] = userOf(Handle);
  if (!User)
    return add(H, HandleStepKind::Escape, Handle);
  // An element of `pthread_t ids_[N]` stands for the array.
  bool Element = false;
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(User);
      Subscript && Subscript->getBase()->IgnoreParenImpCasts() == &Handle) {
    std::tie(Top, User) = userOf(*Subscript);
    Element = true;
    if (!User)
      return;
  }
  auto Effect = [&](HandleStepKind Kind, const Stmt &At) {
    Element ? addElementEffect(H, Kind, At) : add(H, Kind, At);
  };
  if (const auto *Address = dyn_cast<UnaryOperator>(User);
      Address && Address->getOpcode() == UO_AddrOf) {
    auto [AddressTop, Call] = userOf(*Address);
    const auto *Create = dyn_cast_or_null<CallExpr>(Call);
    if (Create && isNamed(Create->getDirectCallee(), {"::pthread_create"}) &&
        Create->getNumArgs() > 0 && Create->getArg(0) == AddressTop)
      return Effect(HandleStepKind::Start, *Create);
    if (Call)
      if (auto Argument = argumentOf(*Call, *AddressTop))
        return classifyArgument(*Call, Argument->first, Argument->second, H,
                                Element);
    return Effect(HandleStepKind::Escape, *User);
  }
  if (const auto *Call = dyn_cast<CallExpr>(User)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    switch (freeFunctionOp(Callee)) {
    case HandleOp::Join:
      return Effect(HandleStepKind::Join, *Call);
    case HandleOp::Detach:
      return Effect(HandleStepKind::Detach, *Call);
    case HandleOp::Query:
      return;
    default:
      break;
    }
    if (isUserCallee(Callee))
      return; // followed by visitCall
  }
  if (isa<BinaryOperator>(User) && cast<BinaryOperator>(User)->isComparisonOp())
    return;
  Effect(HandleStepKind::Escape, *User);
}

void BodyScanner::classifyPool(const Expr &Handle, ReachedHandle H) {
  auto [Top, User] = userOf(Handle);
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(User))
    if (const auto *Call =
            dyn_cast_or_null<CXXMemberCallExpr>(userOf(*Member).second);
        Call && shutsDown(*Call))
      return add(H, HandleStepKind::Join, *Call);
  std::vector<StringRef> Shutdowns(projectConfig().ShutdownMethods.begin(),
                                   projectConfig().ShutdownMethods.end());
  PoolUse Use =
      classifyPoolUse(Handle, *Scope, PoolUseRules{Shutdowns, workFunctions()});
  switch (Use.Kind) {
  case PoolUseKind::Work:
    if (!Use.Awaited)
      add(H, HandleStepKind::Start, Use.Call ? *Use.Call : Handle);
    return;
  case PoolUseKind::Shutdown:
    return add(H, HandleStepKind::Join, Use.Call ? *Use.Call : Handle);
  case PoolUseKind::Query:
    return;
  case PoolUseKind::Delete:
  case PoolUseKind::Escape:
    break;
  }
  if (User)
    if (auto Argument = argumentOf(*User, *Top);
        Argument && isUserCallee(Argument->first) &&
        !isModelledCallee(Argument->first))
      return; // followed by visitCall
  add(H, HandleStepKind::Escape, User ? *User : Handle);
}

} // namespace clang::tidy::parlint::summaries
