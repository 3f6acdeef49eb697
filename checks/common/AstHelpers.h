// Small AST queries every layer uses: naming declarations by their resolved
// qualified name, finding the variable an expression designates, walking a
// subtree. None of them asks clang for parents (that builds a map of the
// whole translation unit); parent questions go to FunctionAnalysis.
#ifndef PARLINT_CHECKS_COMMON_ASTHELPERS_H
#define PARLINT_CHECKS_COMMON_ASTHELPERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::parlint {

/// Whether the declaration's fully qualified name is one of Names (written
/// like "::std::min"; inline namespaces such as std::__1 are ignored).
bool isNamed(const NamedDecl *D, llvm::ArrayRef<StringRef> Names);

/// The identifier of a declaration, or "" for operators and the like.
StringRef identifierOf(const NamedDecl *D);

/// The function a call resolves to, or null.
const FunctionDecl *calleeOf(const Expr *E);

/// The expression without parentheses, implicit casts, temporaries and
/// explicit casts around it.
const Expr *stripped(const Expr *E);

/// The value a free function returns when its whole body is one `return`
/// (`return 1 + id % 3;`, `return &kv->shards[h % N];`), or null.
const Expr *singleReturnedValue(const FunctionDecl *Callee);

/// The variable or field an expression designates at its root: `v` in
/// `v`, `v[i]`, `&v[i]`, `v.x`, `*v`, `this->v`, `v.back()`.
const ValueDecl *rootVariable(const Expr *E);

/// Whether E, without parentheses, casts and temporaries, names D.
bool namesVariable(const Expr *E, const ValueDecl *D);

/// Whether some DeclRefExpr or MemberExpr inside S refers to D.
bool mentions(const Stmt *S, const ValueDecl *D);

/// Calls Visit on S and every statement below it, not descending into
/// lambda bodies when SkipLambdas is set.
void forEachDescendant(const Stmt *S, bool SkipLambdas,
                       llvm::function_ref<void(const Stmt &)> Visit);

/// Calls Visit on every declaration of the program's own code in Scope
/// (not implicit, not in a system header), entering namespaces, extern "C"
/// blocks and records that are not templates.
void forEachOwnDecl(const DeclContext &Scope, const SourceManager &SM,
                    llvm::function_ref<void(const Decl &)> Visit);

/// Whether Inner is Outer or lies below it, by source range (for statements
/// and declarations of one function body).
bool isWithin(const Stmt *Inner, const Stmt *Outer, const SourceManager &SM);

/// A statement that may run its body more than once: for, while, range-for,
/// do-while, but not the `do { ... } while (0)` a macro wraps its statements
/// in (it runs once).
bool isLoop(const Stmt *S);
inline bool isLoop(const Stmt &S) { return isLoop(&S); }
bool isWithin(const Decl *Inner, const Stmt *Outer, const SourceManager &SM);

/// Whether D is declared in the init statement of Loop, a `for` (`int i`
/// of `for (int i = 0; ...)`): one object for all the loop's trips.
bool isForInitVariable(const Decl *D, const Stmt &Loop, const SourceManager &SM);

/// Whether E names a declaration made inside Scope (a loop's own variables:
/// a value that may differ from one iteration to the next).
bool mentionsDeclaredWithin(const Expr *E, const Stmt *Scope,
                            const SourceManager &SM);

/// Whether S assigns Var, steps it or takes its address (`buf =
/// malloc(n)` in a loop: a new object each time the variable is read).
bool isChangedWithin(const ValueDecl *Var, const Stmt &S);

/// The expansion of S's start: where a note about S goes.
SourceLocation expansionStart(const Stmt &S, const SourceManager &SM);
/// Where a report at S goes: the expansion of its start, or nothing for a
/// statement in a system header or without a location.
SourceLocation reportLocation(const Stmt &S, const SourceManager &SM);

/// The lambda a callable expression is, or the lambda a local variable named
/// by it was initialized with (`auto job = [..]{..}; std::thread t(job);`).
const LambdaExpr *lambdaOf(const Expr *Callable);

} // namespace clang::tidy::parlint

#endif
