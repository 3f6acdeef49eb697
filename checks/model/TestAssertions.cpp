#include "TestAssertions.h"
#include "../common/AstHelpers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::parlint {

namespace {

bool isFatalAssertionName(StringRef Name) {
  return Name.starts_with("ASSERT_") || Name.starts_with("GTEST_ASSERT_") ||
         Name == "FAIL" || Name == "GTEST_FAIL" || Name == "ADD_FAILURE_AND_RETURN" ||
         Name.starts_with("REQUIRE") || Name.starts_with("DOCTEST_REQUIRE") ||
         Name.starts_with("CATCH_REQUIRE") || Name == "DOCTEST_FAIL" ||
         Name == "CATCH_FAIL";
}

bool isExpectedThrowName(StringRef Name) {
  if (Name.contains("NOTHROW") || Name.contains("NO_THROW"))
    return false;
  return Name.contains("THROWS") || Name.ends_with("_THROW");
}

/// The names of the macros whose expansions hold Loc, outermost last.
bool anyMacroAround(SourceLocation Loc, const SourceManager &SM,
                    const LangOptions &LangOpts,
                    llvm::function_ref<bool(StringRef)> Matches) {
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < 16; ++Depth) {
    StringRef Name = Lexer::getImmediateMacroName(Loc, SM, LangOpts);
    if (!Name.empty() && Matches(Name))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

} // namespace

std::optional<bool> testFrameworkConstant(const Expr &Condition) {
  const Expr *E = Condition.IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(E);
      Not && Not->getOpcode() == UO_LNot) {
    std::optional<bool> Inner = testFrameworkConstant(*Not->getSubExpr());
    return Inner ? std::optional<bool>(!*Inner) : std::nullopt;
  }
  // doctest: `!doctest::getContextOptions()->no_throw`.
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (Field && Field->getIdentifier() && Field->getName() == "no_throw" &&
        isNamed(Field->getParent(), {"::doctest::ContextOptions"}))
      return false;
    return std::nullopt;
  }
  // GoogleTest: AlwaysTrue(), AlwaysFalse(), a TrueWithString converted.
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (isNamed(Callee, {"::testing::internal::AlwaysTrue"}))
      return true;
    if (isNamed(Callee, {"::testing::internal::AlwaysFalse"}))
      return false;
    if (const auto *Method = dyn_cast_or_null<CXXConversionDecl>(Callee);
        Method && isNamed(Method->getParent(), {"::testing::internal::TrueWithString"}))
      return true;
  }
  return std::nullopt;
}

bool isInExpectedThrow(const Stmt &S, const SourceManager &SM,
                       const LangOptions &LangOpts) {
  return anyMacroAround(S.getBeginLoc(), SM, LangOpts, isExpectedThrowName);
}

bool isFatalAssertionExit(const Stmt &Exit, const SourceManager &SM,
                          const LangOptions &LangOpts) {
  SourceLocation Loc = Exit.getBeginLoc();
  if (!Loc.isMacroID())
    return false;
  // The macro the user wrote: the outermost expansion.
  SourceLocation Written = SM.getExpansionLoc(Loc);
  unsigned Length = Lexer::MeasureTokenLength(Written, SM, LangOpts);
  if (Length == 0)
    return false;
  StringRef Name(SM.getCharacterData(Written), Length);
  return isFatalAssertionName(Name);
}

bool isTestCaseBody(const FunctionDecl &Function) {
  if (!Function.getIdentifier())
    return false;
  StringRef Name = Function.getName();
  if (Name == "TestBody" && isa<CXXMethodDecl>(Function))
    return true; // GoogleTest: TEST, TEST_F, TEST_P
  // Catch2 3 under a static analyzer (clang-tidy defines
  // __clang_analyzer__) names test cases dummyFunctionN(int
  // catchInternalSectionHint).
  if (Function.getNumParams() == 1 &&
      identifierOf(Function.getParamDecl(0)) == "catchInternalSectionHint")
    return true;
  return Name.starts_with("DOCTEST_ANON_FUNC_") ||
         Name.starts_with("_DOCTEST_ANON_FUNC_") ||
         (Name.contains("C_A_T_C_H") && Name.contains("T_E_S_T")) ||
         Name.starts_with("CATCH2_INTERNAL_TEST_");
}

bool isTestSectionVariable(const VarDecl *ConditionVariable) {
  if (!ConditionVariable)
    return false;
  const auto *Record = ConditionVariable->getType()
                           .getNonReferenceType()
                           ->getAsCXXRecordDecl();
  return Record && Record->getIdentifier() &&
         (Record->getName() == "Subcase" || Record->getName() == "Section") &&
         (Record->getQualifiedNameAsString().find("doctest") == 0 ||
          Record->getQualifiedNameAsString().find("Catch") == 0);
}

} // namespace clang::tidy::parlint
