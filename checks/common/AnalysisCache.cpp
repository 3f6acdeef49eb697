#include "AnalysisCache.h"

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::parlint {

FunctionAnalysis::FunctionAnalysis(const Stmt &Body, ASTContext &Context)
    : Body(Body), Context(Context), Parents(const_cast<Stmt *>(&Body)) {}

const Stmt *FunctionAnalysis::parentIgnoringImplicit(const Stmt &S) const {
  const Stmt *P = parent(S);
  while (P && isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
                  CXXBindTemporaryExpr, ExprWithCleanups>(P))
    P = parent(*P);
  return P;
}

bool FunctionAnalysis::isWithin(const Stmt &Inner, const Stmt &Outer) const {
  for (const Stmt *Current = &Inner; Current; Current = parent(*Current))
    if (Current == &Outer)
      return true;
  return false;
}

const DeclStmt *FunctionAnalysis::declarationOf(const VarDecl &Var) const {
  llvm::SmallVector<const Stmt *, 32> Pending = {&Body};
  while (!Pending.empty()) {
    const Stmt *Current = Pending.pop_back_val();
    if (const auto *Declaration = dyn_cast<DeclStmt>(Current);
        Declaration && llvm::is_contained(Declaration->decls(), &Var))
      return Declaration;
    for (const Stmt *Child : Current->children())
      if (Child)
        Pending.push_back(Child);
  }
  return nullptr;
}

const Stmt *FunctionAnalysis::declarationScope(const VarDecl &Var) const {
  const DeclStmt *Declaration = declarationOf(Var);
  return Declaration ? parent(*Declaration) : nullptr;
}

/// A branch that ends in a return.
/// Whether S leaves what follows it in its block: a return, or a
/// `continue` or `break` (the rest of the loop's trip).
static bool returns(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return !Block->body_empty() && returns(Block->body_back());
  return isa_and_nonnull<ReturnStmt, ContinueStmt, BreakStmt>(S);
}

bool FunctionAnalysis::isUnderTest(
    const Stmt &S, llvm::function_ref<bool(const Expr &, bool)> Accepts,
    const Stmt *Top) const {
  if (!Top)
    Top = &Body;
  const Stmt *Child = &S;
  for (const Stmt *Parent = parent(S); Parent;
       Child = Parent, Parent = parent(*Parent)) {
    if (const auto *If = dyn_cast<IfStmt>(Parent);
        If && If->getThen() == Child && Accepts(*If->getCond(), true))
      return true;
    if (const auto *Block = dyn_cast<CompoundStmt>(Parent))
      for (const Stmt *Sibling : Block->body()) {
        if (Sibling == Child)
          break;
        const auto *If = dyn_cast<IfStmt>(Sibling);
        if (If && !If->getElse() && returns(If->getThen()) &&
            Accepts(*If->getCond(), false))
          return true;
      }
    if (Parent == Top)
      break;
  }
  return false;
}

const LambdaExpr *FunctionAnalysis::enclosingLambda(const Stmt &S) const {
  for (const Stmt *Current = parent(S); Current; Current = parent(*Current))
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Current))
      return Lambda;
  return nullptr;
}

bool FunctionAnalysis::isMainBody() const {
  IdentifierInfo &Main = Context.Idents.get("main");
  for (const NamedDecl *D : Context.getTranslationUnitDecl()->lookup(&Main))
    if (const auto *Function = dyn_cast<FunctionDecl>(D))
      if (Function->isMain() && Function->getBody() == &Body)
        return true;
  return false;
}

const CFG *FunctionAnalysis::cfg() const {
  if (CfgBuilt)
    return Graph.get();
  CfgBuilt = true;
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Options.setAllAlwaysAdd();
  Graph = CFG::buildCFG(nullptr, const_cast<Stmt *>(&Body), &Context, Options);
  if (!Graph)
    return nullptr;
  for (const CFGBlock *Block : *Graph) {
    unsigned Index = 0;
    for (const CFGElement &Element : *Block) {
      if (auto Statement = Element.getAs<CFGStmt>()) {
        Positions.try_emplace(Statement->getStmt(), Position{Block, Index});
        if (const auto *Decls = dyn_cast<DeclStmt>(Statement->getStmt()))
          for (const Decl *D : Decls->decls())
            if (const auto *Var = dyn_cast<VarDecl>(D))
              Declarations.try_emplace(Var, Block);
      }
      ++Index;
    }
    // A branch condition may be evaluated only as the block's terminator.
    if (const Stmt *Terminator = Block->getTerminatorStmt())
      Positions.try_emplace(Terminator, Position{Block, Index});
  }
  return Graph.get();
}

std::optional<FunctionAnalysis::Position>
FunctionAnalysis::positionOf(const Stmt &S) const {
  if (!cfg())
    return std::nullopt;
  for (const Stmt *Current = &S; Current; Current = parent(*Current))
    if (auto It = Positions.find(Current); It != Positions.end())
      return It->second;
  return std::nullopt;
}

const CFGBlock *FunctionAnalysis::blockOf(const Stmt &S) const {
  auto Found = positionOf(S);
  return Found ? Found->Block : nullptr;
}

const CFGBlock *FunctionAnalysis::declarationBlock(const VarDecl &Var) const {
  if (!cfg())
    return nullptr;
  return Declarations.lookup(&Var);
}

const Stmt &FunctionAnalysis::fullExpression(const Stmt &S) const {
  const Stmt *Current = &S;
  while (const Stmt *P = parent(*Current)) {
    if (!isa<Expr>(P) || isa<LambdaExpr>(P))
      break;
    Current = P;
  }
  return *Current;
}

bool FunctionAnalysis::sequencedBefore(const Stmt &Before,
                                       const Stmt &After) const {
  const Stmt &First = fullExpression(Before);
  const Stmt &Second = fullExpression(After);
  if (&First == &Second || isWithin(Second, First) || isWithin(First, Second))
    return false;
  auto A = positionOf(First), B = positionOf(Second);
  return A && B && A->Block == B->Block && A->Index < B->Index;
}

namespace {
struct TranslationUnitAnalyses {
  ASTContext *Context = nullptr;
  llvm::DenseMap<const Stmt *, std::unique_ptr<FunctionAnalysis>> Bodies;
  llvm::DenseMap<const void *, std::unique_ptr<TranslationUnitState>> Layers;
};

TranslationUnitAnalyses &current() {
  static TranslationUnitAnalyses Analyses;
  return Analyses;
}

/// The analyses of Context's translation unit (a new context drops the old
/// one's).
TranslationUnitAnalyses &forContext(ASTContext &Context) {
  TranslationUnitAnalyses &Analyses = current();
  if (Analyses.Context != &Context) {
    Analyses.Layers.clear();
    Analyses.Bodies.clear();
    Analyses.Context = &Context;
  }
  return Analyses;
}
} // namespace

FunctionAnalysis &AnalysisCache::of(const Stmt &Body, ASTContext &Context) {
  TranslationUnitAnalyses &Analyses = forContext(Context);
  std::unique_ptr<FunctionAnalysis> &Entry = Analyses.Bodies[&Body];
  if (!Entry)
    Entry = std::make_unique<FunctionAnalysis>(Body, Context);
  return *Entry;
}

std::unique_ptr<TranslationUnitState> &
AnalysisCache::stateSlot(const void *Key, ASTContext &Context) {
  return forContext(Context).Layers[Key];
}

void AnalysisCache::reset() {
  // Layer state may point into the function analyses: dropped first.
  current().Layers.clear();
  current().Bodies.clear();
  current().Context = nullptr;
}

} // namespace clang::tidy::parlint
