#ifndef PARLINT_CHECKS_LARGECOPYTOWORKER_LARGECOPYTOWORKERCHECK_H
#define PARLINT_CHECKS_LARGECOPYTOWORKER_LARGECOPYTOWORKERCHECK_H

#include "../common/ParlintCheck.h"
#include "../model/Launch.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include <string>
#include <vector>

namespace clang::tidy::parlint {

/// parlint-large-copy-to-worker: a heap-owning container or a large object
/// decay-copied into a worker (std::thread, std::jthread, std::async, a
/// boost::asio post, a parlint::ThreadPool task), as an argument, a by-copy
/// lambda capture, or a lambda object copied with its captures. See
/// docs/checks/parlint-large-copy-to-worker.md.
class LargeCopyToWorkerCheck : public ParlintCheck {
public:
  LargeCopyToWorkerCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;

protected:
  void checkFunction(const FunctionUnderCheck &Function) override;

private:
  struct Copy; // one decay-copy found in a launch
  /// The function (or lambda) whose body runs the launch.
  struct Runner {
    const FunctionDecl *Owner = nullptr;
    const FunctionAnalysis *Analysis = nullptr;
  };

  void checkLaunch(const Launch &Launch, const Runner &Where,
                   ASTContext &Context);
  void checkArgument(const Launch &Launch, unsigned Index, const Runner &Where,
                     ASTContext &Context);
  void checkCapture(const Launch &Launch, const LambdaCapture &Capture,
                    const Runner &Where, ASTContext &Context);
  void checkInitCapture(const Launch &Launch, const VarDecl *InitVar,
                        const Runner &Where, ASTContext &Context);
  void checkLambdaObject(const Launch &Launch, const Runner &Where,
                         ASTContext &Context);
  /// "std::vector<int>" or "Config, 8192 bytes"; empty when not worth a report.
  std::string describeCopiedType(QualType Type, ASTContext &Context) const;
  void report(const Copy &Found, const Runner &Where, ASTContext &Context);

  const std::string RawContainerTypes; // owns the text ContainerTypes views
  const std::vector<StringRef> ContainerTypes;
  const unsigned SizeThreshold;
  utils::IncludeInserter Inserter;
};

} // namespace clang::tidy::parlint

#endif
