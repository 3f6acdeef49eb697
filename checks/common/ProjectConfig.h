// What a project tells every parlint check at once, through global
// CheckOptions of its .clang-tidy (keys without a check's name):
//   parlint.PoolTypes        its own thread-pool classes ("mylib::Pool;Workers")
//   parlint.PoolTaskMethods  their member functions that queue a task
//   parlint.PoolWaitMethods  their member functions that wait for (or stop)
//                            the queued work
// The model reads it (model/Pools), so a pool named once is known to every
// check: its tasks as workers, its size as a worker count, its waits as
// joins. Set from each check's options when clang-tidy creates the checks
// of a translation unit (the same values for all of them).
#ifndef PARLINT_CHECKS_COMMON_PROJECTCONFIG_H
#define PARLINT_CHECKS_COMMON_PROJECTCONFIG_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::parlint {

struct ProjectConfig {
  std::vector<std::string> PoolTypes;
  std::vector<std::string> PoolTaskMethods;
  std::vector<std::string> PoolWaitMethods;
};

/// The option keys and the defaults of the method lists.
inline constexpr llvm::StringLiteral PoolTypesKey = "parlint.PoolTypes";
inline constexpr llvm::StringLiteral PoolTaskMethodsKey = "parlint.PoolTaskMethods";
inline constexpr llvm::StringLiteral PoolWaitMethodsKey = "parlint.PoolWaitMethods";
inline constexpr llvm::StringLiteral DefaultPoolTaskMethods =
    "submit;post;enqueue;push;push_task;detach_task;submit_task;add_task";
inline constexpr llvm::StringLiteral DefaultPoolWaitMethods =
    "join;wait;wait_idle;wait_all;wait_for_tasks;wait_for_all;shutdown;stop";

/// Parses the global options (absent keys give the defaults).
ProjectConfig parseProjectConfig(const ClangTidyOptions::OptionMap &Options);

/// The configuration of the translation unit being analysed.
const ProjectConfig &projectConfig();
void setProjectConfig(ProjectConfig Config);

} // namespace clang::tidy::parlint

#endif
