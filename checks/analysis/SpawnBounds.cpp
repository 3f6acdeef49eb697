#include "SpawnBounds.h"
#include "FreeSlots.h"
#include "ObjectWrites.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::parlint {
namespace {

bool sameClass(const CXXRecordDecl *A, const CXXRecordDecl *B) {
  return A && B && A->getCanonicalDecl() == B->getCanonicalDecl();
}

/// Whether Record is Base or derives from it.
bool isOrDerives(const CXXRecordDecl *Record, const CXXRecordDecl *Base) {
  return sameClass(Record, Base) ||
         (Record && Base && Record->hasDefinition() && Record->isDerivedFrom(Base));
}

/// The variable or field an expression names, through `x.load()` and an
/// atomic's implicit conversion (`active < 8`).
const ValueDecl *countedObject(const Expr *X) {
  X = stripped(X);
  if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(X);
      Call && (identifierOf(Call->getMethodDecl()) == "load" ||
               isa<CXXConversionDecl>(Call->getMethodDecl())))
    X = stripped(Call->getImplicitObjectArgument());
  if (isa_and_nonnull<DeclRefExpr, MemberExpr>(X))
    return rootVariable(X);
  return nullptr;
}

/// Whether Region counts V up (`++v`, `v++`, `v += k`, `v.fetch_add(k)`) or
/// down (`--v`, `v--`, `v -= k`, `v.fetch_sub(k)`).
bool changes(const Stmt *Region, const ValueDecl *V, bool Up) {
  bool Found = false;
  forEachDescendant(Region, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (Found)
      return;
    if (const auto *Unary = dyn_cast<UnaryOperator>(&S))
      Found = (Up ? Unary->isIncrementOp() : Unary->isDecrementOp()) &&
              countedObject(Unary->getSubExpr()) == V;
    else if (const auto *Binary = dyn_cast<BinaryOperator>(&S))
      Found = Binary->getOpcode() == (Up ? BO_AddAssign : BO_SubAssign) &&
              countedObject(Binary->getLHS()) == V;
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S))
      Found = (Up ? Op->getOperator() == OO_PlusPlus ||
                        Op->getOperator() == OO_PlusEqual
                  : Op->getOperator() == OO_MinusMinus ||
                        Op->getOperator() == OO_MinusEqual) &&
              Op->getNumArgs() > 0 && countedObject(Op->getArg(0)) == V;
    else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S))
      Found = identifierOf(Call->getMethodDecl()) ==
                  (Up ? "fetch_add" : "fetch_sub") &&
              countedObject(Call->getImplicitObjectArgument()) == V;
  });
  return Found;
}

bool increments(const Stmt *Region, const ValueDecl *V) {
  return changes(Region, V, /*Up=*/true);
}

/// Calls Visit on the body of every function defined in the main file.
void forEachMainFileBody(const DeclContext &Context, const SourceManager &SM,
                         llvm::function_ref<void(const Stmt &)> Visit) {
  for (const Decl *D : Context.decls()) {
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      D = Template->getTemplatedDecl();
    if (const auto *Function = dyn_cast<FunctionDecl>(D)) {
      if (Function->doesThisDeclarationHaveABody() &&
          SM.isInMainFile(SM.getExpansionLoc(Function->getLocation())))
        Visit(*Function->getBody());
    } else if (const auto *Inner = dyn_cast<DeclContext>(D);
               Inner && isa<NamespaceDecl, CXXRecordDecl, LinkageSpecDecl>(D)) {
      forEachMainFileBody(*Inner, SM, Visit);
    }
  }
}

/// Whether V is a gauge of live workers kept across the file: an integer
/// variable or member that some function of the main file counts up and some
/// counts down (`++children_active` when a child starts, `--` when it is
/// reaped).
bool isGauge(const ValueDecl *V, ASTContext &Ctx) {
  if (!V)
    return false;
  QualType Type = V->getType().getNonReferenceType();
  if (!Type->isIntegerType() &&
      !isNamed(Type->getAsCXXRecordDecl(), {"::std::atomic"}))
    return false;
  bool Up = false, Down = false;
  forEachMainFileBody(*Ctx.getTranslationUnitDecl(), Ctx.getSourceManager(),
                      [&](const Stmt &Body) {
                        Up = Up || changes(&Body, V, /*Up=*/true);
                        Down = Down || changes(&Body, V, /*Up=*/false);
                      });
  return Up && Down;
}

/// Whether Region adds an element to Container: a storing call
/// (`push_back`, `emplace`, `insert`...) or a map's `operator[]`.
bool grows(const Stmt *Region, const ValueDecl *Container) {
  bool Found = false;
  forEachDescendant(Region, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S)) {
      StringRef Name = identifierOf(Call->getMethodDecl());
      Found |= (isStoringMethod(Name) || Name == "insert" ||
                Name == "emplace" || Name == "try_emplace") &&
               rootVariable(Call->getImplicitObjectArgument()) == Container;
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S)) {
      const CXXRecordDecl *Record =
          Op->getNumArgs() > 0
              ? Op->getArg(0)->getType()->getAsCXXRecordDecl()
              : nullptr;
      bool Map = Record && Record->hasDefinition() &&
                 !Record->lookup(&Record->getASTContext().Idents.get("key_type"))
                      .empty();
      Found |= Op->getOperator() == OO_Subscript && Map &&
               rootVariable(Op->getArg(0)) == Container;
    }
  });
  return Found;
}

/// Whether Region hands the spawn's handle to a function other than Except
/// together with Container: `list_add(children, &tid)`, a C container that
/// the handles go into.
bool receivesHandle(const Stmt *Region, const ValueDecl *Container,
                    const SpawnSite &Site, const FunctionDecl *Except) {
  if (!Site.Holder || !Container || Container == Site.Holder)
    return false;
  bool Found = false;
  forEachDescendant(Region, /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (Found || !Call || isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call) ||
        !Call->getDirectCallee() ||
        Call->getDirectCallee()->getCanonicalDecl() == Except ||
        Call == Site.Spawn->Call)
      return;
    bool Takes = false, Handle = false;
    for (const Expr *Arg : Call->arguments()) {
      const ValueDecl *Root = rootVariable(Arg);
      Takes |= Root == Container;
      Handle |= Root == Site.Holder;
    }
    Found = Takes && Handle;
  });
  return Found;
}

/// Whether a field of a C container is named as its number of elements
/// (`count`, `len`, `nr_items`), not its capacity or an element's size.
bool namesElementCount(StringRef Field) {
  std::string Name = Field.lower();
  StringRef N(Name);
  return llvm::is_contained({"count", "cnt", "size", "len", "length", "n", "nr",
                             "num", "used", "nused", "active", "live"},
                            N) ||
         N.ends_with("count") || N.ends_with("_cnt") ||
         N.starts_with("nr_") || N.starts_with("num_");
}

/// Whether X counts the live workers of Site: the size of the container that
/// holds their handles or of one the guarded code adds to (also through a
/// function handed only that container, `list_size(children)`, an element
/// count field of it, `children->count`, or a local holding that size), or a
/// counter Region increments.
bool isLiveCount(const Expr *X, const SpawnSite &Site, const Stmt *Region,
                 ASTContext &Ctx, unsigned Depth = 0) {
  if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(stripped(X));
      Call && identifierOf(Call->getMethodDecl()) == "size") {
    const ValueDecl *Container =
        rootVariable(Call->getImplicitObjectArgument());
    return Container &&
           (Container == Site.Holder || grows(Region, Container));
  }
  if (const auto *Call = dyn_cast_or_null<CallExpr>(stripped(X));
      Call && !isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const ValueDecl *Container =
        Call->getNumArgs() == 1 ? rootVariable(Call->getArg(0)) : nullptr;
    return Callee && Container && Call->getType()->isIntegerType() &&
           receivesHandle(Region, Container, Site, Callee->getCanonicalDecl());
  }
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(stripped(X));
      Member && !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()) &&
      Member->getType()->isIntegerType() &&
      namesElementCount(identifierOf(Member->getMemberDecl())) &&
      receivesHandle(Region, rootVariable(Member->getBase()), Site, nullptr))
    return true;
  const ValueDecl *Counter = countedObject(X);
  if (!Counter)
    return false;
  if (increments(Region, Counter) || isGauge(Counter, Ctx))
    return true;
  // const size_t running = children.size(); if (running < jobs) ...
  const auto *Ref = dyn_cast<DeclRefExpr>(stripped(X));
  const auto *Local = dyn_cast_or_null<VarDecl>(Counter);
  if (Ref && Local && Local->hasLocalStorage() && Depth == 0)
    if (const Expr *Value = reachingValue(*Local, *Ref))
      return isLiveCount(Value, Site, Region, Ctx, Depth + 1);
  return false;
}

BinaryOperatorKind negated(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT: return BO_GE;
  case BO_LE: return BO_GT;
  case BO_GT: return BO_LE;
  case BO_GE: return BO_LT;
  case BO_EQ: return BO_NE;
  case BO_NE: return BO_EQ;
  default: return Op;
  }
}

/// Whether the spawn, which runs when Cond is Holds, runs only while a live
/// count is below a limit that does not come from the input.
bool capsLiveCount(const Expr *Cond, bool Holds, const Stmt *Region,
                   const SpawnSite &Site, const Stmt &Loop, ASTContext &Ctx) {
  Cond = stripped(Cond);
  if (const auto *Not = dyn_cast_or_null<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot)
    return capsLiveCount(Not->getSubExpr(), !Holds, Region, Site, Loop, Ctx);
  const auto *Binary = dyn_cast_or_null<BinaryOperator>(Cond);
  if (!Binary)
    return false;
  BinaryOperatorKind Op = Binary->getOpcode();
  if ((Op == BO_LAnd && Holds) || (Op == BO_LOr && !Holds))
    return capsLiveCount(Binary->getLHS(), Holds, Region, Site, Loop, Ctx) ||
           capsLiveCount(Binary->getRHS(), Holds, Region, Site, Loop, Ctx);
  if (!Binary->isComparisonOp())
    return false;
  if (!Holds)
    Op = negated(Op);
  auto Caps = [&](const Expr *Below, const Expr *Limit) {
    return isLiveCount(Below, Site, Region, Ctx) &&
           !originOfCount(Limit, Ctx).isInput();
  };
  const Expr *LHS = Binary->getLHS(), *RHS = Binary->getRHS();
  if (runsOnlyWithFreeSlot(LHS, Op, RHS, Loop, Ctx))
    return true;
  switch (Op) {
  case BO_LT:
  case BO_LE:
    return Caps(LHS, RHS);
  case BO_GT:
  case BO_GE:
    return Caps(RHS, LHS);
  case BO_NE:
    return Caps(LHS, RHS) || Caps(RHS, LHS);
  default:
    return false;
  }
}

/// Whether Label lies after the spawn and outside every loop below Block
/// that holds the spawn: jumping there skips the spawn for this iteration
/// (`goto out;` past the fork to the iteration's clean-up, or past the loop).
bool isPastSpawn(const LabelStmt *Label, const SpawnSite &Site,
                 const Stmt *Block, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Label || !SM.isBeforeInTranslationUnit(
                    SM.getExpansionLoc(Site.Spawn->Call->getEndLoc()),
                    SM.getExpansionLoc(Label->getBeginLoc())))
    return false;
  bool ReentersLoop = false;
  forEachDescendant(Block, /*SkipLambdas=*/true, [&](const Stmt &S) {
    ReentersLoop |= &S != Block &&
                    isLoop(S) &&
                    isWithin(Site.Spawn->Call, &S, SM) &&
                    isWithin(Label, &S, SM);
  });
  return !ReentersLoop;
}

/// Whether S ends the iteration without reaching the spawn: continue,
/// break, return, throw, a goto to a label past the spawn (or a block whose
/// last statement does).
bool leavesIteration(const Stmt *S, const SpawnSite &Site, const Stmt *Block,
                     ASTContext &Ctx) {
  if (const auto *Inner = dyn_cast_or_null<CompoundStmt>(S))
    return !Inner->body_empty() &&
           leavesIteration(Inner->body_back(), Site, Block, Ctx);
  if (const auto *Goto = dyn_cast_or_null<GotoStmt>(S))
    return isPastSpawn(Goto->getLabel()->getStmt(), Site, Block, Ctx);
  return isa_and_nonnull<ContinueStmt, BreakStmt, ReturnStmt>(S) ||
         isa_and_nonnull<CXXThrowExpr>(S);
}

/// Whether S, a statement before the spawn in Block, lets the spawn run
/// only below the cap: `if (live >= max) continue;`, `if (live >= max) goto
/// out;` (past the spawn), or a wait loop `while (live >= max) cv.wait(lock);`.
bool guardsBefore(const Stmt &S, const Stmt *Block, const SpawnSite &Site,
                  const Stmt &Loop, ASTContext &Ctx) {
  if (const auto *If = dyn_cast<IfStmt>(&S)) {
    if (If->getElse() || !leavesIteration(If->getThen(), Site, Block, Ctx))
      return false;
    if (capsLiveCount(If->getCond(), false, Block, Site, Loop, Ctx))
      return true;
    // Admission control by a function handed the gauge:
    // `if (drop_connection(fd, children_active)) continue;`.
    bool Admits = false;
    forEachDescendant(If->getCond(), /*SkipLambdas=*/true, [&](const Stmt &C) {
      if (const auto *Call = dyn_cast<CallExpr>(&C))
        for (const Expr *Arg : Call->arguments())
          Admits = Admits || isGauge(countedObject(Arg), Ctx);
    });
    return Admits;
  }
  if (const auto *While = dyn_cast<WhileStmt>(&S))
    return capsLiveCount(While->getCond(), false, Block, Site, Loop, Ctx);
  return false;
}

} // namespace

bool startsOwnWorkers(const SpawnSite &Site, const FunctionDecl &Function,
                      LoopKind Loop) {
  if (Loop == LoopKind::InputCondition || Loop == LoopKind::InputBody ||
      Loop == LoopKind::Infinite)
    return false;
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  const auto *Field = dyn_cast_or_null<FieldDecl>(Site.Holder);
  if (!Method || !Field || Method->getParent()->isLambda())
    return false;
  const CXXRecordDecl *Record = Method->getParent();
  if (!isOrDerives(Record, dyn_cast<CXXRecordDecl>(Field->getParent())))
    return false;
  if (isa<CXXConstructorDecl>(Method))
    return true;
  const Launch &Spawn = *Site.Spawn;
  if (Spawn.Lambda)
    for (const LambdaCapture &Capture : Spawn.Lambda->captures())
      if (Capture.capturesThis())
        return true;
  if (const auto *Worker = dyn_cast_or_null<CXXMethodDecl>(Spawn.Worker);
      Worker && !Worker->getParent()->isLambda() &&
      isOrDerives(Record, Worker->getParent()))
    return true;
  return llvm::any_of(Spawn.Arguments, [](const Expr *Arg) {
    return isa<CXXThisExpr>(stripped(Arg));
  });
}

bool isCappedByLiveCount(const SpawnSite &Site, const Stmt &Loop,
                         const FunctionAnalysis &Function) {
  ASTContext &Ctx = Function.context();
  const Stmt *Node = Site.Spawn->Call;
  for (const Stmt *Parent = Function.parent(*Node); Parent && Node != &Loop;
       Node = Parent, Parent = Function.parent(*Parent)) {
    if (const auto *If = dyn_cast<IfStmt>(Parent)) {
      if (Node == If->getThen() &&
          capsLiveCount(If->getCond(), true, If->getThen(), Site, Loop, Ctx))
        return true;
      if (Node == If->getElse() &&
          capsLiveCount(If->getCond(), false, If->getElse(), Site, Loop,
                        Ctx))
        return true;
    } else if (const auto *Block = dyn_cast<CompoundStmt>(Parent)) {
      for (const Stmt *Before : Block->body()) {
        if (Before == Node)
          break;
        if (guardsBefore(*Before, Block, Site, Loop, Ctx))
          return true;
      }
    }
  }
  return false;
}

} // namespace clang::tidy::parlint
