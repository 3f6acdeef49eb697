#ifndef PARLINT_CHECKS_UNJOINEDTHREAD_UNJOINEDTHREADCHECK_H
#define PARLINT_CHECKS_UNJOINEDTHREAD_UNJOINEDTHREADCHECK_H

#include "../analysis/ClassModel.h"
#include "../analysis/HandleFlow.h"
#include "../analysis/HandleUses.h"
#include "../common/ParlintCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"

#include <string>

namespace clang::tidy::parlint {

/// parlint-unjoined-thread: a local std::thread (or container of them) that
/// can be destroyed while joinable on some path, a temporary std::thread, or a
/// pthread_create whose thread is not joined or detached on every path. See
/// docs/checks/parlint-unjoined-thread.md.
class UnjoinedThreadCheck : public ParlintCheck {
public:
  UnjoinedThreadCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;

protected:
  void checkFunction(const FunctionUnderCheck &Function) override;
  bool supportsC() const override { return true; }
  void startOfTranslationUnit() override;

private:
  void checkHandle(const VarDecl &Var, const FunctionAnalysis &Owner);
  /// A dropped call whose callee returns a running std::thread
  /// (analysis/ReturnedWorkers); ReturnedThreads.cpp.
  void checkReturnedThread(const CallExpr &Call, const FunctionAnalysis &Owner);
  void checkTemporary(const CXXConstructExpr &Temporary,
                      const FunctionAnalysis &Function);
  void reportThread(const VarDecl &Var, const HandleUses &Uses,
                    llvm::ArrayRef<BadExit> Exits,
                    const FunctionAnalysis &Owner);
  void reportPosixThread(const VarDecl &Var, const HandleUses &Uses,
                         const FunctionAnalysis &Owner);
  /// The exits worth reporting: without the ones through a failing test
  /// assertion unless ReportAssertionExits is set.
  llvm::SmallVector<BadExit, 4> reportable(llvm::ArrayRef<BadExit> Exits,
                                           const FunctionAnalysis &Owner) const;

  /// The class rule (MemberThreads.cpp), once per translation unit: a
  /// std::thread member some method starts and no destructor finishes.
  void checkMemberThreads(ASTContext &Context);
  void reportMemberThread(const ClassModel &Model, const HandleMember &Member,
                          ASTContext &Context);
  bool MembersChecked = false;
  /// The owner rule (OwnedObjects.cpp): a local object whose class leaves
  /// its thread to its owner (start()/stop(), a destructor that does not
  /// join) destroyed on some path after a start without a stop.
  void checkOwnedObject(const VarDecl &Var, ASTContext &Context);

  /// Report paths that leave through a fatal test assertion (ASSERT_*,
  /// REQUIRE): they matter only once a test already fails.
  const bool ReportAssertionExits;
  /// Before C++20, the type that replaces std::thread (a thread that joins
  /// in its destructor, constructed like std::thread), and its header;
  /// empty: no fix-it.
  const std::string Cxx17Replacement;
  const std::string Cxx17ReplacementHeader;
  utils::IncludeInserter Inserter;
};

} // namespace clang::tidy::parlint

#endif
