// C library calls that write the memory their first argument points into:
// the copies and fills of <string.h> (memcpy, memset, strcpy, strcat and
// their bounded forms) and the formatted writes to a buffer (sprintf,
// snprintf and their va_list forms), under their plain, std:: and
// fortified (__builtin___memcpy_chk) names. A worker passing a shared
// buffer there writes it.
#ifndef PARLINT_CHECKS_MODEL_BUFFERWRITES_H
#define PARLINT_CHECKS_MODEL_BUFFERWRITES_H

#include "clang/AST/Decl.h"

namespace clang::tidy::parlint {

/// Whether a call of Callee writes through its first argument.
bool writesThroughFirstArgument(const FunctionDecl *Callee);

} // namespace clang::tidy::parlint

#endif
