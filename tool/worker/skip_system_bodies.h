// The frontend action of an in-process clang-tidy run that may skip the
// bodies of functions declared in system headers. clang-tidy never reports
// in system headers unless asked (SystemHeaders), and parlint's checks look
// at the code of the file being analysed, so those bodies are parsed for
// nothing; skipping them halves the parse of a TU that includes <thread>,
// <future> and Boost.Asio. Sema still parses what it needs to type-check
// the main file: constexpr functions and functions with deduced return
// types are never skipped.
#pragma once

#include <clang/Tooling/Tooling.h>

namespace clang::tidy {
class ClangTidyASTConsumerFactory;
}

namespace parlint::worker {

class TidyActionFactory : public clang::tooling::FrontendActionFactory {
public:
  TidyActionFactory(clang::tidy::ClangTidyASTConsumerFactory &consumers, bool skipSystemBodies)
      : consumers_(consumers), skipSystemBodies_(skipSystemBodies) {}

  std::unique_ptr<clang::FrontendAction> create() override;
  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> invocation,
                     clang::FileManager *files,
                     std::shared_ptr<clang::PCHContainerOperations> pchOperations,
                     clang::DiagnosticConsumer *diagnostics) override;

private:
  clang::tidy::ClangTidyASTConsumerFactory &consumers_;
  bool skipSystemBodies_;
};

} // namespace parlint::worker
