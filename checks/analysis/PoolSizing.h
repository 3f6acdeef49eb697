// Whether a pool's number of workers is the number of tasks the code gives
// it: `BS::thread_pool pool(n); for (i = 0; i < n; ++i) pool.detach_task(..)`
// starts one worker per task on purpose (tasks that must all run at once, a
// test of the pool itself), so the count belongs to the work, not to the
// machine.
#ifndef PARLINT_CHECKS_ANALYSIS_POOLSIZING_H
#define PARLINT_CHECKS_ANALYSIS_POOLSIZING_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include <cstdint>

namespace clang::tidy::parlint {

/// Whether a loop of Body with a constant count of Workers iterations queues
/// a task on the pool held in Pool on each of them.
bool sizedToItsTasks(const ValueDecl &Pool, int64_t Workers, const Stmt &Body,
                     ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
