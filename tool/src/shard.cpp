#include "shard.h"

#include "findings.h"

#include <llvm/Support/FileSystem.h>

#include <algorithm>
#include <tuple>

namespace parlint::tool {

std::vector<CompileJob> selectShard(const std::vector<CompileJob> &jobs, unsigned index,
                                    unsigned count, const std::string &sourceRoot) {
  if (count <= 1)
    return jobs;
  struct Entry {
    uint64_t cost;
    std::string name; // root-relative: the same on every runner
    size_t job;
  };
  std::vector<Entry> entries;
  for (size_t i = 0; i < jobs.size(); ++i) {
    uint64_t size = 0;
    llvm::sys::fs::file_size(jobs[i].file, size);
    // A fixed per-TU cost (parsing the standard headers) plus the source.
    entries.push_back({size + 32 * 1024,
                       rootRelativePath(jobs[i].file, sourceRoot) + "\n" + jobs[i].flagsKey, i});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
    return std::tie(b.cost, a.name) < std::tie(a.cost, b.name); // cost descending, name ascending
  });
  std::vector<uint64_t> load(count, 0);
  std::vector<bool> mine(jobs.size(), false);
  for (const auto &e : entries) {
    const unsigned target =
        static_cast<unsigned>(std::min_element(load.begin(), load.end()) - load.begin());
    load[target] += e.cost;
    mine[e.job] = target + 1 == index;
  }
  std::vector<CompileJob> selected;
  for (size_t i = 0; i < jobs.size(); ++i)
    if (mine[i])
      selected.push_back(jobs[i]);
  return selected;
}

} // namespace parlint::tool
