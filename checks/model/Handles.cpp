#include "Handles.h"
#include "../common/AstHelpers.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include <optional>

namespace clang::tidy::parlint {

namespace {

bool isStdRecord(const CXXRecordDecl *Record, llvm::ArrayRef<StringRef> Names) {
  if (!Record || !Record->getIdentifier() ||
      !Record->getDeclContext()->isStdNamespace())
    return false;
  return llvm::is_contained(Names, Record->getName());
}

bool isPosixThreadType(QualType Type) {
  for (QualType Current = Type; !Current.isNull();) {
    const auto *Typedef = Current->getAs<TypedefType>();
    if (!Typedef)
      return false;
    if (Typedef->getDecl()->getName() == "pthread_t")
      return true;
    Current = Typedef->desugar();
  }
  return false;
}

const CXXRecordDecl *recordOf(QualType Type) {
  return Type.isNull() ? nullptr
                       : Type.getCanonicalType()->getAsCXXRecordDecl();
}

} // namespace

bool isStdThreadClass(const CXXRecordDecl *Record) {
  return isStdRecord(Record, {"thread"});
}

bool isStdJThreadClass(const CXXRecordDecl *Record) {
  return isStdRecord(Record, {"jthread"});
}

namespace {

/// The record a standard sequence container of Container's type holds.
const CXXRecordDecl *elementRecordOf(const CXXRecordDecl *Container) {
  const auto *Specialization =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(Container);
  if (!Specialization ||
      !isStdRecord(Specialization,
                   {"vector", "deque", "list", "forward_list", "array"}) ||
      Specialization->getTemplateArgs().size() == 0 ||
      Specialization->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return nullptr;
  return recordOf(Specialization->getTemplateArgs()[0].getAsType());
}

} // namespace

const CXXRecordDecl *threadElementOf(const CXXRecordDecl *Container) {
  const CXXRecordDecl *Element = elementRecordOf(Container);
  return isStdThreadClass(Element) || isStdJThreadClass(Element) ? Element
                                                                 : nullptr;
}

bool isHandleContainer(HandleType Type) {
  return Type == HandleType::ThreadContainer ||
         Type == HandleType::JThreadContainer ||
         Type == HandleType::FutureContainer;
}

HandleType elementTypeOf(HandleType Container) {
  switch (Container) {
  case HandleType::ThreadContainer:
    return HandleType::Thread;
  case HandleType::JThreadContainer:
    return HandleType::JThread;
  case HandleType::FutureContainer:
    return HandleType::Future;
  default:
    return HandleType::None;
  }
}

HandleType handleTypeOf(QualType Type) {
  if (Type.isNull() || Type->isReferenceType() || Type->isDependentType())
    return HandleType::None;
  if (isPosixThreadType(Type))
    return HandleType::PosixThread;
  if (const auto *Array = Type->getAsArrayTypeUnsafe();
      Array && isPosixThreadType(Array->getElementType()))
    return HandleType::PosixThread;
  const CXXRecordDecl *Record = recordOf(Type);
  if (isStdThreadClass(Record))
    return HandleType::Thread;
  if (isStdJThreadClass(Record))
    return HandleType::JThread;
  if (isStdRecord(Record, {"future"}))
    return HandleType::Future;
  if (const auto *Optional =
          dyn_cast_or_null<ClassTemplateSpecializationDecl>(Record);
      Optional && isStdRecord(Optional, {"optional"}) &&
      Optional->getTemplateArgs().size() == 1 &&
      Optional->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
      isStdThreadClass(recordOf(Optional->getTemplateArgs()[0].getAsType())))
    return HandleType::OptionalThread;
  const CXXRecordDecl *Element = elementRecordOf(Record);
  if (isStdThreadClass(Element))
    return HandleType::ThreadContainer;
  if (isStdJThreadClass(Element))
    return HandleType::JThreadContainer;
  if (isStdRecord(Element, {"future"}))
    return HandleType::FutureContainer;
  return HandleType::None;
}

HandleOp memberOp(const CXXMethodDecl *Method) {
  if (!Method || !Method->getIdentifier())
    return HandleOp::Other;
  StringRef Name = Method->getName();
  const CXXRecordDecl *Record = Method->getParent();
  if (isStdThreadClass(Record) || isStdJThreadClass(Record)) {
    if (Name == "join")
      return HandleOp::Join;
    if (Name == "detach")
      return HandleOp::Detach;
    if (llvm::is_contained({"joinable", "get_id", "request_stop",
                            "get_stop_token", "get_stop_source"},
                           Name))
      return HandleOp::Query;
    return HandleOp::Other;
  }
  // libstdc++ declares wait(), wait_for(), wait_until() and valid() in the
  // common base std::__basic_future.
  if (isStdRecord(Record, {"future", "shared_future", "__basic_future"})) {
    if (Name == "get" || Name == "wait")
      return HandleOp::Wait;
    if (llvm::is_contained({"valid", "wait_for", "wait_until"}, Name))
      return HandleOp::Query;
  }
  return HandleOp::Other;
}

HandleOp freeFunctionOp(const FunctionDecl *Function) {
  if (isNamed(Function, {"::pthread_join", "::waitpid", "::wait4", "::waitid"}))
    return HandleOp::Join;
  if (isNamed(Function, {"::pthread_detach"}))
    return HandleOp::Detach;
  if (isNamed(Function, {"::pthread_equal", "::pthread_kill",
                         "::pthread_cancel", "::pthread_setname_np",
                         "::pthread_getname_np", "::pthread_setschedparam",
                         "::pthread_getschedparam", "::pthread_setaffinity_np",
                         "::pthread_getaffinity_np", "::kill"}))
    return HandleOp::Query;
  return HandleOp::Other;
}

bool returnsOwnThreadId(const FunctionDecl *Function) {
  return isNamed(Function, {"::pthread_self"});
}

bool onlyActsOnThreadId(const FunctionDecl *Function) {
  if (!Function || !identifierOf(Function).starts_with("pthread_") ||
      !Function->getDeclContext()->getRedeclContext()->isTranslationUnit())
    return false;
  HandleOp Op = freeFunctionOp(Function);
  if (Op == HandleOp::Join || Op == HandleOp::Detach)
    return false;
  const SourceManager &SM = Function->getASTContext().getSourceManager();
  return Op == HandleOp::Query ||
         SM.isInSystemHeader(SM.getExpansionLoc(Function->getLocation()));
}

namespace {

std::optional<int64_t> constantOf(const Expr *E, const ASTContext &Context) {
  Expr::EvalResult Value;
  if (!E || E->isValueDependent() || !E->EvaluateAsInt(Value, Context) ||
      Value.Val.getInt().getSignificantBits() > 64)
    return std::nullopt;
  return Value.Val.getInt().getExtValue();
}

/// waitid's idtype argument names P_ALL or P_PGID (an enumerator or a macro).
bool waitsForAGroup(const Expr *IdType) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(IdType));
  const auto *Enumerator =
      Ref ? dyn_cast<EnumConstantDecl>(Ref->getDecl()) : nullptr;
  return Enumerator && llvm::is_contained({"P_ALL", "P_PGID"},
                                          identifierOf(Enumerator));
}

/// The options argument of a wait call, or null.
const Expr *waitOptionsOf(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (isNamed(Callee, {"::waitpid", "::wait4"}) && Call.getNumArgs() > 2)
    return Call.getArg(2);
  if (isNamed(Callee, {"::wait3"}) && Call.getNumArgs() > 1)
    return Call.getArg(1);
  if (isNamed(Callee, {"::waitid"}) && Call.getNumArgs() > 3)
    return Call.getArg(3);
  return nullptr;
}

/// A wait for any child that returns at once when none has exited: WNOHANG
/// (1 on Linux, the BSDs and macOS) among its constant options.
bool pollsForAnyChild(const CallExpr &Call, const ASTContext &Context) {
  if (!waitsForAnyChild(Call))
    return false;
  std::optional<int64_t> Options = constantOf(waitOptionsOf(Call), Context);
  return Options && (*Options & 1);
}

} // namespace

bool waitsForAnyChild(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (isNamed(Callee, {"::wait", "::wait3"}))
    return true;
  if (isNamed(Callee, {"::waitid"}))
    return Call.getNumArgs() > 0 && waitsForAGroup(Call.getArg(0));
  if (!isNamed(Callee, {"::waitpid", "::wait4"}) || Call.getNumArgs() == 0)
    return false;
  std::optional<int64_t> Pid =
      constantOf(Call.getArg(0), Callee->getASTContext());
  return Pid && *Pid <= 0;
}

bool isStoringMethod(StringRef Name) {
  return llvm::is_contained({"push_back", "emplace_back", "push_front",
                             "emplace_front", "insert", "emplace", "push",
                             "try_emplace", "insert_or_assign"},
                            Name);
}

bool isStdMove(const CallExpr &Call) {
  return isNamed(Call.getDirectCallee(), {"::std::move", "::std::forward"});
}

bool observesFutureResult(const CXXMethodDecl *Method) {
  return Method && Method->getIdentifier() &&
         isStdRecord(Method->getParent(),
                     {"future", "shared_future", "__basic_future"}) &&
         llvm::is_contained({"get", "wait", "wait_for", "wait_until"},
                            Method->getName());
}

bool returnsChildPid(const FunctionDecl *Function) {
  return isNamed(Function, {"::fork", "::vfork"});
}

bool replacesProcessImage(const FunctionDecl *Function) {
  return isNamed(Function, {"::execve", "::execv", "::execvp", "::execvpe",
                            "::execl", "::execlp", "::execle", "::fexecve",
                            "::execveat"});
}

namespace {
/// Whether E is the constant SIGKILL (9 on every POSIX system parlint
/// runs on; the macro expands to it).
bool isSigKill(const Expr *E, const ASTContext &Context) {
  Expr::EvalResult Result;
  return E && !E->isValueDependent() &&
         E->EvaluateAsInt(Result, Context) && Result.Val.getInt() == 9;
}
} // namespace

bool killsOwnProcess(const CallExpr &Call, const ASTContext &Context) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (isNamed(Callee, {"::raise"}) && Call.getNumArgs() == 1)
    return isSigKill(Call.getArg(0), Context);
  if (isNamed(Callee, {"::pthread_kill"}) && Call.getNumArgs() == 2)
    return isSigKill(Call.getArg(1), Context);
  if (isNamed(Callee, {"::kill"}) && Call.getNumArgs() == 2 &&
      isSigKill(Call.getArg(1), Context)) {
    const Expr *Target = Call.getArg(0)->IgnoreParenImpCasts();
    Expr::EvalResult Result;
    if (Target->EvaluateAsInt(Result, Context))
      return Result.Val.getInt() == 0; // the caller's process group
    const auto *Self = dyn_cast<CallExpr>(Target);
    return Self && isNamed(Self->getDirectCallee(), {"::getpid"});
  }
  return false;
}

StartResult startResultOf(const FunctionDecl *Function) {
  if (returnsChildPid(Function))
    return StartResult::ChildPid;
  if (isNamed(Function,
              {"::pthread_create", "::posix_spawn", "::posix_spawnp"}))
    return StartResult::ErrorCode;
  return StartResult::None;
}

const Expr *threadAttributesOf(const CallExpr &Create) {
  if (!isNamed(Create.getDirectCallee(), {"::pthread_create"}) ||
      Create.getNumArgs() < 2)
    return nullptr;
  return Create.getArg(1);
}

const Expr *waitedPidArgument(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (isNamed(Callee, {"::waitpid", "::wait4"}) && Call.getNumArgs() > 0)
    return Call.getArg(0);
  if (isNamed(Callee, {"::waitid"}) && Call.getNumArgs() > 1)
    return Call.getArg(1);
  return nullptr;
}

namespace {

/// Whether the expression is written with the macro Name (directly, or
/// through macros expanding to it).
bool spelledWith(const Expr *E, StringRef Name, ASTContext &Context) {
  if (!E)
    return false;
  const SourceManager &SM = Context.getSourceManager();
  for (SourceLocation Loc = E->getBeginLoc(); Loc.isMacroID();
       Loc = SM.getImmediateMacroCallerLoc(Loc))
    if (Lexer::getImmediateMacroName(Loc, SM, Context.getLangOpts()) == Name)
      return true;
  return false;
}

bool isSigChld(const Expr *E, ASTContext &Context) {
  return spelledWith(E, "SIGCHLD", Context) || spelledWith(E, "SIGCLD", Context);
}

bool isSigIgn(const Expr *E, ASTContext &Context) {
  if (spelledWith(E, "SIG_IGN", Context))
    return true;
  const auto *Literal = dyn_cast_or_null<IntegerLiteral>(stripped(E));
  return Literal && E->IgnoreParens() != Literal &&
         E->getType()->isPointerType() && Literal->getValue() == 1;
}

} // namespace

bool ignoresChildExit(const Stmt &Body, ASTContext &Context) {
  bool Ignores = false, SigactionForChild = false, HandlerIgnored = false;
  forEachDescendant(&Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (Ignores)
      return;
    if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!llvm::is_contained({"signal", "sigset", "bsd_signal", "sigaction"},
                              identifierOf(Callee)))
        return; // the cheap test first
      if (isNamed(Callee, {"::signal", "::sigset", "::bsd_signal"}) &&
          Call->getNumArgs() == 2 && isSigChld(Call->getArg(0), Context) &&
          isSigIgn(Call->getArg(1), Context))
        Ignores = true;
      if (isNamed(Callee, {"::sigaction"}) && Call->getNumArgs() > 0 &&
          isSigChld(Call->getArg(0), Context))
        SigactionForChild = true;
      return;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
        Assign && Assign->getOpcode() == BO_Assign && isSigIgn(Assign->getRHS(), Context))
      if (const auto *Member = dyn_cast<MemberExpr>(stripped(Assign->getLHS()));
          Member && identifierOf(Member->getMemberDecl()) == "sa_handler")
        HandlerIgnored = true;
    // SA_NOCLDWAIT expands to an integer literal.
    if (const auto *Literal = dyn_cast<IntegerLiteral>(&S);
        Literal && Literal->getBeginLoc().isMacroID() &&
        spelledWith(Literal, "SA_NOCLDWAIT", Context))
      Ignores = true;
  });
  return Ignores || (SigactionForChild && HandlerIgnored);
}

namespace {

/// The function a handler expression names (`on_child`, `&on_child`).
const FunctionDecl *handlerFunction(const Expr *E) {
  E = stripped(E);
  if (const auto *Address = dyn_cast_or_null<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf)
    E = stripped(Address->getSubExpr());
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  return Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
}

/// Whether Body installs a SIGCHLD handler: `signal(SIGCHLD, on_child)`, or
/// `sa.sa_handler = on_child` (or sa_sigaction) next to
/// `sigaction(SIGCHLD, &sa, ...)`. Whether the handler waits for the children
/// itself or only notes the signal (a flag, a byte down a self-pipe, a
/// wake-up of select()) for a loop that then waits, the program reaps its
/// children when they exit.
bool installsChildExitHandler(const Stmt &Body, ASTContext &Context) {
  bool Installs = false, SigactionForChild = false, HandlerSet = false;
  forEachDescendant(&Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!llvm::is_contained({"signal", "sigset", "bsd_signal", "sigaction"},
                              identifierOf(Callee)) ||
          Call->getNumArgs() < 2 || !isSigChld(Call->getArg(0), Context))
        return;
      if (isNamed(Callee, {"::sigaction"}))
        SigactionForChild = true;
      else if (isNamed(Callee, {"::signal", "::sigset", "::bsd_signal"}))
        Installs |= handlerFunction(Call->getArg(1)) != nullptr;
      return;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
        Assign && Assign->getOpcode() == BO_Assign)
      if (const auto *Member = dyn_cast<MemberExpr>(stripped(Assign->getLHS()));
          Member && llvm::is_contained({"sa_handler", "sa_sigaction"},
                                       identifierOf(Member->getMemberDecl())))
        HandlerSet |= handlerFunction(Assign->getRHS()) != nullptr;
  });
  return Installs || (SigactionForChild && HandlerSet);
}

} // namespace

bool reapsEveryChild(const Stmt &Body, ASTContext &Context) {
  bool Reaps = false;
  // InLoop: inside the condition or body of a loop of the same function.
  auto Walk = [&](auto &Self, const Stmt *S, bool InLoop, bool InLambda) {
    if (!S || Reaps)
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && ((InLoop && pollsForAnyChild(*Call, Context)) ||
                 (InLambda && waitsForAnyChild(*Call)))) {
      Reaps = true;
      return;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      Self(Self, Lambda->getBody(), false, true);
      return;
    }
    bool Loop = isLoop(S);
    for (const Stmt *Child : S->children())
      Self(Self, Child, InLoop || Loop, InLambda);
  };
  Walk(Walk, &Body, false, false);
  return Reaps || installsChildExitHandler(Body, Context);
}

const Expr *attributesMadeDetachedBy(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!isNamed(Callee, {"::pthread_attr_setdetachstate"}) ||
      Call.getNumArgs() != 2)
    return nullptr;
  // PTHREAD_CREATE_JOINABLE: an enumerator behind a macro of the same name
  // in glibc, a macro for a literal elsewhere. Any other state, a variable
  // included, may detach: parlint then says nothing about the thread.
  const Expr *State = Call.getArg(1);
  const auto *Ref = dyn_cast<DeclRefExpr>(stripped(State));
  if (identifierOf(Ref ? Ref->getDecl() : nullptr) ==
          "PTHREAD_CREATE_JOINABLE" ||
      spelledWith(State, "PTHREAD_CREATE_JOINABLE", Callee->getASTContext()))
    return nullptr;
  return Call.getArg(0);
}

} // namespace clang::tidy::parlint
