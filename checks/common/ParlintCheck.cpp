#include "ParlintCheck.h"
#include "ProjectConfig.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parlint {

namespace {
// The parlint checks sharing one MatchFinder (clang-tidy makes one finder and
// one set of checks per translation unit, and runs them on one thread). The
// first check registered is the one whose matcher runs.
struct SharedMatcher {
  MatchFinder *Finder = nullptr;
  std::vector<ParlintCheck *> Members;
};

SharedMatcher &sharedMatcher() {
  static SharedMatcher Shared;
  return Shared;
}
} // namespace

ParlintCheck::ParlintCheck(StringRef Name, ClangTidyContext *Context,
                           TemplateCode Templates)
    : ClangTidyCheck(Name, Context), Templates(Templates) {
  setProjectConfig(parseProjectConfig(Context->getOptions().CheckOptions));
}

ParlintCheck::~ParlintCheck() {
  SharedMatcher &Shared = sharedMatcher();
  llvm::erase(Shared.Members, this);
  if (Shared.Members.empty())
    Shared.Finder = nullptr;
}

void ParlintCheck::registerMatchers(MatchFinder *Finder) {
  SharedMatcher &Shared = sharedMatcher();
  if (Shared.Finder == Finder && !Shared.Members.empty()) {
    Shared.Members.push_back(this);
    return;
  }
  Shared.Finder = Finder;
  Shared.Members = {this};
  // Every definition with a body in the user's code; templates and their
  // instantiations both reach analyze(), which keeps what each check wants.
  Finder->addMatcher(functionDecl(isDefinition(),
                                  unless(isExpansionInSystemHeader()),
                                  hasBody(stmt()))
                         .bind("function"),
                     this);
}

void ParlintCheck::onStartOfTranslationUnit() {
  AnalysisCache::reset();
  std::vector<ParlintCheck *> Members = sharedMatcher().Members;
  if (!llvm::is_contained(Members, this))
    Members = {this};
  for (ParlintCheck *Member : Members) {
    Member->Reported.clear();
    Member->startOfTranslationUnit();
  }
}

void ParlintCheck::onEndOfTranslationUnit() {
  std::vector<ParlintCheck *> Members = sharedMatcher().Members;
  if (!llvm::is_contained(Members, this))
    Members = {this};
  for (ParlintCheck *Member : Members)
    Member->endOfTranslationUnit();
}

void ParlintCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  if (Context.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || Function->isInvalidDecl() || Function->isDefaulted() ||
      !Function->getBody())
    return;
  // Copied: a check may not unregister while it runs, but be safe.
  std::vector<ParlintCheck *> Members = sharedMatcher().Members;
  for (ParlintCheck *Member : Members)
    Member->analyze(*Function, Context);
}

void ParlintCheck::analyze(const FunctionDecl &Function, ASTContext &Context) {
  const bool Dependent = Function.isDependentContext();
  if ((Templates == TemplateCode::Instantiations && Dependent) ||
      (Templates == TemplateCode::Patterns &&
       Function.isTemplateInstantiation()))
    return;
  const Stmt &Body = *Function.getBody();
  checkFunction({Function, Body, AnalysisCache::of(Body, Context), Context});
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
