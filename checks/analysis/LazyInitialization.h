// Whether a write is a lazy initialization: it runs only under a test of
// whether the object it writes is still unset (`if (!table) table =
// load();`, `if (cache_ == nullptr)`, `if (hash_ == 0)`, after `if (ready)
// return;`). Whichever caller comes first takes that path,
// so when callers run at once each of them may write: the write counts as
// one every call makes, however rarely its path is taken.
#ifndef PARLINT_CHECKS_ANALYSIS_LAZYINITIALIZATION_H
#define PARLINT_CHECKS_ANALYSIS_LAZYINITIALIZATION_H

#include "../common/AnalysisCache.h"
#include "ObjectPath.h"

namespace clang::tidy::parlint {

bool isLazyInitialization(const FunctionAnalysis &Body, const Stmt &Write,
                          const ObjectPath &Written);

} // namespace clang::tidy::parlint

#endif
