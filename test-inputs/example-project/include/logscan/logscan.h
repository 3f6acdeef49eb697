// logscan: a small log indexer used as parlint's example project. It has the
// concurrency mistakes parlint exists to find, next to code that is correct.
//
// `logscan index SPOOL OUT` indexes a spool directory of log batch files (one
// file per batch, as a log shipper writes them): it counts the indexed fields
// of every line, counts server errors, ships a summary of every batch to an
// export file and writes the index and a report.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace logscan {

// Indexed token ("host=web-017", "GET", "/api/orders/42", "status=503",
// "user=u000123") -> occurrences.
using WordCounts = std::map<std::string, long>;

struct LogBatch {
  std::string source;
  std::vector<std::string> lines;
};

// spool.cpp: reading batches and counting, no threads.
std::vector<std::string> listSpool(const std::string &dir);
std::vector<std::string> readLines(const std::string &path);
LogBatch readBatch(const std::string &path);
WordCounts countWords(const std::vector<std::string> &lines);
long countServerErrors(const std::vector<std::string> &lines);
void saveIndex(const std::string &path, const WordCounts &counts);
void writeText(const std::string &path, const std::string &text);
void reportProgress();

// Summaries of batches, shipped to the archive by export.cpp.
class ExportSink {
public:
  void add(std::string row);
  std::size_t size();
  void save(const std::string &path); // sorted rows
private:
  std::mutex lock_;
  std::vector<std::string> rows_;
};
std::string summarizeBatch(const std::string &path);

// One job per file.
WordCounts ingestAll(const std::vector<std::string> &paths);   // ingest.cpp
long countAlerts(const std::vector<std::string> &paths);       // alerts.cpp
void exportAll(const std::vector<std::string> &paths, ExportSink &sink); // export.cpp
std::string summarize(const WordCounts &index, const std::string &outDir); // report.cpp
bool publishSummary(const std::string &summary, const std::string &outDir, bool dryRun);

// The other commands.
void serve(int listener);                                     // server.cpp
void handleClient(int socket);
bool gzipRotated(const std::string &path, bool waitForIt);    // rotate.cpp
int compressRotated(const std::string &path);                 // compress.cpp

} // namespace logscan
