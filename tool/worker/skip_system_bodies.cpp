#include "skip_system_bodies.h"

#include <clang-tidy/ClangTidy.h>
#include <clang-tidy/ClangTidyModule.h>
#include <clang/AST/ASTContext.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Frontend/MultiplexConsumer.h>
#include <clang/Lex/PreprocessorOptions.h>

namespace parlint::worker {

namespace {

// clang-tidy's consumer, answering the parser's "may this body be skipped?"
// with "yes, when the function is declared in a system header" (a macro
// expanded in the main file counts as the main file).
class SkipSystemBodiesConsumer : public clang::MultiplexConsumer {
public:
  explicit SkipSystemBodiesConsumer(std::unique_ptr<clang::ASTConsumer> tidy)
      : MultiplexConsumer(consumers(std::move(tidy))) {}

  void Initialize(clang::ASTContext &context) override {
    sourceManager_ = &context.getSourceManager();
    MultiplexConsumer::Initialize(context);
  }

  bool shouldSkipFunctionBody(clang::Decl *decl) override {
    return sourceManager_ && sourceManager_->isInSystemHeader(decl->getLocation());
  }

private:
  static std::vector<std::unique_ptr<clang::ASTConsumer>>
  consumers(std::unique_ptr<clang::ASTConsumer> tidy) {
    std::vector<std::unique_ptr<clang::ASTConsumer>> list;
    list.push_back(std::move(tidy));
    return list;
  }

  const clang::SourceManager *sourceManager_ = nullptr;
};

class TidyAction : public clang::ASTFrontendAction {
public:
  TidyAction(clang::tidy::ClangTidyASTConsumerFactory &consumers, bool skipSystemBodies)
      : consumers_(consumers), skipSystemBodies_(skipSystemBodies) {}

  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &compiler,
                                                        llvm::StringRef file) override {
    std::unique_ptr<clang::ASTConsumer> tidy = consumers_.createASTConsumer(compiler, file);
    if (!tidy || !skipSystemBodies_)
      return tidy;
    return std::make_unique<SkipSystemBodiesConsumer>(std::move(tidy));
  }

private:
  clang::tidy::ClangTidyASTConsumerFactory &consumers_;
  bool skipSystemBodies_;
};

} // namespace

std::unique_ptr<clang::FrontendAction> TidyActionFactory::create() {
  return std::make_unique<TidyAction>(consumers_, skipSystemBodies_);
}

bool TidyActionFactory::runInvocation(std::shared_ptr<clang::CompilerInvocation> invocation,
                                      clang::FileManager *files,
                                      std::shared_ptr<clang::PCHContainerOperations> pchOperations,
                                      clang::DiagnosticConsumer *diagnostics) {
  // Like clang-tidy: __clang_analyzer__ is defined, so code behind
  // `#ifdef __clang_analyzer__` reads the same in both.
  invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
  // The parser asks the consumer about each body only when this is set.
  invocation->getFrontendOpts().SkipFunctionBodies = skipSystemBodies_;
  return FrontendActionFactory::runInvocation(std::move(invocation), files,
                                              std::move(pchOperations), diagnostics);
}

} // namespace parlint::worker
