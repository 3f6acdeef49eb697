// Test frameworks' fatal assertions: GoogleTest's ASSERT_* and FAIL() return
// from the test function, Catch2's and doctest's REQUIRE* throw. A path that
// leaves through one of them only runs once a test already fails.
#ifndef PARLINT_CHECKS_MODEL_TESTASSERTIONS_H
#define PARLINT_CHECKS_MODEL_TESTASSERTIONS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"

#include <optional>

namespace clang::tidy::parlint {

/// Whether Exit (a return or throw) is written inside a fatal test assertion
/// macro such as ASSERT_EQ, FAIL(), REQUIRE, doctest's REQUIRE_EQ.
bool isFatalAssertionExit(const Stmt &Exit, const SourceManager &SM,
                          const LangOptions &LangOpts);

/// Whether Function is the body of a test case: GoogleTest's TestBody(),
/// a doctest TEST_CASE or SUBCASE function, a Catch2 TEST_CASE. A test that
/// starts a fixed number of threads to create contention chose that number
/// on purpose.
bool isTestCaseBody(const FunctionDecl &Function);

/// Whether the condition variable of an `if` is a test section: doctest's
/// SUBCASE and Catch2's SECTION expand to `if (Subcase/Section ... = ...)`.
bool isTestSectionVariable(const VarDecl *ConditionVariable);

/// The value a test framework's own branch condition always has when tests
/// run: doctest skips its throw assertions when the `no_throw` option is on
/// (off unless asked), GoogleTest wraps assertions in
/// `if (::testing::internal::AlwaysTrue())` and `if (TrueWithString ...)`.
/// A path through the other arm is not one a test takes. Nullopt for any
/// other condition.
std::optional<bool> testFrameworkConstant(const Expr &Condition);

/// Whether S is written inside a test assertion that expects its
/// expression to throw: GoogleTest's EXPECT_THROW, ASSERT_THROW,
/// EXPECT_ANY_THROW, ASSERT_ANY_THROW; Catch2's and doctest's CHECK_THROWS*,
/// REQUIRE_THROWS*, WARN_THROWS* (not the *NOTHROW ones). The call the test
/// expects to fail is expected not to take effect: a task it would queue is
/// not queued.
bool isInExpectedThrow(const Stmt &S, const SourceManager &SM,
                       const LangOptions &LangOpts);

} // namespace clang::tidy::parlint

#endif
