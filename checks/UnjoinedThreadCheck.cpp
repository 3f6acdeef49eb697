#include "UnjoinedThreadCheck.h"
#include "ConcurrencyMatchers.h"
#include "ThreadJoinFlow.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parlint {

namespace {

/// The handles the function's own code declares; parameters, statics and
/// references are someone else's to join.
AST_MATCHER(VarDecl, isThreadHandleLocal) {
  return Node.hasLocalStorage() && !isa<ParmVarDecl>(Node) &&
         !Node.isExceptionVariable() && !Node.isInvalidDecl() &&
         handleKindOf(Node.getType()) != HandleKind::None;
}

/// Whether std::jthread would call the callable differently: it passes a
/// std::stop_token first when the callable accepts one, which a generic
/// callable does.
bool callableMayTakeStopToken(const Expr *Callable) {
  const auto *Record =
      Callable->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record)
    return false;
  if (Record->isLambda())
    return Record->isGenericLambda();
  return true; // a functor object: its overloads are not worth guessing
}

/// The written `std::thread` of Var's declaration, when it can become
/// `std::jthread` without touching anything else.
std::optional<CharSourceRange> jthreadFixRange(const VarDecl *Var,
                                               const SourceManager &Sources,
                                               ASTContext &Context) {
  const TypeSourceInfo *Info = Var->getTypeSourceInfo();
  if (!Info || Var->getType()->getContainedAutoType())
    return std::nullopt;
  TypeLoc Written = Info->getTypeLoc().getUnqualifiedLoc();
  SourceRange Range = Written.getSourceRange();
  if (Range.isInvalid() || Range.getBegin().isMacroID() ||
      Range.getEnd().isMacroID())
    return std::nullopt;
  // `std::thread a(f), b(g);` shares the type: leave it alone.
  auto Parents = Context.getParents(*Var);
  const auto *Decl = Parents.size() == 1 ? Parents[0].get<DeclStmt>() : nullptr;
  if (!Decl || !Decl->isSingleDecl())
    return std::nullopt;
  const auto *Construct =
      dyn_cast_or_null<CXXConstructExpr>(Var->getInit()->IgnoreImplicit());
  if (!Construct || !isThreadLaunch(Construct) ||
      callableMayTakeStopToken(Construct->getArg(0)))
    return std::nullopt;
  return CharSourceRange::getTokenRange(Range);
}

/// The node a temporary's value goes to, looking through the implicit nodes
/// and casts that do not consume it.
DynTypedNode consumerOf(const Expr *E, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*E);
  while (true) {
    auto Parents = Context.getParents(Node);
    if (Parents.size() != 1)
      return DynTypedNode();
    Node = Parents[0];
    const auto *Wrapper = Node.get<Expr>();
    if (!Wrapper)
      return Node;
    if (isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
            ImplicitCastExpr, ParenExpr, CXXFunctionalCastExpr>(Wrapper))
      continue;
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Wrapper);
        Cast && Cast->getType()->isVoidType())
      continue;
    return Node;
  }
}

} // namespace

void UnjoinedThreadCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(varDecl(isThreadHandleLocal()).bind("handle"), this);
  Finder->addMatcher(
      cxxConstructExpr(matchers::threadLaunchConstruct(),
                       hasDeclaration(cxxConstructorDecl(
                           ofClass(cxxRecordDecl(hasName("::std::thread"))))))
          .bind("temporary"),
      this);
}

void UnjoinedThreadCheck::onStartOfTranslationUnit() {
  HandlesByFunction.clear();
  Temporaries.clear();
  Reported.clear();
  Context = nullptr;
}

void UnjoinedThreadCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Temporary =
          Result.Nodes.getNodeAs<CXXConstructExpr>("temporary")) {
    checkTemporary(Temporary, *Result.Context);
    return;
  }
  const auto *Var = Result.Nodes.getNodeAs<VarDecl>("handle");
  if (!Var || Result.SourceManager->isInSystemHeader(Var->getLocation()))
    return;
  const auto *Function =
      dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
  // Templates are analyzed in their instantiations, where calls resolve.
  if (!Function || Function->isInvalidDecl() || Function->isDependentContext() ||
      !Function->hasBody())
    return;
  HandlesByFunction[Function].push_back(Var);
}

void UnjoinedThreadCheck::checkTemporary(const CXXConstructExpr *Temporary,
                                         ASTContext &Context) {
  const SourceManager &Sources = Context.getSourceManager();
  SourceLocation Loc = Temporary->getBeginLoc();
  if (Loc.isInvalid() || Sources.isInSystemHeader(Loc) ||
      Temporary->containsErrors())
    return;
  // Only a thread whose value is thrown away: a statement of its own, or cast
  // to void. Anything consuming it (a variable, a return, a call, .detach())
  // is an expression or declaration parent.
  DynTypedNode Consumer = consumerOf(Temporary, Context);
  const auto *Statement = Consumer.get<Stmt>();
  if (!Statement || isa<Expr>(Statement) || isa<ReturnStmt>(Statement) ||
      isa<DeclStmt>(Statement))
    return;
  Temporaries.push_back(Temporary);
}

void UnjoinedThreadCheck::reportTemporary(const CXXConstructExpr *Temporary) {
  SourceLocation Loc = Temporary->getBeginLoc();
  if (!Reported.insert(Loc).second)
    return;
  diag(Loc, "temporary std::thread is destroyed while joinable at the end of "
            "the statement, which calls std::terminate; keep it in a variable "
            "and join it, or use parlint::ScopedThread");
}

void UnjoinedThreadCheck::onEndOfTranslationUnit() {
  // Code that does not compile has holes in its AST (a dropped join() call
  // looks like a missing one): say nothing about it.
  if (Context && Context->getDiagnostics().hasUncompilableErrorOccurred()) {
    HandlesByFunction.clear();
    Temporaries.clear();
    return;
  }
  for (const CXXConstructExpr *Temporary : Temporaries)
    reportTemporary(Temporary);
  Temporaries.clear();
  for (const auto &[Function, Handles] : HandlesByFunction)
    analyzeFunction(Function, Handles);
  HandlesByFunction.clear();
}

void UnjoinedThreadCheck::analyzeFunction(
    const FunctionDecl *Function, llvm::ArrayRef<const VarDecl *> Handles) {
  if (!Context)
    return;
  Stmt *Body = Function->getBody();
  if (!Body)
    return;
  std::unique_ptr<CFG> Graph;
  for (const VarDecl *Var : Handles) {
    HandleKind Kind = handleKindOf(Var->getType());
    HandleUses Uses = collectHandleUses(Body, Var, Kind, *Context);
    if (Uses.Escapes)
      continue;
    if (Kind == HandleKind::PosixThread) {
      reportPosixThread(Var, Uses);
      continue;
    }
    if (Uses.StmtEffects.empty() && Uses.Initial != HandleEffect::Launch)
      continue; // never owns a running thread
    if (!Graph) {
      CFG::BuildOptions Options;
      Options.AddImplicitDtors = true;
      Options.AddScopes = false;
      Graph = CFG::buildCFG(Function, Body, Context, Options);
      if (!Graph)
        return;
    }
    auto Exits = findJoinableExits(*Graph, Var, Uses, Context->getSourceManager());
    if (!Exits.empty())
      reportThread(Var, Uses, Exits);
  }
}

void UnjoinedThreadCheck::reportThread(const VarDecl *Var,
                                       const HandleUses &Uses,
                                       llvm::ArrayRef<SourceLocation> Exits) {
  if (!Reported.insert(Var->getLocation()).second)
    return;
  bool IsContainer = handleKindOf(Var->getType()) == HandleKind::ThreadContainer;
  std::optional<CharSourceRange> FixRange;
  if (!IsContainer && getLangOpts().CPlusPlus20 && !Uses.Detached &&
      !Uses.BlocksJThread)
    FixRange = jthreadFixRange(Var, Context->getSourceManager(), *Context);

  if (IsContainer) {
    diag(Var->getLocation(),
         "threads in %0 can be destroyed while joinable, which calls "
         "std::terminate; join every element on every path, or store "
         "parlint::ScopedThread")
        << Var;
  } else if (FixRange) {
    diag(Var->getLocation(),
         "std::thread %0 can be destroyed while joinable, which calls "
         "std::terminate; use std::jthread, which joins on destruction")
        << Var << FixItHint::CreateReplacement(*FixRange, "std::jthread");
  } else {
    diag(Var->getLocation(),
         "std::thread %0 can be destroyed while joinable, which calls "
         "std::terminate; join it on every path, or use parlint::ScopedThread")
        << Var;
  }
  for (SourceLocation Exit : Exits)
    diag(Exit, "%0 goes out of scope here while joinable", DiagnosticIDs::Note)
        << Var;
}

void UnjoinedThreadCheck::reportPosixThread(const VarDecl *Var,
                                            const HandleUses &Uses) {
  if (Uses.PosixFinished)
    return;
  for (const CallExpr *Create : Uses.PosixCreates) {
    if (!Reported.insert(Create->getBeginLoc()).second)
      continue;
    diag(Create->getBeginLoc(),
         "thread started by pthread_create is never joined or detached in "
         "this function, which leaks it; call pthread_join or pthread_detach "
         "on %0")
        << Var;
  }
}

} // namespace clang::tidy::parlint
