// What a project tells every parlint check at once, through global
// CheckOptions of its .clang-tidy (keys without a check's name):
//   parlint.PoolTypes        its own thread-pool classes ("mylib::Pool;Workers")
//   parlint.PoolTaskMethods  their member functions that queue a task
//   parlint.PoolWaitMethods  their member functions that wait for (or stop)
//                            the queued work
// and, for the analyses that look across functions (a class's pool member
// shut down by its destructor), missing-pool-shutdown's own PoolTypes and
// ShutdownMethods, so every layer knows which calls shut a pool down.
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
  /// parlint-missing-pool-shutdown.PoolTypes / .ShutdownMethods: pools
  /// whose destructor abandons queued work, and the calls that shut them
  /// down (the library pools of model/Pools come on top).
  std::vector<std::string> ShutdownPoolTypes;
  std::vector<std::string> ShutdownMethods;
};

/// The option keys and the defaults of the method lists.
inline constexpr llvm::StringLiteral PoolTypesKey = "parlint.PoolTypes";
inline constexpr llvm::StringLiteral PoolTaskMethodsKey = "parlint.PoolTaskMethods";
inline constexpr llvm::StringLiteral PoolWaitMethodsKey = "parlint.PoolWaitMethods";
inline constexpr llvm::StringLiteral DefaultPoolTaskMethods =
    "submit;post;enqueue;push;push_task;detach_task;submit_task;add_task";
inline constexpr llvm::StringLiteral DefaultPoolWaitMethods =
    "join;wait;wait_idle;wait_all;wait_for_tasks;wait_for_all;shutdown;stop";
inline constexpr llvm::StringLiteral ShutdownPoolTypesKey =
    "parlint-missing-pool-shutdown.PoolTypes";
inline constexpr llvm::StringLiteral ShutdownMethodsKey =
    "parlint-missing-pool-shutdown.ShutdownMethods";
inline constexpr llvm::StringLiteral DefaultShutdownMethods = "join;wait";

/// Parses the global options (absent keys give the defaults).
ProjectConfig parseProjectConfig(const ClangTidyOptions::OptionMap &Options);

/// The configuration of the translation unit being analysed.
const ProjectConfig &projectConfig();
void setProjectConfig(ProjectConfig Config);

} // namespace clang::tidy::parlint

#endif
