// A per-translation-unit memo of one fact about functions, computed
// bottom-up over the calls the translation unit can see: each definition
// once, a function still being computed (recursion) answers the fact's
// default value, which must mean "nothing known". A fact whose computation
// met such a cut (recursion, or a depth limit reported with noteCut) is not
// kept: it depends on where the question started, and keeping it would make
// the answer depend on which check asked first.
#ifndef PARLINT_CHECKS_ANALYSIS_FUNCTIONMEMO_H
#define PARLINT_CHECKS_ANALYSIS_FUNCTIONMEMO_H

#include "../common/AnalysisCache.h"
#include "SummaryScanner.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {

template <class Fact> class FunctionMemo : public TranslationUnitState {
public:
  explicit FunctionMemo(ASTContext &) {}

  /// The fact for Function's definition in this translation unit (computed
  /// by Compute on first use), or Fact{} when it has no summarizable body.
  static Fact
  of(const FunctionDecl &Function, ASTContext &Context,
     llvm::function_ref<Fact(const FunctionDecl &Definition)> Compute) {
    const FunctionDecl *Definition =
        summaries::summarizableDefinition(Function);
    if (!Definition)
      return {};
    auto &Memo = AnalysisCache::layerState<FunctionMemo>(Context);
    if (auto Known = Memo.Known.find(Definition); Known != Memo.Known.end())
      return Known->second;
    if (!Memo.InProgress.insert(Definition).second) {
      ++Memo.Cuts; // recursion: nothing known
      return {};
    }
    unsigned CutsBefore = Memo.Cuts;
    Fact Result = Compute(*Definition);
    Memo.InProgress.erase(Definition);
    if (Memo.Cuts == CutsBefore)
      Memo.Known[Definition] = Result;
    return Result;
  }

  /// A computation stopped short (a depth limit): what it found is kept by
  /// no function whose computation is under way.
  static void noteCut(ASTContext &Context) {
    ++AnalysisCache::layerState<FunctionMemo>(Context).Cuts;
  }

private:
  unsigned Cuts = 0;
  llvm::DenseMap<const FunctionDecl *, Fact> Known;
  llvm::SmallPtrSet<const FunctionDecl *, 8> InProgress;
};

} // namespace clang::tidy::parlint

#endif
