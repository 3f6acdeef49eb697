// Control-flow facts about one function body, for
// parlint-large-copy-to-worker's fix-its: can a copied variable be moved
// instead (no later use on any path), and is a thread joined on every path.
#ifndef PARLINT_CHECKS_LARGECOPYFLOW_H
#define PARLINT_CHECKS_LARGECOPYFLOW_H

#include "clang-tidy/utils/ExprSequence.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include <memory>
#include <optional>

namespace clang::tidy::parlint {

/// Why a copy of a variable into a worker cannot become a move.
struct MoveBlocker {
  enum Kind {
    UsedAgain, ///< a use that may run after the launch
    Aliased,   ///< a reference or pointer to the variable is taken
    Repeated,  ///< the launch repeats in a loop the variable outlives
  };
  Kind What;
  const Stmt *Where; ///< the use, the alias, or the loop
};

class FunctionFlow {
public:
  FunctionFlow(const Stmt *Body, ASTContext &Context);

  /// False when clang could not build a CFG: then no fix-it is offered.
  bool valid() const { return Cfg != nullptr; }
  const Stmt *body() const { return Body; }

  /// The first reason the copy of \p Var at \p CopySite (inside \p Launch)
  /// cannot be replaced by a move, or nullopt when it can. Uses inside
  /// \p CopyingLambda are uses of the lambda's own copy and are ignored.
  std::optional<MoveBlocker> moveBlocker(const VarDecl *Var,
                                         const Stmt *CopySite,
                                         const Stmt *Launch,
                                         const LambdaExpr *CopyingLambda) const;

  /// True when every path from \p Launch to the function's exit calls
  /// join() on \p Thread after the launch.
  bool joinedOnEveryPath(const VarDecl *Thread, const Stmt *Launch) const;

private:
  const CFGBlock *blockOf(const Stmt *S) const;
  const CFGBlock *declarationBlock(const VarDecl *Var) const;
  const Stmt *enclosingLoop(const Stmt *S, const VarDecl *Var) const;

  const Stmt *Body;
  ASTContext &Context;
  std::unique_ptr<CFG> Cfg;
  std::unique_ptr<utils::ExprSequence> Sequence;
  std::unique_ptr<utils::StmtToBlockMap> Blocks;
};

} // namespace clang::tidy::parlint

#endif
