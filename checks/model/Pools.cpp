#include "Pools.h"
#include "../common/AstHelpers.h"

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

} // namespace clang::tidy::parlint
