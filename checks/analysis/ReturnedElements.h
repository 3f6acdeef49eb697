// An element a helper hands back: the helper's whole body is one return of
// an element's address (`return &kv->shards[hash(key) % N];`, `return
// t->buckets + h;`). What the caller does through the pointer it gets, it
// does to that array's element; the helper's pointer parameter at the
// array's root stands for the call's argument.
#ifndef PARLINT_CHECKS_ANALYSIS_RETURNEDELEMENTS_H
#define PARLINT_CHECKS_ANALYSIS_RETURNEDELEMENTS_H

#include "ObjectPath.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include <optional>

namespace clang::tidy::parlint {

/// `&A[i]`, `A + i` (a pointer plus an integer), `A[i]`: the array and the
/// index expressions, or {null, null}.
std::pair<const Expr *, const Expr *> arrayAndIndexOf(const Expr *Element);

struct ReturnedElement {
  /// The array, in the caller's names.
  ObjectPath Array;
  /// The index, in the helper's names; null for an element found by a
  /// search (searchedArrayOf): picked by the data.
  const Expr *Index = nullptr;
};

/// An element of one of the object's member arrays or containers that a
/// method hands back.
struct MemberElement {
  /// `this->bodies_`, in the method's names.
  const MemberExpr *Array = nullptr;
  /// The index or key, in the method's names; null when the element's
  /// returns name it by different keys.
  const Expr *Index = nullptr;
};

/// The element a method returns, by reference or by address: its whole body
/// returns one of a member array's (`Body &body(size_t i) { return
/// bodies_[i]; }`), or it looks one up in a member container by key (every
/// non-null return is `*it->second`, `&it->second`, `m_[key]`, `*m_[key]`
/// or `m_.at(key)` of one member, with the iterator `it` only ever set by
/// that member's `find`, `lower_bound`, or the `first` of its `emplace`,
/// `try_emplace` or `insert`: a get-or-create of a registry); or nullopt.
std::optional<MemberElement> memberElementReturnedBy(const CXXMethodDecl *Method);

/// The element Call returns, when its callee's whole body returns one
/// (a method: of the object's member array)
/// (`shard_for(kv, key)`) or its callee searches one array
/// (searchedArrayOf), with the array rooted at a global or at the plain
/// variable the call passes for the helper's parameter; or nullopt.
std::optional<ReturnedElement> elementReturnedBy(const CallExpr &Call);

/// The array a helper searches for the element it returns, in its own
/// names: each of its returns gives a null pointer, an element of that
/// array (`return &t->rows[i];` in the search loop), or one local pointer
/// that is only ever set to null or to elements of that array (`b =
/// &buckets[(h + probe) % N]` in a probe loop, `return b;`), rooted at a
/// global or at a parameter. What element it returns depends on the data.
std::optional<ObjectPath> searchedArrayOf(const FunctionDecl &Helper);

/// The array a local pointer of Body picks its element from by a search:
/// it is only ever set to null, to elements of that one array (`best =
/// &t->routes[i]` in the search loop), or to the next entry of a chain
/// (`e = e->next`), the array rooted at a global or a parameter.
std::optional<ObjectPath> arrayOfSearchedLocal(const VarDecl &Local,
                                               const Stmt &Body);

} // namespace clang::tidy::parlint

#endif
