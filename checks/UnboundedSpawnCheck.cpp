#include "UnboundedSpawnCheck.h"
#include "ConcurrencyMatchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parlint {

// TODO(owner of parlint-unbounded-spawn): not implemented yet.
void UnboundedSpawnCheck::registerMatchers(MatchFinder *Finder) {}

void UnboundedSpawnCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::parlint
