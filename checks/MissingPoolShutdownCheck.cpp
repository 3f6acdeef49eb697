#include "MissingPoolShutdownCheck.h"
#include "ConcurrencyMatchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parlint {

// TODO(owner of parlint-missing-pool-shutdown): not implemented yet.
void MissingPoolShutdownCheck::registerMatchers(MatchFinder *Finder) {}

void MissingPoolShutdownCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::parlint
