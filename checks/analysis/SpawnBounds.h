// What bounds the workers a loop starts when the loop's count does not: a
// class that starts its own pool of workers (its constructor, or a method
// running the class's own code, keeping the handles in a member), and a cap
// on the number alive (`if (threads_.size() < max_) threads_.emplace_back(..)`,
// `if (active_ < limit_) { ++active_; std::thread(..).detach(); }`, an
// admission check handed the number of live children).
#ifndef PARLINT_CHECKS_ANALYSIS_SPAWNBOUNDS_H
#define PARLINT_CHECKS_ANALYSIS_SPAWNBOUNDS_H

#include "LoopBounds.h"
#include "SpawnHandle.h"

namespace clang::tidy::parlint {

/// Whether the spawn is a pool implementation starting its own workers:
/// Function is a method of a class that keeps the handle in a member of its
/// own, and is a constructor or runs the class's own code on the worker (a
/// method of the class, a lambda capturing `this`, `this` handed to it).
/// A loop that reads input or never ends (a thread per connection kept in a
/// member) is not that.
bool startsOwnWorkers(const SpawnSite &Site, const FunctionDecl &Function,
                      LoopKind Loop);

/// Whether an `if` between the spawn and Loop (or an earlier statement of
/// the loop's body that leaves the iteration: continue, break, return, or a
/// goto to a label past the spawn) lets the spawn run only while a count of
/// live workers stays below a limit that does not come from the input: the
/// size of the container that holds the handles or that the guarded code
/// adds to (`.size()`, or a function handed only the C container the handles
/// are passed into, `list_size(children)`), a counter the guarded code
/// increments (also one counting the occupied slots of a table), or a gauge
/// the file counts up and down (`children_active`); or needs a free slot of
/// a fixed-size table (FreeSlots.h); or refuses the item in a function
/// handed such a gauge (`if (drop_connection(fd, children_active))
/// continue;`).
bool isCappedByLiveCount(const SpawnSite &Site, const Stmt &Loop,
                         const FunctionAnalysis &Function);

} // namespace clang::tidy::parlint

#endif
