#include "BufferWrites.h"
#include "../common/AstHelpers.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::parlint {

bool writesThroughFirstArgument(const FunctionDecl *Callee) {
  if (!Callee || isa<CXXMethodDecl>(Callee) || Callee->getNumParams() == 0)
    return false;
  // The C functions and std:: names of them; a project's own function of
  // the same name in a namespace of its own is not one.
  const DeclContext *Scope = Callee->getDeclContext()->getRedeclContext();
  if (!Scope->isTranslationUnit() && !Scope->isStdNamespace())
    return false;
  StringRef Name = identifierOf(Callee);
  Name.consume_front("__builtin___");
  Name.consume_back("_chk");
  Name.consume_front("__builtin_");
  return llvm::StringSwitch<bool>(Name)
      .Cases("memcpy", "memmove", "memset", "mempcpy", "bzero", true)
      .Cases("explicit_bzero", "strcpy", "strncpy", "stpcpy", "stpncpy", true)
      .Cases("strcat", "strncat", "strlcpy", "strlcat", true)
      .Cases("sprintf", "snprintf", "vsprintf", "vsnprintf", true)
      .Default(false);
}

} // namespace clang::tidy::parlint
