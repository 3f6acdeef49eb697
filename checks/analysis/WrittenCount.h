// Where a count is written as an integer literal: in place (`i < 8`, also as
// an argument of a macro), as an object-like macro (`#define NR_THREADS 4`),
// as a const or constexpr variable initialized with one, or as a local
// variable whose value at the use is one (`nr_threads = 3;` before the loop).
// A template argument, a parameter, a member or a computed value is not.
#ifndef PARLINT_CHECKS_ANALYSIS_WRITTENCOUNT_H
#define PARLINT_CHECKS_ANALYSIS_WRITTENCOUNT_H

#include "clang/AST/Expr.h"
#include <optional>

namespace clang::tidy::parlint {

struct WrittenCount {
  enum Form {
    InPlace,  ///< the literal is the expression (or a macro argument of it)
    Macro,    ///< an object-like macro whose body is the literal
    Constant, ///< a const or constexpr variable initialized with it
    Local,    ///< a local variable last set to it before the use
  };
  Form How = InPlace;
  /// The literal; for Macro, spelled in the #define.
  const IntegerLiteral *Literal = nullptr;
  /// Constant and Local: the variable. Macro: null.
  const VarDecl *Variable = nullptr;
  /// Macro: the macro's name (also set when a variable is initialized from
  /// the macro).
  StringRef MacroName;
  /// Constant and Local: the literal is the variable's value as written
  /// (`int n = 4;`), not through another name (`int n = kWorkers;`).
  bool ValueInPlace = false;
};

/// The literal Count (a loop bound or start, a pool's argument) is written
/// as, if any. Values 0 and 1 count as well: callers decide what is a count.
std::optional<WrittenCount> writtenCount(const Expr *Count,
                                         const ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
