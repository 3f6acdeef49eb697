// Whether the index ranges of a worker's counting loop, which differ from
// one launch to the next, meet: `for (i = s->lo; i <= s->hi; i++)` with the
// launching code setting `hi = lo + chunk` and the next launch's `lo` to
// the same value, so two neighbouring workers both write the boundary
// element (the off-by-one of a hand-made partition). The bounds are
// followed back to what each launch is given (a field of its argument
// struct set in a loop over the launches, an argument of the launch, a
// captured variable of the launching loop) and compared as polynomials in
// the launch's index. Anything not expressible that way says nothing.
#ifndef PARLINT_CHECKS_ANALYSIS_LAUNCHRANGES_H
#define PARLINT_CHECKS_ANALYSIS_LAUNCHRANGES_H

#include "../common/AnalysisCache.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>

namespace clang::tidy::parlint {

struct WorkerCode;

struct OverlappingRange {
  const ForStmt *Loop = nullptr;
  const VarDecl *Counter = nullptr;
  /// The comparison that ends the range (`i <= s->hi`).
  const Expr *Bound = nullptr;
  /// The bound includes its value (`<=`).
  bool Inclusive = false;
  /// How many values at the end of one launch's range the next launch's
  /// range starts with (1: the boundary element).
  int64_t SharedValues = 0;
};

/// A function the worker's code calls directly, and the call's arguments
/// in the worker's names: a counting loop there is bounded by what the
/// call hands over (`normalize_slice(arg)` looping from `s->first` to
/// `s->last` of the worker's argument struct, `relax(next, lo, hi)`).
struct CalleeFrame {
  const FunctionDecl *Callee = nullptr;
  llvm::ArrayRef<const Expr *> Args;
};

/// For Counter, the variable of a `for` of the worker's code counting up
/// by one, whether each launch's range of it reaches into the next
/// launch's. SameInEveryWorker says whether an expression of the worker is
/// the same in all of them (another condition of the loop may use only
/// such values). With Frame, Counter is a loop's of that callee (Code is
/// its body's analysis), and SameInEveryWorker is asked of the callee's
/// expressions.
std::optional<OverlappingRange>
overlapWithNextLaunch(const VarDecl &Counter, const WorkerCode &Worker,
                      const FunctionAnalysis &Code,
                      llvm::function_ref<bool(const Expr &)> SameInEveryWorker,
                      const CalleeFrame *Frame = nullptr);

/// For Counter, as above, whether an element Offset away from the
/// counter (`grid[i + 1]`, `grid[i - 1]`) lies in the range of the launch
/// after (Offset > 0) or before (Offset < 0) at the range's end: a stencil
/// reading its neighbour's boundary element.
bool offsetReachesNeighbour(const VarDecl &Counter, int64_t Offset,
                            const WorkerCode &Worker, const FunctionAnalysis &Code,
                            llvm::function_ref<bool(const Expr &)> SameInEveryWorker);

} // namespace clang::tidy::parlint

#endif
