#include "MissingPoolShutdownCheck.h"
#include "../common/AstHelpers.h"
#include "MissingPoolFixIt.h"
#include "../model/Pools.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::parlint {

namespace {

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

// The analysis of the body (a function's or a lambda's) that declares a
// local variable.
const FunctionAnalysis *owningBody(const VarDecl &Var, ASTContext &Context) {
  const auto *Function = dyn_cast<FunctionDecl>(Var.getDeclContext());
  if (!Function || Function->isInvalidDecl() || !Function->getBody())
    return nullptr;
  return &AnalysisCache::of(*Function->getBody(), Context);
}

FlowRules poolRules(HandleLifetime Lifetime) {
  return {Lifetime, /*FinishIsFinal=*/true};
}

HandleEvents poolEvents(const PoolUses &Uses) {
  HandleEvents Events;
  for (const Stmt *S : Uses.WorkUses)
    Events.AtStmt[S] = HandleEffect::Start;
  for (const Stmt *S : Uses.ShutdownCalls)
    Events.AtStmt[S] = HandleEffect::Finish;
  for (const Stmt *S : Uses.Deletes)
    Events.AtStmt[S] = HandleEffect::Destroy;
  return Events;
}

} // namespace

MissingPoolShutdownCheck::MissingPoolShutdownCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : ParlintCheck(Name, Context, TemplateCode::Both),
      RawPoolTypes(Options.get("PoolTypes", DefaultPoolTypes)),
      RawShutdownMethods(Options.get("ShutdownMethods", DefaultShutdownMethods)),
      PoolTypes(utils::options::parseStringList(RawPoolTypes)),
      ShutdownMethods(utils::options::parseStringList(RawShutdownMethods)) {}

void MissingPoolShutdownCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "PoolTypes", RawPoolTypes);
  Options.store(Opts, "ShutdownMethods", RawShutdownMethods);
}

bool MissingPoolShutdownCheck::isPoolType(QualType Type) const {
  if (Type.isNull())
    return false;
  const CXXRecordDecl *Record = Type.getCanonicalType()->getAsCXXRecordDecl();
  return isNamed(Record, PoolTypes) || !waitBeforeDestruction(Record).empty();
}

const CXXNewExpr *MissingPoolShutdownCheck::newPool(const Expr *E) const {
  const auto *New =
      E ? dyn_cast<CXXNewExpr>(E->IgnoreImplicit()->IgnoreParenImpCasts())
        : nullptr;
  if (!New || New->isArray() || New->getNumPlacementArgs() > 0 ||
      !isPoolType(New->getAllocatedType()))
    return nullptr;
  return New;
}

void MissingPoolShutdownCheck::checkFunction(
    const FunctionUnderCheck &Function) {
  if (PoolTypes.empty() || ShutdownMethods.empty())
    return;
  const SourceManager &SM = Function.Context.getSourceManager();
  forEachDescendant(&Function.Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (SM.isInSystemHeader(SM.getExpansionLoc(S.getBeginLoc())))
      return;
    if (const auto *Declaration = dyn_cast<DeclStmt>(&S)) {
      for (const Decl *D : Declaration->decls()) {
        const auto *Var = dyn_cast<VarDecl>(D);
        if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
            Var->isImplicit())
          continue;
        if (isPoolType(Var->getType()))
          checkLocalPool(*Var, Function.Context);
        else if (const CXXNewExpr *New = newPool(Var->getInit());
                 New && Var->getType()->isPointerType())
          checkOwningPointer(*New, *Var, Function.Context);
      }
      return;
    }
    // A pool created with new as a statement of its own: nobody holds it.
    if (const auto *Block = dyn_cast<CompoundStmt>(&S)) {
      for (const Stmt *Child : Block->body()) {
        const auto *E = dyn_cast<Expr>(Child);
        if (const auto *Cast =
                dyn_cast_or_null<CStyleCastExpr>(E ? E->IgnoreParens() : nullptr);
            Cast && Cast->getType()->isVoidType())
          E = Cast->getSubExpr();
        if (const CXXNewExpr *New = newPool(E))
          reportNeverDeleted(*New, Function.Context);
      }
    }
  });
}

PoolUseRules MissingPoolShutdownCheck::rules(QualType Pool) {
  Shutdowns = ShutdownMethods;
  StringRef Own = shutdownMethod(Pool);
  if (!llvm::is_contained(Shutdowns, Own))
    Shutdowns.push_back(Own);
  return {Shutdowns, workFunctions()};
}

StringRef MissingPoolShutdownCheck::shutdownMethod(QualType Pool) const {
  // A library pool's own wait (oneTBB's task_group has no join()).
  StringRef Own = waitBeforeDestruction(
      Pool.isNull() ? nullptr : Pool.getCanonicalType()->getAsCXXRecordDecl());
  if (!Own.empty())
    return Own;
  return ShutdownMethods.front();
}

void MissingPoolShutdownCheck::checkLocalPool(const VarDecl &Pool,
                                              ASTContext &Context) {
  if (Pool.isInvalidDecl() || Pool.isInitCapture() || !Pool.getIdentifier())
    return;
  const FunctionAnalysis *Parents = owningBody(Pool, Context);
  const Stmt *Scope = Parents ? Parents->declarationScope(Pool) : nullptr;
  if (!Scope)
    return;
  const PoolUses Uses =
      collectPoolUses(Pool, PoolHandleKind::Object, *Parents, Context,
                      rules(Pool.getType()));
  if (Uses.Escapes || Uses.WorkUses.empty())
    return;
  const auto Points = findBadExits(*Parents, Pool, poolEvents(Uses),
                                   poolRules(HandleLifetime::Object));
  if (Points.empty() || !firstReportAt(Pool.getLocation()))
    return;

  const std::string Name = Pool.getName().str();
  const StringRef Method = shutdownMethod(Pool.getType());
  {
    auto Diagnostic =
        diag(Pool.getLocation(),
             "'%0' (%1) may be destroyed without %2(); its destructor "
             "abandons queued work \u2014 call %0.%2() before it goes out of "
             "scope")
        << Name << typeName(Pool.getType(), Context) << Method;
    if (auto Fix =
            makeShutdownFix(Pool, *Scope, Uses, Points, Method, Context))
      Diagnostic << *Fix;
  }
  notePoints(Name, ".", Method, Points);
}

void MissingPoolShutdownCheck::notePoints(StringRef Name, StringRef Access,
                                          StringRef Method,
                                          ArrayRef<BadExit> Points) {
  for (const BadExit &Point : distinctExits(Points)) {
    const int What = Point.Kind == BadExit::Delete  ? 2
                     : Point.Kind == BadExit::Throw ? 1
                                                    : 0;
    diag(Point.Where,
         "'%0' is %select{destroyed here|destroyed here when the exception "
         "leaves its scope,|deleted here}1 without %2(); call %0%3%2() before "
         "this point",
         DiagnosticIDs::Note)
        << Name << What << Method << Access;
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
      << typeName(New.getAllocatedType(), Context)
      << shutdownMethod(New.getAllocatedType());
}

void MissingPoolShutdownCheck::checkOwningPointer(const CXXNewExpr &New,
                                                  const VarDecl &Pointer,
                                                  ASTContext &Context) {
  if (Pointer.isInvalidDecl() || Pointer.isInitCapture())
    return;
  const FunctionAnalysis *Parents = owningBody(Pointer, Context);
  if (!Parents || !Parents->declarationScope(Pointer))
    return;
  const QualType PoolType = New.getAllocatedType();
  const PoolUses Uses = collectPoolUses(Pointer, PoolHandleKind::OwningPointer,
                                        *Parents, Context, rules(PoolType));
  if (Uses.Escapes)
    return;
  if (Uses.Deletes.empty()) {
    reportNeverDeleted(New, Context);
    return;
  }
  const auto Points = findBadExits(*Parents, Pointer, poolEvents(Uses),
                                   poolRules(HandleLifetime::OwningPointer));
  if (Points.empty() || !firstReportAt(New.getBeginLoc()))
    return;
  diag(New.getBeginLoc(),
       "'%0' (%1) may be deleted without %2(); its destructor abandons queued "
       "work \u2014 call %0->%2() before deleting it")
      << Pointer.getName() << typeName(PoolType, Context)
      << shutdownMethod(PoolType);
  notePoints(Pointer.getName(), "->", shutdownMethod(PoolType), Points);
}

} // namespace clang::tidy::parlint
