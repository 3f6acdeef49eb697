// SharedValue: atomic operations across processes, named values, type checks.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string>
#include <system_error>
#include <vector>

#include <gtest/gtest.h>

#include "parlint/shared_array.h"
#include "parlint/shared_value.h"

extern char** environ;

namespace {

using parlint::SharedValue;

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

TEST(SharedValueTest, LoadStoreExchange) {
  auto v = SharedValue<int>::create(5);
  EXPECT_EQ(v.load(), 5);
  v.store(6);
  EXPECT_EQ(v.exchange(8), 6);
  EXPECT_EQ(v.load(), 8);
}

TEST(SharedValueTest, CompareExchangeReportsCurrentValueOnFailure) {
  auto v = SharedValue<long>::create(10);
  long expected = 3;
  EXPECT_FALSE(v.compare_exchange(expected, 20));
  EXPECT_EQ(expected, 10);
  EXPECT_TRUE(v.compare_exchange(expected, 20));
  EXPECT_EQ(v.load(), 20);
}

TEST(SharedValueTest, NonIntegralTriviallyCopyableValue) {
  struct Pair {
    std::int32_t a, b;
  };
  auto v = SharedValue<Pair>::create(Pair{1, 2});
  Pair expected{1, 2};
  EXPECT_TRUE(v.compare_exchange(expected, Pair{3, 4}));
  EXPECT_EQ(v.load().b, 4);
}

// The article's `value += 1` from several processes, made correct.
TEST(SharedValueTest, FetchAddFromForkedChildrenLosesNoIncrement) {
  constexpr int kChildren = 4, kAdds = 20000;
  auto v = SharedValue<long>::create(0);
  std::vector<pid_t> kids;
  for (int c = 0; c < kChildren; ++c) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      for (int i = 0; i < kAdds; ++i) v.fetch_add(1);
      ::_exit(0);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  EXPECT_EQ(v.load(), long{kChildren} * kAdds);
}

TEST(SharedValueTest, NamedValueIsUpdatedByAnUnrelatedProcess) {
  auto v = SharedValue<long>::create_named("counter", 100);
  ASSERT_EQ(run_helper({"value-add", v.name(), "1000"}), 0);
  EXPECT_EQ(v.load(), 1100);
}

TEST(SharedValueTest, OpenRejectsAnArrayOrAnotherSize) {
  auto a = parlint::SharedArray<long>::create_named("not-a-value", {4});
  try {
    SharedValue<long>::open(a.name());
    FAIL() << "opened an array as a value";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code().value(), EINVAL);
  }
  auto v = SharedValue<long>::create_named("wide", 1);
  EXPECT_THROW(SharedValue<int>::open(v.name()), std::system_error);
  EXPECT_EQ(SharedValue<long>::open(v.name()).load(), 1);
}

}  // namespace
