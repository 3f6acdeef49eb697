#include "PoolUses.h"

#include "clang-tidy/utils/DeclRefExprUtils.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::parlint {

bool isListedName(StringRef Name, ArrayRef<StringRef> Names) {
  Name.consume_front("::");
  for (StringRef Listed : Names) {
    Listed.consume_front("::");
    if (Listed == Name)
      return true;
  }
  return false;
}

namespace {

enum class UseKind { Work, Shutdown, Delete, Escape };

struct Classified {
  UseKind Kind;
  const Stmt *Shutdown = nullptr; // the call, for UseKind::Shutdown
  const Stmt *Delete = nullptr;   // the delete-expression, for UseKind::Delete
};

bool isConstLValueRef(QualType Type) {
  const auto *Ref = Type->getAs<LValueReferenceType>();
  return Ref && Ref->getPointeeType().isConstQualified();
}

class UseClassifier {
public:
  UseClassifier(PoolHandleKind Kind, const FunctionAnalysis &Parents,
                const PoolUseRules &Rules)
      : Kind(Kind), Parents(Parents), Rules(Rules) {}

  Classified classify(const DeclRefExpr &Ref) const {
    const Expr *Current = &Ref;
    // For an owning pointer, uses of the pointee (*p, p->f()) are the pool.
    bool AtPointee = Kind == PoolHandleKind::Object;
    while (true) {
      const Stmt *Parent = Parents.parent(*Current);
      if (!Parent)
        return {UseKind::Escape};
      if (const auto *Declaration = dyn_cast<DeclStmt>(Parent))
        return classifyInitializer(*Declaration, *Current, AtPointee);
      if (isa<ParenExpr, ImplicitCastExpr>(Parent)) {
        Current = cast<Expr>(Parent);
        continue;
      }
      if (const auto *Unary = dyn_cast<UnaryOperator>(Parent)) {
        if (!AtPointee && Unary->getOpcode() == UO_Deref) {
          AtPointee = true;
          Current = Unary;
          continue;
        }
        return {UseKind::Escape}; // &pool, arithmetic on the pointer
      }
      if (const auto *Member = dyn_cast<MemberExpr>(Parent)) {
        if (Member->getBase() != Current || Member->isArrow() == AtPointee)
          return {UseKind::Escape};
        return classifyMemberUse(*Member);
      }
      if (const auto *Delete = dyn_cast<CXXDeleteExpr>(Parent))
        return AtPointee ? Classified{UseKind::Escape}
                         : Classified{UseKind::Delete, nullptr, Delete};
      if (const auto *Lambda = dyn_cast<LambdaExpr>(Parent))
        return classifyCapture(*Lambda, *Current, AtPointee);
      if (!AtPointee)
        return {UseKind::Escape}; // the pointer is copied, passed or stored
      if (const auto *Call = dyn_cast<CallExpr>(Parent))
        return classifyArgument(*Call, *Current);
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent))
        return classifyConstructArgument(*Construct, *Current);
      return {UseKind::Escape}; // returned, thrown, or anything unforeseen
    }
  }

private:
  // A plain capture is harmless (the lambda body is classified too); an
  // init-capture [&p = pool] is a new name, judged like any initializer.
  Classified classifyCapture(const LambdaExpr &Lambda, const Expr &Init,
                             bool AtPointee) const {
    for (const LambdaCapture &Capture : Lambda.captures()) {
      const auto *Var = Capture.capturesVariable()
                            ? dyn_cast<VarDecl>(Capture.getCapturedVar())
                            : nullptr;
      if (Var && Var->isInitCapture() && Var->getInit() == &Init)
        return classifyInitialized(Var, AtPointee);
    }
    return {UseKind::Work};
  }

  Classified classifyInitializer(const DeclStmt &Declaration,
                                 const Expr &Initializer, bool AtPointee) const {
    const VarDecl *Initialized = nullptr;
    for (const Decl *D : Declaration.decls())
      if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit() == &Initializer)
        Initialized = Var;
    return classifyInitialized(Initialized, AtPointee);
  }

  Classified classifyInitialized(const VarDecl *Initialized,
                                 bool AtPointee) const {
    if (!Initialized || !AtPointee)
      return {UseKind::Escape};
    // A non-const reference is a second name through which the pool can be
    // shut down; a const one or a copy is not.
    const QualType Type = Initialized->getType();
    if (Type->isReferenceType() && !isConstLValueRef(Type))
      return {UseKind::Escape};
    return {UseKind::Work};
  }

  Classified classifyMemberUse(const MemberExpr &Member) const {
    const Stmt *Parent = Parents.parent(Member);
    while (Parent && isa<ParenExpr>(Parent))
      Parent = Parents.parent(*Parent);
    const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Parent);
    if (Call && Call->getCallee()->IgnoreParens() == &Member) {
      const auto *Method = Call->getMethodDecl();
      if (Method && Method->getIdentifier() &&
          llvm::is_contained(Rules.ShutdownMethods, Method->getName()))
        return {UseKind::Shutdown, Call};
    }
    return {UseKind::Work};
  }

  // The pool passed to a function: harmless by value or const reference, or
  // to a function known to only queue work; otherwise the callee may shut the
  // pool down or keep it, and we stay silent.
  Classified classifyParameter(const FunctionDecl *Callee, unsigned Index) const {
    if (!Callee || Index >= Callee->getNumParams())
      return {UseKind::Escape};
    const QualType Type = Callee->getParamDecl(Index)->getType();
    if (!Type->isReferenceType() || isConstLValueRef(Type))
      return {UseKind::Work};
    return isWorkFunction(Callee) ? Classified{UseKind::Work}
                                  : Classified{UseKind::Escape};
  }

  bool isWorkFunction(const NamedDecl *Callee) const {
    return isListedName(Callee->getQualifiedNameAsString(), Rules.WorkFunctions);
  }

  Classified classifyArgument(const CallExpr &Call, const Expr &Arg) const {
    unsigned Index = 0;
    while (Index < Call.getNumArgs() && Call.getArg(Index) != &Arg)
      ++Index;
    if (Index == Call.getNumArgs())
      return {UseKind::Escape}; // the callee itself
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
        Operator && isa_and_nonnull<CXXMethodDecl>(Callee)) {
      if (Index == 0)
        return {UseKind::Work}; // the object of a member operator
      --Index;
    }
    if (!Callee)
      return classifyUnresolvedCall(Call);
    return classifyParameter(Callee, Index);
  }

  // In a template, post(pool, task) may still be unresolved: accept it when
  // every candidate is a work function.
  Classified classifyUnresolvedCall(const CallExpr &Call) const {
    const auto *Lookup =
        dyn_cast<UnresolvedLookupExpr>(Call.getCallee()->IgnoreParenImpCasts());
    if (!Lookup || Lookup->getNumDecls() == 0)
      return {UseKind::Escape};
    for (const NamedDecl *Candidate : Lookup->decls())
      if (!isWorkFunction(Candidate->getUnderlyingDecl()))
        return {UseKind::Escape};
    return {UseKind::Work};
  }

  Classified classifyConstructArgument(const CXXConstructExpr &Construct,
                                       const Expr &Arg) const {
    for (unsigned Index = 0; Index < Construct.getNumArgs(); ++Index)
      if (Construct.getArg(Index) == &Arg)
        return classifyParameter(Construct.getConstructor(), Index);
    return {UseKind::Escape};
  }

  PoolHandleKind Kind;
  const FunctionAnalysis &Parents;
  const PoolUseRules &Rules;
};

// Marks every lambda between a use inside a lambda and the function body as
// a place where work may be queued: creating it captures the pool.
void addEnclosingLambdas(const Stmt &Use, const FunctionAnalysis &Parents,
                         PoolUses &Uses) {
  for (const Stmt *Current = Parents.parent(Use); Current;
       Current = Parents.parent(*Current))
    if (isa<LambdaExpr>(Current))
      Uses.WorkUses.insert(Current);
}

} // namespace

PoolUses collectPoolUses(const VarDecl &Var, PoolHandleKind Kind,
                         const FunctionAnalysis &Parents, ASTContext &Context,
                         const PoolUseRules &Rules) {
  PoolUses Uses;
  const UseClassifier Classifier(Kind, Parents, Rules);
  for (const DeclRefExpr *Ref :
       utils::decl_ref_expr::allDeclRefExprs(Var, Parents.body(), Context)) {
    const Classified Use = Classifier.classify(*Ref);
    // Inside a lambda we cannot tell when (or whether) a shutdown or delete
    // runs, so it only makes the pool's fate unknown.
    const bool InLambda = Ref->refersToEnclosingVariableOrCapture();
    switch (Use.Kind) {
    case UseKind::Work:
      Uses.WorkUses.insert(Ref);
      if (InLambda)
        addEnclosingLambdas(*Ref, Parents, Uses);
      break;
    case UseKind::Shutdown:
      if (InLambda)
        Uses.Escapes = true;
      else
        Uses.ShutdownCalls.insert(Use.Shutdown);
      break;
    case UseKind::Delete:
      if (InLambda)
        Uses.Escapes = true;
      else
        Uses.Deletes.insert(Use.Delete);
      break;
    case UseKind::Escape:
      Uses.Escapes = true;
      break;
    }
  }
  return Uses;
}

} // namespace clang::tidy::parlint
