#include "Pools.h"
#include "Handles.h"
#include "../common/AstHelpers.h"

#include "clang/AST/DeclTemplate.h"

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

namespace {

bool isCallableType(QualType Type, unsigned Depth) {
  Type = Type.getNonReferenceType().getCanonicalType();
  if (Type->isFunctionPointerType() || Type->isFunctionType())
    return true;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  // A task type need not be complete where only a queue of it is declared.
  if (isNamed(Record, {"::std::function", "::std::move_only_function",
                       "::std::packaged_task", "::std::copyable_function"}))
    return true;
  if (!Record || !Record->hasDefinition())
    return false;
  for (const CXXMethodDecl *Method : Record->methods())
    if (Method->getOverloadedOperator() == OO_Call)
      return true;
  // struct Job { std::function<void()> run; int priority; };
  if (Depth == 0)
    for (const FieldDecl *Field : Record->fields())
      if (isCallableType(Field->getType(), Depth + 1))
        return true;
  return false;
}

/// A queue, deque, list or vector (any class template) of callables, also
/// behind a smart pointer (std::unique_ptr<Task>).
bool isTaskQueue(QualType Type) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return false;
  QualType Element = Spec->getTemplateArgs()[0].getAsType();
  if (const auto *Pointer = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Element->getAsCXXRecordDecl());
      Pointer && isNamed(Pointer, {"::std::unique_ptr", "::std::shared_ptr"}))
    Element = Pointer->getTemplateArgs()[0].getAsType();
  else if (Element->isPointerType() && !Element->isFunctionPointerType())
    Element = Element->getPointeeType();
  return isCallableType(Element, 0);
}

bool keepsWorkerThreads(QualType Type) {
  HandleType Handle = handleTypeOf(Type);
  if (Handle == HandleType::ThreadContainer ||
      Handle == HandleType::JThreadContainer)
    return true;
  // pthread_t workers[N], std::vector<pthread_t>
  if (const auto *Array = Type->getAsArrayTypeUnsafe())
    return handleTypeOf(Array->getElementType()) == HandleType::PosixThread;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type->getAsCXXRecordDecl());
  return Spec && Spec->getTemplateArgs().size() > 0 &&
         Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         handleTypeOf(Spec->getTemplateArgs()[0].getAsType()) ==
             HandleType::PosixThread;
}

} // namespace

bool isPoolImplementation(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition())
    return false;
  if (isKnownPool(Record))
    return true;
  bool Threads = false, Tasks = false;
  for (const FieldDecl *Field : Record->fields()) {
    Threads |= keepsWorkerThreads(Field->getType());
    Tasks |= isTaskQueue(Field->getType());
  }
  if (Threads && Tasks)
    return true;
  for (const CXXBaseSpecifier &Base : Record->bases())
    if (isPoolImplementation(Base.getType()->getAsCXXRecordDecl()))
      return true;
  return false;
}

} // namespace clang::tidy::parlint
