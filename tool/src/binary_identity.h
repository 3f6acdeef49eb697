// What identifies a built program or library for the result cache: its
// linker-made build ID (a hash of its contents, read in microseconds) and
// its size, or,
// without one, the SHA-256 of the whole file (0.3 s for the 80 MB debug
// builds of the module and the worker).
#pragma once

#include <string>

namespace parlint::tool {

std::string binaryIdentity(const std::string &path);

} // namespace parlint::tool
