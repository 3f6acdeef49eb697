// Calls that allocate memory and report failure by returning null: malloc
// and its family, strdup, and the wrappers projects name after them
// (zmalloc, g_malloc, ngx_palloc, xcalloc). A test of their result for null
// separates the error path from the path the program normally takes. The
// standard smart pointers own what they point to, and reach it as a pointer
// does.
#ifndef PARLINT_CHECKS_MODEL_ALLOCATION_H
#define PARLINT_CHECKS_MODEL_ALLOCATION_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::parlint {

/// Whether E (parentheses and casts aside) is a call of an allocation
/// function returning a pointer: one named strdup, strndup, or whose name
/// ends in "alloc" (malloc, calloc, realloc, aligned_alloc, zmalloc, ...).
bool isAllocationCall(const Expr *E);

/// std::unique_ptr or std::shared_ptr (of one object, not an array).
bool isStdSmartPointer(QualType Type);

/// The smart pointer dereferenced by E, `sp` for `*sp` or the base of
/// `sp->x` (operator* or operator-> of isStdSmartPointer), or null.
const Expr *smartPointerDereferenced(const Expr *E);

/// The constructor `std::make_unique<T>(args...)`,
/// `std::make_shared<T>(args...)` or `v.emplace_back(args...)` (a standard
/// container of T; `emplace_front` too) runs (Call): the one constructor of T,
/// copies and moves aside, that takes that many arguments; null when none
/// or several do, or Call is no such call. The library's body, which holds
/// the construction, lies in a system header the summaries do not read (and
/// may not have been parsed at all), so the choice is made here by arity.
const CXXConstructorDecl *constructorMadeBy(const CallExpr &Call);

} // namespace clang::tidy::parlint

#endif
