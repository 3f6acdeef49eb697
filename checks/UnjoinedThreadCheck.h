#ifndef PARLINT_CHECKS_UNJOINEDTHREADCHECK_H
#define PARLINT_CHECKS_UNJOINEDTHREADCHECK_H

#include "ThreadJoinUses.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::parlint {

/// parlint-unjoined-thread: a local std::thread (or container of them) that
/// can be destroyed while joinable on some path, a temporary std::thread, or a
/// pthread_create whose thread is never joined or detached. See
/// docs/checks/parlint-unjoined-thread.md.
class UnjoinedThreadCheck : public ClangTidyCheck {
public:
  UnjoinedThreadCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  void checkTemporary(const CXXConstructExpr *Temporary, ASTContext &Context);
  void reportTemporary(const CXXConstructExpr *Temporary);
  void analyzeFunction(const FunctionDecl *Function,
                       llvm::ArrayRef<const VarDecl *> Handles);
  void reportThread(const VarDecl *Var, const HandleUses &Uses,
                    llvm::ArrayRef<SourceLocation> Exits);
  void reportPosixThread(const VarDecl *Var, const HandleUses &Uses);

  ASTContext *Context = nullptr;
  // Handles grouped by function, analyzed at the end of the translation unit
  // so each function's CFG is built once.
  llvm::MapVector<const FunctionDecl *, llvm::SmallVector<const VarDecl *, 2>>
      HandlesByFunction;
  // Temporaries thrown away, reported at the end with the rest.
  llvm::SmallVector<const CXXConstructExpr *, 4> Temporaries;
  // A template instantiated twice yields the same diagnostic twice.
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::parlint

#endif
