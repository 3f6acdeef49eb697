#include "InputOrigin.h"
#include "LoopBounds.h"
#include "ObjectWrites.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {
namespace {

// Deep enough for `n = atoi(s)`, `s = argv[1]`; cycles stop at InProgress.
constexpr unsigned MaxDepth = 8;

Origin bounded() { return {Provenance::Bounded}; }
Origin unknown() { return {}; }
Origin input(InputShape Shape, const NamedDecl *Source, bool RunTime) {
  Origin O;
  O.Kind = Provenance::Input;
  O.Shape = Shape;
  O.Source = Source;
  O.RunTime = RunTime;
  return O;
}

Origin larger(Origin A, Origin B) { return B.Kind > A.Kind ? B : A; }
Origin smaller(Origin A, Origin B) { return B.Kind < A.Kind ? B : A; }

Origin withShape(Origin O, InputShape Shape) {
  if (O.isInput() && !O.RunTime)
    O.Shape = Shape;
  return O;
}

/// Only what was read at run time: data handed to an unknown function keeps
/// being input only when it was read (a parser of argv, a splitter of a line).
Origin runTimeOnly(Origin O) { return O.isInput() && O.RunTime ? O : unknown(); }

bool isSizeQuery(StringRef Name) {
  return Name == "size" || Name == "length" || Name == "ssize" ||
         Name == "empty";
}

bool isIteratorQuery(StringRef Name) {
  return Name == "begin" || Name == "end" || Name == "cbegin" ||
         Name == "cend" || Name == "rbegin" || Name == "rend" ||
         Name == "find" || Name == "lower_bound" || Name == "upper_bound";
}

/// Member functions of a container that never add an element.
bool neverGrows(StringRef Name) {
  return llvm::is_contained(
      {"clear",   "pop_back", "pop_front", "pop",     "erase",  "reserve",
       "shrink_to_fit", "sort", "reverse", "unique",  "remove", "remove_if",
       "at",      "front",    "back",      "begin",   "end",    "rbegin",
       "rend",    "cbegin",   "cend",      "data",    "find",   "lower_bound",
       "upper_bound", "equal_range", "count", "contains", "size", "empty",
       "capacity", "max_size", "c_str", "substr", "compare", "get"},
      Name);
}

/// Member functions that add one element per call (`insert(first, last)`
/// and `append(first, last)` add a range: see fill()).
bool addsElements(StringRef Name) {
  return isStoringMethod(Name) ||
         llvm::is_contained({"insert", "emplace", "emplace_hint", "try_emplace",
                             "insert_or_assign", "push", "append", "splice",
                             "merge", "push_range", "append_range",
                             "insert_range"},
                            Name);
}

/// A type whose objects hold elements: an array or a class with size() or
/// begin() (a container, a string, a span); not an iterator.
bool isContainerType(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isArrayType())
    return true;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  for (const Decl *Member : Record->decls()) {
    const Decl *Inner = Member;
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member))
      Inner = Template->getTemplatedDecl();
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Inner);
        Method && Method->getIdentifier() &&
        (Method->getName() == "size" || Method->getName() == "begin"))
      return true;
  }
  for (const CXXBaseSpecifier &Base : Record->bases())
    if (isContainerType(Base.getType()))
      return true;
  return false;
}

/// An argument that stands for several elements: an iterator from begin()
/// or end(), a pointer, a container.
bool isRangeArgument(const Expr *Arg) {
  if (Arg->getType()->isPointerType() || isContainerType(Arg->getType()))
    return true;
  const auto *Call = dyn_cast_or_null<CallExpr>(stripped(Arg));
  return Call && isIteratorQuery(identifierOf(Call->getDirectCallee()));
}

/// argc and argv of main.
bool isMainArgument(const ParmVarDecl &Param) {
  const auto *Function =
      dyn_cast_or_null<FunctionDecl>(Param.getParentFunctionOrMethod());
  return Function && Function->isMain();
}

/// Whether O is text the operator typed: main's argv (its elements, not
/// argc) or the environment.
bool isOperatorText(const Origin &O) {
  if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(O.Source))
    return isMainArgument(*Param) && Param->getType()->isPointerType();
  if (const auto *Function = dyn_cast_or_null<FunctionDecl>(O.Source))
    return isNamed(Function, {"::getenv", "::secure_getenv"});
  return false;
}

/// Whether two expressions plainly denote the same value: the same variable
/// or member, the same constant, the same argument-free call on the same
/// object (`v.size()`).
bool sameValue(const Expr *A, const Expr *B, const ASTContext &Ctx) {
  A = stripped(A);
  B = stripped(B);
  if (!A || !B || A->isValueDependent() || B->isValueDependent())
    return false;
  if (const auto *RA = dyn_cast<DeclRefExpr>(A)) {
    const auto *RB = dyn_cast<DeclRefExpr>(B);
    return RB && RA->getDecl() == RB->getDecl();
  }
  if (const auto *MA = dyn_cast<MemberExpr>(A)) {
    const auto *MB = dyn_cast<MemberExpr>(B);
    return MB && MA->getMemberDecl() == MB->getMemberDecl() &&
           (isa<CXXThisExpr>(stripped(MA->getBase()))
                ? isa<CXXThisExpr>(stripped(MB->getBase()))
                : sameValue(MA->getBase(), MB->getBase(), Ctx));
  }
  if (const auto *CA = dyn_cast<CXXMemberCallExpr>(A)) {
    const auto *CB = dyn_cast<CXXMemberCallExpr>(B);
    return CB && CA->getNumArgs() == 0 && CB->getNumArgs() == 0 &&
           CA->getMethodDecl() == CB->getMethodDecl() &&
           sameValue(CA->getImplicitObjectArgument(),
                     CB->getImplicitObjectArgument(), Ctx);
  }
  Expr::EvalResult VA, VB;
  return A->getType()->isIntegralOrEnumerationType() &&
         B->getType()->isIntegralOrEnumerationType() &&
         A->EvaluateAsInt(VA, Ctx) && B->EvaluateAsInt(VB, Ctx) &&
         llvm::APSInt::isSameValue(VA.Val.getInt(), VB.Val.getInt());
}

/// `a < b ? a : b` and the like: the smaller (or larger) of two values.
std::optional<bool> selectsSmaller(const ConditionalOperator &Cond,
                                   const ASTContext &Ctx) {
  const auto *Compare = dyn_cast<BinaryOperator>(stripped(Cond.getCond()));
  if (!Compare || !Compare->isRelationalOp())
    return std::nullopt;
  bool LessThan = Compare->getOpcode() == BO_LT || Compare->getOpcode() == BO_LE;
  const Expr *True = Cond.getTrueExpr(), *False = Cond.getFalseExpr();
  if (sameValue(Compare->getLHS(), True, Ctx) &&
      sameValue(Compare->getRHS(), False, Ctx))
    return LessThan; // a < b ? a : b
  if (sameValue(Compare->getRHS(), True, Ctx) &&
      sameValue(Compare->getLHS(), False, Ctx))
    return !LessThan; // a > b ? b : a
  return std::nullopt;
}

/// The limit a write caps Var at: `if (n > max) n = max;` (also `max < n`,
/// `>=`), `n = std::min(n, max)`, `n = n > max ? max : n`; or null.
const Expr *capOf(const ObjectWrite &W, const VarDecl &Var) {
  const Expr *Value = stripped(W.Value);
  if (!Value || W.Kind != WriteKind::Assignment)
    return nullptr;
  auto IsVar = [&](const Expr *E) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(E));
    return Ref && Ref->getDecl() == &Var;
  };
  if (const auto *Call = dyn_cast<CallExpr>(Value);
      Call && isNamed(Call->getDirectCallee(), {"::std::min"}) &&
      Call->getNumArgs() >= 2) {
    if (IsVar(Call->getArg(0)))
      return Call->getArg(1);
    if (IsVar(Call->getArg(1)))
      return Call->getArg(0);
  }
  if (const auto *Cond = dyn_cast<ConditionalOperator>(Value);
      Cond && selectsSmaller(*Cond, Var.getASTContext()).value_or(false)) {
    if (IsVar(Cond->getTrueExpr()))
      return Cond->getFalseExpr();
    if (IsVar(Cond->getFalseExpr()))
      return Cond->getTrueExpr();
  }
  if (!W.Guard)
    return nullptr;
  const auto *Compare = dyn_cast<BinaryOperator>(stripped(W.Guard->getCond()));
  if (!Compare)
    return nullptr;
  const ASTContext &Ctx = Var.getASTContext();
  auto Same = [&](const Expr *A, const Expr *B) { return sameValue(A, B, Ctx); };
  BinaryOperatorKind Op = Compare->getOpcode();
  if ((Op == BO_GT || Op == BO_GE) && IsVar(Compare->getLHS()) &&
      Same(Compare->getRHS(), Value))
    return Value; // if (n > max) n = max;
  if ((Op == BO_LT || Op == BO_LE) && IsVar(Compare->getRHS()) &&
      Same(Compare->getLHS(), Value))
    return Value; // if (max < n) n = max;
  return nullptr;
}

class OriginFinder {
public:
  explicit OriginFinder(ASTContext &Ctx) : Ctx(Ctx) {}

  Origin count(const Expr *E);
  Origin size(const Expr *E);

private:
  /// Stops deep or cyclic searches: a declaration already being followed,
  /// or too deep, is Unknown.
  struct Visit {
    Visit(const void *Key) : Key(Key) {
      Entered = Depth < MaxDepth && InProgress.insert(Key).second;
      if (Entered)
        ++Depth;
    }
    ~Visit() {
      if (Entered) {
        --Depth;
        InProgress.erase(Key);
      }
    }
    const void *Key;
    bool Entered = false;
  };
  static inline llvm::SmallPtrSet<const void *, 8> InProgress;
  static inline unsigned Depth = 0;

  Origin data(const Expr *E) {
    if (!E)
      return unknown();
    return runTimeOnly(isContainerType(E->getType()) ||
                               E->getType()->isPointerType()
                           ? size(E)
                           : count(E));
  }
  Origin call(const CallExpr &Call);
  Origin declaration(const ValueDecl *D, const Expr &Use);
  Origin construction(const Expr *Init);
  Origin localContainer(const VarDecl &Var);
  Origin memberContainer(const FieldDecl &Field);
  Origin fromWrites(const ValueDecl &Object, const Stmt &Body, bool PerCall);
  Origin fill(const ObjectWrite &W, const ValueDecl &Object, bool PerCall);
  Origin multiplicity(const ObjectWrite &W, bool PerCall);

  ASTContext &Ctx;
};

Origin OriginFinder::call(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  StringRef Name = identifierOf(Callee);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    if (isSizeQuery(Name))
      return withShape(size(Object), InputShape::Size);
    if (isIteratorQuery(Name))
      return withShape(size(Object), InputShape::Iterator);
    if (Name == "hardware_concurrency")
      return bounded();
    return data(Object); // line.substr(...), a parsed value of input
  }
  if (isNamed(Callee, {"::std::thread::hardware_concurrency",
                       "::std::jthread::hardware_concurrency", "::sysconf",
                       "::get_nprocs", "::get_nprocs_conf"}))
    return bounded();
  if (isNamed(Callee, {"::std::min"}) && Call.getNumArgs() >= 2)
    return smaller(count(Call.getArg(0)), count(Call.getArg(1)));
  if (isNamed(Callee, {"::std::max"}) && Call.getNumArgs() >= 2)
    return larger(count(Call.getArg(0)), count(Call.getArg(1)));
  if (isNamed(Callee, {"::std::clamp"}) && Call.getNumArgs() >= 3)
    return smaller(count(Call.getArg(0)), count(Call.getArg(2)));
  if (isNamed(Callee, {"::std::size", "::std::ssize", "::std::empty",
                       "::std::distance"}) &&
      Call.getNumArgs() >= 1)
    return withShape(Callee->getName() == "distance" ? count(Call.getArg(1))
                                                     : size(Call.getArg(0)),
                     InputShape::Size);
  if (isNamed(Callee, {"::std::begin", "::std::end", "::std::cbegin",
                       "::std::cend", "::std::next", "::std::prev"}) &&
      Call.getNumArgs() >= 1)
    return withShape(Name.contains("begin") || Name.contains("end")
                         ? size(Call.getArg(0))
                         : count(Call.getArg(0)),
                     InputShape::Iterator);
  if (isNamed(Callee, {"::getenv", "::secure_getenv"}) || isInputRead(Call))
    return input(InputShape::Value, Callee, /*RunTime=*/true);
  // Any other function: its result is input when it is handed input that was
  // read at run time (parse(line)); otherwise unknown.
  for (const Expr *Arg : Call.arguments())
    if (Origin O = data(Arg); O.isInput()) {
      // A number the operator wrote on the command line or in the
      // environment (atoi(argv[2]), strtol(getenv("JOBS"))) is a configured
      // count, like one getopt or a configuration file sets: it says how many
      // workers to run, not how much work arrived. argc, the arguments
      // themselves and data read from streams stay input.
      if (isOperatorText(O))
        return unknown();
      O.Shape = InputShape::Value;
      return O;
    }
  return unknown();
}

Origin OriginFinder::declaration(const ValueDecl *D, const Expr &Use) {
  if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(D)) {
    if (isMainArgument(*Param))
      return input(InputShape::Value, Param, /*RunTime=*/true);
    // Written in the function before the use: that value.
    if (const Expr *Value = reachingValue(*Param, Use))
      return count(Value);
    return unknown(); // a configured count
  }
  const auto *Var = dyn_cast_or_null<VarDecl>(D);
  if (!Var)
    return unknown(); // a member: a configured count
  if (!Var->hasLocalStorage()) {
    if (Var->getType().isConstQualified() && Var->getInit())
      return count(Var->getInit());
    return unknown();
  }
  Visit Guard(Var);
  if (!Guard.Entered)
    return unknown();
  if (const Expr *Value = reachingValue(*Var, Use))
    return count(Value);
  const Stmt *Body = declaringBody(*Var);
  if (!Body)
    return unknown();
  Origin Result = bounded();
  std::optional<Origin> Cap;
  bool Written = false;
  for (const ObjectWrite &W : writesTo(*Var, *Body)) {
    switch (W.Kind) {
    case WriteKind::Initializer:
    case WriteKind::Assignment:
      if (!W.Value)
        continue; // `int n;`
      Written = true;
      if (const Expr *Limit = capOf(W, *Var)) {
        // `if (n > max) n = max;`, `n = std::min(n, max)`: never above max.
        Origin Capped = count(Limit);
        Cap = Cap ? larger(*Cap, Capped) : Capped;
        continue;
      }
      Result = larger(Result, W.InLambda || mentions(W.Value, Var)
                                  ? unknown()
                                  : count(W.Value));
      break;
    case WriteKind::Update:
      // `n += k` in a loop: as many as the loop runs.
      Written = true;
      Result = larger(Result, W.Loops.empty() && !W.InLambda ? bounded()
                                                             : unknown());
      break;
    case WriteKind::InputRead:
      return input(InputShape::Value, Var, /*RunTime=*/true);
    case WriteKind::Escape:
      Written = true;
      Result = larger(Result, unknown());
      break;
    }
  }
  if (!Written)
    return unknown();
  return Cap ? smaller(Result, *Cap) : Result;
}

Origin OriginFinder::count(const Expr *E) {
  E = stripped(E);
  if (!E || E->isValueDependent() || E->containsErrors())
    return unknown();
  if (E->getType()->isIntegralOrEnumerationType()) {
    Expr::EvalResult Result;
    if (E->EvaluateAsInt(Result, Ctx))
      return bounded();
  }
  if (isa<StringLiteral, UnaryExprOrTypeTraitExpr, CXXNullPtrLiteralExpr>(E))
    return bounded();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    // it + 1, *it, argv-like subscripts: the operands'.
    if (Op->getOperator() == OO_Subscript || Op->getOperator() == OO_Star ||
        Op->getOperator() == OO_Arrow)
      return data(Op->getArg(0));
    if (Op->isComparisonOp())
      return unknown();
    Origin Result = bounded();
    for (const Expr *Arg : Op->arguments())
      Result = larger(Result, count(Arg));
    return Result;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return call(*Call);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return declaration(Ref->getDecl(), *Ref);
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return data(Subscript->getBase()); // argv[1]
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    if (Binary->getOpcode() == BO_Assign || Binary->getOpcode() == BO_Comma)
      return count(Binary->getRHS());
    if (Binary->isComparisonOp() || Binary->isLogicalOp())
      return unknown();
    return larger(count(Binary->getLHS()), count(Binary->getRHS()));
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    if (Unary->getOpcode() == UO_Deref || Unary->getOpcode() == UO_AddrOf)
      return data(Unary->getSubExpr());
    return count(Unary->getSubExpr());
  }
  if (const auto *Cond = dyn_cast<ConditionalOperator>(E)) {
    Origin True = count(Cond->getTrueExpr());
    Origin False = count(Cond->getFalseExpr());
    if (auto Smaller = selectsSmaller(*Cond, Ctx))
      return *Smaller ? smaller(True, False) : larger(True, False);
    return larger(True, False);
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    if (Construct->getNumArgs() == 1)
      return count(Construct->getArg(0)); // an iterator copied
  return unknown();
}

Origin OriginFinder::construction(const Expr *Init) {
  Init = stripped(Init);
  if (!Init)
    return bounded();
  if (isa<InitListExpr, CXXStdInitializerListExpr>(Init))
    return bounded();
  const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
  if (!Construct)
    return size(Init);
  if (Construct->getNumArgs() == 0)
    return bounded(); // empty
  const CXXConstructorDecl *Constructor = Construct->getConstructor();
  if (Construct->isListInitialization() || Construct->isStdInitListInitialization())
    if (Constructor->getNumParams() > 0 &&
        isNamed(Constructor->getParamDecl(0)
                    ->getType()
                    .getNonReferenceType()
                    ->getAsCXXRecordDecl(),
                {"::std::initializer_list"}))
      return bounded(); // {a, b, c}
  if (Constructor->isCopyOrMoveConstructor())
    return size(Construct->getArg(0));
  if (Construct->getArg(0)->getType()->isIntegerType())
    return withShape(count(Construct->getArg(0)), InputShape::Size); // v(n)
  // (first, last), (pointer, count), a range: the largest of them.
  Origin Result = bounded();
  for (const Expr *Arg : Construct->arguments())
    if (!isa<CXXDefaultArgExpr>(Arg))
      Result = larger(Result, isContainerType(Arg->getType()) ? size(Arg)
                                                              : count(Arg));
  return withShape(Result, InputShape::Size);
}

Origin OriginFinder::multiplicity(const ObjectWrite &W, bool PerCall) {
  if (W.InLambda)
    return unknown(); // runs whenever the lambda is called
  Origin Result = PerCall ? unknown() : bounded();
  for (const Stmt *Loop : W.Loops) {
    LoopVerdict Verdict = classifyLoop(*Loop, nullptr, Ctx);
    Origin Trips;
    Trips.Kind = Verdict.Trips;
    Trips.Source = Verdict.Source;
    Trips.Shape = InputShape::Size;
    Result = larger(Result, Trips);
  }
  return Result;
}

Origin OriginFinder::fill(const ObjectWrite &W, const ValueDecl &Object,
                          bool PerCall) {
  const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(W.Call);
  StringRef Name = Member ? identifierOf(Member->getMethodDecl()) : "";
  if (Name.empty())
    return unknown(); // `s += x`, an operator of a class of its own
  if (neverGrows(Name))
    return bounded();
  if ((Name == "resize" || Name == "assign") && Member->getNumArgs() > 0 &&
      Member->getArg(0)->getType()->isIntegerType())
    return withShape(count(Member->getArg(0)), InputShape::Size);
  if (!addsElements(Name) && Name != "assign")
    return unknown();
  // A range inserted at once (`insert(pos, first, last)`, `assign(first,
  // last)`): as many as it holds, each time the call runs.
  Origin Range = bounded();
  if (Member->getNumArgs() >= 2 || Name == "assign" || Name.ends_with("range"))
    for (const Expr *Arg : Member->arguments())
      if (!mentions(Arg, &Object) && isRangeArgument(Arg))
        Range = larger(Range, isContainerType(Arg->getType()) ? size(Arg)
                                                              : count(Arg));
  return larger(multiplicity(W, PerCall), Range);
}

} // namespace

namespace {

Origin OriginFinder::fromWrites(const ValueDecl &Object, const Stmt &Body,
                                bool PerCall) {
  Origin Result = bounded();
  for (const ObjectWrite &W : writesTo(Object, Body)) {
    switch (W.Kind) {
    case WriteKind::Initializer:
      Result = larger(Result, construction(W.Value));
      break;
    case WriteKind::Assignment:
      Result = larger(Result, W.InLambda ? unknown() : construction(W.Value));
      break;
    case WriteKind::Update:
      Result = larger(Result, fill(W, Object, PerCall));
      break;
    case WriteKind::InputRead:
      return input(InputShape::Size, &Object, /*RunTime=*/true);
    case WriteKind::Escape: {
      // Filled by a function of its own: input when that function is handed
      // data read at run time (`split(line, parts)`), unknown otherwise.
      Origin Filled = unknown();
      if (W.Call)
        for (const Expr *Arg : W.Call->arguments())
          if (!mentions(Arg, &Object))
            Filled = larger(Filled, data(Arg));
      Result = larger(Result, Filled);
      break;
    }
    }
  }
  return Result;
}

Origin OriginFinder::localContainer(const VarDecl &Var) {
  const Stmt *Body = declaringBody(Var);
  Visit Guard(&Var);
  if (!Body || !Guard.Entered)
    return unknown();
  Origin Result = fromWrites(Var, *Body, /*PerCall=*/false);
  if (Result.isInput() && !Result.Source)
    Result.Source = &Var;
  return Result;
}

Origin OriginFinder::memberContainer(const FieldDecl &Field) {
  const auto *Record = dyn_cast<CXXRecordDecl>(Field.getParent());
  Visit Guard(&Field);
  if (!Record || !Guard.Entered)
    return unknown();
  bool Evidence = false;
  Origin Result = bounded();
  if (const Expr *Init = Field.getInClassInitializer()) {
    Evidence = true;
    Result = larger(Result, construction(Init));
  }
  for (const CXXMethodDecl *Method : Record->methods()) {
    const FunctionDecl *Definition = nullptr;
    if (!Method->hasBody(Definition) || !Definition->getBody())
      continue;
    const auto *Constructor = dyn_cast<CXXConstructorDecl>(Definition);
    if (Constructor)
      for (const CXXCtorInitializer *Init : Constructor->inits())
        if (Init->getMember() == &Field && Init->isWritten()) {
          Evidence = true;
          Result = larger(Result, construction(Init->getInit()));
        }
    // One element per call of a method other than a constructor: as many as
    // it is called, which is unknown here.
    Origin Written = fromWrites(Field, *Definition->getBody(),
                                /*PerCall=*/Constructor == nullptr);
    if (!writesTo(Field, *Definition->getBody()).empty()) {
      Evidence = true;
      Result = larger(Result, Written);
    }
  }
  if (!Evidence)
    return unknown(); // filled where this translation unit does not show
  if (Result.isInput() && !Result.Source)
    Result.Source = &Field;
  return Result;
}

Origin OriginFinder::size(const Expr *Container) {
  if (!Container || Container->isValueDependent() || Container->containsErrors())
    return unknown();
  if (constantElementCount(Container, Ctx))
    return bounded();
  const Expr *E = stripped(Container);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl())) {
      if (isMainArgument(*Param))
        return input(InputShape::Size, Param, /*RunTime=*/true);
      if (const Expr *Value = reachingValue(*Param, *Ref))
        return construction(Value);
      return input(InputShape::Size, Param, /*RunTime=*/false);
    }
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return unknown();
    if (Var->hasLocalStorage())
      return Var->getType()->isReferenceType() && Var->getInit()
                 ? size(Var->getInit()) // auto &items = request.items
                 : localContainer(*Var);
    if (Var->getType().isConstQualified() && Var->getInit())
      return construction(Var->getInit()); // a constant table
    return unknown();
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (Field && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return memberContainer(*Field);
    return unknown(); // a member of another object: configured elsewhere
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_Deref)
    return size(Unary->getSubExpr());
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return runTimeOnly(size(Subscript->getBase())); // argv[1]
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && (Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow))
    return size(Op->getArg(0)); // *items for a smart pointer
  if (isa<CXXConstructExpr, InitListExpr, CXXStdInitializerListExpr>(E))
    return construction(E);
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      return data(Member->getImplicitObjectArgument());
    if (isNamed(Call->getDirectCallee(), {"::getenv", "::secure_getenv"}))
      return input(InputShape::Size, Call->getDirectCallee(), /*RunTime=*/true);
    Origin Result = unknown();
    for (const Expr *Arg : Call->arguments())
      Result = larger(Result, data(Arg));
    return Result;
  }
  return unknown();
}

} // namespace

Origin originOfCount(const Expr *E, ASTContext &Ctx) {
  return OriginFinder(Ctx).count(E);
}

Origin originOfSize(const Expr *Container, ASTContext &Ctx) {
  return OriginFinder(Ctx).size(Container);
}

std::optional<int64_t> constantElementCount(const Expr *Range,
                                            ASTContext &Ctx) {
  Range = stripped(Range);
  if (!Range)
    return std::nullopt;
  if (const auto *List = dyn_cast<InitListExpr>(Range))
    return List->getNumInits();
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(Range))
    return constantElementCount(List->getSubExpr(), Ctx);
  QualType Type = Range->getType().getNonReferenceType();
  if (const auto *Array = Ctx.getAsConstantArrayType(Type))
    return Array->getSize().getSExtValue();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Type->getAsCXXRecordDecl()))
    if (isNamed(Spec, {"::std::array"}) &&
        Spec->getTemplateArgs().size() == 2 &&
        Spec->getTemplateArgs()[1].getKind() == TemplateArgument::Integral)
      return Spec->getTemplateArgs()[1].getAsIntegral().getSExtValue();
  // A local variable initialized with a braced list: `for (x : {1, 2})`.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Range))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (Var->getType()->isRecordType() && Var->isLocalVarDecl() &&
          Var->getInit() &&
          isa<CXXStdInitializerListExpr>(stripped(Var->getInit())))
        return constantElementCount(Var->getInit(), Ctx);
  return std::nullopt;
}

} // namespace clang::tidy::parlint
