// parlint-worker's decisions that need no compiler: when a run may stay
// in-process (only parlint's checks enabled) and which command lines it
// understands; anything else goes to clang-tidy-19 unchanged.
#include "check_scope.h"
#include "worker_args.h"

#include <gtest/gtest.h>

namespace {

using parlint::worker::enablesOnlyParlintChecks;
using parlint::worker::parseWorkerArgs;

TEST(WorkerCheckScope, ParlintAfterDisablingEverythingIsInProcess) {
  EXPECT_TRUE(enablesOnlyParlintChecks("-*,parlint-*"));
  // clang-tidy's defaults come first in the merged glob.
  EXPECT_TRUE(enablesOnlyParlintChecks("clang-diagnostic-*,clang-analyzer-*,-*,parlint-*"));
  EXPECT_TRUE(enablesOnlyParlintChecks("-*, parlint-unjoined-thread,\n parlint-discarded-future"));
  EXPECT_TRUE(enablesOnlyParlintChecks("-*,parlint-*,-parlint-unbounded-spawn,-bugprone-*"));
}

TEST(WorkerCheckScope, AnyOtherEnabledCheckNeedsClangTidy) {
  EXPECT_FALSE(enablesOnlyParlintChecks("-*,parlint-*,bugprone-use-after-move"));
  EXPECT_FALSE(enablesOnlyParlintChecks("clang-diagnostic-*,clang-analyzer-*,parlint-*"));
  EXPECT_FALSE(enablesOnlyParlintChecks("-*,par*"));
  EXPECT_FALSE(enablesOnlyParlintChecks("-*,*"));
  EXPECT_FALSE(enablesOnlyParlintChecks("-*,clang-diagnostic-unused-variable,parlint-*"));
}

TEST(WorkerCheckScope, NoParlintCheckIsNotInProcess) {
  EXPECT_FALSE(enablesOnlyParlintChecks("-*"));
  EXPECT_FALSE(enablesOnlyParlintChecks(""));
  EXPECT_FALSE(enablesOnlyParlintChecks("-*,-parlint-*"));
}

TEST(WorkerArgs, TheDriversCommandLineIsUnderstood) {
  const auto args = parseWorkerArgs({"parlint-worker", "--clang-tidy=/usr/bin/clang-tidy-19",
                                     "--load=/lib/libparlint-tidy.so", "--checks=-*,parlint-*",
                                     "--header-filter=.*", "--extra-arg=-Xclang=-dependency-file",
                                     "--extra-arg=-Xclang=/tmp/d", "--system-headers", "--quiet",
                                     "--export-fixes=/tmp/f.yaml", "-p=/tmp/db", "/src/a.cpp"});
  EXPECT_TRUE(args.understood);
  EXPECT_EQ(args.clangTidy, "/usr/bin/clang-tidy-19");
  EXPECT_EQ(args.module, "/lib/libparlint-tidy.so");
  EXPECT_EQ(args.checks.value_or(""), "-*,parlint-*");
  EXPECT_EQ(args.headerFilter.value_or(""), ".*");
  ASSERT_EQ(args.extraArgs.size(), 2u);
  EXPECT_EQ(args.extraArgs[1], "-Xclang=/tmp/d");
  EXPECT_TRUE(args.systemHeaders);
  EXPECT_TRUE(args.quiet);
  EXPECT_EQ(args.exportFixes, "/tmp/f.yaml");
  EXPECT_EQ(args.buildPath, "/tmp/db");
  ASSERT_EQ(args.files.size(), 1u);
  // What clang-tidy gets when the worker hands over: all but the worker's own.
  EXPECT_EQ(args.tidyArgs.size(), 9u);
  EXPECT_EQ(args.tidyArgs.front(), "--checks=-*,parlint-*");
}

TEST(WorkerArgs, UnknownOptionsAndOddShapesGoToClangTidy) {
  EXPECT_FALSE(parseWorkerArgs({"w", "--clang-tidy=ct", "--fix", "--quiet", "-p=d", "a.cpp"}).understood);
  EXPECT_FALSE(parseWorkerArgs({"w", "--clang-tidy=ct", "--enable-check-profile", "-p=d", "a.cpp"})
                   .understood);
  EXPECT_FALSE(parseWorkerArgs({"w", "--clang-tidy=ct", "--quiet", "-p=d", "a.cpp", "b.cpp"}).understood);
  EXPECT_FALSE(parseWorkerArgs({"w", "--clang-tidy=ct", "--quiet", "a.cpp"}).understood);
  EXPECT_FALSE(parseWorkerArgs({"w", "--quiet", "-p=d", "a.cpp"}).understood);
}

} // namespace
