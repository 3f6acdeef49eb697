// Which files are tests, benchmarks or examples (common/SourceRoles): by a
// directory of exactly that name below the project's root (or the working
// directory's common ancestor), or by the file's own name; production-looking near misses stay
// product code.
#include "ast_test_support.h"

#include "common/SourceRoles.h"

namespace clang::tidy::parlint {
// Readable roles in failure messages.
void PrintTo(SourceRole Role, std::ostream *Out) {
  static const char *const Names[] = {"Product", "Test", "Benchmark", "Example"};
  *Out << Names[static_cast<int>(Role)];
}
} // namespace clang::tidy::parlint

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::parlint;

namespace {

constexpr const char *Build = "/home/dev/proj/build";

struct Case {
  const char *Path;
  SourceRole Role;
};

void expectRoles(llvm::ArrayRef<Case> Cases, const char *WorkingDirectory) {
  for (const Case &C : Cases)
    EXPECT_EQ(roleOfPath(C.Path, WorkingDirectory), C.Role)
        << C.Path << " (working directory " << WorkingDirectory << ")";
}

TEST(SourceRoles, TestDirectories) {
  expectRoles({{"/home/dev/proj/test/oatpp/async/LockTest.cpp", SourceRole::Test},
               {"/home/dev/proj/tests/shutdown_stress.cpp", SourceRole::Test},
               {"/home/dev/proj/Tests/pool.cpp", SourceRole::Test},
               {"/home/dev/proj/testing/pool.cpp", SourceRole::Test},
               {"/home/dev/unbound/testcode/unitlruhash.c", SourceRole::Test},
               {"/home/dev/gcc/gcc/testsuite/gcc.dg/pr1.c", SourceRole::Test},
               {"/home/dev/llvm/test-suite/SingleSource/a.c", SourceRole::Test},
               {"/home/dev/proj/unittest/objectpool.cpp", SourceRole::Test},
               {"/home/dev/proj/unittests/pool.cpp", SourceRole::Test},
               {"/home/dev/proj/unit_tests/pool.cpp", SourceRole::Test},
               {"/home/dev/proj/src/tests/helpers/spawn.h", SourceRole::Test},
               {"../tests/stress.cpp", SourceRole::Test},
               {"tests/stress.cpp", SourceRole::Test}},
              Build);
}

TEST(SourceRoles, BenchmarkAndExampleDirectories) {
  expectRoles({{"/home/dev/proj/bench/pool.cpp", SourceRole::Benchmark},
               {"/home/dev/proj/benchmark/pool.cpp", SourceRole::Benchmark},
               {"/home/dev/proj/Benchmarks/pool.cpp", SourceRole::Benchmark},
               {"/home/dev/proj/example/main_fatal_choice.cpp", SourceRole::Example},
               {"/home/dev/proj/examples/main.cpp", SourceRole::Example},
               {"/home/dev/proj/demo/main.cpp", SourceRole::Example},
               {"/home/dev/proj/demos/main.cpp", SourceRole::Example},
               {"/home/dev/proj/sample/main.cpp", SourceRole::Example},
               {"/home/dev/proj/samples/main.cpp", SourceRole::Example},
               // The directory nearest to the file decides.
               {"/home/dev/proj/tests/bench/queue.cpp", SourceRole::Benchmark},
               {"/home/dev/proj/examples/tests/queue.cpp", SourceRole::Test}},
              Build);
}

TEST(SourceRoles, FileNames) {
  expectRoles({{"/home/dev/proj/tests/test_shutdown_stress_tipc.cpp", SourceRole::Test},
               {"/home/dev/proj/src/objectpool_test.cpp", SourceRole::Test},
               {"/home/dev/proj/src/MPMCQueueTest.cpp", SourceRole::Test},
               {"/home/dev/proj/src/QueueTests.cpp", SourceRole::Test},
               {"/home/dev/proj/src/pool_tests.cc", SourceRole::Test},
               {"/home/dev/proj/src/pool_unittest.cc", SourceRole::Test},
               {"/home/dev/proj/src/pool-test.c", SourceRole::Test},
               {"/home/dev/proj/src/test-pool.c", SourceRole::Test},
               {"/home/dev/proj/src/test.c", SourceRole::Test},
               {"/home/dev/proj/src/Pool2Test.cpp", SourceRole::Test},
               // Stress programs: the thread count is the contention load.
               {"/home/dev/proj/stress-fstat.c", SourceRole::Test},
               {"/home/dev/proj/src/queue_stress.cpp", SourceRole::Test},
               {"/home/dev/proj/src/torture-locks.c", SourceRole::Test},
               {"/home/dev/proj/stress/fd_race.c", SourceRole::Test},
               {"/home/dev/proj/regressions/ck_epoch/validate/section.c", SourceRole::Test},
               {"/home/dev/proj/src/test/regress/pg_regress.c", SourceRole::Test},
               {"/home/dev/proj/example.cpp", SourceRole::Example},
               {"/home/dev/proj/src/pool_example.cc", SourceRole::Example},
               {"/home/dev/proj/src/demo-server.c", SourceRole::Example},
               {"/home/dev/proj/src/pool_bench.cpp", SourceRole::Benchmark},
               {"/home/dev/proj/src/bench_pool.cpp", SourceRole::Benchmark},
               {"/home/dev/proj/src/pool_benchmark.cpp", SourceRole::Benchmark},
               {"/home/dev/proj/src/PoolBenchmark.cpp", SourceRole::Benchmark}},
              Build);
}

TEST(SourceRoles, ProductionNearMisses) {
  expectRoles({{"/home/dev/proj/src/pool.cpp", SourceRole::Product},
               {"/home/dev/proj/lib/worker.c", SourceRole::Product},
               {"/home/dev/proj/contest/solver.cpp", SourceRole::Product},
               {"/home/dev/proj/latest/pool.cpp", SourceRole::Product},
               {"/home/dev/proj/src/testament.cpp", SourceRole::Product},
               {"/home/dev/proj/src/latest.cpp", SourceRole::Product},
               {"/home/dev/proj/src/Latest.cpp", SourceRole::Product},
               {"/home/dev/proj/src/LATEST.cpp", SourceRole::Product},
               {"/home/dev/proj/src/contest.cpp", SourceRole::Product},
               {"/home/dev/proj/src/attestation.cpp", SourceRole::Product},
               {"/home/dev/proj/src/TestAssertions.cpp", SourceRole::Product},
               {"/home/dev/proj/src/workbench.cpp", SourceRole::Product},
               {"/home/dev/proj/src/distress.c", SourceRole::Product},
               {"/home/dev/proj/src/stressor_table.c", SourceRole::Product},
               {"/home/dev/proj/src/examplesupport.cpp", SourceRole::Product},
               // fio keeps tools in t/: a one-letter name says too little.
               {"/home/dev/proj/t/io_uring.c", SourceRole::Product},
               // parlint's own inputs and the harness's copies.
               {"/home/dev/proj/test-inputs/hardcoded-worker-count/pool.cpp",
                SourceRole::Product},
               {"/tmp/parlint-test-a1B2c3/positive_pools.cpp", SourceRole::Product},
               {"/home/dev/proj/example-project/export.cpp", SourceRole::Product},
               {"src/pool.cpp", SourceRole::Product}},
              Build);
}

TEST(SourceRoles, WhereTheProjectLivesSaysNothing) {
  // Checked out under a directory named tests, built in the tree.
  expectRoles({{"/home/dev/tests/proj/src/pool.cpp", SourceRole::Product},
               {"/home/dev/tests/proj/tests/pool.cpp", SourceRole::Test}},
              "/home/dev/tests/proj/build");
  expectRoles({{"/srv/examples/proj/src/pool.cpp", SourceRole::Product}},
              "/srv/examples/proj");
  // Without a working directory every component is read.
  expectRoles({{"/srv/examples/proj/src/pool.cpp", SourceRole::Example},
               {"/srv/proj/src/pool.cpp", SourceRole::Product}},
              "");
}

TEST(SourceRoles, BuiltInsideTheSourceTree) {
  // `make` compiles each file in its own directory: the project's root, not
  // the working directory, bounds what is read.
  const char *Examples = "/srv/tests/asio/src/examples/cpp11";
  EXPECT_EQ(roleOfPath("/srv/tests/asio/src/examples/cpp11/pool.cpp", Examples),
            SourceRole::Product);
  EXPECT_EQ(roleOfPath("/srv/tests/asio/src/examples/cpp11/pool.cpp", Examples,
                       "/srv/tests/asio"),
            SourceRole::Example);
  EXPECT_EQ(roleOfPath("/srv/tests/asio/src/tests/pool.cpp",
                       "/srv/tests/asio/src/tests", "/srv/tests/asio"),
            SourceRole::Test);
  // Above the root still says nothing; a root elsewhere is ignored.
  EXPECT_EQ(roleOfPath("/srv/tests/asio/src/pool.cpp", "/srv/tests/asio/src",
                       "/srv/tests/asio"),
            SourceRole::Product);
  EXPECT_EQ(roleOfPath("/srv/tests/asio/src/pool.cpp", "/srv/tests/asio/src",
                       "/srv/tests/as"),
            SourceRole::Product);
}

TEST(SourceRoles, ProjectRootIsTheTopmostMarkedDirectory) {
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  auto Add = [&](const char *Path) {
    FS->addFile(Path, 0, llvm::MemoryBuffer::getMemBuffer(""));
  };
  Add("/home/me/tests/proj/configure.ac");
  Add("/home/me/tests/proj/src/Makefile.am");
  Add("/home/me/tests/proj/src/examples/cpp11/Makefile.am");
  Add("/home/me/tests/proj/src/deep/a/b/c/pool.cpp");
  Add("/home/me/tests/lone/pool.cpp");
  EXPECT_EQ(findProjectRoot("/home/me/tests/proj/src/examples/cpp11", *FS),
            "/home/me/tests/proj");
  // A few unmarked directories are walked through.
  EXPECT_EQ(findProjectRoot("/home/me/tests/proj/src/deep/a/b", *FS),
            "/home/me/tests/proj");
  // No marker: no root (the working directory rule applies).
  EXPECT_EQ(findProjectRoot("/home/me/tests/lone", *FS), "");
}

// The location's presumed file name: `#line` names the file diagnostics show.
TEST(SourceRoles, LocationsUsePresumedFileNames) {
  auto Role = [](const std::string &Code) {
    auto AST = parlint::test::parse(Code);
    const auto *F = parlint::test::selectFirst<FunctionDecl>(
        "f", functionDecl(hasName("f")).bind("f"), *AST);
    return roleOf(F->getLocation(), AST->getSourceManager());
  };
  EXPECT_EQ(Role("void f() {}"), SourceRole::Product);
  EXPECT_EQ(Role("#line 1 \"tests/stress_test.cpp\"\nvoid f() {}"),
            SourceRole::Test);
  EXPECT_EQ(Role("#line 1 \"examples/main.cpp\"\nvoid f() {}"),
            SourceRole::Example);
  EXPECT_EQ(Role("#line 1 \"src/pool.cpp\"\nvoid f() {}"), SourceRole::Product);
  // In a macro expansion: where it is expanded.
  EXPECT_EQ(Role("#define DEFINE(name) void name() {}\n"
                 "#line 1 \"bench/queue.cpp\"\nDEFINE(f)"),
            SourceRole::Benchmark);
}

} // namespace

