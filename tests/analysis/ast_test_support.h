// Helpers for unit tests of the module's layers on small code: parse a snippet
// into an AST, find nodes with AST matchers.
//
//   auto AST = parlint::test::parse(Code);            // C++17, no system headers
//   auto AST = parlint::test::parse(Code, {"-std=c++20"});
//   const auto *Call = parlint::test::selectFirst<CallExpr>(
//       "call", callExpr(callee(functionDecl(hasName("join")))).bind("call"), *AST);
//
// Snippets should declare the little of the standard library they use (a fake
// `namespace std { struct thread {...}; }`): parsing stays fast and needs no
// installed headers. parseWithSystemHeaders() is there for the cases that need
// the real ones.
#ifndef PARLINT_TESTS_AST_TEST_SUPPORT_H
#define PARLINT_TESTS_AST_TEST_SUPPORT_H

#include "common/AnalysisCache.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace parlint::test {

// Parses `Code` as input.cpp; fails the current test on compiler errors.
// The module's analysis cache is dropped first: it keys on the context's
// address, which the new AST may reuse after an earlier one was freed.
inline std::unique_ptr<clang::ASTUnit>
parse(const std::string &Code, std::vector<std::string> Args = {"-std=c++17"}) {
  clang::tidy::parlint::AnalysisCache::reset();
  Args.push_back("-Wno-everything");
  auto AST = clang::tooling::buildASTFromCodeWithArgs(Code, Args, "input.cpp");
  EXPECT_TRUE(AST) << "cannot parse:\n" << Code;
  if (AST) {
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred()) << "errors in:\n" << Code;
  }
  return AST;
}

// The same with the installed standard library and clang's builtin headers.
inline std::unique_ptr<clang::ASTUnit>
parseWithSystemHeaders(const std::string &Code,
                       std::vector<std::string> Args = {"-std=c++17"}) {
  Args.push_back("-resource-dir=" PARLINT_CLANG_RESOURCE_DIR);
  Args.push_back("-pthread");
  return parse(Code, std::move(Args));
}

// Every node bound to `Id` by `Matcher` in the whole translation unit.
template <typename NodeT, typename MatcherT>
std::vector<const NodeT *> selectAll(llvm::StringRef Id, const MatcherT &Matcher,
                                     clang::ASTUnit &AST) {
  std::vector<const NodeT *> Nodes;
  for (const auto &Bound :
       clang::ast_matchers::match(Matcher, AST.getASTContext()))
    if (const auto *Node = Bound.template getNodeAs<NodeT>(Id))
      Nodes.push_back(Node);
  return Nodes;
}

template <typename NodeT, typename MatcherT>
const NodeT *selectFirst(llvm::StringRef Id, const MatcherT &Matcher, clang::ASTUnit &AST) {
  const auto Nodes = selectAll<NodeT>(Id, Matcher, AST);
  return Nodes.empty() ? nullptr : Nodes.front();
}

// The 1-based line of a location in the main file.
inline unsigned lineOf(clang::SourceLocation Loc, clang::ASTUnit &AST) {
  return AST.getSourceManager().getSpellingLineNumber(Loc);
}

} // namespace parlint::test

#endif
