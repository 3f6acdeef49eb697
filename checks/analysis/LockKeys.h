// Names for mutexes that hold across functions and threads: the
// declaration a mutex is (a member, a global or static, a local object; an
// element of an array of mutexes is its array's). Two threads that name no
// common mutex this way never take the same one: neither can acquire what
// the other releases. A mutex reached through a pointer or reference of
// its own type (`pthread_mutex_t *m`), or one a call cannot name, may be
// any mutex.
#ifndef PARLINT_CHECKS_ANALYSIS_LOCKKEYS_H
#define PARLINT_CHECKS_ANALYSIS_LOCKKEYS_H

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <optional>

namespace clang::tidy::parlint {

struct LockKeys {
  /// A lock parlint cannot name: it may be any mutex.
  bool Any = false;
  llvm::SmallPtrSet<const ValueDecl *, 4> Keys;

  void merge(const LockKeys &Other) {
    Any |= Other.Any;
    Keys.insert(Other.Keys.begin(), Other.Keys.end());
  }
  /// Whether a mutex of one set may be one of the other's.
  bool meets(const LockKeys &Other) const {
    if ((Any && (Other.Any || !Other.Keys.empty())) ||
        (Other.Any && !Keys.empty()))
      return true;
    return llvm::any_of(Keys, [&](const ValueDecl *Key) {
      return Other.Keys.contains(Key);
    });
  }
  bool empty() const { return !Any && Keys.empty(); }
};

/// The key of the mutex an expression names (`m`, `&g->mu`, `locks[i]`,
/// `this->mu_`); null when it cannot be named.
const ValueDecl *lockKeyOf(const Expr *Mutex);

/// The mutexes a call locks, unlocks, or releases and takes again while it
/// waits (a mutex's or a guard's lock and unlock, the pthread and C11 lock
/// calls, a condition variable's wait, a lock through a function pointer or
/// a lock-named call of the program); nullopt for a call that is none of
/// these.
std::optional<LockKeys> lockKeysOfCall(const CallExpr &Call, ASTContext &Context);

/// The mutexes a guard's construction takes (`std::lock_guard lk(m)`, a
/// guard class of the program); nullopt when it is no guard.
std::optional<LockKeys> lockKeysOfGuard(const CXXConstructExpr &Construct);

/// The mutexes a guard variable holds, for its destructor and its own
/// lock() and unlock(); nullopt when it is no guard.
std::optional<LockKeys> lockKeysOfGuard(const VarDecl &Guard);

} // namespace clang::tidy::parlint

#endif
