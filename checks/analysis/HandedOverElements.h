// An element of a ring touched after the store that hands it to the other
// side: `t = tail_.load(); ...; tail_.store(t + 1, release); out =
// slots_[t & mask];` gives slot t back to the producer, which may refill
// it while it is still read; `head_.store(h + 1, release); slots_[h] = v;`
// announces a slot before it is filled. The counter and the array are
// members of one object, and another method of its class loads the counter
// with an order that acquires (the other side, which then touches the
// array). The order of the two statements is the bug; the store must come
// last.
#ifndef PARLINT_CHECKS_ANALYSIS_HANDEDOVERELEMENTS_H
#define PARLINT_CHECKS_ANALYSIS_HANDEDOVERELEMENTS_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

struct ElementAfterHandOver {
  /// The element's access (`slots_[t & mask]`), after Store.
  const Expr *Access = nullptr;
  bool Write = false;
  /// `tail_.store(t + 1, std::memory_order_release)`.
  const Expr *Store = nullptr;
  const FieldDecl *Array = nullptr;
  const FieldDecl *Counter = nullptr;
  /// Where the other side, in another method, loads the counter and then
  /// touches the array (writes it, for a read here).
  const Expr *OtherLoad = nullptr;
  const Expr *OtherAccess = nullptr;
};

/// The elements Method touches after handing them over, in its own body.
llvm::SmallVector<ElementAfterHandOver, 1>
elementsTouchedAfterHandOver(const CXXMethodDecl &Method);

} // namespace clang::tidy::parlint

#endif
