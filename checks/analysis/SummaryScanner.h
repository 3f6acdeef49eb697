// The machinery behind FunctionSummaries, shared by its two sources:
// FunctionSummaries.cpp (the per-TU cache, the walk over a body, calls mapped
// through their callees' summaries) and SummaryHandleUses.cpp (what one use
// of a thread, container, pthread_t or pool handle does). Not an API: other
// layers use FunctionSummaries.h.
#ifndef PARLINT_CHECKS_ANALYSIS_SUMMARYSCANNER_H
#define PARLINT_CHECKS_ANALYSIS_SUMMARYSCANNER_H

#include "../common/AnalysisCache.h"
#include "FunctionSummaries.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <optional>

namespace clang::tidy::parlint::summaries {

/// How the summaries follow a handle of a given type.
enum class HandleShape { None, Thread, Future, Container, Posix, Pool };

const CXXRecordDecl *recordOf(QualType Type);
/// A pool of the model, one whose destructor abandons work, or one of
/// missing-pool-shutdown's PoolTypes.
bool isShutdownPoolClass(const CXXRecordDecl *Record);
HandleShape shapeOf(QualType Type);
bool isInSystemHeader(const Decl &D);
/// The body the summaries read for a call of Function, or null.
const FunctionDecl *summarizableDefinition(const FunctionDecl &Function);
/// The bodies constructing an object runs, each as summarizableDefinition
/// gives it (null otherwise): its constructor's, with the construction's
/// arguments, and its destructor's, at the end of the object's scope.
struct ConstructionBodies {
  const FunctionDecl *Constructor = nullptr;
  const FunctionDecl *Destructor = nullptr;
};
ConstructionBodies constructionBodies(const CXXConstructExpr &Construct);
ConstructionBodies constructionBodies(const CXXConstructorDecl *Constructor);
/// Whether a member call dispatches through the vtable to a function that
/// is not known here.
bool isVirtualDispatch(const CXXMemberCallExpr &Call);
bool isNonConstReferenceOrPointer(QualType Type);
/// PoolUses' work functions (Asio's post, dispatch, ...).
llvm::ArrayRef<StringRef> workFunctions();
/// Calls the model describes: the work functions, pools' member functions.
bool isModelledCallee(const FunctionDecl *Callee);
bool isImplicitWrapper(const Stmt &S);
/// Whether every path from the entry of the body to a return runs S, and
/// some path returns (a function that never returns leaves nothing behind
/// for its caller). Paths through a noreturn call (exit, abort) end the
/// process, not the call. An early exit counts too: it may be the cap of a
/// pool that grows (`if (threads == max) return;`); only the arm of a failed
/// allocation does not (ErrorExits).
/// With UnlessNull, the arm of a test that this local pointer is null
/// does not count either (a lookup that found nothing).
bool onEveryPath(const FunctionAnalysis &Body, const Stmt &S,
                 const VarDecl *UnlessNull = nullptr);
/// onEveryPath, or S is in a loop that every returning path enters and no
/// iteration goes around without running S (`for (j < n) out[j] = ...`, a
/// worker's `for (;;)` that returns early on stop and otherwise writes): the
/// write of every call that iterates. A loop that can go around without S
/// (a `continue` past it, an inner branch) does not count.
bool onEveryIteration(const FunctionAnalysis &Body, const Stmt &S);
/// Whether a value assigned to or initializing a thread or future may
/// bring a running worker.
bool bringsWorker(const Expr *Source);
/// Whether a member of this type initialized with Value has a worker
/// running behind it.
bool initializerStarts(QualType Type, const Expr &Value);
/// A call that finishes a pool's queued work.
bool shutsDown(const CXXMemberCallExpr &Call);

class SummaryCache;
/// shapeOf, remembered per type for the translation unit.
HandleShape cachedShape(SummaryCache &Cache, QualType Type);

/// Collects the steps of one function's body (and of its constructor's
/// member initializers).
class BodyScanner {
public:
  /// Function: the function whose body is scanned; null for a default
  /// member initializer.
  BodyScanner(const FunctionDecl *Function, SummaryCache &Cache)
      : Function(Function), Cache(Cache) {
    for (unsigned I = 0; Function && I < Function->getNumParams(); ++I) {
      const ParmVarDecl *Param = Function->getParamDecl(I);
      QualType Type = Param->getType();
      if (Type->isReferenceType() || Type->isPointerType())
        Params[Param] = I;
    }
  }

  llvm::SmallVector<HandleStep, 8> run();
  llvm::SmallVector<HandleStep, 8> runOnInitializer(const FieldDecl &Field);

private:
  const FunctionDecl *Function;
  SummaryCache &Cache;
  llvm::DenseMap<const ParmVarDecl *, unsigned> Params;
  /// The statement tree being scanned: the body, or one initializer.
  const FunctionAnalysis *Scope = nullptr;
  llvm::SmallVector<HandleStep, 8> Steps;

  void scan(const Stmt &Root);
  void visit(const Stmt &S);

  // Where an effect at S shows on the path engine's CFG: the outermost
  // lambda around it inside the scope, or S.
  const Stmt &attributed(const Stmt &S) const;
  const Stmt *enclosingLoop(const Stmt &S) const;
  void add(ReachedHandle Handle, HandleStepKind Kind, const Stmt &At,
           bool AtLoop = false, const Stmt *Origin = nullptr,
           const FunctionDecl *OriginFunction = nullptr);
  /// An element operation inside a loop finishes every element once the
  /// loop is done; outside a loop, at the statement.
  void addElementEffect(ReachedHandle Handle, HandleStepKind Kind,
                        const Stmt &At);

  /// The top of the implicit wrappers around E, and what contains them.
  std::pair<const Expr *, const Stmt *> userOf(const Expr &E) const;

  /// The handle E designates in the caller's terms: `this` / `*this`, a
  /// handle member of it, a reference or pointer parameter's object or a
  /// handle member of it.
  std::optional<ReachedHandle> reachedBy(const Expr *E) const;
  /// For a handle expression: the handle and its shape.
  std::optional<std::pair<ReachedHandle, HandleShape>>
  handleAt(const Expr &E) const;

  // Calls of code outside the model: mapped through the callee's summary.
  void visitCall(const Expr &Call, const FunctionDecl *Callee,
                 const Expr *Object, llvm::ArrayRef<const Expr *> Args,
                 bool Indirect);
  bool isUserCallee(const FunctionDecl *Callee) const;

  // One use of a handle.
  void classifyHandle(const Expr &E, ReachedHandle Handle, HandleShape Shape);
  void classifyThread(const Expr &Handle, ReachedHandle H, bool Element,
                      HandleShape Shape);
  void classifyContainer(const Expr &Handle, ReachedHandle H);
  void classifyPosix(const Expr &Handle, ReachedHandle H);
  void classifyPool(const Expr &Handle, ReachedHandle H);
  void classifyRangeFor(const CXXForRangeStmt &Loop, ReachedHandle H);
  /// The handle (or its address) passed to a call as argument Index.
  void classifyArgument(const Stmt &Call, const FunctionDecl *Callee,
                        unsigned Index, ReachedHandle H, bool Element);
};

class SummaryCache : public TranslationUnitState {
public:
  explicit SummaryCache(ASTContext &Context) : Context(Context) {}

  struct Entry {
    bool InProgress = true;
    FunctionSummary Summary;
    llvm::SmallVector<HandleStep, 8> Steps;
  };

  /// The entry of Function's definition, computed on first use; null while
  /// it is being computed, past the depth bound, or without a body here.
  const Entry *get(const FunctionDecl &Function) {
    const FunctionDecl *Definition = summarizableDefinition(Function);
    if (!Definition)
      return nullptr;
    auto It = Entries.find(Definition);
    if (It != Entries.end())
      return It->second->InProgress ? nullptr : It->second.get();
    if (Depth >= MaxSummaryDepth)
      return nullptr;
    auto &Slot = Entries[Definition];
    Slot = std::make_unique<Entry>();
    Entry *Computing = Slot.get();
    ++Depth;
    Computing->Steps = BodyScanner(Definition, *this).run();
    --Depth;
    for (const HandleStep &Step : Computing->Steps) {
      bool Known = llvm::any_of(Computing->Summary.Effects,
                                [&](const HandleStep &Other) {
                                  return Other.Handle == Step.Handle &&
                                         Other.Kind == Step.Kind;
                                });
      if (!Known)
        Computing->Summary.Effects.push_back(Step);
    }
    Computing->InProgress = false;
    return Computing;
  }

  ASTContext &Context;
  FunctionSummary UnknownSummary{true, {}};
  llvm::DenseMap<const Type *, HandleShape> Shapes;
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<HandleStep, 8>>
      Initializers;

private:
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<Entry>> Entries;
  unsigned Depth = 0;
};


} // namespace clang::tidy::parlint::summaries

#endif
