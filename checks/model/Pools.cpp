#include "Pools.h"
#include "../common/AstHelpers.h"

#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::parlint {

bool isKnownPool(const CXXRecordDecl *Record) {
  return isNamed(Record, {"::parlint::ThreadPool", "::parlint::ProcessPool",
                          "::boost::asio::thread_pool"});
}

bool isPoolClass(const CXXRecordDecl *Record,
                 llvm::ArrayRef<llvm::StringRef> PoolTypes) {
  if (!Record)
    return false;
  if (isKnownPool(Record))
    return true;
  return !PoolTypes.empty() && isNamed(Record, PoolTypes);
}

const Expr *workerCountArgument(const CXXConstructExpr &Construct,
                                llvm::ArrayRef<llvm::StringRef> PoolTypes) {
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  if (!Constructor || Constructor->isCopyOrMoveConstructor() ||
      !isPoolClass(Constructor->getParent(), PoolTypes))
    return nullptr;
  for (unsigned I = 0; I < Construct.getNumArgs() &&
                       I < Constructor->getNumParams();
       ++I) {
    const Expr *Arg = Construct.getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg))
      return nullptr;
    QualType Param = Constructor->getParamDecl(I)->getType();
    if (Param->isIntegerType() && !Param->isBooleanType())
      return Arg;
  }
  return nullptr;
}

bool waitsForAnotherThread(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const CXXRecordDecl *Record = Method ? Method->getParent() : nullptr;
    if (!Record || !Record->getIdentifier() ||
        !Record->getDeclContext()->isStdNamespace())
      return false;
    StringRef Class = Record->getName();
    bool Synchronizer =
        llvm::is_contained({"condition_variable", "condition_variable_any",
                            "barrier", "latch", "counting_semaphore",
                            "future", "shared_future", "__basic_future",
                            "thread", "jthread", "atomic_flag"},
                           Class) ||
        Class.starts_with("atomic") || Class.starts_with("__atomic");
    return Synchronizer &&
           llvm::is_contained({"wait", "wait_for", "wait_until",
                               "arrive_and_wait", "acquire", "try_acquire_for",
                               "try_acquire_until", "get", "join"},
                              identifierOf(Method));
  }
  return isNamed(Call.getDirectCallee(),
                 {"::pthread_cond_wait", "::pthread_cond_timedwait",
                  "::pthread_barrier_wait", "::pthread_join", "::sem_wait",
                  "::sem_timedwait", "::std::atomic_wait",
                  "::std::atomic_wait_explicit"});
}

} // namespace clang::tidy::parlint
