#include "UnjoinedThreadCheck.h"
#include "../common/AstHelpers.h"
#include "../model/Launch.h"
#include "../model/RuntimeApi.h"
#include "../model/TestAssertions.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::parlint {

namespace {

/// The handles the function's own code declares; parameters, statics and
/// references are someone else's to join. std::jthread joins by itself.
bool isThreadHandleLocal(const VarDecl &Var) {
  if (!Var.hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      Var.isExceptionVariable() || Var.isInvalidDecl())
    return false;
  HandleType Type = handleTypeOf(Var.getType());
  return Type == HandleType::Thread || Type == HandleType::ThreadContainer ||
         Type == HandleType::PosixThread ||
         Type == HandleType::OptionalThread;
}

/// The written `std::thread` of Var's declaration, when it can become a
/// thread that joins in its destructor (std::jthread, or parlint::ScopedThread
/// before C++20) without touching anything else. std::jthread also passes a
/// std::stop_token to a callable that takes one.
std::optional<CharSourceRange> joiningTypeFixRange(const VarDecl &Var,
                                                   const FunctionAnalysis &Owner,
                                                   bool ToJThread) {
  const TypeSourceInfo *Info = Var.getTypeSourceInfo();
  if (!Info || Var.getType()->getContainedAutoType())
    return std::nullopt;
  TypeLoc Written = Info->getTypeLoc().getUnqualifiedLoc();
  SourceRange Range = Written.getSourceRange();
  if (Range.isInvalid() || Range.getBegin().isMacroID() ||
      Range.getEnd().isMacroID())
    return std::nullopt;
  // `std::thread a(f), b(g);` shares the type: leave it alone. Both
  // replacements have explicit constructors: `T t = std::thread(f);` would
  // not compile.
  const DeclStmt *Declaration = Owner.declarationOf(Var);
  if (!Declaration || !Declaration->isSingleDecl() || !Var.getInit() ||
      Var.getInitStyle() == VarDecl::CInit)
    return std::nullopt;
  auto Spawn = describeLaunch(*Var.getInit()->IgnoreImplicit(), Owner.context());
  if (!Spawn || Spawn->Kind != LaunchKind::Thread ||
      (ToJThread && Spawn->mayTakeStopToken()))
    return std::nullopt;
  return CharSourceRange::getTokenRange(Range);
}

/// The statement a temporary's value goes to, looking through the implicit
/// nodes and casts that do not consume it.
const Stmt *consumerOf(const Expr &E, const FunctionAnalysis &Function) {
  const Stmt *Current = &E;
  while (const Stmt *P = Function.parent(*Current)) {
    const auto *Wrapper = dyn_cast<Expr>(P);
    if (!Wrapper)
      return P;
    if (isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
            ImplicitCastExpr, ParenExpr, CXXFunctionalCastExpr>(Wrapper)) {
      Current = P;
      continue;
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Wrapper);
        Cast && Cast->getType()->isVoidType()) {
      Current = P;
      continue;
    }
    return P;
  }
  return nullptr;
}

/// The analysis of the body that declares Var (a lambda's, or the
/// function's), or null when that body is template code.
const FunctionAnalysis *ownerOf(const VarDecl &Var, ASTContext &Context) {
  const auto *Function =
      dyn_cast_or_null<FunctionDecl>(Var.getParentFunctionOrMethod());
  if (!Function || Function->isInvalidDecl() ||
      Function->isDependentContext() || !Function->hasBody())
    return nullptr;
  return &AnalysisCache::of(*Function->getBody(), Context);
}

} // namespace

UnjoinedThreadCheck::UnjoinedThreadCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ParlintCheck(Name, Context, TemplateCode::Instantiations),
      ReportAssertionExits(
          parseBoolOption(Options.get("ReportAssertionExits", "false"))),
      Cxx17Replacement(
          Options.get("Cxx17Replacement", runtime::ScopedThreadType).str()),
      Cxx17ReplacementHeader(
          Options.get("Cxx17ReplacementHeader", runtime::ScopedThreadHeader)
              .str()),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void UnjoinedThreadCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ReportAssertionExits",
                ReportAssertionExits ? "true" : "false");
  Options.store(Opts, "Cxx17Replacement", Cxx17Replacement);
  Options.store(Opts, "Cxx17ReplacementHeader", Cxx17ReplacementHeader);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void UnjoinedThreadCheck::registerPPCallbacks(const SourceManager &SM,
                                              Preprocessor *PP,
                                              Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

void UnjoinedThreadCheck::checkFunction(const FunctionUnderCheck &Function) {
  checkMemberThreads(Function.Context);
  const SourceManager &SM = Function.Context.getSourceManager();
  forEachDescendant(&Function.Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (const auto *Declaration = dyn_cast<DeclStmt>(&S)) {
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          checkOwnedObject(*Var, Function.Context);
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && isThreadHandleLocal(*Var) &&
            !SM.isInSystemHeader(Var->getLocation()))
          if (const FunctionAnalysis *Owner = ownerOf(*Var, Function.Context))
            checkHandle(*Var, *Owner);
      return;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
      if (auto Spawn = describeLaunch(*Construct, Function.Context);
          Spawn && Spawn->Kind == LaunchKind::Thread)
        checkTemporary(*Construct, Function.Analysis);
    if (const auto *Call = dyn_cast<CallExpr>(&S);
        Call && handleTypeOf(Call->getType()) == HandleType::Thread) {
      const LambdaExpr *Lambda = Function.Analysis.enclosingLambda(*Call);
      checkReturnedThread(*Call, Lambda ? analysisOf(*Lambda->getBody(),
                                                     Function.Context)
                                        : Function.Analysis);
    }
  });
}

void UnjoinedThreadCheck::checkHandle(const VarDecl &Var,
                                      const FunctionAnalysis &Owner) {
  HandleType Type = handleTypeOf(Var.getType());
  HandleUses Uses = collectHandleUses(Owner.body(), Var, Type);
  if (Uses.Escapes)
    return;
  if (Type == HandleType::PosixThread) {
    reportPosixThread(Var, Uses, Owner);
    return;
  }
  if (!Uses.startsAny())
    return; // never owns a running thread
  auto Exits = reportable(findBadExits(Owner, Var, Uses.Events, {}), Owner);
  if (!Exits.empty())
    reportThread(Var, Uses, Exits, Owner);
}

llvm::SmallVector<BadExit, 4>
UnjoinedThreadCheck::reportable(llvm::ArrayRef<BadExit> Exits,
                                const FunctionAnalysis &Owner) const {
  llvm::SmallVector<BadExit, 4> Kept;
  const SourceManager &SM = Owner.context().getSourceManager();
  for (const BadExit &Exit : Exits)
    if (ReportAssertionExits ||
        !isFatalAssertionExit(*Exit.Trigger, SM, getLangOpts()))
      Kept.push_back(Exit);
  return Kept;
}

void UnjoinedThreadCheck::checkTemporary(const CXXConstructExpr &Temporary,
                                         const FunctionAnalysis &Function) {
  const SourceManager &Sources = Function.context().getSourceManager();
  SourceLocation Loc = Temporary.getBeginLoc();
  if (Loc.isInvalid() || Sources.isInSystemHeader(Loc))
    return;
  // Only a thread whose value is thrown away: a statement of its own, or cast
  // to void. Anything consuming it (a variable, a return, a call, .detach())
  // is an expression or declaration parent.
  const Stmt *Consumer = consumerOf(Temporary, Function);
  if (!Consumer || isa<Expr>(Consumer) || isa<ReturnStmt>(Consumer) ||
      isa<DeclStmt>(Consumer))
    return;
  if (!firstReportAt(Loc))
    return;
  diag(Loc, "temporary std::thread is destroyed while joinable at the end of "
            "the statement, which calls std::terminate; keep it in a variable "
            "and join it, or use parlint::ScopedThread");
}

void UnjoinedThreadCheck::reportThread(const VarDecl &Var,
                                       const HandleUses &Uses,
                                       llvm::ArrayRef<BadExit> Exits,
                                       const FunctionAnalysis &Owner) {
  if (!firstReportAt(Var.getLocation()))
    return;
  bool IsContainer = handleTypeOf(Var.getType()) == HandleType::ThreadContainer;
  // A thread that joins in its destructor: std::jthread in C++20, the
  // configured replacement (parlint::ScopedThread) in C++17.
  bool ToJThread = getLangOpts().CPlusPlus20;
  bool ToReplacement = !ToJThread && getLangOpts().CPlusPlus17 &&
                       !Cxx17Replacement.empty();
  std::optional<CharSourceRange> FixRange;
  if (!IsContainer && (ToJThread || ToReplacement) && !Uses.Detached &&
      !Uses.BlocksJThread)
    FixRange = joiningTypeFixRange(Var, Owner, ToJThread);

  if (handleTypeOf(Var.getType()) == HandleType::OptionalThread) {
    diag(Var.getLocation(),
         "the std::thread in %0 can be destroyed while joinable, which calls "
         "std::terminate; join it on every path")
        << &Var;
  } else if (IsContainer) {
    diag(Var.getLocation(),
         "threads in %0 can be destroyed while joinable, which calls "
         "std::terminate; join every element on every path, or store "
         "parlint::ScopedThread")
        << &Var;
  } else if (FixRange && ToJThread) {
    diag(Var.getLocation(),
         "std::thread %0 can be destroyed while joinable, which calls "
         "std::terminate; use std::jthread, which joins on destruction")
        << &Var << FixItHint::CreateReplacement(*FixRange, "std::jthread");
  } else if (FixRange) {
    const SourceManager &SM = Owner.context().getSourceManager();
    auto Diag = diag(Var.getLocation(),
                     "std::thread %0 can be destroyed while joinable, which "
                     "calls std::terminate; use %1, which joins on destruction")
                << &Var << Cxx17Replacement
                << FixItHint::CreateReplacement(*FixRange, Cxx17Replacement);
    if (!Cxx17ReplacementHeader.empty())
      Diag << Inserter.createIncludeInsertion(
          SM.getFileID(SM.getExpansionLoc(Var.getLocation())),
          Cxx17ReplacementHeader);
  } else {
    diag(Var.getLocation(),
         "std::thread %0 can be destroyed while joinable, which calls "
         "std::terminate; join it on every path, or use parlint::ScopedThread")
        << &Var;
  }
  for (const BadExit &Exit : distinctExits(Exits))
    diag(Exit.Where, "%0 goes out of scope here while joinable",
         DiagnosticIDs::Note)
        << &Var;
}

void UnjoinedThreadCheck::reportPosixThread(const VarDecl &Var,
                                            const HandleUses &Uses,
                                            const FunctionAnalysis &Owner) {
  if (Uses.PosixCreates.empty())
    return;
  // Every path: a failed create started nothing, and leaving main (or
  // exiting) ends every thread with the process.
  auto Exits = reportable(
      findBadExits(Owner, Var, Uses.Events, {HandleLifetime::Value, false}),
      Owner);
  if (Exits.empty())
    return;
  if (!Uses.PosixFinished) {
    for (const CallExpr *Create : Uses.PosixCreates) {
      if (!firstReportAt(Create->getBeginLoc()))
        continue;
      diag(Create->getBeginLoc(),
           "thread started by pthread_create is never joined or detached in "
           "this function, which leaks it; call pthread_join or "
           "pthread_detach on %0")
          << &Var;
    }
    return;
  }
  // Joined or detached somewhere, but not on every path.
  const CallExpr *Create = Uses.PosixCreates.front();
  if (!firstReportAt(Create->getBeginLoc()))
    return;
  diag(Create->getBeginLoc(),
       "thread started by pthread_create can leave this function without "
       "being joined or detached, which leaks it; call pthread_join or "
       "pthread_detach on %0 on every path")
      << &Var;
  for (const BadExit &Exit : distinctExits(Exits))
    diag(Exit.Where, "%0 is neither joined nor detached when %select{the "
                     "function returns|the exception leaves the function}1 "
                     "here",
         DiagnosticIDs::Note)
        << &Var << (Exit.Kind == BadExit::Throw);
}

} // namespace clang::tidy::parlint
