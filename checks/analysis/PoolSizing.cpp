#include "PoolSizing.h"
#include "LoopBounds.h"
#include "WorkerLifetime.h"
#include "../common/AstHelpers.h"
#include "../model/Launch.h"

#include "clang/AST/StmtCXX.h"

namespace clang::tidy::parlint {

bool sizedToItsTasks(const ValueDecl &Pool, int64_t Workers, const Stmt &Body,
                     ASTContext &Context) {
  bool Sized = false;
  forEachDescendant(&Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (Sized || !isa<ForStmt, WhileStmt, DoStmt>(S))
      return;
    auto Bound = constantLoopBound(S, nullptr, Context);
    const Stmt *LoopBody = loopBody(S);
    if (!Bound || Bound->Trips != Workers || !LoopBody)
      return;
    forEachLaunch(*LoopBody, Context, [&](const Launch &Task) {
      const Expr *Queue = poolOfLaunch(Task);
      Sized |= Queue && rootVariable(Queue) == &Pool;
    });
  });
  return Sized;
}

} // namespace clang::tidy::parlint
