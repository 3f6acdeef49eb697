// The fix-it of parlint-unjoined-thread's class rule: a std::thread member
// becomes a thread that joins in its destructor (std::jthread in C++20, the
// Cxx17Replacement before), when that provably compiles and cannot turn the
// std::terminate into a hang or break the class's own protocol.
#ifndef PARLINT_CHECKS_UNJOINEDTHREAD_MEMBERTHREADFIXIT_H
#define PARLINT_CHECKS_UNJOINEDTHREAD_MEMBERTHREADFIXIT_H

#include "../analysis/ClassModel.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>

namespace clang::tidy::parlint {

/// The replacements of `std::thread` (the member's declared type, and the
/// type of each `std::thread(...)` temporary assigned to it) by
/// Replacement, or nullopt when:
///  - the member is detached, handed over, or joined anywhere (the class has
///    join logic of its own that the destructor would bypass or duplicate);
///  - a use of it would not compile on the replacement (a reset to an empty
///    thread, a move from another thread object, a `const std::thread &`
///    parameter, a type not written `std::thread`, a macro);
///  - a thread it runs may wait to be told to stop (a loop that is not a
///    counted `for` or a range-for, a wait for another thread, a callable
///    whose body is not visible): the joining destructor would then wait
///    forever where std::thread terminated;
///  - for std::jthread, the callable may take a std::stop_token.
std::optional<llvm::SmallVector<FixItHint, 2>>
planMemberThreadFix(const ClassModel &Model, const HandleMember &Member,
                    StringRef Replacement, bool ToJThread, ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
