// Every value the translation unit's own code stores into each field of a
// struct: assignments, brace initializers (of locals and of file-scope
// tables), compound literals. Two questions are answered from it: whether
// a field is set in exactly one place, a loop over an array of structs
// (LaunchRanges: what each launch's argument struct holds), and which
// functions a function-pointer field can hold (a table of callbacks: the
// call `ctx->fn(ctx, item)` runs one of them).
#ifndef PARLINT_CHECKS_ANALYSIS_FIELDWRITES_H
#define PARLINT_CHECKS_ANALYSIS_FIELDWRITES_H

#include "../common/AnalysisCache.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::parlint {

/// `X[t].F = Value;`, a statement of the body of `for (t = ...; ...; ++t)`.
struct LoopFieldWrite {
  const Expr *Value = nullptr;
  const ForStmt *Loop = nullptr;
  const VarDecl *Array = nullptr;
};

/// The variable of `for (t = a; ...; ++t)` (or `t++`, `t += 1`) that the
/// body never changes: consecutive trips see t and t + 1.
const VarDecl *stepOneCounter(const ForStmt &Loop);

/// Field's only store in the translation unit, when it is such a loop's
/// statement (no other assignment, initializer, increment or address of
/// it; its struct never copied whole or filled by memset; no constructor).
/// With Array, an array variable, when the unit has several stores: the
/// only store into Array's elements, stores into other named arrays left
/// out (one struct type filled by several launching functions).
std::optional<LoopFieldWrite> onlyLoopWriteOf(const FieldDecl &Field,
                                              ASTContext &Context,
                                              const VarDecl *Array = nullptr);

/// The functions a function-pointer field is ever given (`.fn =
/// decode_item`, `ctx.fn = &upload_item`), null pointers aside; empty when
/// any store gives it something else (a parameter, a variable, a call's
/// result) or nothing is stored.
llvm::SmallVector<const FunctionDecl *, 4>
functionTargetsOf(const FieldDecl &Field, ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
