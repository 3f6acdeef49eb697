#include "AstHelpers.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchersInternal.h"

namespace clang::tidy::parlint {

bool isNamed(const NamedDecl *D, llvm::ArrayRef<StringRef> Names) {
  if (!D || !D->getDeclName().isIdentifier())
    return false;
  // The matcher behind hasAnyName compares qualified names the way the
  // matchers do (inline namespaces such as std::__1 are skipped).
  std::vector<std::string> Owned(Names.begin(), Names.end());
  return ast_matchers::internal::HasNameMatcher(std::move(Owned))
      .matchesNode(*D);
}

StringRef identifierOf(const NamedDecl *D) {
  return D && D->getIdentifier() ? D->getName() : StringRef();
}

const FunctionDecl *calleeOf(const Expr *E) {
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E))
    return Call->getDirectCallee();
  return nullptr;
}

const Expr *stripped(const Expr *E) {
  return E ? E->IgnoreImplicit()->IgnoreParenCasts()->IgnoreImplicit()
           : nullptr;
}

const Expr *singleReturnedValue(const FunctionDecl *Callee) {
  const FunctionDecl *Definition = nullptr;
  if (!Callee || Callee->isVariadic() || !Callee->hasBody(Definition) ||
      isa<CXXMethodDecl>(Definition))
    return nullptr;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  return Return ? Return->getRetValue() : nullptr;
}

const ValueDecl *rootVariable(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
        return Member->getMemberDecl();
      E = Member->getBase();
    } else if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Sub->getBase();
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      E = Unary->getSubExpr();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      // v[i], *it, it->x: the object is the first argument.
      if (Op->getNumArgs() == 0)
        return nullptr;
      E = Op->getArg(0);
    } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      // v.back(), v.at(i): the element belongs to the object.
      E = Call->getImplicitObjectArgument();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

void forEachOwnDecl(const DeclContext &Scope, const SourceManager &SM,
                    llvm::function_ref<void(const Decl &)> Visit) {
  for (const Decl *D : Scope.decls()) {
    SourceLocation Loc = D->getLocation();
    if (D->isImplicit() ||
        (Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc))))
      continue;
    Visit(*D);
    if (const auto *Record = dyn_cast<RecordDecl>(D);
        Record && Record->isDependentContext())
      continue;
    if (const auto *Inner = dyn_cast<DeclContext>(D);
        Inner && isa<NamespaceDecl, RecordDecl, LinkageSpecDecl>(D))
      forEachOwnDecl(*Inner, SM, Visit);
  }
}

void forEachDescendant(const Stmt *S, bool SkipLambdas,
                       llvm::function_ref<void(const Stmt &)> Visit) {
  if (!S)
    return;
  Visit(*S);
  if (SkipLambdas && isa<LambdaExpr>(S))
    return;
  for (const Stmt *Child : S->children())
    forEachDescendant(Child, SkipLambdas, Visit);
}

bool namesVariable(const Expr *E, const ValueDecl *D) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(E));
  return Ref && Ref->getDecl() == D;
}

bool mentions(const Stmt *S, const ValueDecl *D) {
  bool Found = false;
  forEachDescendant(S, /*SkipLambdas=*/false, [&](const Stmt &Node) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&Node))
      Found |= Ref->getDecl() == D;
    else if (const auto *Member = dyn_cast<MemberExpr>(&Node))
      Found |= Member->getMemberDecl() == D;
  });
  return Found;
}

static bool rangeWithin(SourceRange Inner, SourceRange Outer,
                        const SourceManager &SM) {
  if (Inner.isInvalid() || Outer.isInvalid())
    return false;
  SourceLocation Begin = SM.getExpansionLoc(Inner.getBegin());
  SourceLocation End = SM.getExpansionLoc(Inner.getEnd());
  SourceLocation OuterBegin = SM.getExpansionLoc(Outer.getBegin());
  SourceLocation OuterEnd = SM.getExpansionLoc(Outer.getEnd());
  return !SM.isBeforeInTranslationUnit(Begin, OuterBegin) &&
         !SM.isBeforeInTranslationUnit(OuterEnd, End);
}

bool isWithin(const Stmt *Inner, const Stmt *Outer, const SourceManager &SM) {
  return Inner && Outer &&
         rangeWithin(Inner->getSourceRange(), Outer->getSourceRange(), SM);
}

bool isWithin(const Decl *Inner, const Stmt *Outer, const SourceManager &SM) {
  return Inner && Outer &&
         rangeWithin(Inner->getSourceRange(), Outer->getSourceRange(), SM);
}

bool isForInitVariable(const Decl *D, const Stmt &Loop, const SourceManager &SM) {
  const auto *For = dyn_cast<ForStmt>(&Loop);
  return For && For->getInit() && isWithin(D, For->getInit(), SM);
}

bool mentionsDeclaredWithin(const Expr *E, const Stmt *Scope,
                            const SourceManager &SM) {
  bool Found = false;
  forEachDescendant(E, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S))
      Found |= isWithin(Ref->getDecl(), Scope, SM);
  });
  return Found;
}

bool isChangedWithin(const ValueDecl *Var, const Stmt &S) {
  bool Changed = false;
  forEachDescendant(&S, /*SkipLambdas=*/true, [&](const Stmt &Node) {
    if (const auto *Assign = dyn_cast<BinaryOperator>(&Node))
      Changed |= Assign->isAssignmentOp() && namesVariable(Assign->getLHS(), Var);
    else if (const auto *Step = dyn_cast<UnaryOperator>(&Node))
      Changed |= (Step->isIncrementDecrementOp() ||
                  Step->getOpcode() == UO_AddrOf) &&
                 namesVariable(Step->getSubExpr(), Var);
  });
  return Changed;
}

SourceLocation expansionStart(const Stmt &S, const SourceManager &SM) {
  return SM.getExpansionLoc(S.getBeginLoc());
}

SourceLocation reportLocation(const Stmt &S, const SourceManager &SM) {
  SourceLocation Where = SM.getExpansionLoc(S.getBeginLoc());
  return Where.isInvalid() || SM.isInSystemHeader(Where) ? SourceLocation()
                                                         : Where;
}

const LambdaExpr *lambdaOf(const Expr *Callable) {
  if (!Callable)
    return nullptr;
  const Expr *E = Callable->IgnoreUnlessSpelledInSource()->IgnoreParens();
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return Lambda;
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->isLocalVarDecl() || !Var->getInit() ||
      Var->getType()->isReferenceType())
    return nullptr;
  return dyn_cast<LambdaExpr>(
      Var->getInit()->IgnoreUnlessSpelledInSource()->IgnoreParens());
}

bool isLoop(const Stmt *S) {
  if (isa_and_nonnull<ForStmt, WhileStmt, CXXForRangeStmt>(S))
    return true;
  const auto *Do = dyn_cast_or_null<DoStmt>(S);
  if (!Do)
    return false;
  const auto *Literal =
      dyn_cast_or_null<IntegerLiteral>(Do->getCond()->IgnoreParenImpCasts());
  const auto *Bool = dyn_cast_or_null<CXXBoolLiteralExpr>(
      Do->getCond()->IgnoreParenImpCasts());
  return !(Literal && Literal->getValue() == 0) && !(Bool && !Bool->getValue());
}

} // namespace clang::tidy::parlint
