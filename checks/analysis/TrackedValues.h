// What one path through a function knows about a few scalar values, for the
// path engine (HandleFlow): the value the last starting call returned
// (pthread_create's or posix_spawn's error code, fork's pid), and the local
// variables and members of `*this` that branch conditions test (`rc`, `pid`,
// `have`, `started_`), each as the set of signs it may have: negative, zero,
// positive. Assignments and declarations set them (`bool have =
// pthread_create(...) == 0;`, `started = true;`), branches narrow them (`if
// (rc != 0)`, `switch (pid)`, `if (!have)`), and an edge whose condition
// contradicts them is not taken. The engine pairs each valuation with the
// state of its handle, so a flag set where a start succeeded and tested
// before the join or wait keeps the two together.
//
// Variables whose value can change out of sight are not tracked: statics,
// globals, and locals whose address is taken, bound to a reference or
// captured by reference. A member of `*this` is forgotten at a call that
// may change it (a non-const member function of this object, a call that is
// given `this`).
#ifndef PARLINT_CHECKS_ANALYSIS_TRACKEDVALUES_H
#define PARLINT_CHECKS_ANALYSIS_TRACKEDVALUES_H

#include "../common/AnalysisCache.h"
#include "../model/Handles.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>

namespace clang::tidy::parlint {

/// A set of signs a value may have.
using Signs = unsigned;
constexpr Signs NegativeSign = 1, ZeroSign = 2, PositiveSign = 4,
                AnySign = 7;

/// For `x Op C`: the signs x may have when the comparison is Truth.
Signs signsWhere(BinaryOperatorKind Op, int64_t C, bool Truth);

/// The signs of the result of a start of this kind where it started a worker
/// of this process (0 for pthread_create, a positive pid for fork), where it
/// ran in the child (fork's 0), and where it failed.
struct StartOutcomeSigns {
  Signs Started, InChild, Failed;
};
StartOutcomeSigns outcomeSignsOf(StartResult Kind);

/// The condition that decides a block's two-way branch: for a condition
/// written with && or ||, the operand this block evaluates last (the CFG
/// gives each operand its own block). Null when the block does not branch
/// on a condition.
const Expr *branchCondition(const CFGBlock &Block);

/// The tracked values of one body. A valuation packs the signs of every
/// tracked value, three bits each; slot 0 is the result of the last
/// starting call.
class TrackedValues {
public:
  using Valuation = uint32_t;
  static constexpr unsigned MaxVariables = 8;

  /// Starts: the calls whose returned value says whether they started a
  /// worker (StartResult), for slot 0. Without Track, nothing is tracked
  /// (and nothing is computed).
  TrackedValues(const FunctionAnalysis &Function,
                llvm::ArrayRef<const CallExpr *> Starts, bool Track = true);

  /// Nothing is tracked but the start result.
  bool noVariables() const { return Variables.empty(); }
  /// Every value unknown.
  Valuation unknown() const { return Unknown; }

  /// The start of this kind the call is, or StartResult::None.
  StartResult startAt(const Stmt &S) const;
  Signs startResult(Valuation V) const { return get(V, 0); }
  Valuation withStartResult(Valuation V, Signs S) const { return set(V, 0, S); }

  /// The values after one CFG element: an assignment to a tracked
  /// variable, its declaration, ++/--, a call that may change a member.
  Valuation transfer(const Stmt &Element, Valuation V) const;
  /// The values on the edge from Block to its Index-th successor, or
  /// nullopt when the branch condition cannot take that edge with V.
  std::optional<Valuation> alongEdge(const CFGBlock &Block, unsigned Index,
                                     const CFGBlock &Successor,
                                     Valuation V) const;

  /// The tracked variables (for tests).
  llvm::ArrayRef<const ValueDecl *> variables() const { return Variables; }

private:
  enum Truth : unsigned { True = 1, False = 2 };

  Signs get(Valuation V, unsigned Slot) const {
    return (V >> (3 * Slot)) & AnySign;
  }
  Valuation set(Valuation V, unsigned Slot, Signs S) const {
    return (V & ~(Valuation(AnySign) << (3 * Slot))) |
           (Valuation(S) << (3 * Slot));
  }

  std::optional<unsigned> slotOf(const Expr *E) const;
  std::optional<int64_t> constantOf(const Expr *E) const;
  std::optional<unsigned> variableSlot(const ValueDecl *D) const;
  Signs evaluate(const Expr *E, Valuation V) const;
  unsigned truth(const Expr *E, Valuation V) const;
  std::optional<Valuation> refine(const Expr *E, bool IsTrue,
                                  Valuation V) const;
  std::optional<Valuation> narrow(const Expr *E, Signs Allowed,
                                  Valuation V) const;
  std::optional<Valuation> alongCase(const SwitchStmt &Switch,
                                     const CFGBlock &Successor,
                                     Valuation V) const;
  Valuation assign(const ValueDecl *D, const Expr *Value, Valuation V) const;

  void chooseVariables(const FunctionAnalysis &Function);

  ASTContext &Context;
  llvm::SmallPtrSet<const Expr *, 4> Starts;
  llvm::SmallVector<const ValueDecl *, MaxVariables> Variables;
  bool HasMembers = false;
  Valuation Unknown = 0;
};

} // namespace clang::tidy::parlint

#endif
