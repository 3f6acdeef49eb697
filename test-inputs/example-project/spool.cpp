// Reading batch files and counting their fields: plain sequential code.
#include "logscan/logscan.h"

#include <algorithm>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace logscan {

std::vector<std::string> listSpool(const std::string &dir) {
  DIR *spool = opendir(dir.c_str());
  if (!spool)
    throw std::runtime_error("cannot open spool directory " + dir);
  std::vector<std::string> paths;
  while (const dirent *entry = readdir(spool)) {
    const std::string name = entry->d_name;
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".log") == 0)
      paths.push_back(dir + "/" + name);
  }
  closedir(spool);
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<std::string> readLines(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot read " + path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(std::move(line));
  return lines;
}

LogBatch readBatch(const std::string &path) {
  return LogBatch{path.substr(path.find_last_of('/') + 1), readLines(path)};
}

namespace {

// A line: "<time> <host> <method> <path> <status> <latency> user=<id>".
struct Fields {
  std::string time, host, method, target, status, latency, user;
};

bool parse(const std::string &line, Fields &f) {
  std::istringstream in(line);
  return static_cast<bool>(in >> f.time >> f.host >> f.method >> f.target >> f.status >>
                           f.latency >> f.user);
}

} // namespace

// Indexed: host, method, path, status and user (not the time or the latency).
WordCounts countWords(const std::vector<std::string> &lines) {
  WordCounts counts;
  Fields f;
  for (const std::string &line : lines) {
    if (!parse(line, f))
      continue;
    ++counts["host=" + f.host];
    ++counts[f.method];
    ++counts[f.target];
    ++counts["status=" + f.status];
    ++counts[f.user];
  }
  return counts;
}

long countServerErrors(const std::vector<std::string> &lines) {
  long errors = 0;
  Fields f;
  for (const std::string &line : lines)
    if (parse(line, f) && f.status[0] == '5')
      ++errors;
  return errors;
}

void saveIndex(const std::string &path, const WordCounts &counts) {
  std::ofstream out(path);
  for (const auto &[word, n] : counts)
    out << word << '\t' << n << '\n';
  if (!out)
    throw std::runtime_error("cannot write " + path);
}

void writeText(const std::string &path, const std::string &text) {
  std::ofstream out(path);
  out << text;
  if (!out)
    throw std::runtime_error("cannot write " + path);
}

void reportProgress() { std::fputs("logscan: compressing\n", stderr); }

// "<batch> <lines> <bytes> <first time> <last time>"
std::string summarizeBatch(const std::string &path) {
  const LogBatch batch = readBatch(path);
  std::size_t bytes = 0;
  for (const std::string &line : batch.lines)
    bytes += line.size() + 1;
  std::string row = batch.source + ' ' + std::to_string(batch.lines.size()) + ' ' +
                    std::to_string(bytes);
  if (!batch.lines.empty())
    row += ' ' + batch.lines.front().substr(0, batch.lines.front().find(' ')) + ' ' +
           batch.lines.back().substr(0, batch.lines.back().find(' '));
  return row;
}

void ExportSink::add(std::string row) {
  std::lock_guard<std::mutex> guard(lock_);
  rows_.push_back(std::move(row));
}

std::size_t ExportSink::size() {
  std::lock_guard<std::mutex> guard(lock_);
  return rows_.size();
}

void ExportSink::save(const std::string &path) {
  std::lock_guard<std::mutex> guard(lock_);
  std::sort(rows_.begin(), rows_.end());
  std::string text;
  for (const std::string &row : rows_)
    text += row + '\n';
  writeText(path, text);
}

} // namespace logscan
