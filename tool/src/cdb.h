// The translation units to analyse: compile_commands.json read with clang's
// JSONCompilationDatabase, filtered by the user's paths and globs, with
// duplicate entries (the same file with the same flags, common with several
// targets sharing a source) run once.
#pragma once

#include <string>
#include <vector>

namespace parlint::tool {

struct CompileJob {
  std::string file;                   // real absolute path of the main source
  std::string directory;              // the entry's working directory
  std::vector<std::string> arguments; // full command line, compiler first
  std::string flagsKey;               // the flags that matter (no -o, no input): dedup + cache key
};

struct CompileJobs {
  std::vector<CompileJob> jobs; // sorted by file, then flags: a stable order
  size_t duplicatesDropped = 0;
  size_t otherLanguages = 0;    // entries that are not C or C++ (assembly, ...), skipped
  std::vector<std::string> missingSources; // listed sources that do not exist, skipped
  std::string error;            // non-empty: unusable database or selection (exit 3)
};

// `buildDir` holds compile_commands.json (or is the file itself). `selectors`
// are files, directories or globs (*, ?, [..], matched against the absolute
// path and the path relative to the current directory); empty selects all.
CompileJobs loadCompileJobs(const std::string &buildDir, const std::vector<std::string> &selectors);

// `parlint FILE... -- FLAGS`: each file compiled with `flags` in the current
// directory, as clang-tidy's fixed compilation database does.
CompileJobs fixedCompileJobs(const std::vector<std::string> &files,
                             const std::vector<std::string> &flags);

// Compiler flags with the output and the input file removed.
std::vector<std::string> flagsWithoutInputOutput(const std::vector<std::string> &arguments,
                                                 const std::string &file,
                                                 const std::string &directory);

} // namespace parlint::tool
