#include "Synchronization.h"
#include "Pools.h"
#include "../common/AstHelpers.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/Lex/Lexer.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::parlint {

namespace {

const CXXRecordDecl *recordOf(QualType Type) {
  if (Type.isNull())
    return nullptr;
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return Type.getCanonicalType()->getAsCXXRecordDecl();
}

/// A record declared in namespace std (inline namespaces included) or
/// boost, named one of Names.
bool isLibraryRecord(const CXXRecordDecl *Record,
                     llvm::ArrayRef<StringRef> Names, bool Boost = true) {
  if (!Record || !Record->getIdentifier() ||
      !llvm::is_contained(Names, Record->getName()))
    return false;
  const DeclContext *Context = Record->getDeclContext();
  while (Context && Context->isInlineNamespace())
    Context = Context->getParent();
  if (Context && Context->isStdNamespace())
    return true;
  if (!Boost)
    return false;
  for (; Context; Context = Context->getParent())
    if (const auto *Namespace = dyn_cast<NamespaceDecl>(Context);
        Namespace && Namespace->getParent()->isTranslationUnit() &&
        Namespace->getName() == "boost")
      return true;
  return false;
}

bool isStdRecord(const CXXRecordDecl *Record,
                 llvm::ArrayRef<StringRef> Names) {
  return isLibraryRecord(Record, Names, /*Boost=*/false);
}

bool isInLibrary(const Decl *D) {
  const DeclContext *Context = D ? D->getDeclContext() : nullptr;
  for (; Context; Context = Context->getParent())
    if (Context->isStdNamespace())
      return true;
  return false;
}

/// A lock kind run together with lock or unlock (`writelock`,
/// `readunlock`, `rdlock`, `spinlock`: WiredTiger's `__wt_writelock`) is two
/// words. Other words ending in "lock" (block, clock) stay whole.
llvm::SmallVector<std::string, 4>
splitLockKinds(llvm::SmallVector<std::string, 4> Words) {
  static constexpr StringRef Kinds[] = {"read", "write",  "rd",
                                        "wr",   "spin",   "shared",
                                        "excl"};
  llvm::SmallVector<std::string, 4> Split;
  for (std::string &Word : Words) {
    StringRef W(Word);
    StringRef Op = W.ends_with("unlock") ? "unlock"
                   : W.ends_with("lock") ? "lock"
                                         : "";
    StringRef Kind = W.drop_back(Op.size());
    if (!Op.empty() && llvm::is_contained(Kinds, Kind)) {
      Split.push_back(Kind.str());
      Split.push_back(Op.str());
    } else {
      Split.push_back(std::move(Word));
    }
  }
  return Split;
}

/// The words of an identifier: `lockTable` -> lock, table;
/// `EnterCriticalSection` -> enter, critical, section; `mutex_unlock` ->
/// mutex, unlock.
llvm::SmallVector<std::string, 4> wordsOf(StringRef Name) {
  llvm::SmallVector<std::string, 4> Words;
  std::string Current;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (C == '_' || llvm::isDigit(C)) {
      if (!Current.empty())
        Words.push_back(std::move(Current));
      Current.clear();
      continue;
    }
    if (llvm::isUpper(C) && !Current.empty() &&
        (!llvm::isUpper(Name[I - 1]) ||
         (I + 1 < Name.size() && llvm::isLower(Name[I + 1])))) {
      Words.push_back(std::move(Current));
      Current.clear();
    }
    Current.push_back(llvm::toLower(C));
  }
  if (!Current.empty())
    Words.push_back(std::move(Current));
  return splitLockKinds(Words);
}

bool hasWord(StringRef Name, llvm::ArrayRef<StringRef> Wanted) {
  for (const std::string &Word : wordsOf(Name))
    if (llvm::is_contained(Wanted, StringRef(Word)))
      return true;
  return false;
}

bool hasMethodNamed(const CXXRecordDecl *Record,
                    llvm::ArrayRef<StringRef> Names) {
  if (!Record || !Record->hasDefinition())
    return false;
  bool Found = false;
  auto Look = [&](const CXXRecordDecl *R) {
    for (const CXXMethodDecl *Method : R->methods())
      if (llvm::is_contained(Names, identifierOf(Method)))
        Found = true;
    for (const Decl *D : R->decls())
      if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
        if (llvm::is_contained(Names, identifierOf(Template)))
          Found = true;
    return true;
  };
  Look(Record);
  Record->forallBases(Look);
  return Found;
}

/// The class of the object a member function is called on, as written: a
/// call on a std::atomic reaches a method of its base class (libstdc++'s
/// __atomic_base), which names the wrong class.
const CXXRecordDecl *objectClassOf(const CXXMemberCallExpr &Call) {
  if (const CXXRecordDecl *Record =
          recordOf(Call.getImplicitObjectArgument()->IgnoreParenImpCasts()->getType()))
    return Record;
  return Call.getMethodDecl() ? Call.getMethodDecl()->getParent() : nullptr;
}

} // namespace

bool isMutexClass(const CXXRecordDecl *Record) {
  if (!Record)
    return false;
  if (isLibraryRecord(Record, {"mutex", "recursive_mutex", "timed_mutex",
                               "recursive_timed_mutex", "shared_mutex",
                               "shared_timed_mutex", "upgrade_mutex"}))
    return true;
  if (isInLibrary(Record) || guardKindOf(Record) != GuardKind::None)
    return false;
  // BasicLockable classes of the program: spin locks, wrappers; not one
  // whose lock orders nothing (isOrderlessLockClass).
  return ((hasMethodNamed(Record, {"lock"}) &&
           hasMethodNamed(Record, {"unlock"})) ||
          (hasMethodNamed(Record, {"Lock"}) &&
           hasMethodNamed(Record, {"Unlock"}))) &&
         !isOrderlessLockClass(Record);
}

bool isOrderlessLockClass(const CXXRecordDecl *Record) {
  if (!Record || isInLibrary(Record) || !Record->hasDefinition())
    return false;
  for (const CXXMethodDecl *Method : Record->methods())
    if (Method->getIdentifier() &&
        (Method->getName() == "lock" || Method->getName() == "Lock"))
      if (const FunctionDecl *Definition = Method->getDefinition())
        return ordersNothingAsLock(*Definition);
  return false;
}

bool isMutexType(QualType Type) { return isMutexClass(recordOf(Type)); }

bool isLockType(QualType Type) {
  if (isMutexType(Type))
    return true;
  for (const auto *Typedef = Type->getAs<TypedefType>(); Typedef;
       Typedef = Typedef->getDecl()->getUnderlyingType()->getAs<TypedefType>())
    if (llvm::is_contained({"pthread_mutex_t", "pthread_rwlock_t",
                            "pthread_spinlock_t", "mtx_t"},
                           Typedef->getDecl()->getName()))
      return true;
  return false;
}

GuardKind guardKindOf(const CXXRecordDecl *Record) {
  if (!Record || !Record->getIdentifier())
    return GuardKind::None;
  if (isLibraryRecord(Record, {"lock_guard", "scoped_lock"}))
    return GuardKind::Scoped;
  if (isLibraryRecord(Record, {"unique_lock", "shared_lock", "upgrade_lock"}))
    return GuardKind::Unique;
  if (isInLibrary(Record))
    return GuardKind::None;
  // `MutexLock`, `ScopedLock`, `SpinGuard`, `WriteLock`: a guard when it is
  // not itself a lock with lock()/unlock() of its own (`SpinLock`).
  bool Lockable =
      (hasMethodNamed(Record, {"lock"}) && hasMethodNamed(Record, {"unlock"})) ||
      (hasMethodNamed(Record, {"Lock"}) && hasMethodNamed(Record, {"Unlock"}));
  if (!Lockable &&
      hasWord(Record->getName(), {"guard", "locker", "holder", "lock"}))
    return GuardKind::Custom;
  return GuardKind::None;
}

bool guardLocksShared(const CXXRecordDecl *Record) {
  return isLibraryRecord(Record, {"shared_lock"});
}

bool locksShared(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return false;
  StringRef Name = Callee->getName();
  return Name == "lock_shared" || Name.starts_with("try_lock_shared") ||
         Name == "LockShared" || Name == "ReaderLock" ||
         Name.starts_with("ReaderTryLock") || Name == "pthread_rwlock_rdlock" ||
         Name == "pthread_rwlock_tryrdlock";
}

GuardStart guardStartOf(const CXXConstructExpr &Construct) {
  for (const Expr *Arg : Construct.arguments()) {
    const CXXRecordDecl *Tag = recordOf(Arg->getType());
    if (isLibraryRecord(Tag, {"defer_lock_t"}))
      return GuardStart::Deferred;
    if (isLibraryRecord(Tag, {"try_to_lock_t"}))
      return GuardStart::Tried;
  }
  return GuardStart::Locked;
}

LockOp lockOpOf(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const CXXRecordDecl *Record = objectClassOf(*Member);
    if (!Method || !Record ||
        (!isMutexClass(Record) && guardKindOf(Record) == GuardKind::None))
      return LockOp::None;
    StringRef Name = identifierOf(Method);
    if (llvm::is_contained({"lock", "Lock", "lock_shared", "LockShared",
                            "ReaderLock", "WriterLock"},
                           Name))
      return LockOp::Lock;
    if (Name.starts_with_insensitive("try_lock") ||
        Name.starts_with("TryLock") || Name.starts_with("ReaderTryLock") ||
        Name.starts_with("WriterTryLock"))
      return LockOp::TryLock;
    if (llvm::is_contained({"unlock", "Unlock", "unlock_shared",
                            "UnlockShared", "ReaderUnlock", "WriterUnlock"},
                           Name))
      return LockOp::Unlock;
    return LockOp::None;
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return LockOp::None;
  StringRef Name = Callee->getName();
  if (isNamed(Callee, {"::std::lock"}))
    return LockOp::Lock;
  if (!Callee->getDeclContext()->getRedeclContext()->isTranslationUnit() &&
      !isa<LinkageSpecDecl>(Callee->getDeclContext()))
    return LockOp::None;
  if (llvm::is_contained({"pthread_mutex_lock", "pthread_spin_lock",
                          "pthread_rwlock_wrlock", "pthread_rwlock_rdlock"},
                         Name))
    return LockOp::Lock;
  if (llvm::is_contained({"pthread_mutex_trylock", "pthread_spin_trylock",
                          "pthread_rwlock_trywrlock",
                          "pthread_rwlock_tryrdlock"},
                         Name))
    return LockOp::TryLock;
  if (llvm::is_contained({"pthread_mutex_unlock", "pthread_spin_unlock",
                          "pthread_rwlock_unlock"},
                         Name))
    return LockOp::Unlock;
  return LockOp::None;
}

namespace {

bool isRelaxedOrder(const AtomicExpr &Atomic);

/// What the body of a program's own lock helper does to order threads.
struct BodySynchronization {
  bool Relaxed = false;   ///< an atomic operation naming only relaxed orders
  bool Ordering = false;  ///< anything that may order: another order, a
                          ///< fence, a mutex, a call parlint does not follow
};

void addCall(const CallExpr &Call, BodySynchronization &Found) {
  if (isRelaxedAtomicCall(Call)) {
    Found.Relaxed = true;
    return;
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  // Library calls that only wait or yield (`sched_yield`, `_mm_pause`)
  // order nothing; any other call may.
  bool Ordering = !Callee || !isInLibrary(Callee) ||
                  lockOpOf(Call) != LockOp::None || isHandOffCall(Call);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    Ordering |= isAtomicType(Member->getImplicitObjectArgument()->getType());
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call))
    Ordering |= Operator->getNumArgs() > 0 && isAtomicType(Operator->getArg(0)->getType());
  if (Callee && Callee->getIdentifier()) {
    StringRef Name = Callee->getName();
    Ordering |= Name.contains("atomic") || Name.starts_with("__sync");
  }
  Found.Ordering |= Ordering;
}

void scanBody(const Stmt *S, BodySynchronization &Found) {
  if (!S || Found.Ordering)
    return;
  if (const auto *Atomic = dyn_cast<AtomicExpr>(S)) {
    (isRelaxedOrder(*Atomic) ? Found.Relaxed : Found.Ordering) = true;
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    addCall(*Call, Found);
  } else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S)) {
    // A plain read of an atomic (`while (flag)`) is a seq_cst load.
    if (Cast->getCastKind() == CK_AtomicToNonAtomic)
      Found.Ordering = true;
  } else if (const auto *Assign = dyn_cast<BinaryOperator>(S)) {
    if (Assign->getLHS()->getType()->isAtomicType())
      Found.Ordering = true; // `_Atomic` assignment or compound: seq_cst
  } else if (const auto *Step = dyn_cast<UnaryOperator>(S)) {
    if (Step->isIncrementDecrementOp() && Step->getSubExpr()->getType()->isAtomicType())
      Found.Ordering = true;
  }
  for (const Stmt *Child : S->children())
    scanBody(Child, Found);
}

} // namespace

bool synchronizesOnlyRelaxed(const FunctionDecl &Helper) {
  const FunctionDecl *Definition = Helper.getDefinition();
  if (!Definition || !Definition->hasBody())
    return false;
  BodySynchronization Found;
  scanBody(Definition->getBody(), Found);
  return Found.Relaxed && !Found.Ordering;
}

namespace {

/// The unlock function named like Lock (`spin_lock` → `spin_unlock`,
/// `LockTable` → `UnlockTable`) in Lock's own scope, or null.
const FunctionDecl *unlockPartnerOf(const FunctionDecl &Lock) {
  StringRef Name = identifierOf(&Lock);
  size_t At = Name.find("lock");
  std::string Partner;
  if (At != StringRef::npos)
    Partner = (Name.take_front(At) + "unlock" + Name.drop_front(At + 4)).str();
  else if ((At = Name.find("Lock")) != StringRef::npos)
    Partner = (Name.take_front(At) + "Unlock" + Name.drop_front(At + 4)).str();
  else
    return nullptr;
  ASTContext &Context = Lock.getASTContext();
  const DeclContext *Scope = Lock.getDeclContext()->getRedeclContext();
  for (const NamedDecl *Found : Scope->lookup(&Context.Idents.get(Partner)))
    if (const auto *Function = dyn_cast<FunctionDecl>(Found->getUnderlyingDecl()))
      return Function;
  return nullptr;
}

} // namespace

namespace {

/// What a function's name says it does to a lock.
LockOp lockOpNamedBy(StringRef Name) {
  // Making or ending a lock object takes nothing: `lock_init`,
  // `__wt_rwlock_destroy`.
  if (Name.empty() ||
      hasWord(Name, {"init", "destroy", "create", "free", "alloc", "new"}))
    return LockOp::None;
  if (hasWord(Name, {"unlock", "release", "leave", "exit"}) &&
      hasWord(Name, {"unlock", "critical", "lock", "mutex"}))
    return LockOp::Unlock;
  if (hasWord(Name, {"unlock"}))
    return LockOp::Unlock;
  if (hasWord(Name, {"lock", "acquire", "trylock", "synchronized"}) ||
      (hasWord(Name, {"enter"}) && hasWord(Name, {"critical"})))
    return LockOp::Lock;
  return LockOp::None;
}

} // namespace

LockOp namedLockOpOf(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || isInLibrary(Callee) || lockOpOf(Call) != LockOp::None)
    return LockOp::None;
  // The name first: the body is read only for a helper named like a lock.
  LockOp Named = lockOpNamedBy(identifierOf(Callee));
  return Named != LockOp::None && ordersNothingAsLock(*Callee) ? LockOp::None
                                                               : Named;
}

bool ordersNothingAsLock(const FunctionDecl &Helper) {
  if (isInLibrary(&Helper) || !Helper.getIdentifier() ||
      lockOpNamedBy(Helper.getName()) == LockOp::None)
    return false;
  if (synchronizesOnlyRelaxed(Helper))
    return true;
  // A lock whose unlock publishes nothing (a relaxed store) excludes, but
  // its acquire has no release to pair with: it orders nothing either.
  const FunctionDecl *Unlock = unlockPartnerOf(Helper);
  return Unlock && Unlock != &Helper && synchronizesOnlyRelaxed(*Unlock);
}

namespace {

LockOp lockOpOfWords(StringRef Name) {
  if (hasWord(Name, {"unlock", "release", "leave"}))
    return LockOp::Unlock;
  if (hasWord(Name, {"trylock"}) ||
      (hasWord(Name, {"try"}) && hasWord(Name, {"lock"})))
    return LockOp::TryLock;
  if (hasWord(Name, {"lock", "acquire", "enter"}))
    return LockOp::Lock;
  return LockOp::None;
}

/// The name of the function pointer a call goes through: `lock` in
/// `fns.lock(...)`, `ops->acquire(...)`, `(*lock_fn)(...)`, `(obj.*enter)()`.
StringRef pointerNameOf(const Expr *Callee) {
  while (Callee) {
    Callee = Callee->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(Callee))
      return identifierOf(Member->getMemberDecl());
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee))
      return identifierOf(Ref->getDecl());
    if (const auto *Deref = dyn_cast<UnaryOperator>(Callee);
        Deref && Deref->getOpcode() == UO_Deref)
      Callee = Deref->getSubExpr();
    else if (const auto *PointerToMember = dyn_cast<BinaryOperator>(Callee);
             PointerToMember && PointerToMember->isPtrMemOp())
      Callee = PointerToMember->getRHS();
    else
      return {};
  }
  return {};
}

/// What the macros whose bodies wrote the call say (innermost first): the
/// callee must come from a macro's own text, not from its arguments.
LockOp macroLockOpOf(const CallExpr &Call, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  SourceLocation Loc = Call.getCallee()->getBeginLoc();
  while (Loc.isMacroID() && SM.isMacroBodyExpansion(Loc)) {
    StringRef Macro =
        Lexer::getImmediateMacroName(Loc, SM, Context.getLangOpts());
    if (LockOp Op = lockOpOfWords(Macro); Op != LockOp::None)
      return Op;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return LockOp::None;
}

} // namespace

IndirectLock indirectLockOf(const CallExpr &Call, ASTContext &Context) {
  if (lockOpOf(Call) != LockOp::None || namedLockOpOf(Call) != LockOp::None)
    return {};
  const FunctionDecl *Callee = Call.getDirectCallee();
  const SourceManager &SM = Context.getSourceManager();
  if (Callee && (isInLibrary(Callee) || SM.isInSystemHeader(Callee->getLocation())))
    return {};
  IndirectLock Result;
  if (!Callee)
    Result.Op = lockOpOfWords(pointerNameOf(Call.getCallee()));
  if (Result.Op == LockOp::None && Call.getCallee()->getBeginLoc().isMacroID())
    Result.Op = macroLockOpOf(Call, Context);
  if (Result.Op == LockOp::None)
    return {};
  for (const Expr *Arg : Call.arguments()) {
    const Expr *Plain = Arg->IgnoreParenImpCasts();
    QualType Type = Plain->getType();
    bool Object = (Type->isPointerType() && !Type->isFunctionPointerType() &&
                   !isa<StringLiteral, PredefinedExpr>(Plain->IgnoreParenCasts()) &&
                   !Plain->isNullPointerConstant(
                       Context, Expr::NPC_ValueDependentIsNotNull)) ||
                  Type->isRecordType();
    if (!Object)
      continue;
    if (Result.Object) { // two candidates: which one is the lock is unknown
      Result.Object = nullptr;
      break;
    }
    Result.Object = Arg;
  }
  return Result;
}

bool isAtomicType(QualType Type) {
  if (Type.isNull())
    return false;
  Type = Type.getNonReferenceType();
  if (Type->isAtomicType())
    return true;
  const CXXRecordDecl *Record = Type.getCanonicalType()->getAsCXXRecordDecl();
  return isLibraryRecord(Record, {"atomic", "atomic_ref", "atomic_flag"}) ||
         isNamed(Record, {"::parlint::SharedValue"});
}

namespace {

bool isZero(const Expr &E, ASTContext &Context) {
  Expr::EvalResult Value;
  return !E.isValueDependent() && E.EvaluateAsInt(Value, Context) &&
         Value.Val.getInt() == 0;
}

} // namespace

bool isRelaxedAtomicCall(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return false;
  ASTContext &Context = Callee->getASTContext();
  // std::memory_order_relaxed, std::memory_order::relaxed, C's
  // memory_order_relaxed: an argument of the order enumeration, 0. Every
  // order argument must say it (compare_exchange takes two).
  bool Relaxed = false;
  for (const Expr *Arg : Call.arguments()) {
    if (isa<CXXDefaultArgExpr>(Arg))
      return false; // the default order is seq_cst
    const Expr *E = Arg->IgnoreParenImpCasts();
    const auto *Enum = E->getType()->getAs<EnumType>();
    if (!Enum || !Enum->getDecl()->getName().contains("memory_order"))
      continue;
    if (!isZero(*E, Context))
      return false;
    Relaxed = true;
  }
  return Relaxed;
}

bool isConditionNotify(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXRecordDecl *Record = objectClassOf(*Member);
    return Record && Member->getMethodDecl() &&
           isLibraryRecord(Record, {"condition_variable", "condition_variable_any"}) &&
           identifierOf(Member->getMethodDecl()).starts_with("notify_");
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && Callee->getIdentifier() &&
         (Callee->getName() == "pthread_cond_signal" ||
          Callee->getName() == "pthread_cond_broadcast");
}

const Expr *conditionWaitLock(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXRecordDecl *Record = objectClassOf(*Member);
    bool Waits = Record && Member->getMethodDecl() &&
                 isLibraryRecord(Record, {"condition_variable", "condition_variable_any"}) &&
                 identifierOf(Member->getMethodDecl()).starts_with("wait");
    return Waits && Call.getNumArgs() > 0 ? Call.getArg(0) : nullptr;
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  bool Waits = Callee && Callee->getIdentifier() &&
               llvm::is_contained({"pthread_cond_wait", "pthread_cond_timedwait",
                                   "cnd_wait", "cnd_timedwait"},
                                  Callee->getName());
  return Waits && Call.getNumArgs() > 1 ? Call.getArg(1) : nullptr;
}

const LambdaExpr *waitPredicateOf(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const CXXRecordDecl *Record = Member ? objectClassOf(*Member) : nullptr;
  if (!Record || !Member->getMethodDecl() || Call.getNumArgs() < 2 ||
      !isLibraryRecord(Record, {"condition_variable", "condition_variable_any"}) ||
      !identifierOf(Member->getMethodDecl()).starts_with("wait"))
    return nullptr;
  return dyn_cast<LambdaExpr>(stripped(Call.getArg(Call.getNumArgs() - 1)));
}

namespace {

/// The count a std::counting_semaphore named by Object starts with, when
/// its declaration (a member's default initializer, a local's or a
/// global's initializer) gives a constant: `sessions_{2}`.
std::optional<int64_t> initialSemaphoreCount(const Expr *Object) {
  Object = Object->IgnoreParenImpCasts();
  const Expr *Init = nullptr;
  const ValueDecl *Declared = nullptr;
  if (const auto *Member = dyn_cast<MemberExpr>(Object)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    Init = Field ? Field->getInClassInitializer() : nullptr;
    Declared = Field;
  } else if (const auto *Ref = dyn_cast<DeclRefExpr>(Object)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    Init = Var ? Var->getInit() : nullptr;
    Declared = Var;
  }
  const auto *Construct =
      dyn_cast_or_null<CXXConstructExpr>(Init ? Init->IgnoreImplicit() : nullptr);
  if (!Construct || Construct->getNumArgs() != 1)
    return std::nullopt;
  Expr::EvalResult Count;
  if (!Construct->getArg(0)->EvaluateAsInt(Count, Declared->getASTContext()))
    return std::nullopt;
  return Count.Val.getInt().getExtValue();
}

} // namespace

HandOffKind handOffKindOf(const CallExpr &Call) {
  constexpr HandOffKind None = HandOffKind::None, Dispatch = HandOffKind::Dispatch,
                        Ordering = HandOffKind::Ordering;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const CXXRecordDecl *Record = objectClassOf(*Member);
    if (!Method || !Record)
      return None;
    StringRef Name = identifierOf(Method);
    if (isLibraryRecord(Record, {"condition_variable", "condition_variable_any"}))
      return Dispatch;
    // A semaphore that starts with room for several (`sessions_{2}`) lets
    // that many in at once: it orders each with the one whose release it
    // took, not the holders with each other.
    if (isLibraryRecord(Record, {"counting_semaphore"}))
      if (std::optional<int64_t> Count =
              initialSemaphoreCount(Member->getImplicitObjectArgument());
          Count && *Count > 1)
        return Dispatch;
    if (isLibraryRecord(Record, {"promise",
                                 "future", "shared_future", "packaged_task",
                                 "latch", "barrier", "counting_semaphore",
                                 "binary_semaphore"}))
      return Ordering;
    if (isLibraryRecord(Record, {"atomic", "atomic_ref", "atomic_flag"})) {
      // Loads, stores, exchanges and waits order the threads; the counters
      // (fetch_add, ++) do not, and are what a shared tally uses.
      // A relaxed operation orders nothing either.
      if (isRelaxedAtomicCall(Call))
        return None;
      if (Name == "fetch_sub")
        return Dispatch; // a count-down: see countsDown
      return Name.starts_with("fetch_") ? None : Ordering;
    }
    return None;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call)) {
    if (Op->getNumArgs() == 0 ||
        !isLibraryRecord(recordOf(Op->getArg(0)->IgnoreParenImpCasts()->getType()),
                         {"atomic", "atomic_ref"}))
      return None;
    if (Op->getOperator() == OO_Equal)
      return Ordering;
    return Op->getOperator() == OO_MinusMinus || Op->getOperator() == OO_MinusEqual
               ? Dispatch // a count-down: see countsDown
               : None;
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return None;
  if (isNamed(Callee, {"::std::call_once", "::std::atomic_thread_fence",
                       "::std::atomic_load", "::std::atomic_store",
                       "::std::atomic_load_explicit",
                       "::std::atomic_store_explicit",
                       "::std::atomic_exchange",
                       "::std::atomic_compare_exchange_strong",
                       "::std::atomic_compare_exchange_weak"}))
    return Ordering;
  StringRef Name = Callee->getName();
  if (Name.starts_with("pthread_cond_") && Name != "pthread_cond_init" &&
      Name != "pthread_cond_destroy")
    return Dispatch;
  // A barrier of the program's own (`ck_barrier_centralized(&b, &s, n)`,
  // `barrier_wait(&b)`), built on atomics parlint may not see: trusted by
  // its name, like a lock-named call; it can only make parlint quieter.
  if (!Callee->isInStdNamespace() && Name != "pthread_barrier_init" &&
      Name != "pthread_barrier_destroy" &&
      llvm::is_contained(wordsOf(Name), "barrier"))
    return Ordering;
  if (Name.starts_with("__sync_fetch_and_sub") || Name.starts_with("__sync_sub_and_fetch"))
    return Dispatch; // a count-down with a full barrier: see countsDown
  bool Orders =
         Name == "pthread_barrier_wait" || Name == "pthread_once" ||
         Name == "sem_wait" || Name == "sem_post" || Name == "sem_timedwait" ||
         Name == "sem_trywait" || Name.starts_with("__atomic_load") ||
         Name.starts_with("__atomic_store") ||
         Name.starts_with("__atomic_exchange") ||
         Name.starts_with("__atomic_compare_exchange") ||
         Name.starts_with("__sync_lock") ||
         Name.starts_with("__sync_bool_compare") ||
         Name.starts_with("__sync_val_compare") ||
         Name == "__sync_synchronize" || Name.starts_with("atomic_load") ||
         Name.starts_with("atomic_store") ||
         Name.starts_with("atomic_exchange") ||
         Name.starts_with("atomic_compare_exchange");
  return Orders && !isRelaxedAtomicCall(Call) ? Ordering : None;
}

namespace {

/// A count-down step (`atomic_fetch_sub(&pending, 1)`, `__atomic_sub_fetch`,
/// `remaining.fetch_sub(1)`, `--left`), not relaxed: a release, and the
/// read-modify-writes of one counter form one release sequence, so the
/// thread whose acquire load reads the count they leave (a launcher
/// spinning until `pending == 0`) sees every earlier write of every
/// decrementer. It orders each decrementer with that reader, not two
/// decrementers with each other: HandOffKind::Dispatch. Increments stay
/// tallies that order nothing.
bool countsDown(const AtomicExpr &Atomic) {
  switch (Atomic.getOp()) {
  case AtomicExpr::AO__c11_atomic_fetch_sub:
  case AtomicExpr::AO__atomic_fetch_sub:
  case AtomicExpr::AO__atomic_sub_fetch:
    return true;
  default:
    return false;
  }
}

enum class AtomicStep { Load, Store, Exchange, Counter, Init };

AtomicStep stepOf(const AtomicExpr &Atomic) {
  switch (Atomic.getOp()) {
  case AtomicExpr::AO__c11_atomic_load:
  case AtomicExpr::AO__atomic_load:
  case AtomicExpr::AO__atomic_load_n:
    return AtomicStep::Load;
  case AtomicExpr::AO__c11_atomic_store:
  case AtomicExpr::AO__atomic_store:
  case AtomicExpr::AO__atomic_store_n:
    return AtomicStep::Store;
  case AtomicExpr::AO__c11_atomic_exchange:
  case AtomicExpr::AO__atomic_exchange:
  case AtomicExpr::AO__atomic_exchange_n:
  case AtomicExpr::AO__c11_atomic_compare_exchange_strong:
  case AtomicExpr::AO__c11_atomic_compare_exchange_weak:
  case AtomicExpr::AO__atomic_compare_exchange:
  case AtomicExpr::AO__atomic_compare_exchange_n:
    return AtomicStep::Exchange;
  case AtomicExpr::AO__c11_atomic_init:
    return AtomicStep::Init;
  default:
    return AtomicStep::Counter; // fetch_add, add_fetch, and the rest
  }
}

/// Every order the operation names is relaxed: `memory_order_relaxed` or
/// `__ATOMIC_RELAXED`, both 0. An order computed at run time is not.
bool isRelaxedOrder(const AtomicExpr &Atomic) {
  auto Zero = [](const Expr *Order) {
    if (!Order)
      return false;
    Order = Order->IgnoreParenImpCasts();
    if (const auto *Literal = dyn_cast<IntegerLiteral>(Order))
      return Literal->getValue() == 0;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Order))
      if (const auto *Constant = dyn_cast<EnumConstantDecl>(Ref->getDecl()))
        return Constant->getInitVal() == 0;
    return false;
  };
  if (!Zero(Atomic.getOrder()))
    return false;
  return !Atomic.isCmpXChg() || Zero(Atomic.getOrderFail());
}

} // namespace

HandOffKind handOffKindOf(const AtomicExpr &Atomic) {
  AtomicStep Step = stepOf(Atomic);
  if (Step == AtomicStep::Init || isRelaxedOrder(Atomic))
    return HandOffKind::None;
  if (Step == AtomicStep::Counter)
    return countsDown(Atomic) ? HandOffKind::Dispatch : HandOffKind::None;
  return HandOffKind::Ordering;
}

bool observesAnotherThread(const AtomicExpr &Atomic) {
  AtomicStep Step = stepOf(Atomic);
  return (Step == AtomicStep::Load || Step == AtomicStep::Exchange) &&
         !isRelaxedOrder(Atomic);
}

bool isAtomicLoad(const AtomicExpr &Atomic) {
  return stepOf(Atomic) == AtomicStep::Load && !isRelaxedOrder(Atomic);
}

bool isAtomicLoad(const CallExpr &Call) {
  if (isRelaxedAtomicCall(Call))
    return false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (!Method || !isLibraryRecord(objectClassOf(*Member), {"atomic", "atomic_ref"}))
      return false;
    return isa<CXXConversionDecl>(Method) || identifierOf(Method) == "load";
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return false;
  StringRef Name = Callee->getName();
  return Name.starts_with("__atomic_load") || Name.starts_with("atomic_load") ||
         isNamed(Callee, {"::std::atomic_load", "::std::atomic_load_explicit"});
}

bool onlyAcquires(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const CXXRecordDecl *Record = objectClassOf(*Member);
    if (!Method || !Record)
      return false;
    StringRef Name = identifierOf(Method);
    if (isLibraryRecord(Record, {"atomic", "atomic_ref", "atomic_flag"}))
      return isa<CXXConversionDecl>(Method) || Name == "load" || Name == "test";
    if (isLibraryRecord(Record, {"future", "shared_future"}))
      return Name == "get" || Name.starts_with("wait");
    if (isLibraryRecord(Record, {"latch"}))
      return Name == "wait" || Name == "try_wait";
    if (isLibraryRecord(Record, {"counting_semaphore", "binary_semaphore"}))
      return Name.starts_with("acquire") || Name.starts_with("try_acquire");
    return false;
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return false;
  StringRef Name = Callee->getName();
  return Name == "sem_wait" || Name == "sem_trywait" || Name == "sem_timedwait" ||
         Name.starts_with("__atomic_load") || Name.starts_with("atomic_load") ||
         isNamed(Callee, {"::std::atomic_load", "::std::atomic_load_explicit"});
}

namespace {

/// `&r->done` or `r->done`, as the object it names.
const Expr *addressedObject(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf)
    return Address->getSubExpr()->IgnoreParenImpCasts();
  return E;
}

/// The signal sides of a POSIX or C11 function call and of a library
/// object's member call (the sides' method names).
const Expr *signalledObjectOf(const Stmt &S, bool Release) {
  if (const auto *Atomic = dyn_cast<AtomicExpr>(&S)) {
    AtomicStep Step = stepOf(*Atomic);
    if (isRelaxedOrder(*Atomic) ||
        Step != (Release ? AtomicStep::Store : AtomicStep::Load))
      return nullptr;
    return addressedObject(Atomic->getPtr());
  }
  // `r->ready = 1` and `while (!r->ready)` on a C _Atomic: a store and a
  // load of sequential consistency.
  if (const auto *Assign = dyn_cast<BinaryOperator>(&S)) {
    if (Release && Assign->getOpcode() == BO_Assign &&
        Assign->getLHS()->getType()->isAtomicType())
      return Assign->getLHS()->IgnoreParens();
    return nullptr;
  }
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(&S)) {
    if (!Release && Cast->getCastKind() == CK_LValueToRValue &&
        Cast->getSubExpr()->getType()->isAtomicType())
      return Cast->getSubExpr()->IgnoreParens();
    return nullptr;
  }
  const auto *Call = dyn_cast<CallExpr>(&S);
  if (!Call || isRelaxedAtomicCall(*Call))
    return nullptr;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call)) {
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
    if (Release && Operator->getOperator() == OO_Equal && Method &&
        isLibraryRecord(Method->getParent(), {"atomic"}))
      return Operator->getArg(0)->IgnoreParenImpCasts();
    return nullptr;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const CXXRecordDecl *Record = objectClassOf(*Member);
    if (!Method || !Record)
      return nullptr;
    StringRef Name = identifierOf(Method);
    bool Matches = false;
    if (isLibraryRecord(Record, {"atomic", "atomic_ref"}))
      Matches = Release ? Name == "store" : onlyAcquires(*Call);
    else if (isLibraryRecord(Record, {"latch"}))
      Matches = Release ? Name == "count_down" || Name == "arrive_and_wait"
                        : Name == "wait" || Name == "try_wait";
    else if (isLibraryRecord(Record, {"counting_semaphore", "binary_semaphore"}))
      Matches = Release ? Name == "release" : onlyAcquires(*Call);
    else if (isLibraryRecord(Record, {"promise"}))
      // Its waiter holds a future (isPromiseType); `_at_thread_exit`
      // publishes later, at the thread's end.
      Matches = Release && (Name == "set_value" || Name == "set_exception");
    return Matches ? Member->getImplicitObjectArgument()->IgnoreParenImpCasts()
                   : nullptr;
  }
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier() || Call->getNumArgs() == 0)
    return nullptr;
  StringRef Name = Callee->getName();
  bool Matches = Release ? Name == "sem_post" || Name.starts_with("atomic_store")
                         : onlyAcquires(*Call);
  return Matches ? addressedObject(Call->getArg(0)) : nullptr;
}

} // namespace

const Expr *releasedObjectOf(const Stmt &S) { return signalledObjectOf(S, true); }
const Expr *acquiredObjectOf(const Stmt &S) { return signalledObjectOf(S, false); }

bool observesAnotherThread(const CallExpr &Call) {
  if (waitsForAnotherThread(Call))
    return true;
  if (isRelaxedAtomicCall(Call))
    return false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const CXXRecordDecl *Record = objectClassOf(*Member);
    if (!Method || !isLibraryRecord(Record, {"atomic", "atomic_ref", "atomic_flag"}))
      return false;
    // A conversion (`if (done_)`) is a load.
    StringRef Name = identifierOf(Method);
    return isa<CXXConversionDecl>(Method) || Name == "load" ||
           Name == "exchange" || Name.starts_with("compare_exchange") ||
           Name.starts_with("test");
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return false;
  StringRef Name = Callee->getName();
  return Name.starts_with("__atomic_load") ||
         Name.starts_with("__atomic_exchange") ||
         Name.starts_with("__atomic_compare_exchange") ||
         Name.starts_with("__sync_bool_compare") ||
         Name.starts_with("__sync_val_compare") ||
         Name.starts_with("atomic_load") || Name.starts_with("atomic_exchange") ||
         Name.starts_with("atomic_compare_exchange") ||
         isNamed(Callee, {"::std::atomic_load", "::std::atomic_load_explicit",
                          "::std::atomic_exchange",
                          "::std::atomic_compare_exchange_strong",
                          "::std::atomic_compare_exchange_weak"});
}

namespace {

/// A claim whose result a caller keeps: only the first finds the flag
/// unset (`flag.exchange(true)`, `flag.test_and_set()`, C's
/// atomic_exchange, `__sync_lock_test_and_set`, atomic_flag_test_and_set).
bool isAtomicClaim(const Expr &E) {
  const Expr *Step = E.IgnoreParenImpCasts();
  if (const auto *Atomic = dyn_cast<AtomicExpr>(Step))
    return Atomic->getOp() == AtomicExpr::AO__c11_atomic_exchange ||
           Atomic->getOp() == AtomicExpr::AO__atomic_exchange_n;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Step)) {
    StringRef Name = identifierOf(Member->getMethodDecl());
    return isLibraryRecord(objectClassOf(*Member), {"atomic", "atomic_ref", "atomic_flag"}) &&
           (Name == "exchange" || Name == "test_and_set");
  }
  const auto *Call = dyn_cast<CallExpr>(Step);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier())
    return false;
  StringRef Name = Callee->getName();
  return Name.starts_with("__sync_lock_test_and_set") ||
         Name.starts_with("atomic_flag_test_and_set");
}

} // namespace

bool selectsOneCaller(const Expr &Condition, bool Holds, ASTContext &Context) {
  const Expr *E = Condition.IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(E); Not && Not->getOpcode() == UO_LNot)
    return selectsOneCaller(*Not->getSubExpr(), !Holds, Context);
  // `flag.exchange(true)` false: the first caller only.
  if (isAtomicClaim(*E))
    return !Holds;
  const auto *Compare = dyn_cast<BinaryOperator>(E);
  if (!Compare || !Compare->isEqualityOp())
    return false;
  bool Equal = (Compare->getOpcode() == BO_EQ) == Holds;
  for (auto [Step, Value] : {std::pair(Compare->getLHS(), Compare->getRHS()),
                             std::pair(Compare->getRHS(), Compare->getLHS())}) {
    if (Value->isValueDependent() || !Value->isIntegerConstantExpr(Context))
      continue;
    // The one thread a pthread barrier elects in each round: the wait
    // returns PTHREAD_BARRIER_SERIAL_THREAD (not 0) to it alone.
    if (const auto *Wait = dyn_cast<CallExpr>(Step->IgnoreParenImpCasts());
        Wait && isNamed(Wait->getDirectCallee(), {"::pthread_barrier_wait"})) {
      std::optional<llvm::APSInt> Constant = Value->getIntegerConstantExpr(Context);
      return Equal && Constant && *Constant != 0;
    }
    if (isAtomicTicket(*Step))
      return Equal; // each caller's ticket is another value
    if (isAtomicClaim(*Step)) {
      std::optional<llvm::APSInt> Constant = Value->getIntegerConstantExpr(Context);
      return Equal && Constant && *Constant == 0; // found unset
    }
  }
  return false;
}

bool isFutureWait(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  return Member && isLibraryRecord(objectClassOf(*Member), {"future", "shared_future"}) &&
         onlyAcquires(Call);
}

bool isPromiseType(QualType Type) {
  return !Type.isNull() && isLibraryRecord(recordOf(Type), {"promise"});
}

bool isSynchronizationObject(QualType Type) {
  if (Type.isNull())
    return false;
  if (isAtomicType(Type) || isMutexType(Type))
    return true;
  const CXXRecordDecl *Record = recordOf(Type);
  if (!Record)
    return false;
  return guardKindOf(Record) != GuardKind::None ||
         isLibraryRecord(Record, {"condition_variable", "condition_variable_any",
                                  "thread", "jthread", "future",
                                  "shared_future", "promise", "packaged_task",
                                  "latch", "barrier", "counting_semaphore",
                                  "binary_semaphore", "once_flag",
                                  "stop_source", "stop_token", "thread_pool",
                                  "io_context", "strand"}) ||
         isNamed(Record, {"::parlint::ThreadPool", "::parlint::ProcessPool"});
}

const Expr *synchronizedCallObject(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  if (!Member || !Member->getMethodDecl() ||
      !isSynchronizedClass(Member->getMethodDecl()->getParent()))
    return nullptr;
  return Member->getImplicitObjectArgument();
}

bool isSynchronizedClass(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition() || isInLibrary(Record))
    return false;
  bool Synchronized = false;
  auto Look = [&](const CXXRecordDecl *R) {
    for (const FieldDecl *Field : R->fields()) {
      QualType Type = Field->getType();
      if (isAtomicType(Type) || isMutexType(Type) ||
          isLibraryRecord(recordOf(Type),
                          {"condition_variable", "condition_variable_any"}))
        Synchronized = true;
    }
    return true;
  };
  Look(Record);
  Record->forallBases(Look);
  return Synchronized;
}

bool isStdContainer(const CXXRecordDecl *Record) {
  return isStdRecord(Record,
                     {"vector", "deque", "list", "forward_list", "map",
                      "multimap", "set", "multiset", "unordered_map",
                      "unordered_multimap", "unordered_set",
                      "unordered_multiset", "basic_string", "queue", "stack",
                      "priority_queue", "valarray"});
}

bool readsNoElement(const CXXMethodDecl *Method) {
  return Method && isStdContainer(Method->getParent()) &&
         llvm::is_contained({"size", "empty", "capacity", "max_size", "length"},
                            identifierOf(Method));
}

bool mutatesContainer(const CXXMethodDecl *Method) {
  if (!Method || Method->isConst() || !isStdContainer(Method->getParent()))
    return false;
  return llvm::is_contained(
      {"push_back", "emplace_back", "push_front", "emplace_front", "pop_back",
       "pop_front", "insert", "emplace", "emplace_hint", "insert_or_assign",
       "try_emplace", "erase", "clear", "resize", "assign", "swap", "append",
       "replace", "merge", "splice", "remove", "remove_if", "unique", "sort",
       "reverse", "push", "pop", "extract", "reserve", "shrink_to_fit",
       "push_range", "append_range", "insert_range", "assign_range"},
      identifierOf(Method));
}

bool insertsLeavingElements(const CXXMethodDecl *Method) {
  if (!Method || !isStdContainer(Method->getParent()))
    return false;
  bool Inserts = subscriptInserts(Method) ||
                 llvm::is_contained({"insert", "emplace", "emplace_hint",
                                     "try_emplace", "push_back", "emplace_back",
                                     "push_front", "emplace_front"},
                                    identifierOf(Method));
  if (!Inserts)
    return false;
  if (isStdRecord(Method->getParent(),
                  {"list", "forward_list", "map", "multimap", "set", "multiset",
                   "unordered_map", "unordered_multimap", "unordered_set",
                   "unordered_multiset"}))
    return true;
  // The element type of a sequence: its first template argument.
  const auto *Specialization =
      dyn_cast<ClassTemplateSpecializationDecl>(Method->getParent());
  if (!Specialization || Specialization->getTemplateArgs().size() == 0 ||
      Specialization->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return false;
  QualType Element = Specialization->getTemplateArgs()[0].getAsType();
  return Element->isPointerType() ||
         isStdRecord(Element->getAsCXXRecordDecl(), {"unique_ptr", "shared_ptr"});
}

bool subscriptInserts(const CXXMethodDecl *Method) {
  return Method && Method->getOverloadedOperator() == OO_Subscript &&
         !Method->isConst() &&
         isStdRecord(Method->getParent(), {"map", "unordered_map"});
}

bool hasSlotSubscript(QualType Type) {
  if (Type.isNull())
    return false;
  Type = Type.getNonReferenceType().getCanonicalType();
  if (Type->isArrayType() || Type->isPointerType())
    return true;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  // std::vector<bool> packs its elements into shared words: writing two
  // "slots" is writing one word.
  if (const auto *Vector =
          dyn_cast_or_null<ClassTemplateSpecializationDecl>(Record);
      Vector && isStdRecord(Vector, {"vector"}) &&
      Vector->getTemplateArgs().size() > 0 &&
      Vector->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
      Vector->getTemplateArgs()[0].getAsType()->isBooleanType())
    return false;
  return isStdRecord(Record, {"vector", "array", "deque", "span", "valarray",
                              "basic_string"});
}

bool isAtomicTicket(const Expr &E) {
  const Expr *Step = E.IgnoreParenImpCasts();
  if (const auto *Atomic = dyn_cast<AtomicExpr>(Step)) {
    switch (Atomic->getOp()) {
    case AtomicExpr::AO__c11_atomic_fetch_add:
    case AtomicExpr::AO__c11_atomic_fetch_sub:
    case AtomicExpr::AO__atomic_fetch_add:
    case AtomicExpr::AO__atomic_fetch_sub:
    case AtomicExpr::AO__atomic_add_fetch:
    case AtomicExpr::AO__atomic_sub_fetch:
      return true;
    default:
      return false;
    }
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(Step))
    return Unary->isIncrementDecrementOp() &&
           Unary->getSubExpr()->getType()->isAtomicType();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Step)) {
    StringRef Name = identifierOf(Member->getMethodDecl());
    return isLibraryRecord(objectClassOf(*Member), {"atomic", "atomic_ref"}) &&
           (Name == "fetch_add" || Name == "fetch_sub");
  }
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Step)) {
    OverloadedOperatorKind Kind = Operator->getOperator();
    return (Kind == OO_PlusPlus || Kind == OO_MinusMinus) &&
           Operator->getNumArgs() > 0 &&
           isLibraryRecord(
               recordOf(Operator->getArg(0)->IgnoreParenImpCasts()->getType()),
               {"atomic", "atomic_ref"});
  }
  const auto *Call = dyn_cast<CallExpr>(Step);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier())
    return false;
  StringRef Name = Callee->getName();
  return llvm::is_contained({"__sync_fetch_and_add", "__sync_add_and_fetch",
                             "__sync_fetch_and_sub", "__sync_sub_and_fetch",
                             "atomic_fetch_add", "atomic_fetch_add_explicit",
                             "atomic_fetch_sub", "atomic_fetch_sub_explicit"},
                            Name);
}

} // namespace clang::tidy::parlint
