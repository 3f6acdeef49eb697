#include "MemberThreadFixIt.h"
#include "../common/AnalysisCache.h"
#include "../common/AstHelpers.h"
#include "../model/Launch.h"
#include "../model/Pools.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::parlint {

namespace {

/// The token range of a written `std::thread`, or nullopt.
std::optional<CharSourceRange> writtenThreadType(TypeLoc Loc,
                                                 ASTContext &Context) {
  SourceRange Range = Loc.getSourceRange();
  if (Range.isInvalid() || Range.getBegin().isMacroID() ||
      Range.getEnd().isMacroID())
    return std::nullopt;
  CharSourceRange Tokens = CharSourceRange::getTokenRange(Range);
  StringRef Text = Lexer::getSourceText(Tokens, Context.getSourceManager(),
                                        Context.getLangOpts());
  if (Text != "std::thread" && Text != "::std::thread")
    return std::nullopt;
  return Tokens;
}

/// Whether code a thread runs may wait until someone tells it to stop.
bool mayWaitToBeTold(const Stmt *Body, ASTContext &Context, unsigned Depth) {
  if (!Body)
    return true;
  bool Waits = false;
  forEachDescendant(Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (Waits)
      return;
    if (isa<WhileStmt, DoStmt, GotoStmt>(S)) {
      Waits = true;
      return;
    }
    if (const auto *For = dyn_cast<ForStmt>(&S)) {
      // Counted: `for (int i = 0; i < n; ++i)`, the condition on a variable
      // the loop declares.
      const auto *Init = dyn_cast_or_null<DeclStmt>(For->getInit());
      bool Counted = Init && For->getCond() && For->getInc() &&
                     llvm::any_of(Init->decls(), [&](const Decl *D) {
                       const auto *Var = dyn_cast<VarDecl>(D);
                       return Var && mentions(For->getCond(), Var);
                     });
      Waits |= !Counted;
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      if (waitsForAnotherThread(*Call)) {
        Waits = true;
        return;
      }
      const FunctionDecl *Callee = Call->getDirectCallee();
      const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
      const SourceManager &SM = Context.getSourceManager();
      if (!Definition || SM.isInSystemHeader(SM.getExpansionLoc(
                             Definition->getLocation())))
        return; // the standard library's own algorithms end
      if (Depth == 0) {
        Waits = true; // too deep to tell
        return;
      }
      Waits |= mayWaitToBeTold(Definition->getBody(), Context, Depth - 1);
    }
  });
  return Waits;
}

/// The launch a start expression is, when the thread it runs can be seen
/// to end by itself and the replacement can run it.
bool launchFits(const Expr &Start, bool ToJThread, ASTContext &Context) {
  const Expr *E = stripped(&Start);
  auto Spawn = E ? describeLaunch(*E, Context) : std::nullopt;
  if (!Spawn || Spawn->Kind != LaunchKind::Thread)
    return false;
  if (ToJThread && Spawn->mayTakeStopToken())
    return false;
  const Stmt *Body = nullptr;
  if (Spawn->Lambda)
    Body = Spawn->Lambda->getBody();
  else if (Spawn->Worker && Spawn->Worker->getDefinition())
    Body = Spawn->Worker->getDefinition()->getBody();
  return Body && !mayWaitToBeTold(Body, Context, 2);
}

/// A `std::thread(...)` temporary: the range of its written type.
std::optional<CharSourceRange> temporaryThreadType(const Expr &Value,
                                                   ASTContext &Context) {
  const Expr *E = Value.IgnoreImplicit()->IgnoreParens();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    if (const TypeSourceInfo *Info = Cast->getTypeInfoAsWritten())
      return writtenThreadType(Info->getTypeLoc(), Context);
  if (const auto *Temporary = dyn_cast<CXXTemporaryObjectExpr>(E))
    if (const TypeSourceInfo *Info = Temporary->getTypeSourceInfo())
      return writtenThreadType(Info->getTypeLoc(), Context);
  return std::nullopt;
}

class UsePlanner {
public:
  UsePlanner(const FieldDecl &Field, bool ToJThread, ASTContext &Context)
      : Field(Field), ToJThread(ToJThread), Context(Context) {}

  /// Every use in one body (or member initializer) is one the replacement
  /// keeps; the temporaries to retype go to Retyped.
  bool accepts(const Stmt &Root) {
    const FunctionAnalysis &Scope = AnalysisCache::of(Root, Context);
    bool Fine = true;
    forEachDescendant(&Root, /*SkipLambdas=*/false, [&](const Stmt &S) {
      const auto *Member = dyn_cast<MemberExpr>(&S);
      if (Fine && Member && Member->getMemberDecl() == &Field)
        Fine = acceptsUse(*Member, Scope);
    });
    return Fine;
  }

  /// A value the member is initialized or assigned with: a launch built
  /// in place (`worker_(f, x)`, `std::thread t_{f}`), or a `std::thread(f)`
  /// temporary whose type is rewritten too; Idle also accepts an idle
  /// thread.
  bool acceptsValue(const Expr &Value, bool Idle) {
    const Expr *E = Value.IgnoreImplicit()->IgnoreParens();
    if (const auto *Move = dyn_cast<CXXConstructExpr>(E);
        Move && Move->getNumArgs() == 1 &&
        Move->getConstructor()->isCopyOrMoveConstructor())
      E = Move->getArg(0)->IgnoreImplicit()->IgnoreParens();
    if (auto Range = temporaryThreadType(*E, Context)) {
      Retyped.push_back(*Range);
      return launchFits(*E, ToJThread, Context);
    }
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct)
      return false;
    if (Construct->getNumArgs() == 0)
      return Idle;
    return !Construct->getConstructor()->isCopyOrMoveConstructor() &&
           launchFits(*Construct, ToJThread, Context);
  }

  llvm::SmallVector<CharSourceRange, 2> Retyped;

private:
  const FieldDecl &Field;
  bool ToJThread;
  ASTContext &Context;

  bool acceptsUse(const MemberExpr &Use, const FunctionAnalysis &Scope) {
    const Stmt *User = Scope.parentIgnoringImplicit(Use);
    if (const auto *Call = dyn_cast_or_null<MemberExpr>(User)) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Call->getMemberDecl());
      return Method && llvm::is_contained({"joinable", "get_id", "native_handle"},
                                          identifierOf(Method));
    }
    const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(User);
    if (!Assign || Assign->getOperator() != OO_Equal ||
        Assign->getNumArgs() != 2 ||
        Assign->getArg(0)->IgnoreImplicit() != &Use)
      return false;
    return acceptsValue(*Assign->getArg(1), /*Idle=*/false);
  }
};

} // namespace

std::optional<llvm::SmallVector<FixItHint, 2>>
planMemberThreadFix(const ClassModel &Model, const HandleMember &Member,
                    StringRef Replacement, bool ToJThread, ASTContext &Context) {
  if (Member.Kind != MemberHandleKind::Thread || !Member.Joins.empty() ||
      !Member.Detaches.empty() || !Member.Escapes.empty())
    return std::nullopt;
  const FieldDecl &Field = *Member.Field;
  // Members are destroyed in reverse order: one declared after the thread
  // dies before the joining destructor waits, while the thread may still
  // use it.
  bool After = false;
  for (const FieldDecl *Other : Model.Record->fields()) {
    if (After && Other->getType().isDestructedType() != QualType::DK_none)
      return std::nullopt;
    After |= Other == &Field;
  }
  const TypeSourceInfo *Info = Field.getTypeSourceInfo();
  if (!Info)
    return std::nullopt;
  auto Declared = writtenThreadType(Info->getTypeLoc().getUnqualifiedLoc(), Context);
  if (!Declared)
    return std::nullopt;

  UsePlanner Planner(Field, ToJThread, Context);
  if (const Expr *Init = Field.getInClassInitializer();
      Init && !Planner.acceptsValue(*Init, /*Idle=*/true))
    return std::nullopt;
  for (const FunctionDecl *Method : Model.Methods) {
    if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Method))
      for (const CXXCtorInitializer *Init : Constructor->inits()) {
        if (Init->getMember() == &Field && Init->isWritten() &&
            !Planner.acceptsValue(*Init->getInit(), /*Idle=*/true))
          return std::nullopt;
        if (Init->getInit() && !Planner.accepts(*Init->getInit()))
          return std::nullopt;
      }
    if (!Planner.accepts(*Method->getBody()))
      return std::nullopt;
  }
  llvm::SmallVector<FixItHint, 2> Edits = {
      FixItHint::CreateReplacement(*Declared, Replacement)};
  for (const CharSourceRange &Range : Planner.Retyped)
    if (llvm::none_of(Edits, [&](const FixItHint &Known) {
          return Known.RemoveRange.getBegin() == Range.getBegin();
        }))
      Edits.push_back(FixItHint::CreateReplacement(Range, Replacement));
  return Edits;
}

} // namespace clang::tidy::parlint
