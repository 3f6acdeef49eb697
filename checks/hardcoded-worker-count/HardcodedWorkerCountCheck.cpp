#include "HardcodedWorkerCountCheck.h"
#include "../model/TestAssertions.h"

#include "../analysis/LoopBounds.h"
#include "../analysis/PoolSizing.h"
#include "../analysis/SpawnHandle.h"
#include "../analysis/WorkerRoles.h"
#include "../analysis/WrittenCount.h"
#include "../common/AstHelpers.h"
#include "../common/SourceRoles.h"
#include "../model/Launch.h"
#include "../model/Pools.h"
#include "../model/RuntimeApi.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::parlint {

namespace {

constexpr llvm::StringLiteral CSuggestion = "sysconf(_SC_NPROCESSORS_ONLN)";

/// Whether an argument of this type can take an `unsigned` in braces
/// without narrowing.
bool takesUnsignedInBraces(QualType Type, const ASTContext &Context) {
  Type = Type.getNonReferenceType().getCanonicalType();
  return Type->isUnsignedIntegerType() && !Type->isBooleanType() &&
         Context.getTypeSize(Type) >= Context.getTypeSize(Context.UnsignedIntTy);
}

/// Whether the count is written again elsewhere in the function, so that
/// replacing one copy would make them disagree: a local array (of handles,
/// `pthread_t ids[4]`, or anything else sized by hand), or another loop
/// with a literal bound of the same value (the loop that joins them).
bool countWrittenTwice(const Stmt &Body, const Stmt &Loop,
                       const IntegerLiteral &Literal, ASTContext &Context) {
  bool Twice = false;
  forEachDescendant(&Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (Twice)
      return;
    if (const auto *Decls = dyn_cast<DeclStmt>(&S)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D)) {
          QualType Type = Var->getType();
          Twice |= Context.getAsConstantArrayType(Type) != nullptr ||
                   isNamed(Type->getAsCXXRecordDecl(), {"::std::array"});
        }
      return;
    }
    if (&S == &Loop || !isa<ForStmt, WhileStmt, DoStmt>(S))
      return;
    if (auto Other = constantLoopBound(S, nullptr, Context))
      if (const auto *Bound =
              dyn_cast_or_null<IntegerLiteral>(stripped(Other->Limit)))
        Twice |= Bound->getValue() == Literal.getValue();
  });
  return Twice;
}

} // namespace

HardcodedWorkerCountCheck::HardcodedWorkerCountCheck(StringRef Name,
                                                     ClangTidyContext *Context)
    : ParlintCheck(Name, Context, TemplateCode::Both),
      RawPoolTypes(Options.get("PoolTypes", DefaultPoolTypes).str()),
      PoolTypes(utils::options::parseStringList(RawPoolTypes)),
      FixItReplacement(Options.get("FixItReplacement", "").str()),
      FixItHeader(Options.get("FixItHeader", "").str()),
      IncludeTestCode(
          parseBoolOption(Options.get("IncludeTestCode", "false"))),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void HardcodedWorkerCountCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "PoolTypes", RawPoolTypes);
  Options.store(Opts, "FixItReplacement", FixItReplacement);
  Options.store(Opts, "FixItHeader", FixItHeader);
  Options.store(Opts, "IncludeTestCode", IncludeTestCode ? "true" : "false");
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void HardcodedWorkerCountCheck::registerPPCallbacks(const SourceManager &SM,
                                                    Preprocessor *PP,
                                                    Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

bool HardcodedWorkerCountCheck::isQuietAt(SourceLocation Where,
                                          const SourceManager &SM) const {
  // In a test, a benchmark or an example the literal is the load or the
  // illustration: it must exceed a capacity, it is what the test checks.
  return !IncludeTestCode && isTestOrExampleCode(Where, SM);
}

std::string HardcodedWorkerCountCheck::replacement() const {
  if (!FixItReplacement.empty())
    return FixItReplacement;
  // The runtime's count, the one parlint's pools default to.
  return getLangOpts().CPlusPlus ? runtime::DefaultWorkerCount.str()
                                 : CSuggestion.str();
}

void HardcodedWorkerCountCheck::addFix(DiagnosticBuilder &Diag,
                                       const Expr &Literal,
                                       ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  SourceLocation Loc = Literal.getBeginLoc();
  if (Loc.isMacroID() || Literal.getEndLoc().isMacroID())
    return;
  // C has no std::max; only the project's own function can be written there.
  if (!getLangOpts().CPlusPlus && FixItReplacement.empty())
    return;
  Diag << FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Literal.getSourceRange()), replacement());
  FileID File = SM.getFileID(Loc);
  if (FixItReplacement.empty()) {
    Diag << Inserter.createIncludeInsertion(File, runtime::WorkerCountHeader);
  } else if (!FixItHeader.empty()) {
    Diag << Inserter.createIncludeInsertion(File, FixItHeader);
  }
}

void HardcodedWorkerCountCheck::checkFunction(
    const FunctionUnderCheck &Function) {
  // A lambda's body is analyzed with the function that contains it, which
  // knows whether the lambda is a worker.
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function.Decl);
  if (Method && Method->getParent()->isLambda())
    return;
  // A test that starts eight threads to create contention wants eight.
  if (!IncludeTestCode && isTestCaseBody(Function.Decl))
    return;
  const SourceManager &SM = Function.Context.getSourceManager();

  llvm::SmallVector<Launch, 8> Spawns;
  llvm::SmallVector<const LambdaExpr *, 8> Workers;
  forEachLaunch(Function.Body, Function.Context, [&](const Launch &L) {
    if (L.Lambda)
      Workers.push_back(L.Lambda);
    if (L.startsOwnThread() && L.Call->getBeginLoc().isValid() &&
        !SM.isInSystemHeader(SM.getExpansionLoc(L.Call->getBeginLoc())))
      Spawns.push_back(L);
  });
  for (const Launch &Spawn : Spawns)
    checkLaunchLoops(Spawn, Function, Workers);

  checkPoolConstructions(Function.Body, Function.Context);
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Function.Decl))
    for (const CXXCtorInitializer *Init : Constructor->inits()) {
      const Expr *E = Init->getInit();
      if (const auto *Default = dyn_cast_or_null<CXXDefaultInitExpr>(E))
        E = Default->getExpr();
      if (E)
        checkPoolConstructions(*E, Function.Context);
    }
  // Default member initializers construct the pool too, also in classes
  // whose constructors are implicit.
  if (Method)
    for (const FieldDecl *Field : Method->getParent()->fields())
      if (const Expr *Init = Field->getInClassInitializer())
        checkPoolConstructions(*Init, Function.Context);
}

namespace {

/// The loop starts one dedicated thread per kind of work: each launch hands
/// the worker a value of its trip, and the worker branches on it against
/// several constants (analysis/WorkerRoles).
bool startsOneThreadPerRole(const Launch &Spawn, const Stmt &Loop,
                            ASTContext &Context) {
  if (!Spawn.Worker || !branchesOnItsRole(*Spawn.Worker))
    return false;
  const SourceManager &SM = Context.getSourceManager();
  auto PerTrip = [&](const Expr *Arg) {
    return Arg && mentionsDeclaredWithin(Arg, &Loop, SM);
  };
  if (llvm::any_of(Spawn.Arguments, PerTrip))
    return true;
  const auto *Call = dyn_cast<CallExpr>(Spawn.Call);
  return Call && Spawn.Kind == LaunchKind::PthreadCreate &&
         Call->getNumArgs() == 4 && PerTrip(Call->getArg(3));
}

} // namespace

void HardcodedWorkerCountCheck::checkLaunchLoops(
    const Launch &Spawn, const FunctionUnderCheck &Function,
    llvm::ArrayRef<const LambdaExpr *> Workers) {
  const FunctionAnalysis &Analysis = Function.Analysis;
  SpawnSite Site = describeSpawn(Spawn, Analysis);
  // Inside a test's SUBCASE / SECTION: a stress count chosen on purpose.
  for (const Stmt *Around = IncludeTestCode ? nullptr : Analysis.parent(*Spawn.Call);
       Around; Around = Analysis.parent(*Around))
    if (const auto *If = dyn_cast<IfStmt>(Around);
        If && isTestSectionVariable(If->getConditionVariable()))
      return;
  const Stmt *Node = Spawn.Call;
  while (const Stmt *Parent = Analysis.parent(*Node)) {
    // A lambda defined in a loop runs when it is called, not per iteration.
    if (isa<LambdaExpr, BlockExpr>(Parent))
      return;
    if (isLoop(Parent) &&
        runsEachIteration(*Parent, Node)) {
      // Only the innermost loop around the start counts the workers alive
      // at once; a loop around it repeats them (rounds, repetitions of a
      // run whose count comes from the machine).
      if (!startsOneThreadPerRole(Spawn, *Parent, Function.Context))
        checkCountingLoop(*Parent, Site, Function, Workers);
      return;
    }
    Node = Parent;
  }
}

void HardcodedWorkerCountCheck::checkCountingLoop(
    const Stmt &Loop, const SpawnSite &Site, const FunctionUnderCheck &Function,
    llvm::ArrayRef<const LambdaExpr *> Workers) {
  ASTContext &Context = Function.Context;
  const SourceManager &SM = Context.getSourceManager();
  const Stmt *Body = loopBody(Loop);
  // Each iteration waits for its worker: the loop repeats, it does not count
  // workers. A loop that can stop early is a retry loop.
  if (!Body || isWaitedWithin(Site, *Body, Context) || leavesEarly(Loop))
    return;
  auto Bound = constantLoopBound(Loop, Site.Holder, Context);
  if (!Bound || Bound->Trips <= 1)
    return;
  if (llvm::is_contained(Workers, Function.Analysis.enclosingLambda(Loop)))
    return; // a loop inside a worker is its work
  const Expr *Counted = Bound->Limit;
  std::optional<WrittenCount> Count = writtenCount(Counted, Context);
  if (Count && Count->Literal->getValue().ule(1))
    Count.reset();
  bool IsLimit = Count.has_value();
  Expr::EvalResult End;
  if (!Count && Bound->Start && !Bound->Limit->isValueDependent() &&
      Bound->Limit->EvaluateAsInt(End, Context) &&
      End.Val.getInt().getExtValue() <= 1) {
    Counted = Bound->Start; // counting down to 0
    Count = writtenCount(Counted, Context);
  }
  if (!Count || Count->Literal->getValue().ule(1))
    return;

  // In a macro: where the count is written in the file (the literal or the
  // name handed to the macro).
  SourceLocation Where = Loop.getBeginLoc();
  if (Where.isMacroID()) {
    SourceLocation Written = stripped(Counted)->getBeginLoc();
    if (Count->How == WrittenCount::InPlace)
      Written = Count->Literal->getLocation();
    else if (Count->How == WrittenCount::Macro) {
      // Down through the outer macro's arguments to the name's use.
      SourceLocation Loc = Count->Literal->getLocation();
      while (Loc.isMacroID() && SM.isMacroArgExpansion(Loc))
        Loc = SM.getImmediateSpellingLoc(Loc);
      Written = SM.getImmediateExpansionRange(Loc).getBegin();
    }
    Where = SM.getFileLoc(Written);
  }
  if (isQuietAt(Where, SM) || !firstReportAt(Where))
    return;
  int Trips = static_cast<int>(Bound->Trips);
  if (Count->How == WrittenCount::InPlace) {
    auto Diag = diag(Where, "hardcoded worker count: this loop starts %0 %1s "
                            "whatever the machine; use %2 or a configured "
                            "count instead of the literal")
                << Trips << Site.Spawn->workerNoun() << replacement();
    if (IsLimit && Bound->CountsUpFromZero &&
        !countWrittenTwice(Function.Body, Loop, *Count->Literal, Context))
      addFix(Diag, *Count->Literal, Context);
    return;
  }
  const VarDecl *Variable = Count->Variable;
  StringRef Name = Variable ? Variable->getName() : Count->MacroName;
  uint64_t Value = Count->Literal->getValue().getZExtValue();
  {
    auto Diag = diag(Where, "hardcoded worker count: this loop starts %0 %1s "
                            "whatever the machine ('%3' is the literal %4); "
                            "use %2 or a configured count instead of the "
                            "literal")
                << Trips << Site.Spawn->workerNoun() << replacement() << Name
                << static_cast<int>(Value);
    // A local set to the literal is the count of this loop alone: its value
    // can change there. A macro or a constant may size arrays or be used
    // elsewhere: a note shows it instead.
    if (Count->How == WrittenCount::Local && Count->ValueInPlace &&
        static_cast<uint64_t>(Bound->Trips) == Value &&
        Variable->getInitStyle() != VarDecl::ListInit &&
        !countWrittenTwice(Function.Body, Loop, *Count->Literal, Context))
      addFix(Diag, *Count->Literal, Context);
  }
  noteDefinition(*Count, Context);
}

void HardcodedWorkerCountCheck::checkPoolConstructions(const Stmt &Root,
                                                       ASTContext &Context) {
  // The variable each construction initializes: a pool given exactly as
  // many tasks as it has workers is sized to its work, not to a machine.
  llvm::DenseMap<const Expr *, const VarDecl *> Holders;
  forEachDescendant(&Root, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (const auto *Decls = dyn_cast<DeclStmt>(&S)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit())
          Holders[Var->getInit()->IgnoreImplicit()] = Var;
      return;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
      const Expr *Count = workerCountArgument(*Construct, PoolTypes);
      if (!Count)
        return;
      if (const VarDecl *Pool = Holders.lookup(Construct))
        if (auto Written = writtenCount(Count, Context);
            Written &&
            sizedToItsTasks(*Pool, Written->Literal->getValue().getZExtValue(),
                            Root, Context))
          return;
      const CXXConstructorDecl *Constructor = Construct->getConstructor();
      unsigned Index = 0;
      while (Construct->getArg(Index) != Count)
        ++Index;
      reportPoolCount(*Count, *Constructor->getParent(),
                      Construct->isListInitialization(),
                      Constructor->getParamDecl(Index)->getType(), Context);
      return;
    }
    // std::make_unique<Pool>(4), std::make_shared<Pool>(4): the construction
    // itself is in the standard library.
    const auto *Call = dyn_cast<CallExpr>(&S);
    const FunctionDecl *Callee = calleeOf(Call);
    if (!Callee || !isNamed(Callee, {"::std::make_unique", "::std::make_shared"}))
      return;
    const TemplateArgumentList *Args = Callee->getTemplateSpecializationArgs();
    if (!Args || Args->size() == 0 ||
        Args->get(0).getKind() != TemplateArgument::Type ||
        !isPoolClass(Args->get(0).getAsType()->getAsCXXRecordDecl(), PoolTypes))
      return;
    for (const Expr *Arg : Call->arguments()) {
      if (Arg->getType()->isIntegerType()) {
        reportPoolCount(*Arg, *Args->get(0).getAsType()->getAsCXXRecordDecl(),
                        false, Arg->getType(), Context);
        return;
      }
    }
  });
}

void HardcodedWorkerCountCheck::reportPoolCount(const Expr &Count,
                                                const CXXRecordDecl &Pool,
                                                bool ListInit,
                                                QualType ParamType,
                                                ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  std::optional<WrittenCount> Written = writtenCount(&Count, Context);
  if (!Written || Written->Literal->getValue().ule(1))
    return;
  const IntegerLiteral &Literal = *Written->Literal;
  int Value = static_cast<int>(Literal.getValue().getZExtValue());
  bool InPlace = Written->How == WrittenCount::InPlace;
  SourceLocation Where =
      SM.getFileLoc(InPlace ? Literal.getLocation() : Count.getBeginLoc());
  if (SM.isInSystemHeader(Where) || isQuietAt(Where, SM) ||
      !firstReportAt(Where))
    return;
  if (!InPlace) {
    StringRef Name = Written->Variable ? Written->Variable->getName()
                                       : Written->MacroName;
    diag(Where, "hardcoded worker count: %0 is constructed with %1 workers "
                "whatever the machine ('%3' is the literal %1); use %2 or a "
                "configured count instead of the literal")
        << Pool.getQualifiedNameAsString() << Value << replacement() << Name;
    noteDefinition(*Written, Context);
    return;
  }
  auto Diag = diag(Where, "hardcoded worker count: %0 is constructed with %1 "
                          "workers whatever the machine; use %2 or a "
                          "configured count instead of the literal")
              << Pool.getQualifiedNameAsString() << Value << replacement();
  // In braces a narrowing conversion does not compile: only an unsigned
  // parameter at least as wide as `unsigned` takes the default text, and the
  // project's own function's type is unknown.
  if (ListInit && (!FixItReplacement.empty() ||
                   !takesUnsignedInBraces(ParamType, Context)))
    return;
  addFix(Diag, Literal, Context);
}

void HardcodedWorkerCountCheck::noteDefinition(const WrittenCount &Written,
                                               ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  int Value = static_cast<int>(Written.Literal->getValue().getZExtValue());
  if (Written.How == WrittenCount::Macro) {
    diag(SM.getSpellingLoc(Written.Literal->getLocation()),
         "'%0' is defined as %1 here", DiagnosticIDs::Note)
        << Written.MacroName << Value;
    return;
  }
  const VarDecl &Variable = *Written.Variable;
  diag(Written.ValueInPlace ? SM.getFileLoc(Written.Literal->getLocation())
                            : SM.getFileLoc(Variable.getLocation()),
       "'%0' is set to %1 here", DiagnosticIDs::Note)
      << Variable.getName() << Value;
}

} // namespace clang::tidy::parlint
