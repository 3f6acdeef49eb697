#include "ThreadJoinUses.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::parlint {

namespace {

bool isStdRecord(const CXXRecordDecl *Record, llvm::ArrayRef<StringRef> Names) {
  if (!Record || !Record->getIdentifier() ||
      !Record->getDeclContext()->isStdNamespace())
    return false;
  return llvm::is_contained(Names, Record->getName());
}

bool isStdThread(QualType Type) {
  return isStdRecord(Type.getCanonicalType()->getAsCXXRecordDecl(), {"thread"});
}

bool isPosixThreadType(QualType Type) {
  for (QualType Current = Type; !Current.isNull();) {
    if (const auto *Typedef = Current->getAs<TypedefType>()) {
      if (Typedef->getDecl()->getName() == "pthread_t")
        return true;
      Current = Typedef->desugar();
      continue;
    }
    return false;
  }
  return false;
}

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

bool isStdMove(const CallExpr *Call) {
  const auto *Callee = Call->getDirectCallee();
  return Callee && Callee->getIdentifier() &&
         Callee->getDeclContext()->isStdNamespace() &&
         (Callee->getName() == "move" || Callee->getName() == "forward");
}

/// What a thread-valued expression assigned or initialized into a handle does:
/// a launching construction or a call returning a thread starts one, a
/// default-constructed thread starts none, anything else is not understood.
enum class SourceValue { Launch, Empty, Unknown };

SourceValue classifySource(const Expr *E) {
  E = stripImplicit(E);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (isThreadLaunch(Construct))
      return SourceValue::Launch;
    if (Construct->getNumArgs() == 0 ||
        Construct->getConstructor()->isDefaultConstructor())
      return SourceValue::Empty;
    return SourceValue::Unknown;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && !isStdMove(Call) && !Call->getType()->isReferenceType())
    return SourceValue::Launch;
  return SourceValue::Unknown;
}

bool isThreadMethod(const Decl *D, llvm::ArrayRef<StringRef> Names) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(D);
  return Method && Method->getIdentifier() &&
         isStdRecord(Method->getParent(), {"thread"}) &&
         llvm::is_contained(Names, Method->getName());
}

/// A functor argument of std::for_each that joins or detaches each thread:
/// std::mem_fn(&std::thread::join), or a lambda calling join() on its element.
bool joinsEachElement(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
      Ref && isThreadMethod(Ref->getDecl(), {"join", "detach"}))
    return true;
  if (const auto *Member = dyn_cast<MemberExpr>(S);
      Member && isThreadMethod(Member->getMemberDecl(), {"join", "detach"}))
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

bool isGlobalFunction(const CallExpr *Call, llvm::ArrayRef<StringRef> Names) {
  const auto *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() &&
         Callee->getDeclContext()->getRedeclContext()->isTranslationUnit() &&
         llvm::is_contained(Names, Callee->getName());
}

class UseCollector {
public:
  UseCollector(const VarDecl *Var, HandleKind Kind) : Var(Var), Kind(Kind) {}

  HandleUses run(const Stmt *Body) {
    classifyDeclaration();
    visit(Body);
    return std::move(Uses);
  }

private:
  const VarDecl *Var;
  HandleKind Kind;
  HandleUses Uses;
  llvm::SmallVector<const Stmt *, 32> Parents;

  void classifyDeclaration() {
    if (Kind == HandleKind::PosixThread)
      return;
    const Expr *Init = Var->getInit();
    if (!Init) {
      Uses.Escapes = true;
      return;
    }
    if (Kind == HandleKind::Thread) {
      switch (classifySource(Init)) {
      case SourceValue::Launch:
        Uses.Initial = HandleEffect::Launch;
        // `std::jthread t = makeThread();` does not compile.
        if (!isa<CXXConstructExpr>(stripImplicit(Init)))
          Uses.BlocksJThread = true;
        return;
      case SourceValue::Empty:
        return;
      case SourceValue::Unknown:
        Uses.Escapes = true;
        return;
      }
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

  const Stmt *enclosingLoop(size_t Index) const {
    while (Index > 0) {
      const Stmt *P = Parents[--Index];
      if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P))
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
    switch (Kind) {
    case HandleKind::Thread:
      return classifyThreadUse(Ref, User, Index);
    case HandleKind::ThreadContainer:
      return classifyContainerUse(Ref, User, Index);
    case HandleKind::PosixThread:
      return classifyPosixUse(Ref, User, Index);
    case HandleKind::None:
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
      StringRef Name = Member->getMemberDecl()->getIdentifier()
                           ? Member->getMemberDecl()->getName()
                           : StringRef();
      if (!Call || Call->getCallee()->IgnoreParens() != Member) {
        Uses.Escapes = true;
        return;
      }
      if (Name == "joinable" || Name == "get_id")
        return;
      if (Name != "join" && Name != "detach") {
        Uses.Escapes = true; // swap, native_handle: unknown from here on
        return;
      }
      if (Name == "detach")
        Uses.Detached = true;
      if (!IsElement) {
        Uses.StmtEffects[Call] = HandleEffect::Finish;
      } else if (const Stmt *Loop = enclosingLoop(Index)) {
        Uses.LoopEffects[Loop] = HandleEffect::Finish;
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
      Uses.StmtEffects[Assign] = HandleEffect::Launch;
      Uses.BlocksJThread = true;
      return;
    }
    if (passedAsConstReference(E, User)) {
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
        classifyRangeFor(Loop);
        return;
      }
      Uses.Escapes = true;
      return;
    }
    if (const auto *Subscript = dyn_cast_or_null<CXXOperatorCallExpr>(User);
        Subscript && Subscript->getOperator() == OO_Subscript &&
        stripImplicit(Subscript->getArg(0)) == Ref) {
      const Stmt *ElementUser = parent(Index);
      classifyThreadUse(Subscript, ElementUser, Index, /*IsElement=*/true);
      return;
    }
    const auto *Member = dyn_cast_or_null<MemberExpr>(User);
    const auto *Call =
        Member ? dyn_cast_or_null<CXXMemberCallExpr>(parent(Index)) : nullptr;
    if (!Call || Call->getCallee()->IgnoreParens() != Member ||
        !Member->getMemberDecl()->getIdentifier()) {
      if (!passedAsConstReference(Ref, User))
        Uses.Escapes = true;
      return;
    }
    StringRef Name = Member->getMemberDecl()->getName();
    if (llvm::is_contained({"size", "empty", "capacity", "reserve", "resize",
                            "shrink_to_fit", "max_size", "clear", "pop_back",
                            "pop_front"},
                           Name))
      return;
    if (llvm::is_contained({"emplace_back", "emplace_front"}, Name)) {
      if (Call->getNumArgs() > 0)
        Uses.StmtEffects[Call] = HandleEffect::Launch;
      return;
    }
    if (llvm::is_contained({"push_back", "push_front", "insert", "emplace"},
                           Name)) {
      Uses.StmtEffects[Call] = HandleEffect::Launch;
      return;
    }
    if (llvm::is_contained({"front", "back", "at"}, Name)) {
      const Stmt *ElementUser = parent(Index);
      classifyThreadUse(Call, ElementUser, Index, /*IsElement=*/true);
      return;
    }
    if (llvm::is_contained({"begin", "end"}, Name)) {
      const auto *Algorithm = dyn_cast_or_null<CallExpr>(parent(Index));
      if (isStdFunction(Algorithm, "for_each") && Algorithm->getNumArgs() == 3 &&
          joinsEachElement(Algorithm->getArg(2))) {
        Uses.StmtEffects[Algorithm] = HandleEffect::Finish;
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
    HandleUses ElementUses =
        UseCollector(Element, HandleKind::Thread).runOnLoopBody(Loop->getBody());
    if (ElementUses.Escapes) {
      Uses.Escapes = true;
      return;
    }
    if (ElementUses.StmtEffects.empty())
      return; // only looks at the threads (get_id, joinable)
    for (const auto &[S, Effect] : ElementUses.StmtEffects)
      if (Effect != HandleEffect::Finish) {
        Uses.Escapes = true;
        return;
      }
    Uses.Detached |= ElementUses.Detached;
    Uses.LoopEffects[Loop] = HandleEffect::Finish;
  }

public:
  HandleUses runOnLoopBody(const Stmt *Body) {
    visit(Body);
    return std::move(Uses);
  }

private:
  void classifyPosixUse(const DeclRefExpr *Ref, const Stmt *User,
                        size_t Index) {
    // pthread_t ids[N]: an element stands for the array.
    if (const auto *Element = dyn_cast_or_null<ArraySubscriptExpr>(User);
        Element && Element->getBase()->IgnoreParenImpCasts() == Ref)
      User = parent(Index);
    if (const auto *Address = dyn_cast_or_null<UnaryOperator>(User);
        Address && Address->getOpcode() == UO_AddrOf) {
      const auto *Call = dyn_cast_or_null<CallExpr>(parent(Index));
      if (isGlobalFunction(Call, {"pthread_create"}) &&
          Call->getNumArgs() > 0 &&
          Call->getArg(0)->IgnoreParenImpCasts() == Address) {
        Uses.PosixCreates.push_back(Call);
        return;
      }
      Uses.Escapes = true;
      return;
    }
    const auto *Call = dyn_cast_or_null<CallExpr>(User);
    if (isGlobalFunction(Call, {"pthread_join", "pthread_detach"})) {
      Uses.PosixFinished = true;
      return;
    }
    if (Call && Call->getDirectCallee() &&
        Call->getDirectCallee()->getName().starts_with("pthread_") &&
        Call->getDirectCallee()
            ->getDeclContext()
            ->getRedeclContext()
            ->isTranslationUnit())
      return; // pthread_equal, pthread_kill, pthread_cancel ...: no hand-off
    Uses.Escapes = true;
  }
};

} // namespace

HandleKind handleKindOf(QualType Type) {
  if (Type.isNull() || Type->isReferenceType() || Type->isDependentType())
    return HandleKind::None;
  if (isPosixThreadType(Type))
    return HandleKind::PosixThread;
  if (const auto *Array = Type->getAsArrayTypeUnsafe();
      Array && isPosixThreadType(Array->getElementType()))
    return HandleKind::PosixThread;
  if (isStdThread(Type))
    return HandleKind::Thread;
  const auto *Specialization = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getCanonicalType()->getAsCXXRecordDecl());
  if (Specialization &&
      isStdRecord(Specialization,
                  {"vector", "deque", "list", "forward_list", "array"}) &&
      Specialization->getTemplateArgs().size() > 0 &&
      Specialization->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
      isStdThread(Specialization->getTemplateArgs()[0].getAsType()))
    return HandleKind::ThreadContainer;
  return HandleKind::None;
}

bool isThreadLaunch(const CXXConstructExpr *Construct) {
  const CXXConstructorDecl *Constructor = Construct->getConstructor();
  return Constructor && isStdRecord(Constructor->getParent(), {"thread"}) &&
         !Constructor->isCopyOrMoveConstructor() && Construct->getNumArgs() > 0;
}

HandleUses collectHandleUses(const Stmt *Body, const VarDecl *Var,
                             HandleKind Kind, ASTContext &) {
  return UseCollector(Var, Kind).run(Body);
}

} // namespace clang::tidy::parlint
