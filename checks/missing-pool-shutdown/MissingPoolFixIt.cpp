#include "MissingPoolFixIt.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parlint {

namespace {

// The same variable in the template a function was instantiated from.
const VarDecl *patternOf(const VarDecl &Var, ASTContext &Context) {
  const auto *Function = dyn_cast<FunctionDecl>(Var.getDeclContext());
  const FunctionDecl *Pattern =
      Function ? Function->getTemplateInstantiationPattern() : nullptr;
  if (!Pattern || !Pattern->getBody())
    return nullptr;
  for (const auto &Found :
       match(stmt(forEachDescendant(varDecl().bind("var"))),
             *Pattern->getBody(), Context)) {
    const auto *Candidate = Found.getNodeAs<VarDecl>("var");
    if (Candidate->getLocation() == Var.getLocation())
      return Candidate;
  }
  return nullptr;
}

// A fix-it lands in the template's text and so applies to every
// instantiation: allow it there only when the pool's type does not depend on
// a template parameter (then the call compiles whatever the arguments).
bool fixAppliesToTemplate(const VarDecl &Var, ASTContext &Context) {
  bool InInstantiation = false;
  for (const DeclContext *Scope = Var.getDeclContext(); Scope;
       Scope = Scope->getParent()) {
    if (const auto *Function = dyn_cast<FunctionDecl>(Scope);
        Function && Function->isTemplateInstantiation())
      InInstantiation = true;
    if (const auto *Record = dyn_cast<CXXRecordDecl>(Scope);
        Record && Record->getTemplateInstantiationPattern())
      InInstantiation = true;
  }
  if (!InInstantiation)
    return true;
  const VarDecl *Pattern = patternOf(Var, Context);
  return Pattern && !Pattern->getType()->isDependentType();
}

// The method must be callable with no arguments on the variable as declared:
// declared public in the pool's class or a public base (oneTBB's task_group
// inherits wait()).
bool declaresCallable(const CXXRecordDecl &Record, IdentifierInfo &Method,
                      bool ConstPool) {
  if (llvm::any_of(Record.lookup(&Method), [&](const NamedDecl *Found) {
        const auto *Candidate = dyn_cast<CXXMethodDecl>(Found);
        return Candidate && Candidate->getAccess() == AS_public &&
               Candidate->getMinRequiredArguments() == 0 &&
               (!ConstPool || Candidate->isConst());
      }))
    return true;
  if (!Record.hasDefinition())
    return false;
  return llvm::any_of(Record.bases(), [&](const CXXBaseSpecifier &Base) {
    const CXXRecordDecl *Parent = Base.getType()->getAsCXXRecordDecl();
    return Base.getAccessSpecifier() == AS_public && Parent &&
           declaresCallable(*Parent, Method, ConstPool);
  });
}

bool canCall(const VarDecl &Pool, StringRef Method, ASTContext &Context) {
  const CXXRecordDecl *Record = Pool.getType()->getAsCXXRecordDecl();
  return Record && declaresCallable(*Record, Context.Idents.get(Method),
                                    Pool.getType().isConstQualified());
}

// Where the call goes: before the closing brace of the pool's block, or
// before a return that is the block's last statement.
SourceLocation insertionPoint(const CompoundStmt &Block,
                              const BadExit &Point) {
  if (Point.Trigger == &Block)
    return Block.getRBracLoc();
  if (isa<ReturnStmt>(Point.Trigger) && !Block.body_empty() &&
      Block.body_back() == Point.Trigger)
    return Point.Trigger->getBeginLoc();
  return {};
}

} // namespace

std::optional<FixItHint>
makeShutdownFix(const VarDecl &Pool, const Stmt &Scope, const PoolUses &Uses,
                ArrayRef<BadExit> Points, StringRef Method,
                ASTContext &Context) {
  const auto *Block = dyn_cast<CompoundStmt>(&Scope);
  if (!Block || Points.size() != 1 || !Uses.ShutdownCalls.empty())
    return std::nullopt;
  const SourceLocation Where = insertionPoint(*Block, Points.front());
  const SourceManager &Sources = Context.getSourceManager();
  if (Where.isInvalid() || Where.isMacroID() || Pool.getLocation().isMacroID() ||
      Sources.getFileID(Where) != Sources.getFileID(Pool.getLocation()) ||
      !canCall(Pool, Method, Context) || !fixAppliesToTemplate(Pool, Context))
    return std::nullopt;

  const std::string Call = (Pool.getName() + "." + Method + "();").str();
  // Code alone on its line gets the call on a line of its own above it.
  const auto [File, Offset] = Sources.getDecomposedLoc(Where);
  const StringRef Text = Sources.getBufferData(File);
  const size_t NewLine = Text.rfind('\n', Offset);
  const size_t LineStart = NewLine == StringRef::npos ? 0 : NewLine + 1;
  if (!Text.slice(LineStart, Offset).trim().empty())
    return FixItHint::CreateInsertion(Where, Call + " ");
  const StringRef Indent =
      Lexer::getIndentationForLine(Pool.getBeginLoc(), Sources);
  return FixItHint::CreateInsertion(
      Where.getLocWithOffset(-static_cast<int>(Offset - LineStart)),
      (Indent + Call + "\n").str());
}

} // namespace clang::tidy::parlint
