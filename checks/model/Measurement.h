// Loops that a benchmark library runs a number of times it chooses
// (`for (auto _ : state)` over benchmark::State): measurement loops, whose
// trip count is the library's, not the input's.
#ifndef PARLINT_CHECKS_MODEL_MEASUREMENT_H
#define PARLINT_CHECKS_MODEL_MEASUREMENT_H

#include "clang/AST/Type.h"

namespace clang::tidy::parlint {

/// Whether a range-for over an object of this type is a benchmark's
/// measurement loop.
bool isMeasurementRange(QualType RangeType);

} // namespace clang::tidy::parlint

#endif
