#include "MissingPoolShutdownCheck.h"
#include "MissingPoolFixIt.h"
#include "MissingPoolParents.h"
#include "MissingPoolUses.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parlint {

namespace {

constexpr llvm::StringLiteral DefaultPoolTypes = "boost::asio::thread_pool";
constexpr llvm::StringLiteral DefaultShutdownMethods = "join;wait";

// Functions that take a pool by non-const reference only to queue work on
// it (or to read its executor): they never shut it down nor keep it.
constexpr llvm::StringLiteral WorkFunctionNames[] = {
    "boost::asio::post",        "boost::asio::dispatch",
    "boost::asio::defer",       "boost::asio::co_spawn",
    "boost::asio::make_strand", "boost::asio::bind_executor",
    "boost::asio::use_service", "boost::asio::has_service"};

const std::vector<StringRef> &workFunctions() {
  static const std::vector<StringRef> Names(std::begin(WorkFunctionNames),
                                            std::end(WorkFunctionNames));
  return Names;
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
const Stmt *declarationScope(const VarDecl &Var, const BodyParents &Parents) {
  const DeclStmt *Declaration = Parents.declarationOf(Var);
  return Declaration ? Parents.parent(*Declaration) : nullptr;
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
  const auto NewPool =
      cxxNewExpr(unless(isArray()), unless(hasAnyPlacementArg(anything())),
                 hasType(pointsTo(PoolType)))
          .bind("new");
  const auto Bare = [](const auto &Inner) {
    return expr(ignoringImplicit(ignoringParenImpCasts(Inner)));
  };
  // Only descending matchers here: an ancestor matcher would make clang build
  // the parent map of the whole translation unit.
  Finder->addMatcher(
      varDecl(hasLocalStorage(), unless(parmVarDecl()), unless(isImplicit()),
              hasType(PoolType), unless(isExpansionInSystemHeader()))
          .bind("pool"),
      this);
  // A pool created with new and kept in a local pointer.
  Finder->addMatcher(
      varDecl(hasLocalStorage(), unless(parmVarDecl()), hasType(pointerType()),
              hasInitializer(Bare(NewPool)),
              unless(isExpansionInSystemHeader()))
          .bind("owner"),
      this);
  // A pool created with new as a statement of its own: nobody holds it.
  Finder->addMatcher(
      compoundStmt(forEach(expr(anyOf(
                       Bare(NewPool),
                       cStyleCastExpr(hasDestinationType(voidType()),
                                      hasSourceExpression(Bare(NewPool)))))),
                   unless(isExpansionInSystemHeader())),
      this);
}

void MissingPoolShutdownCheck::check(const MatchFinder::MatchResult &Result) {
  // On code that does not compile the AST is partly guessed: stay silent.
  if (Result.Context->getDiagnostics().hasUncompilableErrorOccurred())
    return;
  const auto *New = Result.Nodes.getNodeAs<CXXNewExpr>("new");
  if (const auto *Pool = Result.Nodes.getNodeAs<VarDecl>("pool"))
    checkLocalPool(*Pool, *Result.Context);
  else if (const auto *Owner = Result.Nodes.getNodeAs<VarDecl>("owner"))
    checkOwningPointer(*New, *Owner, *Result.Context);
  else if (New)
    reportNeverDeleted(*New, *Result.Context);
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
  if (Pool.isInvalidDecl() || Pool.isInitCapture() || !Pool.getIdentifier() ||
      Reported.contains(Pool.getLocation()))
    return;
  const Stmt *Body = owningBody(Pool);
  if (!Body)
    return;
  const BodyParents Parents(*Body);
  const Stmt *Scope = declarationScope(Pool, Parents);
  if (!Scope)
    return;
  const PoolUses Uses =
      collectPoolUses(Pool, PoolHandleKind::Object, Parents, Context, rules());
  if (Uses.Escapes || Uses.WorkUses.empty())
    return;
  const auto Points = findUnsafeDestructions(Pool, PoolHandleKind::Object,
                                             Parents, *Scope, Uses, Context);
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

void MissingPoolShutdownCheck::reportNeverDeleted(const CXXNewExpr &New,
                                                  ASTContext &Context) {
  if (!firstReportAt(New.getBeginLoc()))
    return;
  diag(New.getBeginLoc(),
       "%0 created with new is never deleted or stored, so its threads are "
       "never joined \u2014 make it a local object and call %1() before it "
       "goes out of scope")
      << typeName(New.getAllocatedType(), Context) << shutdownMethod();
}

void MissingPoolShutdownCheck::checkOwningPointer(const CXXNewExpr &New,
                                                  const VarDecl &Pointer,
                                                  ASTContext &Context) {
  if (Pointer.isInvalidDecl() || Pointer.isInitCapture() ||
      Reported.contains(New.getBeginLoc()))
    return;
  const Stmt *Body = owningBody(Pointer);
  if (!Body)
    return;
  const BodyParents Parents(*Body);
  const Stmt *Scope = declarationScope(Pointer, Parents);
  if (!Scope)
    return;
  const PoolUses Uses = collectPoolUses(Pointer, PoolHandleKind::OwningPointer,
                                        Parents, Context, rules());
  if (Uses.Escapes)
    return;
  if (Uses.Deletes.empty()) {
    reportNeverDeleted(New, Context);
    return;
  }
  const auto Points = findUnsafeDestructions(
      Pointer, PoolHandleKind::OwningPointer, Parents, *Scope, Uses, Context);
  if (Points.empty() || !firstReportAt(New.getBeginLoc()))
    return;
  diag(New.getBeginLoc(),
       "'%0' (%1) may be deleted without %2(); its destructor abandons queued "
       "work \u2014 call %0->%2() before deleting it")
      << Pointer.getName() << typeName(New.getAllocatedType(), Context)
      << shutdownMethod();
  notePoints(Pointer.getName(), "->", Points);
}

} // namespace clang::tidy::parlint
