// What a source file is for, judged by its path: the program itself, or code
// that exercises or shows it (tests, benchmarks, examples). A check whose
// premise is about the program running in production (a literal worker count
// oversubscribes small machines) stays silent where the literal is the
// test's load or the demo's illustration.
//
// The path is the presumed file name (what diagnostics print, so `#line` and
// preprocessed `# 1 "file"` markers count), made absolute against the
// compilation's working directory; only the components below the project's
// root are read, so the directory a project is checked out in
// (`/home/me/tests/myproject/src/pool.cpp`) says nothing. The root is the
// topmost directory above the file that holds a build or repository marker
// (CMakeLists.txt, configure.ac, meson.build, .git, ...), or else the common
// ancestor of the file and the working directory. The marker matters for
// builds inside the source tree: `make` compiles `examples/pool.cpp` in
// `examples/`, whose name the working directory alone would hide.
#ifndef PARLINT_CHECKS_COMMON_SOURCEROLES_H
#define PARLINT_CHECKS_COMMON_SOURCEROLES_H

#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <string>

namespace clang::tidy::parlint {

enum class SourceRole {
  Product,   ///< the program or library itself
  Test,      ///< unit, stress and integration tests
  Benchmark, ///< benchmark programs
  Example,   ///< examples, demos, samples
};

/// The role of the file at Path. A file name decides first
/// (`objectpool_test.cpp`, `test_shutdown.cpp`, `QueueTest.cpp`,
/// `stress-fstat.c`, `pool_bench.cpp`), then the directory nearest to the
/// file whose name, ignoring case, is exactly one of test, tests, testing,
/// testcode, testsuite(s), test-suite, test_suite, testcases,
/// unittest, unittests, unit_tests, stress, stress-tests, stress_tests,
/// regress, regression, regressions,
/// bench, benchmark, benchmarks, example, examples,
/// demo, demos, sample, samples. `t/` is not one (fio keeps tools there),
/// nor `test-inputs/`, `contest/` or `latest/`.
/// A relative Path is taken relative to WorkingDirectory. ProjectRoot, when
/// given and above the file, widens what is read to everything below it.
SourceRole roleOfPath(llvm::StringRef Path, llvm::StringRef WorkingDirectory,
                      llvm::StringRef ProjectRoot = {});

/// The topmost directory at or above Directory holding a project marker,
/// found by walking up while a marker was seen at most MarkerGap levels
/// below; empty when none is.
std::string findProjectRoot(llvm::StringRef Directory,
                            llvm::vfs::FileSystem &FS);

/// The role of the file Loc is written in (its file location's presumed
/// name; the working directory is the file manager's).
SourceRole roleOf(SourceLocation Loc, const SourceManager &SM);

/// Whether Loc is in test, benchmark or example code.
inline bool isTestOrExampleCode(SourceLocation Loc, const SourceManager &SM) {
  return roleOf(Loc, SM) != SourceRole::Product;
}

} // namespace clang::tidy::parlint

#endif
