#include "LargeCopyFlow.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

namespace {

struct VarReference {
  const DeclRefExpr *Ref;
  bool InsideLambda; // evaluated whenever that lambda runs, not here
};

// Every reference to Var under S, in source order. The walk
// enters lambdas (capture initializers and bodies) and declarations' inits.
void collectReferences(const Stmt *S, const VarDecl *Var,
                       const Stmt *Skip, bool InsideLambda,
                       llvm::SmallVectorImpl<VarReference> &Out) {
  if (!S || S == Skip)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == Var)
    Out.push_back({Ref, InsideLambda});
  bool ChildrenInLambda = InsideLambda || isa<LambdaExpr>(S);
  for (const Stmt *Child : S->children())
    collectReferences(Child, Var, Skip, ChildrenInLambda, Out);
}

bool contains(const Stmt *Outer, const Stmt *Inner) {
  if (!Outer)
    return false;
  if (Outer == Inner)
    return true;
  for (const Stmt *Child : Outer->children())
    if (contains(Child, Inner))
      return true;
  return false;
}

// `&var`, or `T &alias = var;` written by the user: the variable can then be
// reached without naming it, which a use analysis cannot follow.
bool takesAlias(const VarReference &Use, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*Use.Ref);
  while (true) {
    auto Parents = Context.getParents(Node);
    if (Parents.empty())
      return false;
    Node = Parents[0];
    if (const auto *Alias = Node.get<VarDecl>())
      return !Alias->isImplicit() && Alias->getType()->isReferenceType();
    if (const auto *Unary = Node.get<UnaryOperator>())
      return Unary->getOpcode() == UO_AddrOf;
    if (!Node.get<ParenExpr>() && !Node.get<ImplicitCastExpr>())
      return false;
  }
}

// Blocks reachable from the successors of From, not passing through Stop
// (the block that declares the variable afresh).
llvm::SmallPtrSet<const CFGBlock *, 16>
reachableAfter(const CFGBlock *From, const CFGBlock *Stop) {
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen;
  llvm::SmallVector<const CFGBlock *, 16> Work(From->succ_begin(),
                                               From->succ_end());
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    if (!Block || Block == Stop || !Seen.insert(Block).second)
      continue;
    Work.append(Block->succ_begin(), Block->succ_end());
  }
  return Seen;
}

} // namespace

FunctionFlow::FunctionFlow(const Stmt *Body, ASTContext &Context)
    : Body(Body), Context(Context) {
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Cfg = CFG::buildCFG(nullptr, const_cast<Stmt *>(Body), &Context, Options);
  if (!Cfg)
    return;
  Sequence = std::make_unique<utils::ExprSequence>(Cfg.get(), Body, &Context);
  Blocks = std::make_unique<utils::StmtToBlockMap>(Cfg.get(), &Context);
}

const CFGBlock *FunctionFlow::blockOf(const Stmt *S) const {
  return Blocks->blockContainingStmt(S);
}

const CFGBlock *FunctionFlow::declarationBlock(const VarDecl *Var) const {
  for (const CFGBlock *Block : *Cfg)
    for (const CFGElement &Element : *Block)
      if (auto Statement = Element.getAs<CFGStmt>())
        if (const auto *Decls = dyn_cast<DeclStmt>(Statement->getStmt()))
          for (const Decl *D : Decls->decls())
            if (D == Var)
              return Block;
  return nullptr;
}

// The innermost loop around S that Var was declared outside of.
const Stmt *FunctionFlow::enclosingLoop(const Stmt *S,
                                        const VarDecl *Var) const {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    auto Parents = Context.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    const auto *Current = Node.get<Stmt>();
    if (Current == Body || Node.get<FunctionDecl>())
      return nullptr;
    if (isa_and_nonnull<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Current) &&
        !Current->getSourceRange().fullyContains(Var->getSourceRange()))
      return Current;
  }
}

std::optional<MoveBlocker>
FunctionFlow::moveBlocker(const VarDecl *Var, const Stmt *CopySite,
                          const Stmt *Launch,
                          const LambdaExpr *CopyingLambda) const {
  const CFGBlock *LaunchBlock = blockOf(Launch);
  if (!LaunchBlock)
    return MoveBlocker{MoveBlocker::UsedAgain, CopySite};
  auto After = reachableAfter(LaunchBlock, declarationBlock(Var));
  // The launch runs again while the variable lives on: the second launch
  // would copy a moved-from object.
  if (After.contains(LaunchBlock)) {
    const Stmt *Loop = enclosingLoop(Launch, Var);
    return MoveBlocker{MoveBlocker::Repeated, Loop ? Loop : CopySite};
  }

  llvm::SmallVector<VarReference, 8> Uses;
  collectReferences(Body, Var, CopyingLambda, false, Uses);
  for (const VarReference &Use : Uses) {
    if (Use.Ref == CopySite)
      continue;
    if (takesAlias(Use, Context))
      return MoveBlocker{MoveBlocker::Aliased, Use.Ref};
    // A lambda may run at any time; another argument of the same launch is
    // read by the worker after the moved one.
    if (Use.InsideLambda || contains(Launch, Use.Ref))
      return MoveBlocker{MoveBlocker::UsedAgain, Use.Ref};
    const CFGBlock *UseBlock = blockOf(Use.Ref);
    if (!UseBlock)
      return MoveBlocker{MoveBlocker::UsedAgain, Use.Ref};
    bool Later = UseBlock == LaunchBlock
                     ? !Sequence->inSequence(Use.Ref, Launch)
                     : After.contains(UseBlock);
    if (Later)
      return MoveBlocker{MoveBlocker::UsedAgain, Use.Ref};
  }
  return std::nullopt;
}

namespace {

bool isJoinOf(const Stmt *S, const VarDecl *Thread) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
  if (!Call || !Call->getMethodDecl() ||
      Call->getMethodDecl()->getName() != "join")
    return false;
  const auto *Object = dyn_cast_or_null<DeclRefExpr>(
      Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  return Object && Object->getDecl() == Thread;
}

void collectJoins(const Stmt *S, const VarDecl *Thread,
                  llvm::SmallVectorImpl<const Stmt *> &Out) {
  if (!S || isa<LambdaExpr>(S)) // a join inside a lambda runs who knows when
    return;
  if (isJoinOf(S, Thread))
    Out.push_back(S);
  for (const Stmt *Child : S->children())
    collectJoins(Child, Thread, Out);
}

} // namespace

bool FunctionFlow::joinedOnEveryPath(const VarDecl *Thread,
                                     const Stmt *Launch) const {
  const CFGBlock *LaunchBlock = blockOf(Launch);
  if (!LaunchBlock)
    return false;
  llvm::SmallVector<const Stmt *, 4> Joins;
  collectJoins(Body, Thread, Joins);
  llvm::SmallPtrSet<const CFGBlock *, 8> JoinBlocks;
  for (const Stmt *Join : Joins) {
    const CFGBlock *Block = blockOf(Join);
    if (Block == LaunchBlock && Sequence->inSequence(Launch, Join))
      return true;
    if (Block && Block != LaunchBlock)
      JoinBlocks.insert(Block);
  }
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen;
  llvm::SmallVector<const CFGBlock *, 16> Work(LaunchBlock->succ_begin(),
                                               LaunchBlock->succ_end());
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    if (!Block || JoinBlocks.contains(Block) || !Seen.insert(Block).second)
      continue;
    if (Block == &Cfg->getExit() || Block == LaunchBlock)
      return false;
    Work.append(Block->succ_begin(), Block->succ_end());
  }
  return true;
}

} // namespace clang::tidy::parlint
