// Writes the index and the report: three writers work side by side, each
// given the whole index.
#include "logscan/logscan.h"

#include <algorithm>
#include <functional>
#include <sstream>
#include <thread>
#include <utility>

namespace logscan {

namespace {

using Ranking = std::vector<std::pair<std::string, long>>;

struct FieldTotals {
  std::map<std::string, long> distinct; // field -> distinct values
  std::map<std::string, long> statuses; // status -> requests
};

std::string fieldOf(const std::string &token) {
  if (token[0] == '/')
    return "path";
  const std::size_t equals = token.find('=');
  return equals == std::string::npos ? "method" : token.substr(0, equals);
}

// The n most frequent tokens, ties by token.
void rankTokens(const WordCounts &index, std::size_t n, Ranking *top) {
  Ranking all(index.begin(), index.end());
  n = std::min(n, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<long>(n), all.end(),
                    [](const auto &a, const auto &b) {
                      return a.second != b.second ? a.second > b.second : a.first < b.first;
                    });
  top->assign(all.begin(), all.begin() + static_cast<long>(n));
}

void tallyFields(const WordCounts &index, FieldTotals *totals) {
  for (const auto &[token, n] : index) {
    const std::string field = fieldOf(token);
    ++totals->distinct[field];
    if (field == "status")
      totals->statuses[token.substr(7)] += n;
  }
}

} // namespace

std::string summarize(const WordCounts &index, const std::string &outDir) {
  Ranking top;
  FieldTotals totals;
  std::thread ranker(rankTokens, index, 10, &top);
  std::thread tallier(tallyFields, index, &totals);
  std::thread saver(saveIndex, outDir + "/index.tsv", index);
  ranker.join();
  tallier.join();
  saver.join();

  std::ostringstream out;
  out << "distinct values:";
  for (const auto &[field, n] : totals.distinct)
    out << ' ' << field << '=' << n;
  out << "\nrequests by status:";
  for (const auto &[status, n] : totals.statuses)
    out << ' ' << status << '=' << n;
  out << "\nmost frequent:\n";
  for (const auto &[token, n] : top)
    out << "  " << token << ' ' << n << '\n';
  return out.str();
}

bool publishSummary(const std::string &summary, const std::string &outDir, bool dryRun) {
  std::thread uploader(writeText, outDir + "/summary.txt", std::cref(summary));
  if (dryRun)
    return false; // returns with the uploader still running
  uploader.join();
  return true;
}

} // namespace logscan
