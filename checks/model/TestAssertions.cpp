#include "TestAssertions.h"
#include "../common/AstHelpers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::parlint {

namespace {

bool isFatalAssertionName(StringRef Name) {
  return Name.starts_with("ASSERT_") || Name.starts_with("GTEST_ASSERT_") ||
         Name == "FAIL" || Name == "GTEST_FAIL" || Name == "ADD_FAILURE_AND_RETURN" ||
         Name.starts_with("REQUIRE") || Name.starts_with("DOCTEST_REQUIRE") ||
         Name.starts_with("CATCH_REQUIRE") || Name == "DOCTEST_FAIL" ||
         Name == "CATCH_FAIL";
}

} // namespace

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
