#include "ParlintCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parlint {

void ParlintCheck::registerMatchers(MatchFinder *Finder) {
  // Every definition with a body in the user's code; templates and their
  // instantiations both reach check(), which keeps the ones the check wants.
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(stmt()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("function"),
                     this);
}

void ParlintCheck::onStartOfTranslationUnit() {
  Reported.clear();
  AnalysisCache::reset();
}

void ParlintCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  if (Context.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || Function->isInvalidDecl() || Function->isDefaulted())
    return;
  const Stmt *Body = Function->getBody();
  if (!Body)
    return;
  const bool Dependent = Function->isDependentContext();
  if ((Templates == TemplateCode::Instantiations && Dependent) ||
      (Templates == TemplateCode::Patterns &&
       Function->isTemplateInstantiation()))
    return;
  checkFunction({*Function, *Body, AnalysisCache::of(*Body, Context), Context});
}

bool parseBoolOption(StringRef Value) {
  Value = Value.trim();
  return Value.equals_insensitive("true") || Value == "1" ||
         Value.equals_insensitive("yes") || Value.equals_insensitive("on");
}

bool ParlintCheck::firstReportAt(SourceLocation Loc) {
  return Reported.insert(Loc).second;
}

} // namespace clang::tidy::parlint
