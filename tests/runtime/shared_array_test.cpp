// SharedArray / SharedMemory: shapes, names, errors, visibility across fork and
// across an unrelated process, stale-segment cleanup, no leaked /dev/shm entries.
#include <dirent.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include <gtest/gtest.h>

#include "parlint/shared_array.h"
#include "parlint/shared_memory.h"

extern char** environ;

namespace {

using parlint::SharedArray;
using parlint::SharedMemory;

// /dev/shm entries created by this process (tests run in parallel under ctest,
// so only our own pid's entries are compared).
std::set<std::string> own_shm_entries() {
  std::set<std::string> out;
  std::string prefix = "parlint." + std::to_string(::getpid()) + ".";
  if (DIR* dir = ::opendir("/dev/shm")) {
    while (dirent* e = ::readdir(dir))
      if (std::string(e->d_name).rfind(prefix, 0) == 0) out.insert(e->d_name);
    ::closedir(dir);
  }
  return out;
}

bool shm_exists(const std::string& full_name) {
  return ::access(("/dev/shm" + full_name).c_str(), F_OK) == 0;
}

// Runs the helper binary (an exec'd, unrelated process); returns its exit code.
int run_helper(std::vector<std::string> args) {
  std::string path = std::string(PARLINT_HELPER_DIR) + "/shm_helper";
  args.insert(args.begin(), path);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (::posix_spawn(&pid, path.c_str(), nullptr, nullptr, argv.data(), environ) != 0) return -1;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

template <class F>
int expect_errno(F&& f) {
  try {
    f();
  } catch (const std::system_error& e) {
    return e.code().value();
  }
  return 0;
}

class SharedArrayTest : public ::testing::Test {
 protected:
  void SetUp() override { before_ = own_shm_entries(); }
  void TearDown() override { EXPECT_EQ(own_shm_entries(), before_) << "leaked /dev/shm entries"; }
  std::set<std::string> before_;
};

TEST_F(SharedArrayTest, ShapeIsAShape) {
  auto a = SharedArray<std::int64_t>::create({3, 5});
  EXPECT_EQ(a.size(), 15u);
  EXPECT_EQ(a.rank(), 2u);
  EXPECT_EQ(a.shape(), (std::vector<std::size_t>{3, 5}));
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i], 0) << "not zero-filled at " << i;
  a.view(2, 4) = 42;
  a.view(1, 0) = 7;
  EXPECT_EQ(a[14], 42);  // row-major
  EXPECT_EQ(a[5], 7);
}

TEST_F(SharedArrayTest, ThreeDimensionalViewIsRowMajor) {
  auto a = SharedArray<int>::create({2, 3, 4});
  std::iota(a.begin(), a.end(), 0);
  EXPECT_EQ(a.view(1, 2, 3), 23);
  EXPECT_EQ(a.view(1, 0, 0), 12);
  EXPECT_EQ(a.view(0, 1, 2), 6);
}

TEST_F(SharedArrayTest, ViewRejectsWrongRankAndOutOfRangeIndices) {
  auto a = SharedArray<int>::create({3, 5});
  EXPECT_THROW(a.view(3, 0), std::out_of_range);
  EXPECT_THROW(a.view(0, 5), std::out_of_range);
  EXPECT_THROW(a.view(1), std::out_of_range);
  EXPECT_THROW(a.view(0, 0, 0), std::out_of_range);
  EXPECT_NO_THROW(a.view(2, 4));
}

TEST_F(SharedArrayTest, SpanCoversEveryElement) {
  auto a = SharedArray<double>::create({100});
  auto s = a.span();
  EXPECT_EQ(s.size(), 100u);
  EXPECT_EQ(s.data(), a.data());
  for (double& x : s) x = 1.5;
  EXPECT_DOUBLE_EQ(std::accumulate(a.begin(), a.end(), 0.0), 150.0);
}

TEST_F(SharedArrayTest, BadSizesAreRejectedWithEinval) {
  EXPECT_EQ(expect_errno([] { SharedArray<int>::create({0}); }), EINVAL);
  EXPECT_EQ(expect_errno([] { SharedArray<int>::create({3, 0}); }), EINVAL);
  EXPECT_EQ(expect_errno([] { SharedArray<int>::create(std::vector<std::size_t>{}); }), EINVAL);
  EXPECT_EQ(expect_errno([] { SharedArray<int>::create({SIZE_MAX / 2, 4}); }), EINVAL);
  EXPECT_EQ(expect_errno([] { SharedArray<int>::create({SIZE_MAX / 4 + 1}); }), EINVAL);
  EXPECT_EQ(expect_errno([] { SharedArray<int>::create({1, 1, 1, 1, 1, 1, 1, 1, 1}); }), EINVAL);
  EXPECT_EQ(expect_errno([] { SharedMemory::anonymous(0); }), EINVAL);
}

TEST_F(SharedArrayTest, BadNamesAreRejectedWithEinvalAndAClearMessage) {
  for (std::string bad : std::vector<std::string>{"", "a/b", "/etc", "..", "x..y", "../x", "has space", std::string(201, 'n')}) {
    try {
      SharedArray<int>::create_named(bad, {4});
      ADD_FAILURE() << "accepted name '" << bad << "'";
    } catch (const std::system_error& e) {
      EXPECT_EQ(e.code().value(), EINVAL) << bad;
      EXPECT_NE(std::string(e.what()).find("invalid shared memory name"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(expect_errno([] { SharedArray<int>::open("/parlint.1.../x"); }), EINVAL);
}

TEST_F(SharedArrayTest, NamedSegmentCarriesPidAndModeAndIsUnlinkedByOwner) {
  std::string name;
  {
    auto a = SharedArray<int>::create_named("owned", {8});
    name = a.name();
    EXPECT_EQ(name, "/parlint." + std::to_string(::getpid()) + ".owned");
    struct stat st {};
    ASSERT_EQ(::stat(("/dev/shm" + name).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_GE(static_cast<std::size_t>(st.st_size), 8 * sizeof(int));  // reserved up front
  }
  EXPECT_FALSE(shm_exists(name));
}

TEST_F(SharedArrayTest, DuplicateNameFailsWithEexist) {
  auto a = SharedArray<int>::create_named("dup", {4});
  try {
    SharedArray<int>::create_named("dup", {4});
    FAIL() << "second create succeeded";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code().value(), EEXIST);
    EXPECT_NE(std::string(e.what()).find("File exists"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(shm_exists(a.name()));  // the failed create did not unlink ours
}

TEST_F(SharedArrayTest, OpeningMissingSegmentFailsWithEnoent) {
  EXPECT_EQ(expect_errno([] { SharedArray<int>::open("parlint.1.does-not-exist"); }), ENOENT);
}

TEST_F(SharedArrayTest, OpenChecksElementSize) {
  auto a = SharedArray<std::int64_t>::create_named("typed", {4});
  EXPECT_EQ(expect_errno([&] { SharedArray<int>::open(a.name()); }), EINVAL);
  auto b = SharedArray<std::int64_t>::open(a.name());
  EXPECT_EQ(b.shape(), a.shape());
}

TEST_F(SharedArrayTest, OpenerSeesSameDataAndDoesNotUnlink) {
  auto a = SharedArray<int>::create_named("pair", {2, 2});
  {
    auto b = SharedArray<int>::open(a.name());
    b.view(1, 1) = 9;
  }
  EXPECT_EQ(a.view(1, 1), 9);
  EXPECT_TRUE(shm_exists(a.name()));
}

TEST_F(SharedArrayTest, AnonymousArrayIsVisibleAcrossFork) {
  auto a = SharedArray<int>::create({1000});
  a[0] = 1;
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int ok = a[0] == 1;
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<int>(i) * 2;
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  for (std::size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], static_cast<int>(i) * 2);
}

TEST_F(SharedArrayTest, ForkedChildDoesNotUnlinkItsParentsSegment) {
  auto a = SharedArray<int>::create_named("inherited", {4});
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    { auto moved = std::move(a); }  // runs the destructor in the child
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(shm_exists(a.name()));
}

TEST_F(SharedArrayTest, NamedArrayIsVisibleToAnUnrelatedProcess) {
  auto a = SharedArray<std::int64_t>::create_named("helper", {3, 5});
  ASSERT_EQ(run_helper({"array-fill", a.name(), "3", "5", "100"}), 0);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 5; ++j) EXPECT_EQ(a.view(i, j), static_cast<std::int64_t>(100 + i * 5 + j));
  // The helper checks the shape it sees: a wrong one makes it exit with 2.
  EXPECT_EQ(run_helper({"array-fill", a.name(), "5", "3", "0"}), 2);
}

TEST_F(SharedArrayTest, CleanupStaleRemovesSegmentsOfDeadCreatorsOnly) {
  auto mine = SharedArray<int>::create_named("alive", {4});
  std::string path = std::string(PARLINT_HELPER_DIR) + "/shm_helper create-and-crash stale";
  FILE* out = ::popen(path.c_str(), "r");
  ASSERT_NE(out, nullptr);
  char line[256] = {};
  ASSERT_NE(std::fgets(line, sizeof line, out), nullptr);
  ASSERT_EQ(::pclose(out), 0);
  std::string stale = line;
  stale.erase(stale.find_last_not_of('\n') + 1);
  ASSERT_TRUE(shm_exists(stale)) << stale;  // the helper died without unlinking
  EXPECT_GE(SharedMemory::cleanup_stale(), 1u);
  EXPECT_FALSE(shm_exists(stale));
  EXPECT_TRUE(shm_exists(mine.name()));
}

TEST_F(SharedArrayTest, PrefaultKeepsContents) {
  auto a = SharedArray<int>::create({3, 1 << 16}, parlint::SharedOptions{true});
  a.view(2, 5) = 11;
  a.prefault();  // on a populated segment: must not change a value
  EXPECT_EQ(a.view(2, 5), 11);
}

}  // namespace
