// What a source file is for, judged by its path: the program itself, or code
// that exercises or shows it (tests, benchmarks, examples). A check whose
// premise is about the program running in production (a literal worker count
// oversubscribes small machines) stays silent where the literal is the
// test's load or the demo's illustration.
//
// The path is the presumed file name (what diagnostics print, so `#line` and
// preprocessed `# 1 "file"` markers count), made absolute against the
// compilation's working directory; only the components below the common
// ancestor of the file and that directory are read, so the directory a
// project is checked out in (`/home/me/tests/myproject/src/pool.cpp`, built
// in `/home/me/tests/myproject/build`) says nothing.
#ifndef PARLINT_CHECKS_COMMON_SOURCEROLES_H
#define PARLINT_CHECKS_COMMON_SOURCEROLES_H

#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::parlint {

enum class SourceRole {
  Product,   ///< the program or library itself
  Test,      ///< unit, stress and integration tests
  Benchmark, ///< benchmark programs
  Example,   ///< examples, demos, samples
};

/// The role of the file at Path. A file name decides first
/// (`objectpool_test.cpp`, `test_shutdown.cpp`, `QueueTest.cpp`,
/// `pool_bench.cpp`), then the directory nearest to the file whose name,
/// ignoring case, is exactly one of test, tests, testing, unittest,
/// unittests, unit_tests, bench, benchmark, benchmarks, example, examples,
/// demo, demos, sample, samples. `t/` is not one (fio keeps tools there),
/// nor `test-inputs/`, `contest/` or `latest/`.
/// A relative Path is taken relative to WorkingDirectory.
SourceRole roleOfPath(llvm::StringRef Path, llvm::StringRef WorkingDirectory);

/// The role of the file Loc is written in (its file location's presumed
/// name; the working directory is the file manager's).
SourceRole roleOf(SourceLocation Loc, const SourceManager &SM);

/// Whether Loc is in test, benchmark or example code.
inline bool isTestOrExampleCode(SourceLocation Loc, const SourceManager &SM) {
  return roleOf(Loc, SM) != SourceRole::Product;
}

} // namespace clang::tidy::parlint

#endif
