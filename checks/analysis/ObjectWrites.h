// Where a function body changes one object: a local variable, or a member of
// `this`. Used to follow a count or a container to what was stored in it
// (LoopBounds, InputOrigin) and to find the literal a local count was last
// given before a loop (hardcoded-worker-count). Syntactic and local: a write
// through a pointer or reference taken elsewhere is not seen, which is why
// taking the object's address or binding it to a non-const reference is a
// write of its own kind (Escape).
#ifndef PARLINT_CHECKS_ANALYSIS_OBJECTWRITES_H
#define PARLINT_CHECKS_ANALYSIS_OBJECTWRITES_H

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

enum class WriteKind {
  Initializer, ///< the declaration: `int n = 3;`, `std::vector<T> v(n);`
  Assignment,  ///< `n = 3;`, `v = other;`
  Update,      ///< `++n`, `n += k`, a non-const member call `v.push_back(x)`
  InputRead,   ///< read from the program's input: `std::cin >> n`,
               ///< `std::getline(in, line)`, `scanf("%d", &n)`, `read(fd, buf, ...)`
  Escape,      ///< its address or a non-const reference goes elsewhere
};

struct ObjectWrite {
  WriteKind Kind = WriteKind::Update;
  /// The declaration, the assignment, the increment, the call.
  const Stmt *At = nullptr;
  /// Initializer (may be null: `int n;`) and Assignment: the value stored.
  const Expr *Value = nullptr;
  /// Update by a member call, InputRead, Escape into a call: the call.
  const CallExpr *Call = nullptr;
  /// The loops of the body that run At on each of their iterations, the
  /// innermost last.
  llvm::SmallVector<const Stmt *, 2> Loops;
  /// Written inside a lambda of the body, which may run any number of times.
  bool InLambda = false;
  /// The innermost `if` whose then-branch holds the write, if any (a cap:
  /// `if (n > limit) n = limit;`).
  const IfStmt *Guard = nullptr;
};

/// Every write to Object (a local VarDecl, or a FieldDecl reached through
/// `this`) in Body, in source order.
llvm::SmallVector<ObjectWrite, 4> writesTo(const ValueDecl &Object,
                                           const Stmt &Body);

/// The body of the function that declares a local variable, or null.
const Stmt *declaringBody(const VarDecl &Var);

/// The value a local variable holds when Use runs, when one plain write
/// decides it: the last initializer or assignment before Use that runs
/// whenever Use runs (a statement of a block around Use), with no other write
/// that can come between (none between them, none in a loop around Use after
/// it, none in a lambda, no escape). Null otherwise, and for a declaration
/// without an initializer.
const Expr *reachingValue(const VarDecl &Var, const Stmt &Use);

} // namespace clang::tidy::parlint

#endif
