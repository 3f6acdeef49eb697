#include "MissingPoolShutdownCheck.h"
#include "MissingPoolFixIt.h"
#include "MissingPoolUses.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parlint {

namespace {

constexpr llvm::StringLiteral DefaultPoolTypes = "boost::asio::thread_pool";
constexpr llvm::StringLiteral DefaultShutdownMethods = "join;wait";

// Functions that take a pool by non-const reference only to queue work on
// it (or to read its executor): they never shut it down nor keep it.
constexpr llvm::StringLiteral WorkFunctionNames[] = {
    "boost::asio::post",      "boost::asio::dispatch",
    "boost::asio::defer",     "boost::asio::co_spawn",
    "boost::asio::make_strand", "boost::asio::bind_executor",
    "boost::asio::use_service", "boost::asio::has_service"};

const std::vector<StringRef> &workFunctions() {
  static const std::vector<StringRef> Names(std::begin(WorkFunctionNames),
                                            std::end(WorkFunctionNames));
  return Names;
}

const Stmt *parentOf(const DynTypedNode &Node, ASTContext &Context) {
  const auto Parents = Context.getParents(Node);
  return Parents.empty() ? nullptr : Parents[0].get<Stmt>();
}

std::string typeName(QualType Type, const ASTContext &Context) {
  return Type.getCanonicalType().getUnqualifiedType().getAsString(
      Context.getPrintingPolicy());
}

SourceLocation noteLocation(const UnsafeDestruction &Point) {
  if (const auto *Compound = dyn_cast<CompoundStmt>(Point.Trigger))
    return Compound->getRBracLoc();
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CXXThrowExpr,
          CXXDeleteExpr>(Point.Trigger))
    return Point.Trigger->getBeginLoc();
  return Point.Trigger->getEndLoc();
}

// The body of the function (or lambda) that declares a local variable.
const Stmt *owningBody(const VarDecl &Var) {
  const auto *Function = dyn_cast<FunctionDecl>(Var.getDeclContext());
  if (!Function || Function->isInvalidDecl())
    return nullptr;
  return Function->getBody();
}

// The statement that holds the declaration of a local variable (a compound
// statement, or an if/for/switch holding it in its header).
const Stmt *declarationScope(const VarDecl &Var, ASTContext &Context) {
  const auto Parents = Context.getParents(Var);
  const Stmt *Declaration = Parents.empty() ? nullptr : Parents[0].get<DeclStmt>();
  return Declaration ? parentOf(DynTypedNode::create(*Declaration), Context)
                     : nullptr;
}

} // namespace

MissingPoolShutdownCheck::MissingPoolShutdownCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawPoolTypes(Options.get("PoolTypes", DefaultPoolTypes)),
      RawShutdownMethods(Options.get("ShutdownMethods", DefaultShutdownMethods)),
      PoolTypes(utils::options::parseStringList(RawPoolTypes)),
      ShutdownMethods(utils::options::parseStringList(RawShutdownMethods)) {}

void MissingPoolShutdownCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "PoolTypes", RawPoolTypes);
  Options.store(Opts, "ShutdownMethods", RawShutdownMethods);
}

void MissingPoolShutdownCheck::registerMatchers(MatchFinder *Finder) {
  if (PoolTypes.empty() || ShutdownMethods.empty())
    return;
  const auto PoolType = qualType(hasCanonicalType(
      hasDeclaration(cxxRecordDecl(hasAnyName(PoolTypes)))));
  Finder->addMatcher(
      varDecl(hasLocalStorage(), unless(parmVarDecl()), unless(isImplicit()),
              hasType(PoolType), unless(isExpansionInSystemHeader()))
          .bind("pool"),
      this);
  Finder->addMatcher(cxxNewExpr(unless(isArray()), hasType(pointsTo(PoolType)),
                                unless(isExpansionInSystemHeader()))
                         .bind("new"),
                     this);
}

void MissingPoolShutdownCheck::check(const MatchFinder::MatchResult &Result) {
  // On code that does not compile the AST is partly guessed: stay silent.
  if (Result.Context->getDiagnostics().hasUncompilableErrorOccurred())
    return;
  if (const auto *Pool = Result.Nodes.getNodeAs<VarDecl>("pool"))
    checkLocalPool(*Pool, *Result.Context);
  if (const auto *New = Result.Nodes.getNodeAs<CXXNewExpr>("new"))
    checkNewPool(*New, *Result.Context);
}

PoolUseRules MissingPoolShutdownCheck::rules() const {
  return {ShutdownMethods, workFunctions()};
}

StringRef MissingPoolShutdownCheck::shutdownMethod() const {
  return ShutdownMethods.front();
}

bool MissingPoolShutdownCheck::firstReportAt(SourceLocation Loc) {
  return Reported.insert(Loc).second;
}

void MissingPoolShutdownCheck::checkLocalPool(const VarDecl &Pool,
                                              ASTContext &Context) {
  if (Pool.isInvalidDecl() || Pool.isInitCapture() || !Pool.getIdentifier())
    return;
  const Stmt *Body = owningBody(Pool);
  const Stmt *Scope = declarationScope(Pool, Context);
  if (!Body || !Scope)
    return;
  const PoolUses Uses =
      collectPoolUses(Pool, PoolHandleKind::Object, *Body, Context, rules());
  if (Uses.Escapes || Uses.WorkUses.empty())
    return;
  const auto Points = findUnsafeDestructions(Pool, PoolHandleKind::Object,
                                             *Body, *Scope, Uses, Context);
  if (Points.empty() || !firstReportAt(Pool.getLocation()))
    return;

  const std::string Name = Pool.getName().str();
  {
    auto Diagnostic =
        diag(Pool.getLocation(),
             "'%0' (%1) may be destroyed without %2(); its destructor "
             "abandons queued work \u2014 call %0.%2() before it goes out of "
             "scope")
        << Name << typeName(Pool.getType(), Context) << shutdownMethod();
    if (auto Fix = makeShutdownFix(Pool, *Scope, Uses, Points,
                                   shutdownMethod(), Context))
      Diagnostic << *Fix;
  }
  notePoints(Name, ".", Points);
}

void MissingPoolShutdownCheck::notePoints(StringRef Name, StringRef Access,
                                          ArrayRef<UnsafeDestruction> Points) {
  for (const UnsafeDestruction &Point : Points) {
    const int What = Point.Kind == UnsafeDestruction::Delete  ? 2
                     : Point.Kind == UnsafeDestruction::Throw ? 1
                                                              : 0;
    diag(noteLocation(Point),
         "'%0' is %select{destroyed here|destroyed here when the exception "
         "leaves its scope,|deleted here}1 without %2(); call %0%3%2() before "
         "this point",
         DiagnosticIDs::Note)
        << Name << What << shutdownMethod() << Access;
  }
}

void MissingPoolShutdownCheck::checkNewPool(const CXXNewExpr &New,
                                            ASTContext &Context) {
  if (New.getNumPlacementArgs() > 0)
    return;
  // Find what receives the new pool.
  DynTypedNode Node = DynTypedNode::create<Stmt>(New);
  while (true) {
    const auto Parents = Context.getParents(Node);
    if (Parents.empty())
      return;
    const DynTypedNode &Parent = Parents[0];
    if (Parent.get<ParenExpr>() || Parent.get<ImplicitCastExpr>() ||
        Parent.get<ExprWithCleanups>()) {
      Node = Parent;
      continue;
    }
    if (const auto *Pointer = Parent.get<VarDecl>()) {
      // A local pointer: follow it. Anything else (a static, a member) stores it.
      if (Pointer->hasLocalStorage() && !Pointer->isInitCapture() &&
          Pointer->getType()->isPointerType() && Pointer->getInit() &&
          Pointer->getInit()->IgnoreParenImpCasts() == &New)
        checkOwningPointer(New, *Pointer, Context);
      return;
    }
    const Stmt *Holder = Parent.get<Stmt>();
    const auto *VoidCast = dyn_cast_or_null<CStyleCastExpr>(Holder);
    const bool Discarded =
        Holder && (!isa<Expr>(Holder) || (VoidCast && VoidCast->getType()->isVoidType())) &&
        !isa<ReturnStmt>(Holder);
    if (Discarded && firstReportAt(New.getBeginLoc()))
      diag(New.getBeginLoc(),
           "%0 created with new is never deleted or stored, so its threads are "
           "never joined \u2014 make it a local object and call %1() before it "
           "goes out of scope")
          << typeName(New.getAllocatedType(), Context) << shutdownMethod();
    return;
  }
}

void MissingPoolShutdownCheck::checkOwningPointer(const CXXNewExpr &New,
                                                  const VarDecl &Pointer,
                                                  ASTContext &Context) {
  const Stmt *Body = owningBody(Pointer);
  const Stmt *Scope = declarationScope(Pointer, Context);
  if (Pointer.isInvalidDecl() || !Body || !Scope)
    return;
  const PoolUses Uses = collectPoolUses(Pointer, PoolHandleKind::OwningPointer,
                                        *Body, Context, rules());
  if (Uses.Escapes)
    return;
  const std::string Type = typeName(New.getAllocatedType(), Context);
  if (Uses.Deletes.empty()) {
    if (firstReportAt(New.getBeginLoc()))
      diag(New.getBeginLoc(),
           "%0 created with new is never deleted or stored, so its threads are "
           "never joined \u2014 make it a local object and call %1() before it "
           "goes out of scope")
          << Type << shutdownMethod();
    return;
  }
  const auto Points = findUnsafeDestructions(
      Pointer, PoolHandleKind::OwningPointer, *Body, *Scope, Uses, Context);
  if (Points.empty() || !firstReportAt(New.getBeginLoc()))
    return;
  diag(New.getBeginLoc(),
       "'%0' (%1) may be deleted without %2(); its destructor abandons queued "
       "work \u2014 call %0->%2() before deleting it")
      << Pointer.getName() << Type << shutdownMethod();
  notePoints(Pointer.getName(), "->", Points);
}

} // namespace clang::tidy::parlint
