#include "SourceRoles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <iterator>

namespace clang::tidy::parlint {

namespace {

/// The role a directory of this name gives the files below it (exact names,
/// any case: "test-inputs" or "contest" is not "test").
SourceRole roleOfDirectory(StringRef Name) {
  return llvm::StringSwitch<SourceRole>(Name.lower())
      .Cases("test", "tests", "testing", SourceRole::Test)
      // Test trees by their conventional longer names (unbound's testcode/,
      // DejaGnu's testsuite/, LLVM's test-suite/).
      .Cases("testcode", "testsuite", "testsuites", "test-suite", SourceRole::Test)
      .Cases("test_suite", "testcases", SourceRole::Test)
      .Cases("unittest", "unittests", "unit_tests", SourceRole::Test)
      .Cases("stress", "stress-tests", "stress_tests", SourceRole::Test)
      .Cases("regress", "regression", "regressions", SourceRole::Test)
      .Cases("bench", "benchmark", "benchmarks", SourceRole::Benchmark)
      .Cases("example", "examples", "demo", "demos", SourceRole::Example)
      .Cases("sample", "samples", SourceRole::Example)
      .Default(SourceRole::Product);
}

/// The role a word of a file name gives it, as its first word (`test_x`)
/// or as its last (`x_test`, `x_unittest`, `x_bench`).
SourceRole roleOfFirstWord(StringRef Word) {
  return llvm::StringSwitch<SourceRole>(Word.lower())
      .Cases("test", "tests", "stress", "torture", SourceRole::Test)
      .Cases("bench", "benchmark", SourceRole::Benchmark)
      .Cases("example", "demo", "sample", SourceRole::Example)
      .Default(SourceRole::Product);
}
SourceRole roleOfLastWord(StringRef Word) {
  return llvm::StringSwitch<SourceRole>(Word.lower())
      .Cases("test", "tests", "unittest", "unittests", SourceRole::Test)
      .Cases("stress", "torture", SourceRole::Test)
      .Cases("bench", "benchmark", "benchmarks", SourceRole::Benchmark)
      .Cases("example", "examples", "demo", "sample", SourceRole::Example)
      .Default(SourceRole::Product);
}

/// Whether Stem ends with the capitalized word Suffix after a lower-case
/// letter or a digit: `QueueTest`, not `LATEST` or `Test` alone.
bool endsWithCamelWord(StringRef Stem, StringRef Suffix) {
  if (Stem.size() <= Suffix.size() || !Stem.ends_with(Suffix))
    return false;
  char Before = Stem[Stem.size() - Suffix.size() - 1];
  return llvm::isLower(Before) || llvm::isDigit(Before);
}

/// The role a file's own name gives it: words separated by '_' or '-'
/// (`test_shutdown.cpp`, `objectpool_test.cpp`, `pool-bench.c`), or a
/// CamelCase name ending in Test(s) or Benchmark(s).
SourceRole roleOfFileName(StringRef FileName) {
  StringRef Stem = llvm::sys::path::stem(FileName);
  llvm::SmallVector<StringRef, 4> Parts, Words;
  Stem.split(Parts, '_', -1, /*KeepEmpty=*/false);
  for (StringRef Part : Parts)
    Part.split(Words, '-', -1, /*KeepEmpty=*/false);
  if (!Words.empty()) {
    if (SourceRole Role = roleOfFirstWord(Words.front());
        Role != SourceRole::Product)
      return Role;
    if (SourceRole Role = roleOfLastWord(Words.back());
        Role != SourceRole::Product)
      return Role;
  }
  if (endsWithCamelWord(Stem, "Test") || endsWithCamelWord(Stem, "Tests"))
    return SourceRole::Test;
  if (endsWithCamelWord(Stem, "Benchmark") ||
      endsWithCamelWord(Stem, "Benchmarks"))
    return SourceRole::Benchmark;
  return SourceRole::Product;
}

/// Files whose presence marks a directory as (part of) a project's tree.
constexpr StringRef ProjectMarkers[] = {
    ".git",        ".hg",        ".svn",         "CMakeLists.txt",
    "configure",   "configure.ac", "configure.in", "meson.build",
    "Makefile.am", "Makefile",   "GNUmakefile",  "BUILD.bazel",
    "WORKSPACE",   "SConstruct"};

/// Directories without a marker walked through before the search stops
/// (`src/lib/x/` below a root's CMakeLists.txt).
constexpr unsigned MarkerGap = 3;

bool hasProjectMarker(StringRef Directory, llvm::vfs::FileSystem &FS) {
  for (StringRef Marker : ProjectMarkers) {
    llvm::SmallString<256> Candidate(Directory);
    llvm::sys::path::append(Candidate, Marker);
    if (FS.exists(Candidate))
      return true;
  }
  return false;
}

size_t componentCount(StringRef Path) {
  return std::distance(llvm::sys::path::begin(Path),
                       llvm::sys::path::end(Path));
}

} // namespace

std::string findProjectRoot(StringRef Directory, llvm::vfs::FileSystem &FS) {
  std::string Root;
  unsigned Unmarked = 0;
  for (StringRef Current = Directory; !Current.empty();
       Current = llvm::sys::path::parent_path(Current)) {
    if (hasProjectMarker(Current, FS)) {
      Root = Current.str();
      Unmarked = 0;
    } else if (++Unmarked > MarkerGap) {
      break;
    }
    if (Current == llvm::sys::path::root_path(Current))
      break;
  }
  return Root;
}

SourceRole roleOfPath(StringRef Path, StringRef WorkingDirectory,
                      StringRef ProjectRoot) {
  llvm::SmallString<256> File(Path);
  if (!llvm::sys::path::is_absolute(File) && !WorkingDirectory.empty()) {
    File = WorkingDirectory;
    llvm::sys::path::append(File, Path);
  }
  llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
  llvm::SmallString<256> Directory(WorkingDirectory);
  llvm::sys::path::remove_dots(Directory, /*remove_dot_dot=*/true);

  llvm::SmallVector<StringRef, 16> Components(llvm::sys::path::begin(File),
                                              llvm::sys::path::end(File));
  if (Components.empty())
    return SourceRole::Product;
  // Below the common ancestor of the file and the working directory: where
  // the project is checked out says nothing about the file.
  size_t Common = 0;
  if (llvm::sys::path::is_absolute(File) &&
      llvm::sys::path::is_absolute(Directory))
    for (auto It = llvm::sys::path::begin(Directory),
              End = llvm::sys::path::end(Directory);
         It != End && Common + 1 < Components.size() &&
         *It == Components[Common];
         ++It)
      ++Common;
  // Inside the project, every directory speaks, the working directory's too.
  if (!ProjectRoot.empty() && llvm::sys::path::is_absolute(ProjectRoot) &&
      File.str().starts_with(ProjectRoot) &&
      (File.size() == ProjectRoot.size() ||
       llvm::sys::path::is_separator(File[ProjectRoot.size()]) ||
       ProjectRoot.ends_with("/")))
    Common = std::min(Common, componentCount(ProjectRoot));

  if (SourceRole Role = roleOfFileName(Components.back());
      Role != SourceRole::Product)
    return Role;
  // The directory nearest to the file decides (`tests/bench/x.cpp` is a
  // benchmark).
  for (size_t I = Components.size() - 1; I-- > Common;)
    if (SourceRole Role = roleOfDirectory(Components[I]);
        Role != SourceRole::Product)
      return Role;
  return SourceRole::Product;
}

SourceRole roleOf(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid())
    return SourceRole::Product;
  PresumedLoc Presumed = SM.getPresumedLoc(SM.getFileLoc(Loc));
  if (Presumed.isInvalid())
    return SourceRole::Product;
  // ClangTool sets the file system's working directory to the compile
  // command's directory.
  FileManager &Files = SM.getFileManager();
  std::string WorkingDirectory = Files.getFileSystemOpts().WorkingDir;
  if (WorkingDirectory.empty())
    if (auto Current = Files.getVirtualFileSystem().getCurrentWorkingDirectory())
      WorkingDirectory = *Current;
  llvm::SmallString<256> File(Presumed.getFilename());
  if (!llvm::sys::path::is_absolute(File) && !WorkingDirectory.empty()) {
    File = WorkingDirectory;
    llvm::sys::path::append(File, Presumed.getFilename());
  }
  llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
  // Roots are looked up once per directory for the process.
  static llvm::StringMap<std::string> RootOfDirectory;
  StringRef Directory = llvm::sys::path::parent_path(File);
  auto [It, Inserted] = RootOfDirectory.try_emplace(Directory);
  if (Inserted)
    It->second = findProjectRoot(Directory, Files.getVirtualFileSystem());
  return roleOfPath(File, WorkingDirectory, It->second);
}

} // namespace clang::tidy::parlint
