#include "UnjoinedThreadCheck.h"
#include "ConcurrencyMatchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parlint {

// TODO(owner of parlint-unjoined-thread): not implemented yet.
void UnjoinedThreadCheck::registerMatchers(MatchFinder *Finder) {}

void UnjoinedThreadCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::parlint
