// Diagnostics to and from JSON, for the result cache. Paths inside the source
// root are stored relative to it, so a cache directory can be shared between
// CI runners that check the project out at different places.
#pragma once

#include "diagnostic.h"

#include <llvm/Support/JSON.h>

#include <optional>
#include <string>
#include <vector>

namespace parlint::tool {

llvm::json::Value diagnosticsToJson(const std::vector<Diagnostic> &diagnostics,
                                    const std::string &sourceRoot);
std::optional<std::vector<Diagnostic>> diagnosticsFromJson(const llvm::json::Value &value,
                                                           const std::string &sourceRoot);

} // namespace parlint::tool
