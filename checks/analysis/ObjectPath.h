// An object in memory named by resolved declarations: a variable or the
// object `this` points to, and the members selected from it (`stats.hits`,
// `this->queue_`, `*out` for a pointer `out`). Two paths overlap when they
// have the same root and one's members are a prefix of the other's: a write
// to `stats` touches `stats.hits`, a write to `stats.hits` does not touch
// `stats.misses`. Elements of an array or container belong to it. What a
// pointer member points to goes by the member's name (`ctx->stats->hits`
// is `ctx->stats` then `hits`): a write there meets the member's readers,
// who read it on the way.
#ifndef PARLINT_CHECKS_ANALYSIS_OBJECTPATH_H
#define PARLINT_CHECKS_ANALYSIS_OBJECTPATH_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang::tidy::parlint {

struct ObjectPath {
  /// The variable at the root; null for the object `this` points to.
  const ValueDecl *Root = nullptr;
  /// The root is a pointer and the path goes through what it points to
  /// (`*out`, `out[i]`, `out->x`).
  bool ThroughPointer = false;
  llvm::SmallVector<const FieldDecl *, 2> Fields;

  bool isThis() const { return Root == nullptr; }
  bool operator==(const ObjectPath &Other) const {
    return Root == Other.Root && ThroughPointer == Other.ThroughPointer &&
           Fields == Other.Fields;
  }
  /// Same root, and one member chain a prefix of the other's, or the two
  /// chains part at bit-fields that share a memory location.
  bool overlaps(const ObjectPath &Other) const;
  /// `stats.hits`, `queue_`, `*out`: for messages.
  std::string describe() const;
  /// The same path extended by Tail's members (Tail's root is ignored).
  ObjectPath extendedBy(const ObjectPath &Tail) const;
};

/// The path an lvalue expression designates, or nullopt when it is not a
/// variable, `*this`, a member of either, what a pointer variable points to,
/// or what a pointer member of any of these points to (`w.player->score`,
/// `ctx->stats->hits`). `v[i]`, calls and `(*pp)->x` are not paths: elements
/// and pointers to pointers have no single name. Local references declared
/// with an initializer are followed to what they are bound to.
std::optional<ObjectPath> objectPathOf(const Expr *E);

/// The member a method hands out by reference: a body of only guard
/// declarations and `return member_;` (a getter, `const Stats &stats()
/// const { lock_guard g(mu_); return stats_; }`), or null. What the caller
/// reads through it, it reads after the getter's lock is gone.
const FieldDecl *memberReturnedBy(const CXXMethodDecl *Method);

/// The object with static storage a function returns by reference and
/// nothing else (`static Registry &instance() { static Registry r; return
/// r; }`, a global returned by an accessor): every call designates it.
/// Null for any other function.
const VarDecl *staticObjectReturnedBy(const FunctionDecl *Function);

/// The caller's object a constructor's argument binds reference member
/// Field to (`Downloader(TransferStats &s) : stats_(s)` constructed with
/// `stats`), or nullopt.
std::optional<ObjectPath> boundByConstruction(const CXXConstructExpr &Construct,
                                              const FieldDecl &Field);

} // namespace clang::tidy::parlint

#endif
