#include "LargeCopyToWorkerCheck.h"
#include "ConcurrencyMatchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parlint {

// TODO(owner of parlint-large-copy-to-worker): not implemented yet.
void LargeCopyToWorkerCheck::registerMatchers(MatchFinder *Finder) {}

void LargeCopyToWorkerCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::parlint
