#include "HandleUses.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "SelfManagedThreads.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::parlint {

namespace {

const Expr *stripImplicit(const Expr *E) {
  while (true) {
    const Expr *Inner = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Inner))
      Inner = Cleanups->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Inner))
      Inner = Temp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Inner))
      Inner = Bind->getSubExpr();
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Inner))
      Inner = Cast->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Inner);
             Construct && Construct->getNumArgs() == 1 &&
             Construct->getConstructor()->isMoveConstructor() &&
             !isa<DeclRefExpr>(Construct->getArg(0)->IgnoreParenImpCasts()))
      Inner = Construct->getArg(0); // an elidable move of a temporary
    if (Inner == E)
      return E;
    E = Inner;
  }
}

bool startsThread(const CXXConstructExpr &Construct) {
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  return Constructor &&
         (isStdThreadClass(Constructor->getParent()) ||
          isStdJThreadClass(Constructor->getParent())) &&
         !Constructor->isCopyOrMoveConstructor() && Construct.getNumArgs() > 0;
}

/// What a thread-valued expression assigned or initialized into a handle does:
/// a launching construction or a call returning a thread starts one, a
/// default-constructed thread starts none, anything else is not understood.
enum class SourceValue { Launch, Empty, Unknown };

SourceValue classifySource(const Expr *E) {
  E = stripImplicit(E);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (startsThread(*Construct))
      return SourceValue::Launch;
    if (Construct->getNumArgs() == 0 ||
        Construct->getConstructor()->isDefaultConstructor())
      return SourceValue::Empty;
    return SourceValue::Unknown;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && !isStdMove(*Call) && !Call->getType()->isReferenceType())
    return SourceValue::Launch;
  return SourceValue::Unknown;
}

bool joinsOrDetaches(const Decl *D) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(D);
  HandleOp Op = memberOp(Method);
  return Method && isStdThreadClass(Method->getParent()) &&
         (Op == HandleOp::Join || Op == HandleOp::Detach);
}

/// A functor argument of std::for_each that joins or detaches each thread:
/// std::mem_fn(&std::thread::join), or a lambda calling join() on its element.
bool joinsEachElement(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
      Ref && joinsOrDetaches(Ref->getDecl()))
    return true;
  if (const auto *Member = dyn_cast<MemberExpr>(S);
      Member && joinsOrDetaches(Member->getMemberDecl()))
    return true;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S))
    return joinsEachElement(Lambda->getBody());
  return llvm::any_of(S->children(), joinsEachElement);
}

bool isStdFunction(const CallExpr *Call, StringRef Name) {
  const auto *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() && Callee->getName() == Name &&
         Callee->getDeclContext()->isStdNamespace();
}

class UseCollector {
public:
  UseCollector(const VarDecl *Var, HandleType Kind) : Var(Var), Kind(Kind) {}

  HandleUses run(const Stmt *Body) {
    classifyDeclaration();
    if (Kind == HandleType::PosixThread)
      findDetachedAttributes(*Body);
    visit(Body);
    return std::move(Uses);
  }

private:
  const VarDecl *Var;
  HandleType Kind;
  HandleUses Uses;
  llvm::SmallVector<const Stmt *, 32> Parents;
  /// Thread attribute objects the body sets to create detached threads.
  llvm::SmallVector<const ValueDecl *, 1> DetachedAttributes;

  void findDetachedAttributes(const Stmt &Body) {
    forEachDescendant(&Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (const auto *Call = dyn_cast<CallExpr>(&S))
        if (const ValueDecl *Attributes =
                rootVariable(attributesMadeDetachedBy(*Call)))
          DetachedAttributes.push_back(Attributes);
    });
  }

  bool createsDetached(const CallExpr &Create) const {
    const ValueDecl *Attributes = rootVariable(threadAttributesOf(Create));
    return Attributes && llvm::is_contained(DetachedAttributes, Attributes);
  }

  void classifyDeclaration() {
    if (Kind == HandleType::PosixThread)
      return;
    const Expr *Init = Var->getInit();
    if (!Init) {
      Uses.Escapes = true;
      return;
    }
    if (Kind == HandleType::Thread || Kind == HandleType::JThread ||
        Kind == HandleType::Future) {
      switch (classifySource(Init)) {
      case SourceValue::Launch:
        Uses.Events.StartsAtDeclaration = true;
        // `std::jthread t = makeThread();` does not compile.
        if (Kind == HandleType::Thread &&
            !isa<CXXConstructExpr>(stripImplicit(Init)))
          Uses.BlocksJThread = true;
        return;
      case SourceValue::Empty:
        return;
      case SourceValue::Unknown:
        Uses.Escapes = true;
        return;
      }
    }
    // An optional thread starts empty (`std::optional<std::thread> t;` or
    // `= std::nullopt`), or is not followed.
    if (Kind == HandleType::OptionalThread) {
      const auto *Construct = dyn_cast<CXXConstructExpr>(stripImplicit(Init));
      if (!Construct || Construct->isListInitialization() ||
          llvm::any_of(Construct->arguments(), [](const Expr *Arg) {
            const CXXRecordDecl *Type = Arg->getType()->getAsCXXRecordDecl();
            return !Type || !Type->getDeclContext()->isStdNamespace() ||
                   identifierOf(Type) != "nullopt_t";
          }))
        Uses.Escapes = true;
      return;
    }
    // Containers: only those that start with default-constructed threads
    // (empty, or `n` idle elements) are followed.
    const auto *Construct = dyn_cast<CXXConstructExpr>(stripImplicit(Init));
    if (!Construct || Construct->getConstructor()->isCopyOrMoveConstructor() ||
        Construct->isListInitialization())
      Uses.Escapes = true;
  }

  /// The nearest parent that is not an implicit wrapper, and its index.
  const Stmt *parent(size_t &Index) const {
    while (Index > 0) {
      const Stmt *P = Parents[--Index];
      if (!isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
               CXXBindTemporaryExpr, ExprWithCleanups>(P))
        return P;
    }
    return nullptr;
  }

  void record(ContainerUseKind Use, const Stmt *Where) {
    Uses.ContainerUses.push_back({Use, Where});
  }

  const Stmt *enclosingLoop(size_t Index) const {
    while (Index > 0) {
      const Stmt *P = Parents[--Index];
      if (isLoop(P))
        return P;
    }
    return nullptr;
  }

  void visit(const Stmt *S) {
    if (!S || Uses.Escapes)
      return;
    if (const auto *E = dyn_cast<Expr>(S); E && E->containsErrors()) {
      Uses.Escapes = true; // invalid code: say nothing
      return;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      if (Lambda->getLambdaClass() &&
          llvm::any_of(Lambda->captures(), [&](const LambdaCapture &Capture) {
            return Capture.capturesVariable() &&
                   Capture.getCapturedVar() == Var;
          }))
        Uses.Escapes = true;
      Parents.push_back(S);
      for (const Expr *Init : Lambda->capture_inits())
        visit(Init);
      Parents.pop_back();
      return;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == Var)
      classifyReference(Ref);
    Parents.push_back(S);
    for (const Stmt *Child : S->children())
      visit(Child);
    Parents.pop_back();
  }

  void classifyReference(const DeclRefExpr *Ref) {
    size_t Index = Parents.size();
    const Stmt *User = parent(Index);
    if (isHandleContainer(Kind))
      return classifyContainerUse(Ref, User, Index);
    switch (Kind) {
    case HandleType::Thread:
    case HandleType::JThread:
    case HandleType::Future:
      return classifyThreadUse(Ref, User, Index);
    case HandleType::PosixThread:
      return classifyPosixUse(Ref, User, Index);
    case HandleType::OptionalThread:
      return classifyOptionalUse(Ref, User, Index);
    default:
      Uses.Escapes = true;
      return;
    }
  }

  /// A use of a std::thread lvalue E (the variable itself, or an element).
  /// ElementLoop is the loop around an element use, where a join counts for
  /// every element.
  void classifyThreadUse(const Expr *E, const Stmt *User, size_t Index,
                         bool IsElement = false) {
    if (const auto *Member = dyn_cast_or_null<MemberExpr>(User)) {
      const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(parent(Index));
      if (!Call || Call->getCallee()->IgnoreParens() != Member) {
        Uses.Escapes = true;
        return;
      }
      HandleOp Op = memberOp(Call->getMethodDecl());
      if (Op == HandleOp::Query)
        return;
      if (Op == HandleOp::Other) {
        Uses.Escapes = true; // swap, native_handle: unknown from here on
        return;
      }
      if (Op == HandleOp::Detach)
        Uses.Detached = true;
      if (!IsElement) {
        Uses.Events.AtStmt[Call] = HandleEffect::Finish;
      } else if (const Stmt *Loop = enclosingLoop(Index)) {
        Uses.Events.AtLoop[Loop] = HandleEffect::Finish;
      }
      return;
    }
    if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(User);
        Assign && Assign->getOperator() == OO_Equal &&
        Assign->getNumArgs() == 2 &&
        stripImplicit(Assign->getArg(0)) == stripImplicit(E)) {
      if (classifySource(Assign->getArg(1)) != SourceValue::Launch) {
        Uses.Escapes = true;
        return;
      }
      Uses.Events.AtStmt[Assign] = HandleEffect::Start;
      Uses.BlocksJThread = true;
      return;
    }
    if (passedAsConstReference(E, User)) {
      Uses.BlocksJThread = true;
      return;
    }
    Uses.Escapes = true;
  }

  /// A use of a std::optional<std::thread>: `t.emplace(f)` and `t =
  /// std::thread(f)` start a thread, `t->join()`, `(*t).join()` and
  /// `t.value().join()` use the one inside, `if (t)` and `t.has_value()`
  /// only look (HandleFlow reads them as a test of the start). `reset()`,
  /// `= std::nullopt` and anything else are not followed.
  void classifyOptionalUse(const DeclRefExpr *Ref, const Stmt *User,
                           size_t Index) {
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(User)) {
      if ((Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
          Op->getNumArgs() == 1) {
        const Stmt *ElementUser = parent(Index);
        return classifyThreadUse(Op, ElementUser, Index);
      }
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
          stripImplicit(Op->getArg(0)) == Ref &&
          classifySource(Op->getArg(1)) == SourceValue::Launch) {
        Uses.Events.AtStmt[Op] = HandleEffect::Start;
        Uses.BlocksJThread = true;
        return;
      }
    }
    if (const auto *Member = dyn_cast_or_null<MemberExpr>(User)) {
      size_t CallIndex = Index;
      const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(parent(CallIndex));
      const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
      if (Method && Call->getCallee()->IgnoreParens() == Member) {
        StringRef Name = identifierOf(Method);
        if (Name == "has_value" || isa<CXXConversionDecl>(Method))
          return;
        if (Name == "emplace" && Call->getNumArgs() > 0) {
          Uses.Events.AtStmt[Call] = HandleEffect::Start;
          Uses.BlocksJThread = true;
          return;
        }
        if (Name == "value") {
          const Stmt *ElementUser = parent(CallIndex);
          return classifyThreadUse(Call, ElementUser, CallIndex);
        }
      }
    }
    if (passedAsConstReference(Ref, User)) {
      Uses.BlocksJThread = true;
      return;
    }
    Uses.Escapes = true;
  }

  bool passedAsConstReference(const Expr *E, const Stmt *User) const {
    auto ConstRefParam = [&](const FunctionDecl *Callee, unsigned ArgIndex) {
      if (!Callee || ArgIndex >= Callee->getNumParams())
        return false;
      QualType Type = Callee->getParamDecl(ArgIndex)->getType();
      return Type->isLValueReferenceType() &&
             Type->getPointeeType().isConstQualified();
    };
    auto ArgIndexOf = [&](auto Args) -> std::optional<unsigned> {
      unsigned I = 0;
      for (const Expr *Arg : Args) {
        if (stripImplicit(Arg) == stripImplicit(E))
          return I;
        ++I;
      }
      return std::nullopt;
    };
    if (const auto *Call = dyn_cast_or_null<CallExpr>(User)) {
      if (isa<CXXOperatorCallExpr>(Call))
        return false;
      if (auto I = ArgIndexOf(Call->arguments()))
        return ConstRefParam(Call->getDirectCallee(), *I);
    }
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(User))
      if (auto I = ArgIndexOf(Construct->arguments()))
        return ConstRefParam(Construct->getConstructor(), *I);
    return false;
  }

  void classifyContainerUse(const DeclRefExpr *Ref, const Stmt *User,
                            size_t Index) {
    // for (auto &t : threads) t.join();
    if (const auto *Range = dyn_cast_or_null<DeclStmt>(User)) {
      size_t LoopIndex = Index;
      const auto *Loop = dyn_cast_or_null<CXXForRangeStmt>(parent(LoopIndex));
      if (Loop && Loop->getRangeStmt() == Range) {
        record(ContainerUseKind::EachElement, Loop);
        classifyRangeFor(Loop);
        return;
      }
      Uses.Escapes = true;
      return;
    }
    if (const auto *Subscript = dyn_cast_or_null<CXXOperatorCallExpr>(User);
        Subscript && Subscript->getOperator() == OO_Subscript &&
        stripImplicit(Subscript->getArg(0)) == Ref) {
      record(ContainerUseKind::Element, Subscript);
      const Stmt *ElementUser = parent(Index);
      classifyThreadUse(Subscript, ElementUser, Index, /*IsElement=*/true);
      return;
    }
    const auto *Member = dyn_cast_or_null<MemberExpr>(User);
    const auto *Call =
        Member ? dyn_cast_or_null<CXXMemberCallExpr>(parent(Index)) : nullptr;
    if (!Call || Call->getCallee()->IgnoreParens() != Member ||
        !Member->getMemberDecl()->getIdentifier()) {
      if (passedAsConstReference(Ref, User))
        record(ContainerUseKind::ConstRef, User);
      else
        Uses.Escapes = true;
      return;
    }
    StringRef Name = Member->getMemberDecl()->getName();
    if (llvm::is_contained({"size", "empty", "capacity", "max_size"}, Name)) {
      record(ContainerUseKind::Inspect, Call);
      return;
    }
    if (llvm::is_contained({"reserve", "shrink_to_fit"}, Name)) {
      record(ContainerUseKind::Capacity, Call);
      return;
    }
    if (llvm::is_contained({"resize", "clear", "pop_back", "pop_front"},
                           Name)) {
      record(ContainerUseKind::Remove, Call);
      return;
    }
    if (llvm::is_contained({"emplace_back", "emplace_front"}, Name)) {
      record(ContainerUseKind::Store, Call);
      if (Call->getNumArgs() > 0)
        Uses.Events.AtStmt[Call] = HandleEffect::Start;
      return;
    }
    if (llvm::is_contained({"push_back", "push_front", "insert", "emplace"},
                           Name)) {
      record(ContainerUseKind::Store, Call);
      Uses.Events.AtStmt[Call] = HandleEffect::Start;
      return;
    }
    if (llvm::is_contained({"front", "back", "at"}, Name)) {
      record(ContainerUseKind::Element, Call);
      const Stmt *ElementUser = parent(Index);
      classifyThreadUse(Call, ElementUser, Index, /*IsElement=*/true);
      return;
    }
    if (llvm::is_contained({"begin", "end"}, Name)) {
      const auto *Algorithm = dyn_cast_or_null<CallExpr>(parent(Index));
      if (isStdFunction(Algorithm, "for_each") && Algorithm->getNumArgs() == 3 &&
          joinsEachElement(Algorithm->getArg(2))) {
        record(ContainerUseKind::EachElement, Algorithm);
        Uses.Events.AtStmt[Algorithm] = HandleEffect::Finish;
        return;
      }
    }
    Uses.Escapes = true;
  }

  void classifyRangeFor(const CXXForRangeStmt *Loop) {
    const VarDecl *Element = Loop->getLoopVariable();
    if (!Element || !Element->getType()->isReferenceType()) {
      Uses.Escapes = true;
      return;
    }
    HandleUses ElementUses = UseCollector(Element, elementTypeOf(Kind))
                                 .runOnLoopBody(Loop->getBody());
    if (ElementUses.Escapes) {
      Uses.Escapes = true;
      return;
    }
    if (ElementUses.Events.AtStmt.empty())
      return; // only looks at the threads (get_id, joinable)
    for (const auto &[S, Effect] : ElementUses.Events.AtStmt)
      if (Effect != HandleEffect::Finish) {
        Uses.Escapes = true;
        return;
      }
    Uses.Detached |= ElementUses.Detached;
    Uses.Events.AtLoop[Loop] = HandleEffect::Finish;
  }

public:
  HandleUses runOnLoopBody(const Stmt *Body) {
    visit(Body);
    return std::move(Uses);
  }

private:
  void classifyPosixUse(const DeclRefExpr *Ref, const Stmt *User,
                        size_t Index) {
    // pthread_t ids[N]: an element stands for the array, and a join of an
    // element inside a loop joins every element once the loop is done.
    bool IsElement = false;
    if (const auto *Element = dyn_cast_or_null<ArraySubscriptExpr>(User);
        Element && Element->getBase()->IgnoreParenImpCasts() == Ref) {
      User = parent(Index);
      IsElement = true;
    }
    if (const auto *Address = dyn_cast_or_null<UnaryOperator>(User);
        Address && Address->getOpcode() == UO_AddrOf) {
      const auto *Call = dyn_cast_or_null<CallExpr>(parent(Index));
      if (Call && isNamed(Call->getDirectCallee(), {"::pthread_create"}) &&
          Call->getNumArgs() > 0 &&
          Call->getArg(0)->IgnoreParenImpCasts() == Address) {
        if (createsDetached(*Call)) {
          Uses.DetachedCreates.push_back(Call);
          Uses.Detached = Uses.PosixFinished = true;
          Uses.Events.AtStmt[Call] = HandleEffect::Finish;
          return;
        }
        if (createdThreadManagesItsOwnHandle(*Call)) {
          // The thread detaches itself or hands its id to whoever joins it.
          Uses.SelfManagedCreates.push_back(Call);
          Uses.Detached = Uses.PosixFinished = true;
          Uses.Events.AtStmt[Call] = HandleEffect::Finish;
          return;
        }
        Uses.PosixCreates.push_back(Call);
        Uses.Events.AtStmt[Call] = HandleEffect::Start;
        Uses.Events.CheckedStarts.push_back(Call);
        return;
      }
      Uses.Escapes = true;
      return;
    }
    const auto *Call = dyn_cast_or_null<CallExpr>(User);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    HandleOp Op = freeFunctionOp(Callee);
    if (Callee && identifierOf(Callee).starts_with("pthread_") &&
        (Op == HandleOp::Join || Op == HandleOp::Detach)) {
      Uses.PosixFinished = true;
      const Stmt *Loop = IsElement ? enclosingLoop(Index) : nullptr;
      if (Loop)
        Uses.Events.AtLoop[Loop] = HandleEffect::Finish;
      else
        Uses.Events.AtStmt[Call] = HandleEffect::Finish;
      return;
    }
    if (Callee && identifierOf(Callee).starts_with("pthread_") &&
        Callee->getDeclContext()->getRedeclContext()->isTranslationUnit())
      return; // pthread_equal, pthread_kill, pthread_cancel ...: no hand-off
    Uses.Escapes = true;
  }
};

} // namespace

HandleUses collectHandleUses(const Stmt &Body, const VarDecl &Var,
                             HandleType Type) {
  return UseCollector(&Var, Type).run(&Body);
}

} // namespace clang::tidy::parlint
