#include "cache.h"

#include "binary_identity.h"

#include "diagnostic_json.h"
#include "hash.h"
#include "paths.h"
#include "process.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/Path.h>

#include <cstdlib>
#include <set>

namespace parlint::tool {

namespace {

const char *const kCacheFormat = "parlint-cache-v1 dependency-file keys";

// Replaces every occurrence of `from` in `text` (the checkout's absolute path),
// so checkouts at different places share keys.
std::string replaceAll(std::string text, const std::string &from, const std::string &to) {
  if (from.empty())
    return text;
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

} // namespace

std::string defaultCacheDirectory() {
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::string(xdg) + "/parlint";
  if (const char *home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/parlint";
  return "/tmp/parlint-cache";
}

ResultCache::ResultCache(CacheSettings settings) : settings_(std::move(settings)) {
  Hasher h;
  h.add(kCacheFormat).add(PARLINT_VERSION);
  ProcessRequest version;
  version.argv = {settings_.tidy.clangTidy, "--version"};
  version.stdoutOnly = true;
  h.add(runProcess(version).output);
  h.add(binaryIdentity(settings_.tidy.module));
  if (!settings_.tidy.worker.empty())
    h.add(binaryIdentity(settings_.tidy.worker));
  for (const auto &option : settings_.tidy.passThrough) {
    h.add(replaceAll(option, settings_.sourceRoot, "$SRCROOT"));
    const std::string configFile = "--config-file=";
    if (option.compare(0, configFile.size(), configFile) == 0)
      h.add(readWholeFile(option.substr(configFile.size())));
  }
  h.add(settings_.tidy.checksKey);
  staticKey_ = h.hex();
}

std::string ResultCache::configHash(const std::string &directory) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = configByDirectory_.find(directory); it != configByDirectory_.end())
      return it->second;
  }
  Hasher h;
  for (std::string dir = directory; !dir.empty();) {
    bool exists = false;
    const std::string text = readWholeFile(dir + "/.clang-tidy", &exists);
    if (exists)
      h.add(replaceAll(dir, settings_.sourceRoot, "$SRCROOT")).add(text);
    const std::string parent(llvm::sys::path::parent_path(dir));
    if (parent == dir)
      break;
    dir = parent;
  }
  const std::string hash = h.hex();
  std::lock_guard<std::mutex> lock(mutex_);
  configByDirectory_.emplace(directory, hash);
  return hash;
}

std::string ResultCache::contentHash(const std::string &file) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = contentByFile_.find(file); it != contentByFile_.end())
      return it->second;
  }
  bool exists = false;
  const std::string text = readWholeFile(file, &exists);
  const std::string hash = exists ? sha256Hex(text) : "missing";
  std::lock_guard<std::mutex> lock(mutex_);
  contentByFile_.emplace(file, hash);
  return hash;
}

std::string ResultCache::costPath(const CompileJob &job) const {
  const std::string id = Hasher()
                             .add(replaceAll(job.file, settings_.sourceRoot, "$SRCROOT"))
                             .add(replaceAll(job.flagsKey, settings_.sourceRoot, "$SRCROOT"))
                             .hex();
  return settings_.directory + "/v1/costs/" + id;
}

std::vector<std::string> parseDependencyFile(const std::string &text) {
  std::vector<std::string> files;
  const size_t colon = text.find(": ");
  if (colon == std::string::npos)
    return files;
  std::string current;
  auto flush = [&] {
    if (!current.empty())
      files.push_back(current);
    current.clear();
  };
  for (size_t i = colon + 2; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      const char next = text[i + 1];
      if (next == '\n' || next == '\r') { // line continuation
        flush();
        ++i;
        continue;
      }
      if (next == ' ' || next == '#' || next == '\\') { // escaped character
        current += next;
        ++i;
        continue;
      }
    }
    if (c == '$' && i + 1 < text.size() && text[i + 1] == '$') {
      current += '$';
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush();
      continue;
    }
    current += c;
  }
  flush();
  return files;
}

std::string ResultCache::manifestId(const CompileJob &job) {
  const std::string &root = settings_.sourceRoot;
  return Hasher()
      .add(staticKey_)
      .add(replaceAll(job.flagsKey, root, "$SRCROOT"))
      .add(replaceAll(job.file, root, "$SRCROOT"))
      .add(configHash(std::string(llvm::sys::path::parent_path(job.file))))
      .hex();
}

std::string ResultCache::entryPath(const std::string &key) const {
  return settings_.directory + "/v1/results/" + key.substr(0, 2) + "/" + key + ".json";
}

std::string ResultCache::manifestPath(const std::string &id) const {
  return settings_.directory + "/v1/manifests/" + id.substr(0, 2) + "/" + id + ".json";
}

namespace {

std::optional<llvm::json::Value> readJson(const std::string &path) {
  bool exists = false;
  const std::string text = readWholeFile(path, &exists);
  if (!exists)
    return std::nullopt;
  auto parsed = llvm::json::parse(text);
  if (!parsed) {
    llvm::consumeError(parsed.takeError());
    return std::nullopt;
  }
  return std::move(*parsed);
}

} // namespace

std::optional<TuResult> ResultCache::lookup(const CompileJob &job) {
  const std::string id = manifestId(job);
  const std::optional<llvm::json::Value> manifest = readJson(manifestPath(id));
  const llvm::json::Array *files =
      manifest && manifest->getAsObject() ? manifest->getAsObject()->getArray("files") : nullptr;
  if (!files)
    return std::nullopt;
  // The key: the manifest id and the current content of each listed file.
  Hasher key;
  key.add(id);
  for (const auto &entry : *files) {
    const std::optional<llvm::StringRef> stored = entry.getAsString();
    if (!stored)
      return std::nullopt;
    const std::string file = replaceAll(stored->str(), "$SRCROOT", settings_.sourceRoot);
    key.add(*stored).add(contentHash(file));
  }
  const std::optional<llvm::json::Value> entry = readJson(entryPath(key.hex()));
  const llvm::json::Object *o = entry ? entry->getAsObject() : nullptr;
  const llvm::json::Value *diagnostics = o ? o->get("diagnostics") : nullptr;
  if (!diagnostics)
    return std::nullopt;
  auto loaded = diagnosticsFromJson(*diagnostics, settings_.sourceRoot);
  if (!loaded)
    return std::nullopt;
  TuResult result;
  result.diagnostics = std::move(*loaded);
  result.seconds = o->getNumber("seconds").value_or(0);
  result.fromCache = true;
  return result;
}

void ResultCache::store(const CompileJob &job, const TuResult &result,
                        std::chrono::system_clock::time_point startedAt) {
  if (result.status != TuStatus::Ok || result.dependencies.empty())
    return; // failures are retried on the next run
  const std::string id = manifestId(job);
  Hasher key;
  key.add(id);
  llvm::json::Array files;
  for (const auto &dependency : result.dependencies) {
    const std::string file = realPath(dependency, job.directory);
    llvm::sys::fs::file_status status;
    if (llvm::sys::fs::status(file, status) ||
        status.getLastModificationTime() > startedAt)
      return; // gone, or edited during the analysis: the result may not match
    const std::string stored = replaceAll(file, settings_.sourceRoot, "$SRCROOT");
    key.add(stored).add(contentHash(file));
    files.push_back(stored);
  }
  const std::string entry = entryPath(key.hex());
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(entry));
  llvm::json::Object value{
      {"diagnostics", diagnosticsToJson(result.diagnostics, settings_.sourceRoot)},
      {"seconds", result.seconds}};
  writeFileAtomically(entry, llvm::formatv("{0}", llvm::json::Value(std::move(value))).str());
  // The manifest last: it never names an entry that is not there yet.
  const std::string manifest = manifestPath(id);
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(manifest));
  writeFileAtomically(manifest, llvm::formatv("{0}", llvm::json::Value(llvm::json::Object{
                                                          {"files", std::move(files)}}))
                                    .str());
}

std::optional<double> ResultCache::knownCost(const CompileJob &job) {
  bool exists = false;
  const std::string text = readWholeFile(costPath(job), &exists);
  if (!exists)
    return std::nullopt;
  char *end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  return end != text.c_str() ? std::optional<double>(seconds) : std::nullopt;
}

void ResultCache::recordCost(const CompileJob &job, double seconds) {
  const std::string path = costPath(job);
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(path));
  writeFileAtomically(path, std::to_string(seconds) + "\n");
}

} // namespace parlint::tool
