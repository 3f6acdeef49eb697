#include "LargeCopyToWorkerCheck.h"
#include "../analysis/MoveSafety.h"
#include "ReferenceSafety.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parlint {

namespace {

constexpr llvm::StringRef DefaultContainerTypes =
    "::std::vector;::std::deque;::std::list;::std::map;::std::multimap;"
    "::std::set;::std::multiset;::std::unordered_map;::std::unordered_multimap;"
    "::std::unordered_set;::std::unordered_multiset";

// A variable whose copy may become a move: an object (not a reference) with
// automatic storage, owned by the function that launches the worker.
bool isMovableLocal(const VarDecl *Var, const FunctionDecl *Function) {
  return Var && Function && Var->hasLocalStorage() &&
         !Var->getType()->isReferenceType() &&
         !Var->getType().isConstQualified() &&
         !Var->getType().isVolatileQualified() &&
         Var->getParentFunctionOrMethod() == Function;
}

const VarDecl *namedVariable(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParens());
  if (!Ref || Ref->refersToEnclosingVariableOrCapture())
    return nullptr;
  return dyn_cast<VarDecl>(Ref->getDecl());
}

bool inMacro(SourceRange Range) {
  return Range.getBegin().isMacroID() || Range.getEnd().isMacroID();
}

// The first mention of Var in S, in source order.
const DeclRefExpr *firstReference(const Stmt *S, const ValueDecl *Var) {
  if (!S)
    return nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == Var)
    return Ref;
  for (const Stmt *Child : S->children())
    if (const DeclRefExpr *Found = firstReference(Child, Var))
      return Found;
  return nullptr;
}

} // namespace

struct LargeCopyToWorkerCheck::Copy {
  const parlint::Launch *Launch = nullptr;
  std::string Name;       // as written by the user
  std::string TypeText;   // from describeCopiedType
  SourceLocation Where;   // the argument, or the capture
  const VarDecl *Var = nullptr; // the copied variable, when it is one
  const Expr *CopySite = nullptr; // the copied lvalue (arguments, init-captures)
  const LambdaExpr *Lambda = nullptr; // the lambda capturing Var by copy
  const LambdaCapture *Capture = nullptr;
  const ParmVarDecl *Param = nullptr; // the worker's parameter for an argument
  bool InCapture = false; // a by-copy or init-capture, not an argument
};

LargeCopyToWorkerCheck::LargeCopyToWorkerCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : ParlintCheck(Name, Context, TemplateCode::Patterns),
      RawContainerTypes(
          Options.get("ContainerTypes", DefaultContainerTypes).str()),
      ContainerTypes(utils::options::parseStringList(RawContainerTypes)),
      SizeThreshold(Options.get("SizeThreshold", 4096U)),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void LargeCopyToWorkerCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ContainerTypes", RawContainerTypes);
  Options.store(Opts, "SizeThreshold", SizeThreshold);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void LargeCopyToWorkerCheck::registerPPCallbacks(const SourceManager &SM,
                                                 Preprocessor *PP,
                                                 Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

void LargeCopyToWorkerCheck::checkFunction(const FunctionUnderCheck &Function) {
  const SourceManager &SM = Function.Context.getSourceManager();
  forEachLaunch(Function.Body, Function.Context, [&](const Launch &L) {
    if (!L.copiesArguments() ||
        SM.isInSystemHeader(SM.getExpansionLoc(L.Call->getBeginLoc())))
      return;
    // The function (or lambda) whose body runs the launch: its CFG answers
    // the fix-it questions.
    Runner Where{&Function.Decl, &Function.Analysis};
    if (const LambdaExpr *Lambda =
            Function.Analysis.enclosingLambda(*L.Call)) {
      Where.Owner = Lambda->getCallOperator();
      Where.Analysis = &analysisOf(*Lambda->getBody(), Function.Context);
    }
    if (Where.Owner->isInvalidDecl())
      return;
    checkLaunch(L, Where, Function.Context);
  });
}

void LargeCopyToWorkerCheck::checkLaunch(const Launch &Launch,
                                         const Runner &Where,
                                         ASTContext &Context) {
  for (unsigned I = 0; I < Launch.Arguments.size(); ++I)
    checkArgument(Launch, I, Where, Context);
  if (!Launch.Lambda)
    return;
  if (Launch.LambdaVariable) {
    checkLambdaObject(Launch, Where, Context);
    return;
  }
  for (const LambdaCapture &Capture : Launch.Lambda->captures()) {
    if (!Capture.capturesVariable())
      continue;
    const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (Var && Var->isInitCapture())
      checkInitCapture(Launch, Var, Where, Context);
    else if (Capture.getCaptureKind() == LCK_ByCopy)
      checkCapture(Launch, Capture, Where, Context);
  }
}

std::string
LargeCopyToWorkerCheck::describeCopiedType(QualType Type,
                                           ASTContext &Context) const {
  QualType Copied = Type.getNonReferenceType();
  if (Copied.isNull() || Copied->isDependentType() ||
      Copied->isIncompleteType() || Copied->containsErrors())
    return "";
  std::string Printed =
      Copied.getUnqualifiedType().getAsString(Context.getPrintingPolicy());
  auto Container = qualType(hasUnqualifiedDesugaredType(recordType(
      hasDeclaration(cxxRecordDecl(isSameOrDerivedFrom(hasAnyName(ContainerTypes)))))));
  if (!match(Container, Copied, Context).empty())
    return Printed;
  if (!Copied->isRecordType() && !Copied->isConstantArrayType())
    return "";
  int64_t Size = Context.getTypeSizeInChars(Copied).getQuantity();
  if (Size <= static_cast<int64_t>(SizeThreshold))
    return "";
  return Printed + ", " + std::to_string(Size) + " bytes";
}

// The copied expression as the user wrote it, for messages.
static std::string spelling(const Expr *E, const ASTContext &Context) {
  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(E->getSourceRange()),
      Context.getSourceManager(), Context.getLangOpts());
  std::string Text =
      Lexer::getSourceText(Range, Context.getSourceManager(),
                           Context.getLangOpts())
          .str();
  if (!Text.empty())
    return Text;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return Ref->getDecl()->getName().str();
  return "argument";
}

void LargeCopyToWorkerCheck::checkArgument(const Launch &Launch,
                                           unsigned Index, const Runner &Where,
                                           ASTContext &Context) {
  const Expr *Arg = Launch.Arguments[Index]->IgnoreParens();
  // Only lvalues are copied: temporaries and std::move'd values are moved,
  // and arrays and functions decay to pointers.
  if (!Arg->isLValue() || Arg->getType()->isArrayType() ||
      Arg->getType()->isFunctionType())
    return;
  Copy Found;
  Found.TypeText = describeCopiedType(Arg->getType(), Context);
  if (Found.TypeText.empty())
    return;
  Found.Launch = &Launch;
  Found.Name = spelling(Arg, Context);
  Found.Where = Arg->getBeginLoc();
  Found.Var = namedVariable(Arg);
  Found.CopySite = Arg;
  Found.Param = Launch.parameterFor(Index);
  report(Found, Where, Context);
}

void LargeCopyToWorkerCheck::checkCapture(const Launch &Launch,
                                          const LambdaCapture &Capture,
                                          const Runner &Where,
                                          ASTContext &Context) {
  const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
  if (!Var || Capture.isPackExpansion())
    return;
  Copy Found;
  Found.TypeText = describeCopiedType(Var->getType(), Context);
  if (Found.TypeText.empty())
    return;
  Found.Launch = &Launch;
  Found.Name = Var->getName().str();
  Found.Var = Var;
  Found.Lambda = Launch.Lambda;
  Found.Capture = &Capture;
  Found.InCapture = true;
  if (Capture.isExplicit()) {
    Found.Where = Capture.getLocation();
  } else {
    // An implicit [=] capture is reported at the first use that causes it.
    const DeclRefExpr *FirstUse = firstReference(Launch.Lambda->getBody(), Var);
    Found.Where = FirstUse ? FirstUse->getLocation() : Capture.getLocation();
  }
  report(Found, Where, Context);
}

void LargeCopyToWorkerCheck::checkInitCapture(const Launch &Launch,
                                              const VarDecl *InitVar,
                                              const Runner &Where,
                                              ASTContext &Context) {
  // [copy = data]: the copy constructor reads an lvalue.
  const Expr *Init = InitVar->getInit();
  if (!Init)
    return;
  const auto *Construct =
      dyn_cast<CXXConstructExpr>(Init->IgnoreUnlessSpelledInSource() == Init
                                     ? Init
                                     : Init->IgnoreImplicitAsWritten());
  if (!Construct)
    Construct = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
  if (!Construct || Construct->getNumArgs() != 1 ||
      !Construct->getConstructor()->isCopyConstructor())
    return;
  const Expr *Source = Construct->getArg(0)->IgnoreParenImpCasts();
  if (!Source->isLValue())
    return;
  Copy Found;
  Found.TypeText = describeCopiedType(InitVar->getType(), Context);
  if (Found.TypeText.empty())
    return;
  Found.Launch = &Launch;
  Found.Name = spelling(Source, Context);
  Found.Where = Source->getBeginLoc();
  Found.Var = namedVariable(Source);
  Found.CopySite = Source;
  Found.InCapture = true;
  report(Found, Where, Context);
}

void LargeCopyToWorkerCheck::checkLambdaObject(const Launch &Launch,
                                               const Runner &Where,
                                               ASTContext &Context) {
  // `auto job = [data] {...}; std::thread t(job);` copies the closure, and
  // the captured copy with it; a moved or referenced closure is not copied.
  const Expr *Callable = Launch.Callable->IgnoreParens();
  if (!Callable->isLValue() || isa<MaterializeTemporaryExpr>(Callable))
    return;
  for (const LambdaCapture &Capture : Launch.Lambda->captures()) {
    if (!Capture.capturesVariable() || Capture.isPackExpansion())
      continue;
    const auto *Captured = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!Captured || (Capture.getCaptureKind() != LCK_ByCopy &&
                      !Captured->isInitCapture()))
      continue;
    std::string TypeText = describeCopiedType(Captured->getType(), Context);
    if (TypeText.empty())
      continue;
    Copy Found;
    Found.Launch = &Launch;
    Found.Name = Launch.LambdaVariable->getName().str();
    Found.TypeText = "a lambda holding a copy of '" +
                     Captured->getName().str() + "', " + TypeText;
    Found.Where = Callable->getBeginLoc();
    Found.Var = Launch.LambdaVariable;
    Found.CopySite = Callable;
    report(Found, Where, Context);
    return; // one report per copied closure
  }
}

void LargeCopyToWorkerCheck::report(const Copy &Found, const Runner &Where,
                                    ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const LangOptions &LangOpts = Context.getLangOpts();
  const parlint::Launch &Launch = *Found.Launch;
  const FunctionAnalysis &Flow = *Where.Analysis;
  const FunctionDecl *Function = Where.Owner;
  SourceRange FixRange = Found.CopySite ? Found.CopySite->getSourceRange()
                                        : SourceRange(Found.Where);
  if (Found.Capture && !Found.Capture->isExplicit())
    FixRange = Found.Lambda->getCaptureDefaultLoc();
  bool Fixable = !inMacro(FixRange) && Flow.cfg();

  // Preferred fix: move, when nothing reads the variable after the launch.
  std::optional<MoveBlocker> Blocker;
  bool Movable = isMovableLocal(Found.Var, Function);
  bool CanMove = false;
  if (Fixable && Movable) {
    const Stmt *CopySite = Found.CopySite
                               ? static_cast<const Stmt *>(Found.CopySite)
                               : Found.Lambda;
    Blocker = findMoveBlocker(Flow, *Found.Var, *CopySite, *Launch.Call,
                              Found.Lambda);
    CanMove = !Blocker;
  }

  // Next: a reference, when the worker takes one and is finished before the
  // referenced object dies.
  bool WantsMutable = false;
  bool CanRef = false;
  if (const ParmVarDecl *Param = Found.Param) {
    QualType ParamType = Param->getType();
    WantsMutable = ParamType->isLValueReferenceType() &&
                   !ParamType.getNonReferenceType().isConstQualified();
    bool SameType = ParamType->isLValueReferenceType() &&
                    Context.hasSameUnqualifiedType(
                        ParamType.getNonReferenceType(),
                        Found.CopySite->getType());
    if (!CanMove && Fixable && SameType) {
      const VarDecl *Handle = confinedWorkerHandle(Launch, Flow);
      CanRef = Handle &&
               outlivesHandle(*Found.CopySite, *Handle, *Function, Flow) &&
               finishesBeforeScopeEnd(*Handle, Flow);
    }
  }

  llvm::StringRef Noun = Launch.workerNoun();
  // Reported in the file, never inside a macro's definition: NOLINT goes on
  // the line the user wrote.
  SourceLocation At = SM.getFileLoc(Found.Where);
  {
    auto Diag =
        Found.Lambda
            ? diag(At, "'%0' (%1) is captured by copy into the new %2; "
                                "move it into the capture or capture a "
                                "reference that outlives the %2")
            : diag(At, "'%0' (%1) is copied into the new %2; move it "
                                "or pass a reference that outlives the %2");
    Diag << Found.Name << Found.TypeText << Noun;
    FileID File = SM.getFileID(At);
    if (CanMove) {
      std::string Name = Found.Var->getName().str();
      if (!Found.Lambda) {
        Diag << FixItHint::CreateInsertion(FixRange.getBegin(), "std::move(")
             << FixItHint::CreateInsertion(
                    Lexer::getLocForEndOfToken(FixRange.getEnd(), 0, SM,
                                               LangOpts),
                    ")");
      } else if (Found.Capture->isExplicit()) {
        Diag << FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(Found.Where),
            Name + " = std::move(" + Name + ")");
      } else {
        Diag << FixItHint::CreateInsertion(
            Lexer::getLocForEndOfToken(FixRange.getBegin(), 0, SM, LangOpts),
            ", " + Name + " = std::move(" + Name + ")");
      }
      Diag << Inserter.createIncludeInsertion(File, "<utility>");
    } else if (CanRef) {
      Diag << FixItHint::CreateInsertion(FixRange.getBegin(),
                                         WantsMutable ? "std::ref("
                                                      : "std::cref(")
           << FixItHint::CreateInsertion(
                  Lexer::getLocForEndOfToken(FixRange.getEnd(), 0, SM, LangOpts),
                  ")")
           << Inserter.createIncludeInsertion(File, "<functional>");
    }
  }
  if (CanMove || CanRef)
    return;

  // No safe rewrite: say why, and what to write instead.
  std::string Advice =
      Found.InCapture
          ? "capture it by reference if the " + Noun.str() +
                " is finished before '" + Found.Name + "' goes out of scope"
          : "pass " + std::string(WantsMutable ? "std::ref(" : "std::cref(") +
                Found.Name + ") if the " + Noun.str() +
                " is finished before it goes out of scope";
  if (!Blocker) {
    diag(At, "'%0' cannot be moved from here; %1",
         DiagnosticIDs::Note)
        << Found.Name << Advice;
    return;
  }
  SourceLocation BlockedAt = SM.getFileLoc(Blocker->Where->getBeginLoc());
  switch (Blocker->What) {
  case MoveBlocker::UsedAgain:
    diag(BlockedAt, "'%0' may be used here after the launch, so it is not moved; %1",
         DiagnosticIDs::Note)
        << Found.Name << Advice;
    break;
  case MoveBlocker::Aliased:
    diag(BlockedAt, "a reference or pointer to '%0' is taken here, so it is not "
             "moved; %1",
         DiagnosticIDs::Note)
        << Found.Name << Advice;
    break;
  case MoveBlocker::Repeated:
    diag(BlockedAt, "this loop launches the %0 again while '%1' lives on, so it is "
             "not moved; %2",
         DiagnosticIDs::Note)
        << Noun << Found.Name << Advice;
    break;
  }
}

} // namespace clang::tidy::parlint
