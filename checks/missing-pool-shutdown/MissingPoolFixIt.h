// The fix-it of parlint-missing-pool-shutdown: `pool.join();` inserted before
// the pool's only way out of its block, when that is provably safe.
#ifndef PARLINT_CHECKS_MISSINGPOOLSHUTDOWN_MISSINGPOOLFIXIT_H
#define PARLINT_CHECKS_MISSINGPOOLSHUTDOWN_MISSINGPOOLFIXIT_H

#include "../analysis/HandleFlow.h"
#include "../analysis/PoolUses.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>

namespace clang::tidy::parlint {

/// The insertion of `<Pool>.<Method>();` before the single unsafe point in
/// \p Points, or nothing when a rewrite could change behaviour or break the
/// build: several ways out, a shutdown already called on another path (a
/// second call may not be harmless), macros, a method that cannot be called
/// on the variable, or a template whose other instantiations could differ.
std::optional<FixItHint>
makeShutdownFix(const VarDecl &Pool, const Stmt &Scope, const PoolUses &Uses,
                llvm::ArrayRef<BadExit> Points, StringRef Method,
                ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
