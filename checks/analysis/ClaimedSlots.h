// A slot claimed with an atomic ticket: `i = head_.fetch_add(1);
// slots_[i % kCap] = e;`. No other writer gets the same ticket, so writers
// do not meet there; but the claim moved the counter before the slot was
// filled, so a reader that takes the counter as "published up to here"
// reads the slot while it is being written. Only a hand-off after the fill
// (a second counter stored with release, a per-slot ready flag, an unlock)
// publishes the slot.
#ifndef PARLINT_CHECKS_ANALYSIS_CLAIMEDSLOTS_H
#define PARLINT_CHECKS_ANALYSIS_CLAIMEDSLOTS_H

#include "../common/AnalysisCache.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::parlint {

/// The atomic ticket an element index comes from (`i % kCap` with `i` a
/// local initialized by `head_.fetch_add(1)` and never changed, or the
/// ticket written in the index itself), or a ticket taken under a lock
/// (`seq = r->head++;` between lock and unlock), or null.
const Expr *ticketOfIndex(const Expr &Index, const FunctionAnalysis &Code);

/// Whether anything after Write in the function may publish it: a hand-off
/// (an atomic store, a release, a notify, an unlock) or a call of one of the
/// program's functions, which may make one.
bool mayPublishAfterFill(const Expr &Write, const FunctionAnalysis &Code);

} // namespace clang::tidy::parlint

#endif
