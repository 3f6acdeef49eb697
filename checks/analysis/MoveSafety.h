// Can a copy of a local variable into a worker become a move? Only when no
// use of the variable can run after the launch on any path, nothing aliases
// it, and the launch does not repeat while the variable lives on.
#ifndef PARLINT_CHECKS_ANALYSIS_MOVESAFETY_H
#define PARLINT_CHECKS_ANALYSIS_MOVESAFETY_H

#include "../common/AnalysisCache.h"
#include "clang/AST/ExprCXX.h"
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

/// The first reason the copy of Var at CopySite (inside Launch) cannot be
/// replaced by a move, or nullopt when it can. Uses inside CopyingLambda are
/// uses of the lambda's own copy and are ignored. Function is the analysis
/// of the body that runs the launch.
std::optional<MoveBlocker> findMoveBlocker(const FunctionAnalysis &Function,
                                           const VarDecl &Var,
                                           const Stmt &CopySite,
                                           const Stmt &Launch,
                                           const LambdaExpr *CopyingLambda);

} // namespace clang::tidy::parlint

#endif
