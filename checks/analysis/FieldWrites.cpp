#include "FieldWrites.h"
#include "../common/AstHelpers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {

namespace {

const VarDecl *variableOf(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(E));
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

class FieldWriteIndex : public TranslationUnitState {
public:
  explicit FieldWriteIndex(ASTContext &Context) : Context(Context) {
    collect(*Context.getTranslationUnitDecl());
  }

  /// The unit's only store; else, given Array, the only store into its
  /// elements (one struct type filled by several launching functions).
  std::optional<LoopFieldWrite> onlyLoopWriteOf(const FieldDecl &Field,
                                                const VarDecl *Array) const {
    if (auto Write = onlyStoreOf(Field, nullptr); Write || !Array)
      return Write;
    auto Write = onlyStoreOf(Field, Array);
    if (Write && Write->Array != Array)
      return std::nullopt;
    return Write;
  }

  /// Field's only store, those into the elements of named arrays other
  /// than Array left out when Array is given.
  std::optional<LoopFieldWrite> onlyStoreOf(const FieldDecl &Field,
                                            const VarDecl *Array) const {
    const RecordDecl *Record = Field.getParent();
    if (Spoiled.contains(&Field) || SpoiledRecords.contains(Record))
      return std::nullopt;
    if (const auto *Class = dyn_cast<CXXRecordDecl>(Record);
        Class && Class->hasUserDeclaredConstructor())
      return std::nullopt;
    auto It = Stores.find(&Field);
    if (It == Stores.end())
      return std::nullopt;
    // Apart from clamps to a bound every trip shares (`if (s[t].last > n -
    // 1) s[t].last = n - 1;`): they shorten only the trailing ranges.
    llvm::SmallVector<const Stmt *, 2> Kept;
    for (const Stmt *Store : It->second)
      if (!Clamps.contains(Store) && (!Array || !intoOtherArray(*Store, *Array)))
        Kept.push_back(Store);
    if (Kept.size() != 1)
      return std::nullopt;
    auto Loop = InLoopBody.find(Kept.front());
    if (Loop == InLoopBody.end())
      return std::nullopt;
    for (const Stmt *Store : It->second)
      if (Store != Kept.front() && Clamps.lookup(Store) != Loop->second &&
          (!Array || !intoOtherArray(*Store, *Array)))
        return std::nullopt;
    const auto *Assign = cast<BinaryOperator>(Loop->first);
    const auto *Member = cast<MemberExpr>(stripped(Assign->getLHS()));
    const auto *Element =
        dyn_cast<ArraySubscriptExpr>(Member->getBase()->IgnoreParenImpCasts());
    const VarDecl *Counter = stepOneCounter(*Loop->second);
    if (Member->isArrow() || !Element || !Counter ||
        variableOf(Element->getIdx()) != Counter)
      return std::nullopt;
    return LoopFieldWrite{Assign->getRHS(), Loop->second,
                          variableOf(Element->getBase())};
  }

  llvm::SmallVector<const FunctionDecl *, 4>
  functionTargetsOf(const FieldDecl &Field) const {
    llvm::SmallVector<const FunctionDecl *, 4> Targets;
    auto It = Values.find(&Field);
    if (Spoiled.contains(&Field) || It == Values.end())
      return Targets;
    for (const Expr *Value : It->second) {
      const Expr *E = Value->IgnoreParenCasts();
      if (const auto *Address = dyn_cast<UnaryOperator>(E);
          Address && Address->getOpcode() == UO_AddrOf)
        E = Address->getSubExpr()->IgnoreParenCasts();
      if (isa<ImplicitValueInitExpr, GNUNullExpr, CXXNullPtrLiteralExpr>(E) ||
          E->isNullPointerConstant(Context, Expr::NPC_ValueDependentIsNotNull))
        continue;
      const auto *Ref = dyn_cast<DeclRefExpr>(E);
      const auto *Function = Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
      if (!Function)
        return {};
      if (!llvm::is_contained(Targets, Function))
        Targets.push_back(Function);
    }
    return Targets;
  }

private:
  ASTContext &Context;
  /// Each assignment to the field, by its statement.
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const Stmt *, 1>> Stores;
  /// Every value the field is given, by assignment or initializer.
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const Expr *, 2>> Values;
  llvm::DenseMap<const Stmt *, const ForStmt *> InLoopBody;
  /// `if (X > B) X = B;` in the body of a loop (B naming nothing the loop
  /// changes), by its assignment.
  llvm::DenseMap<const Stmt *, const ForStmt *> Clamps;
  llvm::SmallPtrSet<const FieldDecl *, 8> Spoiled;
  llvm::SmallPtrSet<const RecordDecl *, 8> SpoiledRecords;

  /// `if (X > B) X = B;` (or `>=`), with no else, B the same expression in
  /// both places and naming nothing Loop changes (no call, no element, no
  /// field the loop stores into): its assignment.
  const BinaryOperator *clampIn(const Stmt &S, const ForStmt &Loop) const {
    const auto *If = dyn_cast<IfStmt>(&S);
    if (!If || If->getElse() || If->getInit() || If->getConditionVariable())
      return nullptr;
    const Stmt *Then = If->getThen();
    if (const auto *Block = dyn_cast<CompoundStmt>(Then))
      Then = Block->size() == 1 ? Block->body_front() : nullptr;
    const auto *Assign = dyn_cast_or_null<BinaryOperator>(Then);
    const auto *Test = dyn_cast<BinaryOperator>(stripped(If->getCond()));
    if (!Assign || Assign->getOpcode() != BO_Assign || !Test ||
        (Test->getOpcode() != BO_GT && Test->getOpcode() != BO_GE) ||
        !fieldOf(Assign->getLHS()))
      return nullptr;
    auto Same = [&](const Expr *A, const Expr *B) {
      llvm::FoldingSetNodeID IdA, IdB;
      stripped(A)->Profile(IdA, Context, /*Canonical=*/true);
      stripped(B)->Profile(IdB, Context, /*Canonical=*/true);
      return IdA == IdB;
    };
    // `if (X >= B) X = B - 1;`: clamped to the bound less a constant,
    // still only shortening.
    auto BoundLessConstant = [&](const Expr *Value) {
      const auto *Minus = dyn_cast<BinaryOperator>(stripped(Value));
      std::optional<llvm::APSInt> K =
          Minus && Minus->getOpcode() == BO_Sub
              ? Minus->getRHS()->getIntegerConstantExpr(Context)
              : std::nullopt;
      return K && !K->isNegative() && Same(Minus->getLHS(), Test->getRHS());
    };
    if (!Same(Test->getLHS(), Assign->getLHS()) ||
        !(Same(Test->getRHS(), Assign->getRHS()) ||
          BoundLessConstant(Assign->getRHS())))
      return nullptr;
    bool Changing = false;
    forEachDescendant(Assign->getRHS(), /*SkipLambdas=*/true, [&](const Stmt &N) {
      if (const auto *Ref = dyn_cast<DeclRefExpr>(&N))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
            Var && Loop.getBody() &&
            (isChangedWithin(Var, *Loop.getBody()) || Var == stepOneCounter(Loop)))
          Changing = true;
      if (isa<CallExpr, ArraySubscriptExpr>(N))
        Changing = true;
      // `tb->n - 1`: a field the loop never stores into.
      if (const auto *Member = dyn_cast<MemberExpr>(&N))
        Changing = Changing || !isa<FieldDecl>(Member->getMemberDecl()) ||
                   storesInto(cast<FieldDecl>(*Member->getMemberDecl()), Loop);
    });
    return Changing ? nullptr : Assign;
  }

  /// Whether Loop's body assigns, increments or takes the address of Field.
  static bool storesInto(const FieldDecl &Field, const ForStmt &Loop) {
    bool Stores = false;
    forEachDescendant(Loop.getBody(), /*SkipLambdas=*/false, [&](const Stmt &S) {
      if (const auto *Binary = dyn_cast<BinaryOperator>(&S);
          Binary && Binary->isAssignmentOp())
        Stores = Stores || fieldOf(Binary->getLHS()) == &Field;
      else if (const auto *Unary = dyn_cast<UnaryOperator>(&S);
               Unary && (Unary->isIncrementDecrementOp() ||
                         Unary->getOpcode() == UO_AddrOf))
        Stores = Stores || fieldOf(Unary->getSubExpr()) == &Field;
    });
    return Stores;
  }

  /// Whether Store assigns the field of an element of a named array other
  /// than Array (`other[k].lo = ...`): it cannot change Array's elements.
  static bool intoOtherArray(const Stmt &Store, const VarDecl &Array) {
    const auto *Assign = dyn_cast<BinaryOperator>(&Store);
    const auto *Member =
        Assign ? dyn_cast<MemberExpr>(stripped(Assign->getLHS())) : nullptr;
    const auto *Element =
        Member && !Member->isArrow()
            ? dyn_cast<ArraySubscriptExpr>(Member->getBase()->IgnoreParenImpCasts())
            : nullptr;
    const VarDecl *Base = Element ? variableOf(Element->getBase()) : nullptr;
    return Base && Base != &Array && Base->getType()->isArrayType() &&
           Array.getType()->isArrayType();
  }

  static const FieldDecl *fieldOf(const Expr *E) {
    const auto *Member = dyn_cast_or_null<MemberExpr>(stripped(E));
    return Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
  }
  static const RecordDecl *recordOf(QualType Type) {
    return Type.isNull() ? nullptr : Type->getAsRecordDecl();
  }

  void visitTree(const Stmt *Root) {
    forEachDescendant(Root, /*SkipLambdas=*/false, [&](const Stmt &S) { visit(S); });
  }

  void visit(const Stmt &S) {
    if (const auto *Loop = dyn_cast<ForStmt>(&S)) {
      if (const auto *Body = dyn_cast_or_null<CompoundStmt>(Loop->getBody()))
        for (const Stmt *Child : Body->body()) {
          if (const auto *Assign = dyn_cast<BinaryOperator>(Child);
              Assign && Assign->getOpcode() == BO_Assign)
            InLoopBody[Assign] = Loop;
          if (const BinaryOperator *Clamp = clampIn(*Child, *Loop))
            Clamps[Clamp] = Loop;
        }
    } else if (const auto *Binary = dyn_cast<BinaryOperator>(&S)) {
      if (!Binary->isAssignmentOp())
        return;
      if (const FieldDecl *Field = fieldOf(Binary->getLHS())) {
        Stores[Field].push_back(Binary);
        if (Binary->getOpcode() == BO_Assign)
          Values[Field].push_back(Binary->getRHS());
        else
          Spoiled.insert(Field);
      }
      if (const RecordDecl *Record = recordOf(Binary->getLHS()->getType()))
        SpoiledRecords.insert(Record);
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(&S)) {
      if (Unary->isIncrementDecrementOp() || Unary->getOpcode() == UO_AddrOf)
        if (const FieldDecl *Field = fieldOf(Unary->getSubExpr()))
          Spoiled.insert(Field);
    } else if (const auto *Init = dyn_cast<InitListExpr>(&S)) {
      visitInitializer(*Init);
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S)) {
      if (Op->isAssignmentOp() && Op->getNumArgs() > 0)
        if (const RecordDecl *Record = recordOf(Op->getArg(0)->getType()))
          SpoiledRecords.insert(Record);
    } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      // A struct filled by memset or memcpy.
      if (!isNamed(Call->getDirectCallee(),
                   {"::memset", "::memcpy", "::memmove", "::bzero"}))
        return;
      for (const Expr *Arg : Call->arguments())
        if (const auto *Address = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
            Address && Address->getOpcode() == UO_AddrOf)
          if (const RecordDecl *Record = recordOf(Address->getSubExpr()->getType()))
            SpoiledRecords.insert(Record);
    }
  }

  /// A brace initializer of a struct gives each field its value (in the
  /// semantic form, one initializer per named field, in order).
  void visitInitializer(const InitListExpr &Init) {
    const RecordDecl *Record = recordOf(Init.getType());
    if (!Record)
      return;
    if (Record->isUnion()) {
      SpoiledRecords.insert(Record);
      return;
    }
    unsigned Index = 0;
    for (const FieldDecl *Field : Record->fields()) {
      if (Field->isUnnamedBitField())
        continue;
      Stores[Field].push_back(&Init);
      if (Index < Init.getNumInits()) // the rest are zero-filled
        Values[Field].push_back(Init.getInit(Index++));
    }
  }

  void collect(const DeclContext &Scope) {
    forEachOwnDecl(Scope, Context.getSourceManager(), [&](const Decl &D) {
      if (const auto *Function = dyn_cast<FunctionDecl>(&D)) {
        if (Function->doesThisDeclarationHaveABody())
          visitTree(Function->getBody());
      } else if (const auto *Template = dyn_cast<FunctionTemplateDecl>(&D)) {
        if (Template->getTemplatedDecl()->doesThisDeclarationHaveABody())
          visitTree(Template->getTemplatedDecl()->getBody());
      } else if (const auto *Var = dyn_cast<VarDecl>(&D); Var && Var->getInit()) {
        visitTree(Var->getInit()); // a file-scope table
      }
    });
  }
};

} // namespace

const VarDecl *stepOneCounter(const ForStmt &Loop) {
  const VarDecl *Counter = nullptr;
  const Expr *Inc = Loop.getInc() ? Loop.getInc()->IgnoreParenImpCasts() : nullptr;
  if (const auto *Step = dyn_cast_or_null<UnaryOperator>(Inc);
      Step && Step->isIncrementOp())
    Counter = variableOf(Step->getSubExpr());
  else if (const auto *Add = dyn_cast_or_null<CompoundAssignOperator>(Inc);
           Add && Add->getOpcode() == BO_AddAssign)
    if (const VarDecl *Var = variableOf(Add->getLHS()))
      if (auto Step = Add->getRHS()->getIntegerConstantExpr(Var->getASTContext());
          Step && *Step == 1)
        Counter = Var;
  if (!Counter || !Loop.getBody() || isChangedWithin(Counter, *Loop.getBody()))
    return nullptr;
  return Counter;
}

std::optional<LoopFieldWrite> onlyLoopWriteOf(const FieldDecl &Field,
                                              ASTContext &Context,
                                              const VarDecl *Array) {
  return AnalysisCache::layerState<FieldWriteIndex>(Context).onlyLoopWriteOf(Field,
                                                                            Array);
}

llvm::SmallVector<const FunctionDecl *, 4>
functionTargetsOf(const FieldDecl &Field, ASTContext &Context) {
  return AnalysisCache::layerState<FieldWriteIndex>(Context).functionTargetsOf(Field);
}

} // namespace clang::tidy::parlint
