#ifndef PARLINT_CHECKS_FORKAFTERTHREADS_FORKAFTERTHREADSCHECK_H
#define PARLINT_CHECKS_FORKAFTERTHREADS_FORKAFTERTHREADSCHECK_H

#include "../analysis/HandleFlow.h"
#include "../common/ParlintCheck.h"
#include <string>
#include <vector>

namespace clang::tidy::parlint {

/// parlint-fork-after-threads: fork() whose child does more than
/// async-signal-safe work before exec or _exit, where a thread started in
/// the same function may still run, or a thread pool is alive; and a
/// parlint::ProcessPool constructed after threads were started.
/// See docs/checks/parlint-fork-after-threads.md.
class ForkAfterThreadsCheck : public ParlintCheck {
public:
  ForkAfterThreadsCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

protected:
  void checkFunction(const FunctionUnderCheck &Function) override;
  bool supportsC() const override { return true; }

  /// Something that may have threads running: a launch's handle, a pool.
  struct ThreadSource {
    const VarDecl *Var = nullptr; ///< null: no local variable ends it
    HandleEvents Events;
    FlowRules Rules;
    bool AlwaysAlive = false; ///< a pool parameter or member
    SourceLocation NoteAt;
    bool IsPool = false;
    const NamedDecl *Name = nullptr; ///< the pool, for the note
    /// A thread a called function leaves running: the function, and the
    /// start inside it with its description.
    const FunctionDecl *Helper = nullptr;
    SourceLocation HelperStart;
    StringRef HelperStartDescription;
  };

private:
  std::vector<ThreadSource> threadSources(const FunctionUnderCheck &Function) const;
  /// Calls of functions that leave a thread running on every call.
  void addHelperThreads(const FunctionUnderCheck &Function,
                        std::vector<ThreadSource> &Sources) const;
  bool isThreadPool(QualType Type) const;

  const std::string RawPoolTypes;
  const std::vector<StringRef> PoolTypes;
};

} // namespace clang::tidy::parlint

#endif
