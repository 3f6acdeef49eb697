// Where a count, or the number of elements of a container, comes from: the
// program's input, something bounded, or somewhere unknown. A loop spawns an
// unbounded number of workers only when its trip count comes from the input:
//  - Input: a container the function receives as a parameter (or stores in
//    a member from one), data read at run time (argc and the arguments of
//    main, a value read from a stream, a file or a socket), and anything
//    computed from them; a number parsed from an argument or the environment
//    is the operator's configured count, not input;
//  - Bounded: a compile-time constant (literal, macro, constexpr or const
//    variable, enumerator, sizeof, a constant table, an initializer list), the
//    machine's CPU count, a value capped by a bounded or configured limit
//    (std::min, std::clamp, `n > max ? max : n`), a container the function
//    fills with a constant number of elements;
//  - Unknown: everything else, e.g. a plain integer parameter or a member (a
//    configured count), the result of a function called with no input. The
//    checks stay silent on it.
// The analysis is syntactic: it follows locals through their writes
// (ObjectWrites), members through the class's own methods in the
// translation unit, and never guesses.
#ifndef PARLINT_CHECKS_ANALYSIS_INPUTORIGIN_H
#define PARLINT_CHECKS_ANALYSIS_INPUTORIGIN_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include <cstdint>
#include <optional>

namespace clang::tidy::parlint {

/// Ordered: the larger of two origins is what their sum or maximum grows
/// like, the smaller what their minimum does.
enum class Provenance { Bounded, Unknown, Input };

/// How an input-derived value was reached, for the diagnostic's note.
enum class InputShape {
  Size,     ///< the number of elements of a container (size(), a range-for)
  Iterator, ///< an iterator into a container
  Value,    ///< a value read at run time (argc, atoi(argv[1]), getenv)
};

struct Origin {
  Provenance Kind = Provenance::Unknown;
  InputShape Shape = InputShape::Value;
  /// Input read at run time (argv, environment, a read): it stays input
  /// through any function it is handed to (a parser, a splitter).
  bool RunTime = false;
  /// The declaration that carries the input (the parameter, argv, the
  /// variable read into, getenv), for messages; may be null.
  const NamedDecl *Source = nullptr;

  bool isInput() const { return Kind == Provenance::Input; }
};

/// The origin of a count (an integer, an iterator, a pointer into argv).
Origin originOfCount(const Expr *E, ASTContext &Ctx);

/// The origin of the number of elements of a container or range expression.
Origin originOfSize(const Expr *Container, ASTContext &Ctx);

/// The number of elements of a range that the type or the expression fixes:
/// an array, std::array, a braced list (also held in a local).
std::optional<int64_t> constantElementCount(const Expr *Range,
                                            ASTContext &Ctx);

} // namespace clang::tidy::parlint

#endif
