#include "MoveSafety.h"
#include "../common/AstHelpers.h"

#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

namespace {

struct VarReference {
  const DeclRefExpr *Ref;
  bool InsideLambda; // evaluated whenever that lambda runs, not here
};

// Every reference to Var under S, in source order. The walk enters lambdas
// (capture initializers and bodies) and declarations' initializers.
void collectReferences(const Stmt *S, const VarDecl &Var, const Stmt *Skip,
                       bool InsideLambda,
                       llvm::SmallVectorImpl<VarReference> &Out) {
  if (!S || S == Skip)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == &Var)
    Out.push_back({Ref, InsideLambda});
  bool ChildrenInLambda = InsideLambda || isa<LambdaExpr>(S);
  for (const Stmt *Child : S->children())
    collectReferences(Child, Var, Skip, ChildrenInLambda, Out);
}

// `&var`, or `T &alias = var;` written by the user: the variable can then be
// reached without naming it, which a use analysis cannot follow.
bool takesAlias(const FunctionAnalysis &Function, const DeclRefExpr &Use) {
  const Stmt *Current = &Use;
  while (const Stmt *P = Function.parent(*Current)) {
    if (const auto *Declaration = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : Declaration->decls())
        if (const auto *Alias = dyn_cast<VarDecl>(D);
            Alias && Alias->getInit() == Current)
          return !Alias->isImplicit() && Alias->getType()->isReferenceType();
      return false;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(P))
      return Unary->getOpcode() == UO_AddrOf;
    if (!isa<ParenExpr, ImplicitCastExpr>(P))
      return false;
    Current = P;
  }
  return false;
}

// Blocks reachable from the successors of From, not passing through Stop
// (the block that declares the variable afresh).
llvm::SmallPtrSet<const CFGBlock *, 16>
reachableAfter(const CFGBlock &From, const CFGBlock *Stop) {
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen;
  llvm::SmallVector<const CFGBlock *, 16> Work(From.succ_begin(),
                                               From.succ_end());
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    if (!Block || Block == Stop || !Seen.insert(Block).second)
      continue;
    Work.append(Block->succ_begin(), Block->succ_end());
  }
  return Seen;
}

// The innermost loop around S that Var was declared outside of.
const Stmt *enclosingLoop(const FunctionAnalysis &Function, const Stmt &S,
                          const VarDecl &Var) {
  for (const Stmt *Current = Function.parent(S); Current;
       Current = Function.parent(*Current))
    if (isLoop(Current) &&
        !Current->getSourceRange().fullyContains(Var.getSourceRange()))
      return Current;
  return nullptr;
}

} // namespace

std::optional<MoveBlocker> findMoveBlocker(const FunctionAnalysis &Function,
                                           const VarDecl &Var,
                                           const Stmt &CopySite,
                                           const Stmt &Launch,
                                           const LambdaExpr *CopyingLambda) {
  const CFGBlock *LaunchBlock = Function.blockOf(Launch);
  if (!LaunchBlock)
    return MoveBlocker{MoveBlocker::UsedAgain, &CopySite};
  auto After = reachableAfter(*LaunchBlock, Function.declarationBlock(Var));
  // The launch runs again while the variable lives on: the second launch
  // would copy a moved-from object.
  if (After.contains(LaunchBlock)) {
    const Stmt *Loop = enclosingLoop(Function, Launch, Var);
    return MoveBlocker{MoveBlocker::Repeated, Loop ? Loop : &CopySite};
  }

  llvm::SmallVector<VarReference, 8> Uses;
  collectReferences(&Function.body(), Var, CopyingLambda, false, Uses);
  for (const VarReference &Use : Uses) {
    if (Use.Ref == &CopySite)
      continue;
    if (takesAlias(Function, *Use.Ref))
      return MoveBlocker{MoveBlocker::Aliased, Use.Ref};
    // A lambda may run at any time; another argument of the same launch is
    // read by the worker after the moved one.
    if (Use.InsideLambda || Function.isWithin(*Use.Ref, Launch))
      return MoveBlocker{MoveBlocker::UsedAgain, Use.Ref};
    const CFGBlock *UseBlock = Function.blockOf(*Use.Ref);
    if (!UseBlock)
      return MoveBlocker{MoveBlocker::UsedAgain, Use.Ref};
    bool Later = UseBlock == LaunchBlock
                     ? !Function.sequencedBefore(*Use.Ref, Launch)
                     : After.contains(UseBlock);
    if (Later)
      return MoveBlocker{MoveBlocker::UsedAgain, Use.Ref};
  }
  return std::nullopt;
}

} // namespace clang::tidy::parlint
