// --shard K/N: which translation units this CI runner analyses. The split
// depends only on the compilation database and the sources (never on the
// machine or a cache), so N runners with the same checkout cover every TU
// exactly once, with similar amounts of work.
#pragma once

#include "cdb.h"

#include <string>
#include <vector>

namespace parlint::tool {

// Keeps the jobs of shard `index` (1-based) of `count`. A TU's estimated cost
// is a fixed part (the headers every TU parses) plus its source's size: stable
// across machines, unlike measured times. Longest-first greedy assignment to
// the least-loaded shard (ties: the lowest shard, then the path).
std::vector<CompileJob> selectShard(const std::vector<CompileJob> &jobs, unsigned index,
                                    unsigned count, const std::string &sourceRoot);

} // namespace parlint::tool
