#include "DataBranches.h"
#include "../common/AstHelpers.h"
#include "SummaryScanner.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {

namespace {

/// Whether a function of the program's own answers from its arguments
/// alone: a free function whose body names no global or static that is not
/// const, no `this`, and calls only the standard library, builtins and
/// such functions in turn (`handshake(backend, attempt)`), a few calls
/// deep. Unlike a lookup in a table, its answer is data.
bool answersFromArguments(const FunctionDecl &Function, unsigned Depth = 0) {
  const FunctionDecl *Definition = Function.getDefinition();
  if (!Definition || !Definition->getBody() || isa<CXXMethodDecl>(Definition) ||
      Depth > 3)
    return false;
  bool Pure = true;
  forEachDescendant(Definition->getBody(), /*SkipLambdas=*/false,
                    [&](const Stmt &S) {
    if (!Pure)
      return;
    if (isa<CXXThisExpr>(S)) {
      Pure = false;
    } else if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      Pure = !Var || !Var->hasGlobalStorage() ||
             Var->getType().isConstQualified();
    } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      Pure = Callee && (Callee->getBuiltinID() ||
                        summaries::isInSystemHeader(*Callee) ||
                        (Callee != &Function &&
                         answersFromArguments(*Callee, Depth + 1)));
    }
  });
  return Pure;
}

/// Reads only the function's own data (see the header), following each
/// local to the values it is given.
class DataReads {
public:
  explicit DataReads(const Stmt &Body) {
    forEachDescendant(&Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (const auto *Declaration = dyn_cast<DeclStmt>(&S)) {
        for (const Decl *D : Declaration->decls())
          if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit())
            Given[Var].push_back(Var->getInit());
      } else if (const auto *Binary = dyn_cast<BinaryOperator>(&S);
                 Binary && Binary->isAssignmentOp()) {
        if (const VarDecl *Var = localOf(Binary->getLHS()))
          Given[Var].push_back(Binary->getRHS());
      } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
        // `sscanf(text, "%d", &n)`: the call gives n its value.
        for (const Expr *Arg : Call->arguments())
          if (const auto *Address =
                  dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
              Address && Address->getOpcode() == UO_AddrOf)
            if (const VarDecl *Var = localOf(Address->getSubExpr()))
              Given[Var].push_back(Call);
      }
    });
  }

  bool dataOnly(const Expr *E) {
    if (!E)
      return true;
    // What a sizeof or alignof names is not read.
    llvm::SmallPtrSet<const Stmt *, 8> Unevaluated;
    forEachDescendant(E, /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (isa<UnaryExprOrTypeTraitExpr>(S))
        forEachDescendant(&S, /*SkipLambdas=*/true,
                          [&](const Stmt &Inner) { Unevaluated.insert(&Inner); });
    });
    bool DataOnly = true;
    forEachDescendant(E, /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (!DataOnly || Unevaluated.contains(&S))
        return;
      if (isa<CXXThisExpr>(S)) {
        DataOnly = false;
      } else if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
        const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        if (Var && Var->hasGlobalStorage())
          DataOnly = Var->getType().isConstQualified();
        else if (Var && !isa<ParmVarDecl>(Var))
          DataOnly = localDataOnly(*Var);
      } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
        const FunctionDecl *Callee = Call->getDirectCallee();
        DataOnly = Callee && (Callee->getBuiltinID() ||
                              summaries::isInSystemHeader(*Callee) ||
                              answersFromArguments(*Callee));
      }
    });
    return DataOnly;
  }

private:
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Expr *, 2>> Given;
  llvm::DenseMap<const VarDecl *, bool> Known;
  llvm::SmallPtrSet<const VarDecl *, 4> InProgress;

  static const VarDecl *localOf(const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return Var && Var->hasLocalStorage() ? Var : nullptr;
  }

  bool localDataOnly(const VarDecl &Var) {
    if (auto It = Known.find(&Var); It != Known.end())
      return It->second;
    if (!InProgress.insert(&Var).second)
      return true; // `n = n + 1`: adds nothing of its own
    bool Result = true;
    for (const Expr *Value : Given.lookup(&Var))
      Result = Result && dataOnly(Value);
    InProgress.erase(&Var);
    Known[&Var] = Result;
    return Result;
  }
};


} // namespace

const Expr *conditionOf(const Stmt &S) {
  if (const auto *If = dyn_cast<IfStmt>(&S))
    return If->getCond();
  if (const auto *While = dyn_cast<WhileStmt>(&S))
    return While->getCond();
  if (const auto *For = dyn_cast<ForStmt>(&S))
    return For->getCond();
  if (const auto *Do = dyn_cast<DoStmt>(&S))
    return Do->getCond();
  if (const auto *Switch = dyn_cast<SwitchStmt>(&S))
    return Switch->getCond();
  if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(&S))
    return Conditional->getCond();
  if (const auto *Binary = dyn_cast<BinaryOperator>(&S);
      Binary && Binary->isLogicalOp())
    return Binary->getLHS();
  return nullptr;
}

bool branchesOnDataOnly(const FunctionDecl &Function) {
  const Stmt *Body = Function.getBody();
  if (!Body)
    return false;
  DataReads Reads(*Body);
  bool DataOnly = true;
  forEachDescendant(Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (DataOnly)
      DataOnly = Reads.dataOnly(conditionOf(S));
  });
  return DataOnly;
}

} // namespace clang::tidy::parlint
