#include "PoolRewrite.h"
#include "../analysis/LoopBounds.h"
#include "../common/AstHelpers.h"
#include "../model/RuntimeApi.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::parlint {
namespace {

/// Whether the range's first and last tokens are on one line.
bool onOneLine(SourceRange Range, const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return false;
  return SM.getExpansionLineNumber(Range.getBegin()) ==
         SM.getExpansionLineNumber(Range.getEnd());
}

/// The `)` that ends a loop's header (`for (...)`, `while (...)`), or the
/// loop's start when it has none.
SourceLocation headerEnd(const Stmt &Loop) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return For->getRParenLoc();
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop))
    return RangeFor->getRParenLoc();
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return While->getRParenLoc();
  return Loop.getBeginLoc();
}

/// The written text of a range of tokens, or "" inside macros.
StringRef textOf(CharSourceRange Range, const ASTContext &Context) {
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return "";
  return Lexer::getSourceText(Range, Context.getSourceManager(),
                              Context.getLangOpts());
}

StringRef tokensOf(SourceRange Range, const ASTContext &Context) {
  return textOf(CharSourceRange::getTokenRange(Range), Context);
}

/// "f, x, y": the callable and the arguments as written.
StringRef callableAndArguments(const Launch &Spawn, const ASTContext &Context) {
  if (!Spawn.Callable)
    return "";
  SourceLocation End = Spawn.Arguments.empty()
                           ? Spawn.Callable->getEndLoc()
                           : Spawn.Arguments.back()->getEndLoc();
  return tokensOf({Spawn.Callable->getBeginLoc(), End}, Context);
}

/// A name for the new group or pool that no token of the function uses.
std::optional<StringRef> freshName(const FunctionAnalysis &Function,
                                   const TaskTarget &Target) {
  const ASTContext &Context = Function.context();
  const SourceManager &SM = Context.getSourceManager();
  SourceRange Body = Function.body().getSourceRange();
  if (!Body.getBegin().isFileID() || !Body.getEnd().isFileID())
    return std::nullopt;
  auto [File, Begin] = SM.getDecomposedLoc(Body.getBegin());
  unsigned End = SM.getFileOffset(Body.getEnd());
  StringRef Buffer = SM.getBufferData(File);
  Lexer Raw(SM.getLocForStartOfFile(File), Context.getLangOpts(),
            Buffer.begin(), Buffer.begin() + Begin, Buffer.end());
  llvm::StringSet<> Used;
  Token Tok;
  for (bool AtEnd = false; !AtEnd;) {
    AtEnd = Raw.LexFromRawLexer(Tok);
    if (Tok.is(tok::eof) || SM.getFileOffset(Tok.getLocation()) > End)
      break;
    if (Tok.is(tok::raw_identifier))
      Used.insert(Tok.getRawIdentifier());
  }
  static constexpr StringRef GroupNames[] = {"group", "task_group",
                                             "work_group", "spawn_group"};
  static constexpr StringRef PoolNames[] = {"pool", "thread_pool", "task_pool",
                                            "spawn_pool"};
  for (StringRef Name : Target.Group ? GroupNames : PoolNames)
    if (!Used.contains(Name))
      return Name;
  return std::nullopt;
}

/// The whitespace before S on its line, or nullopt when code precedes it.
std::optional<StringRef> indentationOf(SourceLocation Loc,
                                       const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  StringRef Buffer = SM.getBufferData(File);
  StringRef Before = Buffer.substr(0, Offset);
  StringRef Line = Before.substr(Before.rfind('\n') + 1);
  if (Line.find_first_not_of(" \t") != StringRef::npos)
    return std::nullopt;
  return Line;
}

/// The range of a statement with the `;` that ends it when it is not part
/// of it (an expression statement, a loop whose body is one).
CharSourceRange withSemicolon(const Stmt &S, const ASTContext &Context) {
  SourceLocation After = Lexer::findLocationAfterToken(
      S.getEndLoc(), tok::semi, Context.getSourceManager(),
      Context.getLangOpts(), /*SkipTrailingWhitespaceAndNewLine=*/false);
  if (After.isValid())
    return CharSourceRange::getCharRange(S.getBeginLoc(), After);
  return CharSourceRange::getTokenRange(S.getSourceRange());
}

/// Removes a statement; its whole line when nothing else is on it.
FixItHint removal(const Stmt &S, const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  CharSourceRange Range = withSemicolon(S, Context);
  auto [File, Begin] = SM.getDecomposedLoc(Range.getBegin());
  unsigned End = SM.getFileOffset(Range.getEnd());
  if (!Range.isCharRange())
    End += Lexer::MeasureTokenLength(Range.getEnd(), SM, Context.getLangOpts());
  StringRef Buffer = SM.getBufferData(File);
  // From the end of the previous line: clang-tidy's cleanup of the applied
  // fixes eats into the next line when a removal ends with a newline.
  size_t LineStart = Buffer.substr(0, Begin).rfind('\n');
  size_t LineEnd = Buffer.find('\n', End);
  if (LineStart != StringRef::npos && LineEnd != StringRef::npos &&
      Buffer.slice(LineStart + 1, Begin).find_first_not_of(" \t") ==
          StringRef::npos &&
      Buffer.slice(End, LineEnd).find_first_not_of(" \t") == StringRef::npos) {
    SourceLocation FileStart = SM.getLocForStartOfFile(File);
    return FixItHint::CreateRemoval(CharSourceRange::getCharRange(
        FileStart.getLocWithOffset(LineStart),
        FileStart.getLocWithOffset(LineEnd)));
  }
  return FixItHint::CreateRemoval(Range);
}

std::optional<std::vector<FixItHint>> futureFixes(const PoolRewritePlan &Plan,
                                                  const Launch &Spawn,
                                                  const FunctionAnalysis &Function,
                                                  const TaskTarget &Target) {
  const SourceManager &SM = Function.context().getSourceManager();
  std::optional<StringRef> Name = freshName(Function, Target);
  std::optional<StringRef> Indent =
      indentationOf(Plan.Loop->getBeginLoc(), SM);
  if (!Name || !Spawn.Callable)
    return std::nullopt;
  std::string Declaration = Target.Type + " " + Name->str() + ";";
  Declaration += Indent ? "\n" + Indent->str() : std::string(" ");
  return std::vector<FixItHint>{
      FixItHint::CreateInsertion(Plan.Loop->getBeginLoc(), Declaration),
      // `std::async(std::launch::async, ` before the callable.
      FixItHint::CreateReplacement(
          CharSourceRange::getCharRange(Spawn.Call->getBeginLoc(),
                                        Spawn.Callable->getBeginLoc()),
          (*Name + ".submit(").str())};
}

/// The `)` that closes `std::thread(f, x)` as written, or invalid.
SourceLocation closingParenOf(const Expr &Construct,
                              const FunctionAnalysis &Function) {
  if (const auto *Cast =
          dyn_cast_or_null<CXXFunctionalCastExpr>(Function.parent(Construct)))
    return Cast->getRParenLoc();
  if (const auto *Temporary = dyn_cast<CXXTemporaryObjectExpr>(&Construct);
      Temporary && !Temporary->isListInitialization())
    return Temporary->getParenOrBraceRange().getEnd();
  return SourceLocation();
}

std::optional<std::vector<FixItHint>> threadFixes(const PoolRewritePlan &Plan,
                                                  const Launch &Spawn,
                                                  const FunctionAnalysis &Function,
                                                  const TaskTarget &Target) {
  const ASTContext &Context = Function.context();
  const auto *Member = dyn_cast<MemberExpr>(Plan.Store->getCallee());
  StringRef Arguments = callableAndArguments(Spawn, Context);
  // A pool takes the container's place and name; a group its place under a
  // name of its own (the container held threads, the group starts none).
  std::optional<StringRef> Name = Target.Group
                                      ? freshName(Function, Target)
                                      : Plan.Container->getName();
  if (!Member || Arguments.empty() || !Name)
    return std::nullopt;
  std::vector<FixItHint> Fixes;
  Fixes.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(
          Plan.Container->getTypeSourceInfo()->getTypeLoc().getSourceRange()),
      Target.Type));
  // The call starts at the container (`threads.emplace_back`): with a group,
  // it is renamed there too.
  SourceLocation CallStart = Target.Group ? Member->getBeginLoc()
                                          : Member->getMemberLoc();
  std::string Post = Target.Group ? Name->str() + ".post" : "post";
  if (Target.Group)
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Plan.Container->getLocation()), *Name));
  if (Spawn.Call == Plan.Store) // emplace_back(f, x...)
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(CallStart, Member->getMemberLoc()),
        Post));
  else if (SourceLocation Close = closingParenOf(*Spawn.Call, Function);
           Close.isValid()) {
    // push_back(std::thread(f, x...)): only the words around the arguments
    // change, so another check's fix inside them still applies.
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getCharRange(CallStart, Spawn.Callable->getBeginLoc()),
        Post + "("));
    Fixes.push_back(
        FixItHint::CreateRemoval(CharSourceRange::getTokenRange(Close, Close)));
  } else {
    return std::nullopt;
  }
  if (Plan.JoinAll)
    Fixes.push_back(FixItHint::CreateReplacement(
        withSemicolon(*Plan.JoinAll, Context),
        (*Name + "." + Target.waitAll() + "();").str()));
  for (const Stmt *Dropped : Plan.Dropped)
    Fixes.push_back(removal(*Dropped, Context));
  return Fixes;
}

/// The tokens of Text (written at Loc) without comments, one space wherever
/// the source had whitespace or a comment between two tokens.
std::string collapsedWhitespace(StringRef Text, SourceLocation Loc,
                                const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  auto [File, Begin] = SM.getDecomposedLoc(Loc);
  StringRef Buffer = SM.getBufferData(File);
  unsigned End = Begin + Text.size();
  // The raw lexer needs the whole, terminated buffer: it stops at End here.
  Lexer Raw(SM.getLocForStartOfFile(File), Context.getLangOpts(),
            Buffer.begin(), Buffer.begin() + Begin, Buffer.end());
  std::string Out;
  Token Tok;
  for (bool AtEnd = false; !AtEnd;) {
    AtEnd = Raw.LexFromRawLexer(Tok);
    unsigned Offset = SM.getFileOffset(Tok.getLocation());
    if (Tok.is(tok::eof) || Offset >= End)
      break;
    if (!Out.empty() && (Tok.hasLeadingSpace() || Tok.isAtStartOfLine()))
      Out += ' ';
    Out += Buffer.substr(Offset, std::min(Tok.getLength(), End - Offset));
  }
  return Out;
}

/// `pool.post(f, x)` for a thread, `pool.submit(f, x)` for std::async.
std::optional<std::string> poolCall(const Launch &Spawn, StringRef Pool,
                                    const ASTContext &Context) {
  StringRef Arguments;
  SourceLocation Begin;
  if (Spawn.Kind == LaunchKind::PthreadCreate) {
    const auto *Call = cast<CallExpr>(Spawn.Call);
    if (Call->getNumArgs() != 4)
      return std::nullopt;
    Begin = Call->getArg(2)->getBeginLoc();
    Arguments = tokensOf({Begin, Call->getArg(3)->getEndLoc()}, Context);
  } else if (Spawn.Callable) {
    Begin = Spawn.Callable->getBeginLoc();
    Arguments = callableAndArguments(Spawn, Context);
  }
  if (Arguments.empty())
    return std::nullopt;
  StringRef Method = Spawn.Kind == LaunchKind::Async ? "submit" : "post";
  return (Pool + "." + Method + "(").str() +
         collapsedWhitespace(Arguments, Begin, Context) + ")";
}

} // namespace

StringRef TaskTarget::waitAll() const {
  return Group ? runtime::TaskGroupWait : runtime::PoolWaitIdle;
}

TaskTarget taskTargetFor(StringRef PoolType) {
  if (PoolType.empty())
    return TaskTarget{true, runtime::TaskGroupType.str()};
  return TaskTarget{false, PoolType.str()};
}

std::optional<std::vector<FixItHint>>
poolRewriteFixes(const PoolRewritePlan &Plan, const Launch &Spawn,
                 const FunctionAnalysis &Function, const TaskTarget &Target) {
  if (Plan.Shape == PoolRewriteShape::Futures)
    return futureFixes(Plan, Spawn, Function, Target);
  return threadFixes(Plan, Spawn, Function, Target);
}

std::optional<PoolVersion> poolVersionOfLoop(const SpawnSite &Site,
                                             const Stmt &Loop,
                                             const FunctionAnalysis &Function,
                                             const TaskTarget &Target) {
  const ASTContext &Context = Function.context();
  const Launch &Spawn = *Site.Spawn;
  const Stmt *Body = loopBody(Loop);
  std::optional<StringRef> Name = freshName(Function, Target);
  if (!Body || !Name)
    return std::nullopt;
  // A loop that counts its own workers (`while (threads.size() < n)`) has
  // no pool version: the pool keeps no handles to count.
  if (Site.Holder)
    for (const Stmt *Child : Loop.children())
      if (Child != Body && mentions(Child, Site.Holder))
        return std::nullopt;
  // The user's code the note quotes: one short line at most.
  constexpr size_t MaxQuoted = 80;
  PoolVersion Unquoted{"", Name->str()};
  std::optional<std::string> Call = poolCall(Spawn, *Name, Context);
  if (!Call)
    return std::nullopt; // written in a macro
  if (!onOneLine(Spawn.Call->getSourceRange(), Context))
    return Unquoted;
  // The statement that spawns, on the pool: a std::async call is replaced
  // in its statement (the future is still used); a thread's statement
  // becomes the post (the handle is gone).
  const Stmt *Statement = enclosingStatement(*Spawn.Call, Function);
  std::string Spawning = *Call;
  if (Spawn.Kind == LaunchKind::Async) {
    const SourceManager &SM = Context.getSourceManager();
    StringRef Before = textOf(CharSourceRange::getCharRange(
                                  Statement->getBeginLoc(),
                                  Spawn.Call->getBeginLoc()),
                              Context);
    SourceLocation CallEnd = Lexer::getLocForEndOfToken(
        Spawn.Call->getEndLoc(), 0, SM, Context.getLangOpts());
    StringRef After = textOf(
        CharSourceRange::getCharRange(
            CallEnd, Lexer::getLocForEndOfToken(Statement->getEndLoc(), 0, SM,
                                                Context.getLangOpts())),
        Context);
    if (Statement != Spawn.Call && Before.empty() && After.empty())
      return std::nullopt;
    auto Spaced = [](StringRef Side, bool AtEnd) {
      return !Side.empty() && isspace(AtEnd ? Side.back() : Side.front());
    };
    Spawning = collapsedWhitespace(Before, Statement->getBeginLoc(), Context) +
               (Spaced(Before, true) ? " " : "") + Spawning +
               (Spaced(After, false) ? " " : "") +
               collapsedWhitespace(After, CallEnd, Context);
  }
  // A thread's statement is replaced whole; an async's keeps its own `;`
  // when it is a declaration.
  if (Spawn.Kind != LaunchKind::Async || !isa<DeclStmt>(Statement))
    Spawning += ";";

  std::string Header = "do", Trailer;
  if (const auto *Do = dyn_cast<DoStmt>(&Loop)) {
    StringRef While = tokensOf({Do->getWhileLoc(), Do->getRParenLoc()}, Context);
    if (While.empty() || !onOneLine({Do->getWhileLoc(), Do->getRParenLoc()}, Context))
      return Unquoted;
    Trailer = collapsedWhitespace(While, Do->getWhileLoc(), Context);
  } else {
    StringRef Written = textOf(CharSourceRange::getCharRange(
                                   Loop.getBeginLoc(), Body->getBeginLoc()),
                               Context);
    if (Written.empty() || !onOneLine({Loop.getBeginLoc(), headerEnd(Loop)}, Context))
      return Unquoted;
    Header = collapsedWhitespace(Written, Loop.getBeginLoc(), Context);
  }
  size_t Quoted = Header.size() + Trailer.size() + Spawning.size() -
                  (Name->size() + 7); // "pool.post(" is not the user's
  if (Quoted > MaxQuoted)
    return Unquoted;
  const Stmt *Only = Body;
  while (const auto *Block = dyn_cast<CompoundStmt>(Only)) {
    if (Block->size() != 1)
      break;
    Only = Block->body_front();
  }
  bool Alone = Only == Statement ||
               (isa<Expr>(Only) && stripped(cast<Expr>(Only)) ==
                                       stripped(dyn_cast<Expr>(Statement)));
  std::string Text = Target.Type + " " + Name->str() + "; " + Header;
  Text += Alone ? " { " + Spawning + " }" : " { ... " + Spawning + " ... }";
  if (!Trailer.empty())
    Text += " " + Trailer + ";";
  return PoolVersion{std::move(Text), Name->str()};
}

} // namespace clang::tidy::parlint
