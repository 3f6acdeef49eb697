#ifndef PARLINT_CHECKS_UNREAPEDCHILD_UNREAPEDCHILDCHECK_H
#define PARLINT_CHECKS_UNREAPEDCHILD_UNREAPEDCHILDCHECK_H

#include "../analysis/HandleFlow.h"
#include "../common/ParlintCheck.h"
#include <string>
#include <vector>

namespace clang::tidy::parlint {

/// parlint-unreaped-child: a child created with fork, vfork, posix_spawn or
/// posix_spawnp whose pid can reach the end of the function, in the parent,
/// without a waitpid/wait4/waitid on it or a wait for any child, and without
/// escaping. Silent when the translation unit ignores SIGCHLD. See
/// docs/checks/parlint-unreaped-child.md.
class UnreapedChildCheck : public ParlintCheck {
public:
  UnreapedChildCheck(StringRef Name, ClangTidyContext *Context)
      : ParlintCheck(Name, Context, TemplateCode::Instantiations) {}

protected:
  void startOfTranslationUnit() override;
  void endOfTranslationUnit() override;
  void checkFunction(const FunctionUnderCheck &Function) override;
  bool supportsC() const override { return true; }

private:
  /// A finding waits for the end of the translation unit: a
  /// `signal(SIGCHLD, SIG_IGN)` in any function silences them all.
  struct Finding {
    SourceLocation Where;
    std::string Message;
    std::vector<std::pair<SourceLocation, std::string>> Notes;
  };
  std::vector<Finding> Pending;
  bool IgnoresChildExit = false;
  /// A reaper somewhere in the file (reapsEveryChild) collects every child.
  bool ReapsAnyChild = false;
  llvm::DenseSet<const VarDecl *> Analyzed;

  void checkPid(const VarDecl &Pid, const Expr &Spawn,
                const FunctionAnalysis &Owner);
  /// A call of a forking helper whose pid (ReturnedWorkers) is dropped.
  void checkReturnedPid(const CallExpr &Call, const FunctionAnalysis &Owner);
};

} // namespace clang::tidy::parlint

#endif
