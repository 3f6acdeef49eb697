#include "WrittenCount.h"
#include "ObjectWrites.h"
#include "../common/AstHelpers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::parlint {
namespace {

constexpr unsigned MaxDepth = 3;

/// A literal written where it is used, or in a macro argument there.
bool writtenInPlace(SourceLocation Loc, const SourceManager &SM) {
  while (Loc.isMacroID()) {
    if (!SM.isMacroArgExpansion(Loc))
      return false;
    Loc = SM.getImmediateSpellingLoc(Loc);
  }
  return true;
}

/// The name of the object-like macro whose whole expansion is the literal
/// (`#define NR_THREADS 4`, also `(4)`), or "". A literal inside a longer
/// macro body is part of that macro's code, not a name for a count.
StringRef objectMacroOf(const IntegerLiteral &Literal, const Expr &Count,
                        const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const LangOptions &LangOpts = Context.getLangOpts();
  // Through macro arguments down to the macro whose body spells the literal.
  auto Unwrap = [&](SourceLocation Loc) {
    while (Loc.isMacroID() && SM.isMacroArgExpansion(Loc))
      Loc = SM.getImmediateSpellingLoc(Loc);
    return Loc;
  };
  SourceLocation Loc = Unwrap(Literal.getLocation());
  if (!Loc.isMacroID())
    return "";
  // An object-like macro's use is one token: its name.
  CharSourceRange Use = SM.getImmediateExpansionRange(Loc);
  if (Use.getBegin() != Use.getEnd())
    return "";
  // The expression, with or without parentheses around it, is all the
  // macro expands to.
  for (const Expr *E = &Count; E;) {
    SourceLocation MacroBegin, MacroEnd;
    if (Lexer::isAtStartOfMacroExpansion(Unwrap(E->getBeginLoc()), SM,
                                         LangOpts, &MacroBegin) &&
        Lexer::isAtEndOfMacroExpansion(Unwrap(E->getEndLoc()), SM, LangOpts,
                                       &MacroEnd) &&
        MacroBegin == Use.getBegin())
      return Lexer::getImmediateMacroName(Loc, SM, LangOpts);
    if (const auto *Paren = dyn_cast<ParenExpr>(E))
      E = Paren->getSubExpr();
    else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E))
      E = Cast->getSubExpr();
    else
      E = nullptr;
  }
  return "";
}

std::optional<WrittenCount> find(const Expr *Count, const ASTContext &Context,
                                 unsigned Depth) {
  if (!Count || Depth > MaxDepth)
    return std::nullopt;
  // A template argument substituted for a parameter (`i < N` in startN<8>)
  // is named where the template is used.
  bool Substituted = false;
  forEachDescendant(Count, /*SkipLambdas=*/true, [&](const Stmt &S) {
    Substituted |= isa<SubstNonTypeTemplateParmExpr>(S);
  });
  if (Substituted)
    return std::nullopt;
  const Expr *E = stripped(Count);
  if (const auto *Literal = dyn_cast_or_null<IntegerLiteral>(E)) {
    WrittenCount Found;
    Found.Literal = Literal;
    if (writtenInPlace(Literal->getLocation(), Context.getSourceManager()))
      return Found;
    Found.MacroName = objectMacroOf(*Literal, *Count, Context);
    if (Found.MacroName.empty())
      return std::nullopt; // inside a function-like macro's own text
    Found.How = WrittenCount::Macro;
    return Found;
  }
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || isa<ParmVarDecl>(Var))
    return std::nullopt;
  const Expr *Value = nullptr;
  WrittenCount::Form How = WrittenCount::Constant;
  if (Var->getType().isConstQualified() || Var->isConstexpr()) {
    Value = Var->getInit();
  } else if (Var->hasLocalStorage()) {
    Value = reachingValue(*Var, *Ref);
    How = WrittenCount::Local;
  }
  std::optional<WrittenCount> Found = find(Value, Context, Depth + 1);
  if (!Found)
    return std::nullopt;
  // `const int n = NR_THREADS;`: the variable is what the code names.
  Found->ValueInPlace = Found->How == WrittenCount::InPlace;
  Found->How = How;
  Found->Variable = Var;
  return Found;
}

} // namespace

std::optional<WrittenCount> writtenCount(const Expr *Count,
                                         const ASTContext &Context) {
  return find(Count, Context, 0);
}

} // namespace clang::tidy::parlint
