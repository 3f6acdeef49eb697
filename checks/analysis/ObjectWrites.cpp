#include "ObjectWrites.h"
#include "LoopBounds.h"
#include "../common/AstHelpers.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {
namespace {

/// `v`, or `this->v` / `v` naming a member of `this`.
bool namesObject(const Expr *E, const ValueDecl &Object) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return Ref->getDecl() == &Object;
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E))
    return Member->getMemberDecl() == &Object &&
           isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
  return false;
}

const Expr *addressOfObject(const Expr *E, const ValueDecl &Object) {
  const auto *Address = dyn_cast_or_null<UnaryOperator>(stripped(E));
  if (Address && Address->getOpcode() == UO_AddrOf &&
      namesObject(Address->getSubExpr(), Object))
    return Address;
  return nullptr;
}

/// Whether a call's parameter can change what the argument names: a
/// non-const lvalue reference, or a pointer to non-const (an array argument
/// decays to one).
bool parameterWrites(const FunctionDecl *Callee, unsigned Index) {
  if (!Callee || Index >= Callee->getNumParams())
    return false; // unknown, or a variadic argument: passed by value
  QualType Type = Callee->getParamDecl(Index)->getType();
  if (Type->isLValueReferenceType())
    return !Type.getNonReferenceType().isConstQualified();
  if (Type->isPointerType())
    return !Type->getPointeeType().isConstQualified();
  return false;
}

class WriteCollector {
public:
  WriteCollector(const ValueDecl &Object) : Object(Object) {}

  void visit(const Stmt *S, bool InLambda) {
    if (!S)
      return;
    record(*S, InLambda);
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      visit(Lambda->getBody(), /*InLambda=*/true);
      return;
    }
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      for (const Stmt *Child : S->children()) {
        bool Then = Child && Child == If->getThen();
        if (Then)
          Guards.push_back(If);
        visit(Child, InLambda);
        if (Then)
          Guards.pop_back();
      }
      return;
    }
    if (isLoop(S)) {
      for (const Stmt *Child : S->children()) {
        bool Each = Child && runsEachIteration(*S, Child);
        if (Each)
          Loops.push_back(S);
        visit(Child, InLambda);
        if (Each)
          Loops.pop_back();
      }
      return;
    }
    for (const Stmt *Child : S->children())
      visit(Child, InLambda);
  }

  llvm::SmallVector<ObjectWrite, 4> Writes;

private:
  void add(WriteKind Kind, const Stmt &At, bool InLambda,
           const Expr *Value = nullptr, const CallExpr *Call = nullptr) {
    ObjectWrite W;
    W.Kind = Kind;
    W.At = &At;
    W.Value = Value;
    W.Call = Call;
    W.Loops.assign(Loops.begin(), Loops.end());
    W.InLambda = InLambda;
    W.Guard = Guards.empty() ? nullptr : Guards.back();
    Writes.push_back(std::move(W));
  }

  void recordArguments(const CallExpr &Call, unsigned FirstArgument,
                       unsigned ParamShift, bool InLambda) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    bool Reads = isInputRead(Call);
    for (unsigned I = FirstArgument; I < Call.getNumArgs(); ++I) {
      const Expr *Arg = Call.getArg(I);
      if (const Expr *Address = addressOfObject(Arg, Object)) {
        Consumed.insert(Address);
        add(Reads ? WriteKind::InputRead : WriteKind::Escape, Call, InLambda,
            nullptr, &Call);
      } else if (namesObject(Arg, Object) &&
                 parameterWrites(Callee, I - ParamShift)) {
        add(Reads ? WriteKind::InputRead : WriteKind::Escape, Call, InLambda,
            nullptr, &Call);
      }
    }
  }

  void record(const Stmt &S, bool InLambda) {
    if (const auto *Decls = dyn_cast<DeclStmt>(&S)) {
      for (const Decl *D : Decls->decls())
        if (D == &Object)
          add(WriteKind::Initializer, S, InLambda,
              cast<VarDecl>(D)->getInit());
      return;
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(&S)) {
      if (!namesObject(Binary->getLHS(), Object))
        return;
      if (Binary->getOpcode() == BO_Assign)
        add(WriteKind::Assignment, S, InLambda, Binary->getRHS());
      else if (Binary->isCompoundAssignmentOp())
        add(WriteKind::Update, S, InLambda);
      return;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(&S)) {
      if (Unary->isIncrementDecrementOp() &&
          namesObject(Unary->getSubExpr(), Object))
        add(WriteKind::Update, S, InLambda);
      else if (Unary->getOpcode() == UO_AddrOf &&
               namesObject(Unary->getSubExpr(), Object) &&
               !Consumed.contains(Unary))
        add(WriteKind::Escape, S, InLambda);
      return;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S)) {
      if (Op->getNumArgs() >= 1 && namesObject(Op->getArg(0), Object)) {
        const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
        if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
          add(WriteKind::Assignment, S, InLambda, Op->getArg(1));
        else if (Op->getOperator() != OO_Subscript &&
                 (!Method || !Method->isConst()) &&
                 Op->getOperator() != OO_Arrow && Op->getOperator() != OO_Star &&
                 Op->getOperator() != OO_Call)
          add(WriteKind::Update, S, InLambda, nullptr, Op);
        return;
      }
      // `in >> n`: the stream is the object, the target its argument.
      if (isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee()))
        recordArguments(*Op, 1, 1, InLambda);
      else
        recordArguments(*Op, 0, 0, InLambda);
      return;
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&S)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (namesObject(Member->getImplicitObjectArgument(), Object) && Method &&
          !Method->isConst())
        add(WriteKind::Update, S, InLambda, nullptr, Member);
      recordArguments(*Member, 0, 0, InLambda);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      if (!isStdMoveLike(*Call))
        recordArguments(*Call, 0, 0, InLambda);
    }
  }

  static bool isStdMoveLike(const CallExpr &Call) {
    return isNamed(Call.getDirectCallee(), {"::std::move", "::std::forward"});
  }

  const ValueDecl &Object;
  llvm::SmallVector<const Stmt *, 4> Loops;
  llvm::SmallVector<const IfStmt *, 4> Guards;
  llvm::SmallPtrSet<const Expr *, 4> Consumed;
};

/// The statements from Root down to Target (both included), or empty.
bool pathTo(const Stmt *Root, const Stmt *Target,
            llvm::SmallVectorImpl<const Stmt *> &Path) {
  if (!Root)
    return false;
  Path.push_back(Root);
  if (Root == Target)
    return true;
  for (const Stmt *Child : Root->children())
    if (pathTo(Child, Target, Path))
      return true;
  Path.pop_back();
  return false;
}

bool contains(const Stmt &Outer, const Stmt &Inner, const SourceManager &SM) {
  return isWithin(&Inner, &Outer, SM);
}

} // namespace

llvm::SmallVector<ObjectWrite, 4> writesTo(const ValueDecl &Object,
                                           const Stmt &Body) {
  WriteCollector Collector(Object);
  Collector.visit(&Body, /*InLambda=*/false);
  return std::move(Collector.Writes);
}

const Stmt *declaringBody(const VarDecl &Var) {
  const DeclContext *Context = Var.getParentFunctionOrMethod();
  if (const auto *Function = dyn_cast_or_null<FunctionDecl>(Context))
    return Function->getBody();
  if (const auto *Block = dyn_cast_or_null<BlockDecl>(Context))
    return Block->getBody();
  return nullptr;
}

const Expr *reachingValue(const VarDecl &Var, const Stmt &Use) {
  const Stmt *Body = declaringBody(Var);
  if (!Body)
    return nullptr;
  llvm::SmallVector<const Stmt *, 16> Path;
  if (!pathTo(Body, &Use, Path))
    return nullptr;
  const SourceManager &SM = Var.getASTContext().getSourceManager();
  auto Before = [&](const Stmt *A, const Stmt *B) {
    return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(A->getBeginLoc()),
                                        SM.getExpansionLoc(B->getBeginLoc()));
  };
  // Whether At is a statement of a block on the path, before the path goes
  // on: it runs whenever Use runs.
  auto RunsBeforeUse = [&](const Stmt *At) {
    for (size_t I = 0; I + 1 < Path.size(); ++I) {
      const auto *Block = dyn_cast<CompoundStmt>(Path[I]);
      if (!Block)
        continue;
      for (const Stmt *Child : Block->body()) {
        if (Child == Path[I + 1])
          break;
        const Stmt *Inner = Child;
        if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Inner))
          Inner = Cleanups->getSubExpr();
        if (Inner == At)
          return true;
      }
    }
    return false;
  };

  auto Writes = writesTo(Var, *Body);
  const ObjectWrite *Last = nullptr;
  for (const ObjectWrite &W : Writes)
    if ((W.Kind == WriteKind::Initializer || W.Kind == WriteKind::Assignment) &&
        !W.InLambda && Before(W.At, &Use) && RunsBeforeUse(W.At) &&
        (!Last || Before(Last->At, W.At)))
      Last = &W;
  if (!Last)
    return nullptr;
  bool UseInLambda = llvm::any_of(
      Path, [](const Stmt *S) { return isa<LambdaExpr>(S); });
  for (const ObjectWrite &W : Writes) {
    if (&W == Last)
      continue;
    if (W.Kind == WriteKind::Escape || W.InLambda)
      return nullptr;
    if (Before(W.At, Last->At))
      continue;
    // A lambda runs when it is called: any later write may come first.
    if (UseInLambda || Before(W.At, &Use))
      return nullptr;
    // After Use: it reaches Use only round a loop around Use that does not
    // also run Last again (Use itself is not around Use: a loop's own body
    // runs after the loop is reached).
    for (const Stmt *Around : llvm::ArrayRef(Path).drop_back())
      if (isLoop(Around) &&
          contains(*Around, *W.At, SM) && !contains(*Around, *Last->At, SM))
        return nullptr;
  }
  return Last->Value;
}

} // namespace clang::tidy::parlint
