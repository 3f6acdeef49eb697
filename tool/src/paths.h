// Path helpers: every file the tool reports is identified by its real path,
// so a header reached through different include paths or symlinks is one file.
#pragma once

#include <string>

namespace parlint::tool {

// `path` made absolute against `base` (when relative), dots removed and
// symlinks resolved when the file exists. Thread-safe; memoized.
std::string realPath(const std::string &path, const std::string &base = "");

// `path` relative to the directory `root` when it is inside it ("a/b.cpp"),
// otherwise empty.
std::string relativeInside(const std::string &root, const std::string &path);

// How a path is shown to a human: relative to the current directory when
// inside it, otherwise absolute.
std::string displayPath(const std::string &path);

std::string currentDirectory();

// The whole file, or nullopt-like failure reported through `ok`.
std::string readWholeFile(const std::string &path, bool *ok = nullptr);

// Writes `text` to `path` atomically: a temporary file in the same directory,
// renamed over the target (keeping the target's permissions). Returns an
// error message, empty on success.
std::string writeFileAtomically(const std::string &path, const std::string &text);

} // namespace parlint::tool
