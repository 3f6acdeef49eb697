// What the checks know about one function body, built lazily and at most once
// per translation unit, whichever check asks first: the body's own parent
// links (never clang's map of the whole translation unit, which includes
// every header and costs seconds on heavy code), its CFG with one option set,
// and the position of every statement in that CFG.
#ifndef PARLINT_CHECKS_COMMON_ANALYSISCACHE_H
#define PARLINT_CHECKS_COMMON_ANALYSISCACHE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <memory>
#include <optional>

namespace clang::tidy::parlint {

class FunctionAnalysis {
public:
  FunctionAnalysis(const Stmt &Body, ASTContext &Context);

  const Stmt &body() const { return Body; }
  ASTContext &context() const { return Context; }

  /// The statement that directly contains S, or null for the body itself
  /// (and for statements outside it).
  const Stmt *parent(const Stmt &S) const { return Parents.getParent(&S); }
  /// The first parent that is not an implicit node or parenthesis.
  const Stmt *parentIgnoringImplicit(const Stmt &S) const;
  /// True if Inner is Outer or lies within it.
  bool isWithin(const Stmt &Inner, const Stmt &Outer) const;
  /// The declaration statement of a local variable of this body.
  const DeclStmt *declarationOf(const VarDecl &Var) const;
  /// The statement that holds Var's declaration: a compound statement, or
  /// the if/for/while/switch that declares it in its header.
  const Stmt *declarationScope(const VarDecl &Var) const;
  /// The nearest lambda around S inside this body, or null.
  const LambdaExpr *enclosingLambda(const Stmt &S) const;
  /// Whether S runs only under a test Accepts recognizes: in the
  /// then-branch of an `if` around it (asked with Holds = true), or after an
  /// `if` earlier in an enclosing block whose then-branch returns, or ends
  /// the loop's trip with `continue` or `break` (Holds =
  /// false: S runs when that condition does not hold). Stops at Top (the
  /// body when null).
  bool isUnderTest(const Stmt &S,
                   llvm::function_ref<bool(const Expr &Condition, bool Holds)> Accepts,
                   const Stmt *Top = nullptr) const;
  /// Whether this is the body of the program's `main`: leaving it ends the
  /// process.
  bool isMainBody() const;

  /// The CFG (implicit and temporary destructors, every expression an
  /// element), or null when clang cannot build one.
  const CFG *cfg() const;
  /// The CFG block that evaluates S (or the nearest statement around it that
  /// is an element), or null.
  const CFGBlock *blockOf(const Stmt &S) const;
  /// The CFG block that declares Var (the CFG splits `int a, b;` in two).
  const CFGBlock *declarationBlock(const VarDecl &Var) const;
  /// True when Before is evaluated before After on every path through their
  /// common block: they are in the same block, in different full
  /// expressions, Before first. Unsequenced parts of one expression are not.
  bool sequencedBefore(const Stmt &Before, const Stmt &After) const;

private:
  struct Position {
    const CFGBlock *Block;
    unsigned Index;
  };
  std::optional<Position> positionOf(const Stmt &S) const;
  const Stmt &fullExpression(const Stmt &S) const;

  const Stmt &Body;
  ASTContext &Context;
  ParentMap Parents;
  mutable bool CfgBuilt = false;
  mutable std::unique_ptr<CFG> Graph;
  mutable llvm::DenseMap<const Stmt *, Position> Positions;
  mutable llvm::DenseMap<const VarDecl *, const CFGBlock *> Declarations;
};

/// Per-translation-unit state of an analysis layer (FunctionSummaries'
/// cache, the class models), owned by AnalysisCache and dropped with the
/// function analyses when a translation unit starts.
class TranslationUnitState {
public:
  virtual ~TranslationUnitState() = default;
};

/// The analyses of the current translation unit, shared by every check.
class AnalysisCache {
public:
  /// The analysis of Body (a function's or a lambda's), built on first use.
  static FunctionAnalysis &of(const Stmt &Body, ASTContext &Context);
  /// Forgets everything: called when a translation unit starts.
  static void reset();

  /// The layer state of type T (derived from TranslationUnitState,
  /// constructible from the ASTContext) for the current translation unit,
  /// created on first use.
  template <class T> static T &layerState(ASTContext &Context) {
    static const char Key = 0;
    std::unique_ptr<TranslationUnitState> &Slot = stateSlot(&Key, Context);
    if (!Slot)
      Slot = std::make_unique<T>(Context);
    return static_cast<T &>(*Slot);
  }

private:
  static std::unique_ptr<TranslationUnitState> &stateSlot(const void *Key,
                                                          ASTContext &Context);
};

} // namespace clang::tidy::parlint

#endif
