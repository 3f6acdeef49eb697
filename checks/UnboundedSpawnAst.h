// Small AST queries shared by parlint-unbounded-spawn's loop and handle
// analyses: walking to parents, naming declarations and finding variables.
#ifndef PARLINT_CHECKS_UNBOUNDEDSPAWNAST_H
#define PARLINT_CHECKS_UNBOUNDEDSPAWNAST_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/Basic/SourceManager.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::parlint::spawn {

/// The single parent of a statement, or null at the top or when ambiguous.
const Stmt *parentStmt(const Stmt &S, ASTContext &Ctx);

/// The parent node of a statement (a statement or a declaration).
DynTypedNode parentNode(const Stmt &S, ASTContext &Ctx);

/// Whether the declaration's fully qualified name is one of Names (written
/// like "::std::min"; inline namespaces are ignored).
bool isNamed(const NamedDecl *D, llvm::ArrayRef<StringRef> Names);

/// The function a call resolves to, or null.
const FunctionDecl *calleeOf(const Expr *E);

/// The variable or field an expression designates at its root: `v` in
/// `v`, `v[i]`, `&v[i]`, `v.x`, `*v`, `this->v`.
const ValueDecl *rootVariable(const Expr *E);

/// Whether some DeclRefExpr or MemberExpr inside S refers to D.
bool mentions(const Stmt *S, const ValueDecl *D);

/// Calls Visit on S and every statement below it, stopping the descent
/// into lambda bodies when SkipLambdas is set.
void forEachDescendant(const Stmt *S, bool SkipLambdas,
                       llvm::function_ref<void(const Stmt &)> Visit);

/// Whether Inner is Outer or lies below it (by source range; used for
/// statements of one function body).
bool isWithin(const Stmt *Inner, const Stmt *Outer, const SourceManager &SM);
bool isWithin(const Decl *Inner, const Stmt *Outer, const SourceManager &SM);

} // namespace clang::tidy::parlint::spawn

#endif
