// Decides whether a loop's trip count grows with the program's input. The
// analysis reads the loop header and asks InputOrigin where its bound or its
// range comes from: only a loop whose count flows from the input (a
// parameter's container, data read at run time, an accept or receive loop, an
// endless server loop) is unbounded. Constants, configured or capped counts
// and anything of unknown origin are not: the checks stay silent on them.
#ifndef PARLINT_CHECKS_ANALYSIS_LOOPBOUNDS_H
#define PARLINT_CHECKS_ANALYSIS_LOOPBOUNDS_H

#include "InputOrigin.h"
#include "../common/AnalysisCache.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include <cstdint>
#include <optional>

namespace clang::tidy::parlint {

enum class LoopKind {
  Bounded,            // not known to grow with the input
  RangeOverContainer, // for (x : items), items from the input
  ContainerSize,      // i < items.size(), while (!queue.empty())
  IteratorRange,      // it != items.end()
  InputCount,         // i < n, n read at run time (argc, atoi(argv[1]))
  InputCondition,     // while (accept(...)), while (getline(...)), q.pop()
  InputBody,          // while (flag) { fd = accept(...); ... }
  Infinite,           // while (true), for (;;), with no way out
};

struct LoopVerdict {
  LoopKind Kind = LoopKind::Bounded;
  /// Where the trip count comes from: Input exactly when Kind is not
  /// Bounded; Bounded (a constant, a capped or machine count) or Unknown
  /// otherwise.
  Provenance Trips = Provenance::Unknown;
  /// What carries the input (a parameter, argv, the variable read into),
  /// when one declaration does; for messages.
  const NamedDecl *Source = nullptr;
};

/// Classifies a for, while, do or range-for loop. `Grown` is the container
/// the spawn stores its thread into, if any: `threads.size() < n` counts that
/// container's growth, not the input, so its size is the loop's counter.
LoopVerdict classifyLoop(const Stmt &Loop, const ValueDecl *Grown,
                         ASTContext &Ctx);

/// A counted loop whose start and limit are both compile-time constants:
/// `for (int i = 0; i < 8; ++i)`, `while (started < 6)` with `started`
/// initialized to a constant, `while (threads.size() < 4)` (Grown's size
/// counts from 0), `i < n` with a local `n` last set to a constant before the
/// loop (`n = 3;`).
struct ConstantBound {
  /// The expression the counter is compared with (`8`, `n`), and the
  /// counter's start (`0`), null for a container's size.
  const Expr *Limit = nullptr;
  const Expr *Start = nullptr;
  int64_t Trips = 0;
  /// The loop counts up from 0 to Limit exclusive (`<` or `!=`): Limit's
  /// value is the trip count, and replacing Limit changes only the count.
  bool CountsUpFromZero = false;
};

/// The constant bound of a counted for, while or do loop, if it has one.
std::optional<ConstantBound> constantLoopBound(const Stmt &Loop,
                                               const ValueDecl *Grown,
                                               ASTContext &Ctx);

/// The body of a for, while, do or range-for loop, or null.
const Stmt *loopBody(const Stmt &Loop);

/// Whether Child, a direct child of Loop, is evaluated on every iteration:
/// the body and the condition, not a for-init or a range-for's range.
bool runsEachIteration(const Stmt &Loop, const Stmt *Child);

/// The innermost loop of Function's body that runs S on each of its
/// iterations (its body or condition, not a for-init), or null. The search
/// stops at a lambda around S: a lambda's code runs when it is called.
const Stmt *enclosingLoop(const Stmt &S, const FunctionAnalysis &Function);

/// Whether the loop's body can leave it before its bound is reached: a
/// `break` of this loop, a `return`, a `goto` or a `throw` (a retry loop
/// rather than a count).
bool leavesEarly(const Stmt &Loop);

/// The `break`s of Loop, a loop with a condition, of its own (not of a
/// loop or switch inside it) that may leave before the condition fails for
/// a reason of the program's data (`if (results[i].failed) break;`): what
/// the loop does to every element is then done to some only. A break under
/// a test of a join's or wait's own result (`if (pthread_join(...)) break;`,
/// or of a local holding it) leaves only when waiting failed, and is left
/// out.
llvm::SmallVector<const BreakStmt *, 2>
breaksOnData(const Stmt &Loop, const FunctionAnalysis &Function);

/// Whether the call reads input: accept, recv, read, getline, a stream
/// extraction, a queue pop, an Asio acceptor's accept.
bool isInputRead(const Stmt &S);

} // namespace clang::tidy::parlint

#endif
