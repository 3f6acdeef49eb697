// A per-translation-unit table of one kind of function summary (what a call
// leaves running, what it writes), computed bottom-up on first use over the
// calls the translation unit can see. A function still being summarized
// (recursion) or a call past MaxSummaryDepth answers "nothing known"; a
// summary whose computation met such a cut depends on where the question
// started, so it is answered but not kept: otherwise the answer would depend
// on which check asked first.
#ifndef PARLINT_CHECKS_ANALYSIS_SUMMARYTABLE_H
#define PARLINT_CHECKS_ANALYSIS_SUMMARYTABLE_H

#include "SummaryScanner.h"

#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <vector>

namespace clang::tidy::parlint::summaries {

template <class Summary> class SummaryTable {
public:
  /// The summary of Function's definition, computed by Compute on first
  /// use; null while it is being computed, past the depth bound, or without
  /// a body here. The summary lives as long as the table.
  template <class ComputeFn>
  const Summary *get(const FunctionDecl &Function, ComputeFn &&Compute) {
    const FunctionDecl *Definition = summarizableDefinition(Function);
    if (!Definition)
      return nullptr;
    if (auto It = Entries.find(Definition); It != Entries.end()) {
      if (!It->second->InProgress)
        return &It->second->Computed;
      ++Cuts; // recursion: nothing known
      return nullptr;
    }
    if (Depth >= MaxSummaryDepth) {
      ++Cuts;
      return nullptr;
    }
    Entry *Computing =
        (Entries[Definition] = std::make_unique<Entry>()).get();
    unsigned CutsBefore = Cuts;
    ++Depth;
    Computing->Computed = Compute(*Definition);
    --Depth;
    Computing->InProgress = false;
    if (Cuts != CutsBefore) {
      Retired.push_back(std::move(Entries[Definition]));
      Entries.erase(Definition);
    }
    return &Computing->Computed;
  }

private:
  struct Entry {
    bool InProgress = true;
    Summary Computed;
  };
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<Entry>> Entries;
  /// Summaries answered but not kept (they met a cut).
  std::vector<std::unique_ptr<Entry>> Retired;
  unsigned Depth = 0;
  unsigned Cuts = 0;
};

} // namespace clang::tidy::parlint::summaries

#endif
