#ifndef PARLINT_CHECKS_LARGECOPYTOWORKERCHECK_H
#define PARLINT_CHECKS_LARGECOPYTOWORKERCHECK_H

#include "LargeCopyFlow.h"
#include "LargeCopyLaunch.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "llvm/ADT/DenseMap.h"
#include <string>
#include <vector>

namespace clang::tidy::parlint {

/// parlint-large-copy-to-worker: a heap-owning container or a large object
/// decay-copied into a std::thread/std::jthread/std::async worker, as an
/// argument or a by-copy lambda capture. See
/// docs/checks/parlint-large-copy-to-worker.md.
class LargeCopyToWorkerCheck : public ClangTidyCheck {
public:
  LargeCopyToWorkerCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override { Flows.clear(); }

private:
  struct Copy; // one decay-copy found in a launch

  void checkLaunch(const WorkerLaunch &Launch, ASTContext &Context);
  void checkArgument(const WorkerLaunch &Launch, unsigned Index,
                     ASTContext &Context);
  void checkCapture(const WorkerLaunch &Launch, const LambdaCapture &Capture,
                    ASTContext &Context);
  void checkInitCapture(const WorkerLaunch &Launch, const VarDecl *InitVar,
                        ASTContext &Context);
  /// "std::vector<int>" or "Config, 8192 bytes"; empty when not worth a report.
  std::string describeCopiedType(QualType Type, ASTContext &Context) const;
  const FunctionFlow &flowFor(const Stmt *Body, ASTContext &Context);
  void report(const Copy &Found, ASTContext &Context);

  const std::string RawContainerTypes; // owns the text ContainerTypes views
  const std::vector<StringRef> ContainerTypes;
  const unsigned SizeThreshold;
  utils::IncludeInserter Inserter;

  llvm::DenseMap<const Stmt *, std::unique_ptr<FunctionFlow>> Flows;
  // Where the current launch lives.
  const Stmt *Body = nullptr;
  const FunctionDecl *Function = nullptr;
};

} // namespace clang::tidy::parlint

#endif
