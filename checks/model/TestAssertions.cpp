#include "TestAssertions.h"

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

} // namespace clang::tidy::parlint
