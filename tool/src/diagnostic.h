// The diagnostics model shared by every stage: what one clang-tidy run
// reported, with absolute real file paths and byte offsets (as clang-tidy's
// --export-fixes writes them). Lines and columns are computed later from the
// files (SourceFiles), so cached results stay valid when only offsets matter.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace parlint::tool {

enum class Level { Remark, Warning, Error };
const char *levelName(Level level); // "remark", "warning", "error"

struct Replacement {
  std::string file; // absolute path
  unsigned offset = 0;
  unsigned length = 0;
  std::string text;

  bool operator==(const Replacement &o) const {
    return file == o.file && offset == o.offset && length == o.length && text == o.text;
  }
  bool operator<(const Replacement &o) const;
};

struct Message {
  std::string text;
  std::string file;                 // empty when the message has no location
  unsigned offset = 0;
  std::optional<unsigned> endOffset; // end of the highlighted range at `offset`, when any
  std::vector<Replacement> fix;     // sorted by file, offset

  bool hasLocation() const { return !file.empty(); }
};

struct Diagnostic {
  std::string check; // e.g. "parlint-unbounded-spawn", "clang-diagnostic-error"
  Level level = Level::Warning;
  Message main;
  std::vector<Message> notes;

  // A compiler error (the TU does not compile), as opposed to a finding.
  bool isCompileError() const { return check == "clang-diagnostic-error"; }
};

// The identity used to report a diagnostic once: a header diagnostic seen
// from several translation units has the same real path, offset, check and text.
bool sameFinding(const Diagnostic &a, const Diagnostic &b);
// A total order: file, offset, check, message, then the rest (stable output).
bool reportOrder(const Diagnostic &a, const Diagnostic &b);

} // namespace parlint::tool
