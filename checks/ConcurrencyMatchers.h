// Matchers shared by parlint's checks. Every API is matched by its resolved
// declaration (a qualified name bound to a FunctionDecl or a record), never by
// how the call is spelled, so aliases, using-declarations and macros resolve to
// the same thing and look-alike user functions never match.
#ifndef PARLINT_CHECKS_CONCURRENCYMATCHERS_H
#define PARLINT_CHECKS_CONCURRENCYMATCHERS_H

#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::parlint::matchers {

using namespace clang::ast_matchers;

/// The standard thread classes.
inline auto stdThreadRecord() {
  return cxxRecordDecl(hasAnyName("::std::thread", "::std::jthread"));
}

/// A std::thread / std::jthread constructed from a callable: the constructors
/// that start a thread, not the default, copy or move ones.
inline auto threadLaunchConstruct() {
  return cxxConstructExpr(
      hasDeclaration(cxxConstructorDecl(ofClass(stdThreadRecord()),
                                        unless(isCopyConstructor()),
                                        unless(isMoveConstructor()))),
      unless(argumentCountIs(0)));
}

/// A call of std::async (any overload).
inline auto asyncCall() {
  return callExpr(callee(functionDecl(hasName("::std::async"))));
}

/// A call that starts a process: fork, vfork, posix_spawn, posix_spawnp.
inline auto processSpawnCall() {
  return callExpr(callee(functionDecl(
      hasAnyName("::fork", "::vfork", "::posix_spawn", "::posix_spawnp"))));
}

/// A call of pthread_create.
inline auto pthreadCreateCall() {
  return callExpr(callee(functionDecl(hasName("::pthread_create"))));
}

} // namespace clang::tidy::parlint::matchers

#endif
