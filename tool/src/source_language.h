// Whether a compile command compiles C or C++, the languages parlint's
// checks (and its worker) analyse. Compilation databases also list
// assembly (*.S), Objective-C, CUDA or Fortran sources; those are skipped.
#pragma once

#include <string>
#include <vector>

namespace parlint::tool {

// By the last `-x LANG` (also -xLANG, --language=LANG) in `arguments`, else
// by the extension of `file`, as the compiler decides.
bool compilesCOrCxx(const std::vector<std::string> &arguments, const std::string &file);

} // namespace parlint::tool
