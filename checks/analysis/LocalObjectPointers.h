// What a pointer member of a local object points to, from the object's own
// initialization: a worker that wraps what it shares in a context of its own
// (`struct scan_ctx ctx = {.sum = totals};`, `Desk desk(model);`) and
// writes through it (`ctx.sum->bytes += n`, `desk.run()` writing
// `model_->cache_`) writes the shared object itself.
#ifndef PARLINT_CHECKS_ANALYSIS_LOCALOBJECTPOINTERS_H
#define PARLINT_CHECKS_ANALYSIS_LOCALOBJECTPOINTERS_H

#include "ObjectPath.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include <optional>

namespace clang::tidy::parlint {

/// Path with its first member, a pointer member of the local object at its
/// root, replaced by what the object's initialization stores there: a
/// brace initializer's element or the argument its constructor copies or
/// moves into the member (`Desk(std::shared_ptr<const Model> m) :
/// model_(std::move(m))` constructed as `Desk desk(model)`), named as
/// the initializing code names it (`model->cache_`, `totals.bytes` for
/// `&totals`). Nullopt when the member is not a pointer, holds anything
/// else, or may be re-pointed in Scope (the code the object lives in): a
/// store into it, or a call on the object of a member function that stores
/// into it (`desk.reset(other)`).
/// Whether Object is a local object of class or struct type, initialized,
/// with a pointer member: one throughInitializedPointer may follow.
bool mayHoldInitializedPointer(const VarDecl &Object);

std::optional<ObjectPath> throughInitializedPointer(const ObjectPath &Path,
                                                    const Stmt &Scope);

} // namespace clang::tidy::parlint

#endif
