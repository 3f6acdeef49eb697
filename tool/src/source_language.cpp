#include "source_language.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Path.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace parlint::tool {

namespace {

// clang's -x names for C and C++, sources, headers and preprocessed output.
bool isCOrCxxLanguage(llvm::StringRef language) {
  return language == "c" || language == "c++" || language == "c-header" ||
         language == "c++-header" || language == "c++-system-header" ||
         language == "c++-user-header" || language == "cpp-output" ||
         language == "c++-cpp-output" || language == "c++-module";
}

bool isCOrCxxExtension(std::string extension) {
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const char *const known[] = {".c",   ".cc",  ".cp",   ".cpp",  ".cxx",  ".c++",
                                      ".i",   ".ii",  ".h",    ".hh",   ".hpp",  ".hxx",
                                      ".h++", ".inl", ".ipp",  ".tcc",  ".cppm", ".ccm",
                                      ".cxxm", ".c++m", ".ixx"};
  return std::find(std::begin(known), std::end(known), extension) != std::end(known);
}

} // namespace

bool compilesCOrCxx(const std::vector<std::string> &arguments, const std::string &file) {
  std::optional<llvm::StringRef> language;
  for (size_t i = 1; i < arguments.size(); ++i) {
    const llvm::StringRef arg = arguments[i];
    if (arg == "-x" && i + 1 < arguments.size())
      language = llvm::StringRef(arguments[++i]);
    else if (arg.starts_with("--language="))
      language = arg.drop_front(11);
    else if (arg.starts_with("-x") && arg.size() > 2)
      language = arg.drop_front(2);
  }
  if (language && *language != "none")
    return isCOrCxxLanguage(*language);
  return isCOrCxxExtension(std::string(llvm::sys::path::extension(file)));
}

} // namespace parlint::tool
