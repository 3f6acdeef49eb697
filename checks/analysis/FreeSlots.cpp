#include "FreeSlots.h"
#include "../common/AstHelpers.h"

#include <optional>

namespace clang::tidy::parlint {
namespace {

std::optional<int64_t> constantOf(const Expr *E, ASTContext &Ctx) {
  Expr::EvalResult Result;
  if (!E || E->isValueDependent() || !E->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  return Result.Val.getInt().getExtValue();
}

const VarDecl *localNamed(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(E));
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->hasLocalStorage() && Var->getType()->isIntegerType()
             ? Var
             : nullptr;
}

/// The constant size of the table a `for (j = 0; j < K; ...)` loop walks:
/// K, when the body indexes an array of at least K elements by j.
std::optional<int64_t> tableScanned(const ForStmt &For, const VarDecl *&Index,
                                    ASTContext &Ctx) {
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(stripped(For.getCond()));
  if (!Cond || Cond->getOpcode() != BO_LT)
    return std::nullopt;
  Index = localNamed(Cond->getLHS());
  std::optional<int64_t> Size = constantOf(Cond->getRHS(), Ctx);
  if (!Index || !Size || *Size <= 0)
    return std::nullopt;
  bool IndexesTable = false;
  forEachDescendant(For.getBody(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Sub = dyn_cast<ArraySubscriptExpr>(&S);
    if (!Sub || localNamed(Sub->getIdx()) != Index)
      return;
    const auto *Table = Ctx.getAsConstantArrayType(
        Sub->getBase()->IgnoreParenImpCasts()->getType());
    IndexesTable |= Table && Table->getSize().getSExtValue() >= *Size;
  });
  return IndexesTable ? Size : std::nullopt;
}

bool holds(int64_t Left, BinaryOperatorKind Op, int64_t Right) {
  switch (Op) {
  case BO_LT: return Left < Right;
  case BO_LE: return Left <= Right;
  case BO_GT: return Left > Right;
  case BO_GE: return Left >= Right;
  case BO_EQ: return Left == Right;
  case BO_NE: return Left != Right;
  default: return true; // unknown: it may hold
  }
}

BinaryOperatorKind mirrored(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT: return BO_GT;
  case BO_LE: return BO_GE;
  case BO_GT: return BO_LT;
  case BO_GE: return BO_LE;
  default: return Op;
  }
}

} // namespace

bool runsOnlyWithFreeSlot(const Expr *LHS, BinaryOperatorKind Op,
                          const Expr *RHS, const Stmt &Loop, ASTContext &Ctx) {
  const VarDecl *Slot = localNamed(LHS);
  if (!Slot) {
    std::swap(LHS, RHS);
    Op = mirrored(Op);
    Slot = localNamed(LHS);
  }
  std::optional<int64_t> Bound = constantOf(RHS, Ctx);
  if (!Slot || !Bound)
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt *Body = &Loop;
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    Body = For->getBody();
  else if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    Body = While->getBody();
  else if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    Body = Do->getBody();
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Body);
  if (!Block)
    return false;

  // The value outside the table each iteration starts from: the local's
  // declaration inside the body, or an assignment that is a statement of
  // the body itself (not under a branch).
  llvm::SmallVector<int64_t, 2> Outside;
  if (isWithin(Slot, Block, SM)) {
    std::optional<int64_t> Init = constantOf(Slot->getInit(), Ctx);
    if (!Init)
      return false;
    Outside.push_back(*Init);
  }
  for (const Stmt *S : Block->body())
    if (const auto *Assign = dyn_cast<BinaryOperator>(S);
        Assign && Assign->getOpcode() == BO_Assign &&
        localNamed(Assign->getLHS()) == Slot)
      if (std::optional<int64_t> Value = constantOf(Assign->getRHS(), Ctx))
        Outside.push_back(*Value);
  if (Outside.empty())
    return false;

  // Every other write gives it the index of a scan of a fixed-size table.
  std::optional<int64_t> TableSize;
  unsigned SlotWrites = 0;
  bool Unknown = false;
  forEachDescendant(Block, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (const auto *For = dyn_cast<ForStmt>(&S)) {
      const VarDecl *Index = nullptr;
      std::optional<int64_t> Size = tableScanned(*For, Index, Ctx);
      if (!Size)
        return;
      forEachDescendant(For->getBody(), true, [&](const Stmt &Inner) {
        const auto *Assign = dyn_cast<BinaryOperator>(&Inner);
        if (Assign && Assign->getOpcode() == BO_Assign &&
            localNamed(Assign->getLHS()) == Slot &&
            localNamed(Assign->getRHS()) == Index) {
          ++SlotWrites;
          TableSize = TableSize ? std::min(*TableSize, *Size) : *Size;
        }
      });
    }
  });
  unsigned Writes = 0;
  forEachDescendant(&Loop, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (const auto *Unary = dyn_cast<UnaryOperator>(&S)) {
      if ((Unary->isIncrementDecrementOp() ||
           Unary->getOpcode() == UO_AddrOf) &&
          localNamed(Unary->getSubExpr()) == Slot)
        Unknown = true;
    } else if (const auto *Binary = dyn_cast<BinaryOperator>(&S);
               Binary && Binary->isAssignmentOp() &&
               localNamed(Binary->getLHS()) == Slot) {
      if (Binary->getOpcode() != BO_Assign)
        Unknown = true;
      else if (localNamed(Binary->getRHS()) != nullptr ||
               constantOf(Binary->getRHS(), Ctx))
        ++Writes;
      else
        Unknown = true;
    }
  });
  // Constant writes must all be outside the table; every write from a local
  // must be a slot index.
  unsigned ConstantWrites = 0;
  forEachDescendant(&Loop, /*SkipLambdas=*/false, [&](const Stmt &S) {
    const auto *Assign = dyn_cast<BinaryOperator>(&S);
    if (!Assign || Assign->getOpcode() != BO_Assign ||
        localNamed(Assign->getLHS()) != Slot)
      return;
    if (std::optional<int64_t> Value = constantOf(Assign->getRHS(), Ctx)) {
      ++ConstantWrites;
      Outside.push_back(*Value);
    }
  });
  if (Unknown || !TableSize || SlotWrites + ConstantWrites != Writes)
    return false;
  return llvm::all_of(Outside, [&](int64_t Value) {
    return (Value < 0 || Value >= *TableSize) && !holds(Value, Op, *Bound);
  });
}

} // namespace clang::tidy::parlint
