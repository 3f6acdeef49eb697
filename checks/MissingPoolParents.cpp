#include "MissingPoolParents.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::parlint {

BodyParents::BodyParents(const Stmt &Body)
    : Body(Body), Map(const_cast<Stmt *>(&Body)) {}

bool BodyParents::isWithin(const Stmt &Inner, const Stmt &Outer) const {
  for (const Stmt *Current = &Inner; Current; Current = parent(*Current))
    if (Current == &Outer)
      return true;
  return false;
}

const DeclStmt *BodyParents::declarationOf(const VarDecl &Var) const {
  llvm::SmallVector<const Stmt *, 32> Pending = {&Body};
  while (!Pending.empty()) {
    const Stmt *Current = Pending.pop_back_val();
    if (const auto *Declaration = dyn_cast<DeclStmt>(Current);
        Declaration && llvm::is_contained(Declaration->decls(), &Var))
      return Declaration;
    for (const Stmt *Child : Current->children())
      if (Child)
        Pending.push_back(Child);
  }
  return nullptr;
}

} // namespace clang::tidy::parlint
