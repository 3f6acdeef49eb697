#include "CompletionSignals.h"
#include "../common/AnalysisCache.h"
#include "../common/AstHelpers.h"
#include "../model/Synchronization.h"
#include "LockScopes.h"
#include "LoopBounds.h"
#include "SummaryWrites.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::parlint {

namespace {

/// `r->done` or `r.done` with `r` a variable: that variable and member.
struct MemberOfVariable {
  const VarDecl *Object = nullptr;
  const FieldDecl *Member = nullptr;
};

std::optional<MemberOfVariable> memberOfVariable(const Expr *E) {
  const auto *Member = dyn_cast_or_null<MemberExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  if (!Member)
    return std::nullopt;
  const auto *Ref = dyn_cast<DeclRefExpr>(Member->getBase()->IgnoreParenImpCasts());
  const auto *Object = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
  if (!Object || !Field)
    return std::nullopt;
  return MemberOfVariable{Object, Field};
}

/// The member of a variable's object that the target of a write lies in
/// (`r->stats.n` and `r->slots[i]` are in `stats` and `slots`).
std::optional<MemberOfVariable> writtenMember(const Expr *Target) {
  const Expr *E = Target->IgnoreParenImpCasts();
  while (true) {
    if (auto Found = memberOfVariable(E))
      return Found;
    if (const auto *Member = dyn_cast<MemberExpr>(E); Member && !Member->isArrow())
      E = Member->getBase()->IgnoreParenImpCasts();
    else if (const auto *Element = dyn_cast<ArraySubscriptExpr>(E))
      E = Element->getBase()->IgnoreParenImpCasts();
    else
      return std::nullopt;
  }
}

/// A member a plain write can race on: not itself synchronized.
bool plainMember(const FieldDecl &Member) {
  return !isAtomicType(Member.getType()) && !isSynchronizationObject(Member.getType());
}

/// The body of the innermost loop of Code around S (one trip's objects),
/// or Code's body.
const Stmt &tripOrBody(const Stmt &S, const FunctionAnalysis &Code) {
  for (const Stmt *Up = Code.parent(S); Up; Up = Code.parent(*Up))
    if (isLoop(*Up))
      if (const Stmt *Body = loopBody(*Up))
        return *Body;
  return Code.body();
}

/// Whether E is what an assignment, a compound assignment or `++`/`--`
/// writes.
bool isWriteTarget(const Expr &E, const FunctionAnalysis &Code) {
  const Stmt *Parent = Code.parentIgnoringImplicit(E);
  if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(Parent))
    return Assign->isAssignmentOp() && Assign->getLHS()->IgnoreParenImpCasts() == &E;
  if (const auto *Step = dyn_cast_or_null<UnaryOperator>(Parent))
    return Step->isIncrementDecrementOp();
  return false;
}

/// A function of the translation unit, other than the one around Body,
/// that acquires Signal of some object and then reads Member of the same
/// object.
struct Waiter {
  const Stmt *Wait = nullptr;
  const Expr *Read = nullptr;
  const FunctionDecl *Function = nullptr;
};

std::optional<Waiter> findWaiter(const FieldDecl &Signal, const FieldDecl &Member,
                                 bool WantsWrite, const Stmt &Body,
                                 ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  std::optional<Waiter> Found;
  forEachOwnDecl(*Context.getTranslationUnitDecl(), SM, [&](const Decl &D) {
    const auto *Function = dyn_cast<FunctionDecl>(&D);
    if (Found || !Function || !Function->doesThisDeclarationHaveABody() ||
        isWithin(Function->getBody(), &Body, SM) ||
        isWithin(&Body, Function->getBody(), SM))
      return;
    // A promise is waited for through its future, which names neither the
    // promise nor the object around it: any future's get() or wait(), then
    // a read of the member through any name (the member is the object's
    // type's own).
    bool ThroughFuture = isPromiseType(Signal.getType());
    llvm::SmallVector<std::pair<const Stmt *, const VarDecl *>, 2> Waits;
    // Every other wait of the function (a join): a read after one of them
    // may be ordered by it.
    llvm::SmallVector<const Stmt *, 4> OtherWaits;
    forEachDescendant(Function->getBody(), /*SkipLambdas=*/false,
                      [&](const Stmt &S) {
                        const auto *Call = dyn_cast<CallExpr>(&S);
                        if (auto Acquired = memberOfVariable(acquiredObjectOf(S));
                            Acquired && Acquired->Member == &Signal)
                          Waits.push_back({&S, Acquired->Object});
                        else if (ThroughFuture && Call && isFutureWait(*Call))
                          Waits.push_back({&S, nullptr});
                        else if (Call && observesAnotherThread(*Call))
                          OtherWaits.push_back(&S);
                      });
    if (Waits.empty())
      return;
    auto Before = [&](const Stmt &A, const Stmt &B) {
      return SM.isBeforeInTranslationUnit(A.getEndLoc(), B.getBeginLoc());
    };
    const FunctionAnalysis &Code = AnalysisCache::of(*Function->getBody(), Context);
    forEachDescendant(Function->getBody(), /*SkipLambdas=*/false, [&](const Stmt &S) {
      auto Read = memberOfVariable(dyn_cast<Expr>(&S));
      if (const auto *Named = dyn_cast<MemberExpr>(&S);
          !Read && ThroughFuture && Named && Named->getMemberDecl() == &Member)
        Read = MemberOfVariable{nullptr, &Member}; // `q->latency_us`, any name
      if (Found || !Read || Read->Member != &Member)
        return;
      // A read, not the target of an assignment; or, when a write is
      // wanted, that target (or the operand of `++`).
      bool Written = isWriteTarget(cast<Expr>(S), Code);
      if (Written != WantsWrite)
        return;
      for (const auto &[Wait, Object] : Waits)
        if ((Object == Read->Object || (ThroughFuture && !Object)) &&
            Before(*Wait, S) &&
            llvm::none_of(OtherWaits, [&](const Stmt *Other) {
              return Before(*Wait, *Other) && Before(*Other, S);
            })) {
          Found = Waiter{Wait, cast<Expr>(&S), Function};
          return;
        }
    });
  });
  return Found;
}

} // namespace

llvm::SmallVector<AccessAfterSignal, 1>
accessesAfterCompletionSignal(const Stmt &Body, ASTContext &Context) {
  llvm::SmallVector<AccessAfterSignal, 1> Found;
  const SourceManager &SM = Context.getSourceManager();
  const FunctionAnalysis &Code = AnalysisCache::of(Body, Context);
  std::optional<LockScopes> Locks;
  auto Unlocked = [&](const Stmt &S) {
    if (!Locks)
      Locks.emplace(Code);
    return Locks->heldAt(S).empty();
  };
  forEachDescendant(&Body, /*SkipLambdas=*/true, [&](const Stmt &Signal) {
    auto Signalled = memberOfVariable(releasedObjectOf(Signal));
    if (!Signalled)
      return;
    const Stmt &Trip = tripOrBody(Signal, Code);
    // A write after the signal, in the same trip, to another member of the
    // same object: the variable still names it (unchanged in the trip).
    if (isChangedWithin(Signalled->Object, Trip))
      return;
    auto After = [&](const Stmt &S) {
      return SM.isBeforeInTranslationUnit(Signal.getEndLoc(), S.getBeginLoc());
    };
    llvm::SmallVector<AccessAfterSignal, 2> Candidates;
    auto Consider = [&](const Expr *Write, const CallExpr *Call,
                        const FieldDecl *Member, bool Reads = false) {
      if (Member == Signalled->Member || !plainMember(*Member))
        return;
      AccessAfterSignal Candidate;
      Candidate.Signal = &Signal;
      Candidate.SignalMember = Signalled->Member;
      Candidate.Write = Write;
      Candidate.Reads = Reads;
      Candidate.Call = Call;
      Candidate.Member = Member;
      Candidates.push_back(Candidate);
    };
    forEachDescendant(&Trip, /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (!After(S) || !Unlocked(S))
        return;
      const Expr *Target = nullptr;
      if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
          Assign && Assign->isAssignmentOp())
        Target = Assign->getLHS();
      else if (const auto *Step = dyn_cast<UnaryOperator>(&S);
               Step && Step->isIncrementDecrementOp())
        Target = Step->getSubExpr();
      if (Target) {
        if (auto Written = writtenMember(Target);
            Written && Written->Object == Signalled->Object)
          Consider(cast<Expr>(&S), nullptr, Written->Member);
        return;
      }
      // `hdr = r->hdr;` after giving the slot back.
      if (auto Read = isa<MemberExpr>(S) ? memberOfVariable(cast<Expr>(&S))
                                         : std::nullopt;
          Read && Read->Object == Signalled->Object &&
          !isWriteTarget(cast<Expr>(S), Code) &&
          !isa<ArrayType>(Read->Member->getType().getCanonicalType()) &&
          !Read->Member->getType()->isRecordType()) {
        Consider(cast<Expr>(&S), nullptr, Read->Member, /*Reads=*/true);
        return;
      }
      // `io_account(req, started)` writing `req->service_us`.
      const auto *Call = dyn_cast<CallExpr>(&S);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
      if (!Definition || isa<CXXMethodDecl>(Definition))
        return;
      for (unsigned I = 0; I < Call->getNumArgs() && I < Definition->getNumParams(); ++I) {
        const auto *Ref = dyn_cast<DeclRefExpr>(Call->getArg(I)->IgnoreParenImpCasts());
        if (!Ref || Ref->getDecl() != Signalled->Object)
          continue;
        for (const SummaryWrite &Write : SummaryWrites::of(*Definition, Context).Writes)
          if (Write.Object.Root == Definition->getParamDecl(I) &&
              (Write.Object.ThroughPointer ||
               Definition->getParamDecl(I)->getType()->isReferenceType()) &&
              !Write.Object.Fields.empty() &&
              Write.Held.empty() && Write.Where)
            Consider(Write.Where, Call, Write.Object.Fields.front());
      }
    });
    for (AccessAfterSignal &Candidate : Candidates) {
      if (llvm::any_of(Found, [&](const AccessAfterSignal &Earlier) {
            return Earlier.Write == Candidate.Write;
          }))
        continue;
      auto Other = findWaiter(*Candidate.SignalMember, *Candidate.Member,
                              /*WantsWrite=*/Candidate.Reads, Body, Context);
      if (!Other)
        continue;
      Candidate.OtherWait = Other->Wait;
      Candidate.OtherRead = Other->Read;
      Candidate.OtherFunction = Other->Function;
      Found.push_back(Candidate);
    }
  });
  return Found;
}

} // namespace clang::tidy::parlint
