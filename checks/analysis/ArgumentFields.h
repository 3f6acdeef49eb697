// The fields of per-launch argument structs that point every launch of a
// loop at one object. C code gives each thread its own struct (`&args[i]`,
// a `malloc`ed one) and puts in it a pointer to what all of them share:
// `args[i].hist = hist;` or `args[i] = (struct job){ .sum = &sum, ... };`
// before `pthread_create(&t[i], NULL, work, &args[i])`. What such a field
// points to is the same object in every worker, though the struct is not.
#ifndef PARLINT_CHECKS_ANALYSIS_ARGUMENTFIELDS_H
#define PARLINT_CHECKS_ANALYSIS_ARGUMENTFIELDS_H

#include "../common/AnalysisCache.h"
#include "ObjectPath.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::parlint {

/// The object a shared field points to, in the launching function's names.
struct SharedPointee {
  /// `hist` for a copy of the pointer variable `hist` (the object is
  /// `*hist`); `sum` for `&sum` or an array `sum` (the object is `sum`).
  ObjectPath Path;
  /// The field holds the object's address (`&sum`, an array), not a copy
  /// of a pointer variable.
  bool AddressOf = false;
  /// Each launch's struct points at another element of the one array Path
  /// names (`args[i].slot = &slots[i]`): the worker's own slot of it, not an
  /// object all of them share.
  bool OwnElement = false;
};

/// For the argument of a launch in Loop (`&args[i]`, `args + i`, or a
/// pointer variable declared in the loop), the pointer fields that every
/// iteration sets to the same object (a value naming nothing declared in
/// the loop) and never to anything else, and those each element sets to its
/// own element of one array (`args[i].slot = &slots[i]`, OwnElement).
llvm::DenseMap<const FieldDecl *, SharedPointee>
sharedArgumentFields(const Expr &Argument, const Stmt &Loop,
                     const FunctionAnalysis &Launcher);

/// For the argument of a single launch that is the address of a local (or
/// static local) struct (`pthread_create(&t, NULL, rx_thread, &rx)`), the pointer fields
/// it is given one object in (its initializer, `rx.slab = s;`), that object
/// not changed afterwards: two workers handed two structs that both hold
/// `s` share `*s`, though each struct is its own.
llvm::DenseMap<const FieldDecl *, SharedPointee>
sharedFieldsOfLocalStruct(const Expr &Argument, const FunctionAnalysis &Launcher);

/// The same for a local (or static local) struct Struct of Launcher, however
/// it is used: `tr.dl` given only `&dl` is `&dl` wherever Launcher names it.
llvm::DenseMap<const FieldDecl *, SharedPointee>
pointerFieldsOfLocal(const VarDecl &Struct, const FunctionAnalysis &Launcher);

} // namespace clang::tidy::parlint

#endif
