#include "cache.h"

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

const char *const kCacheFormat = "parlint-cache-v1";

// Replaces every occurrence of `from` in `text` (the checkout's absolute path),
// so checkouts at different places share keys.
std::string replaceAll(std::string text, const std::string &from, const std::string &to) {
  if (from.empty())
    return text;
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

// Flags that would make the preprocessor write files (dependency files).
bool writesDependencies(const std::string &flag) {
  return flag == "-MD" || flag == "-MMD" || flag == "-MP";
}
bool takesDependencyValue(const std::string &flag) {
  return flag == "-MF" || flag == "-MT" || flag == "-MQ";
}

// The files named by the preprocessor's line markers (# 12 "path" flags), in
// order of first appearance.
std::vector<std::string> filesInLineMarkers(const std::string &preprocessed) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  size_t pos = 0;
  while (pos < preprocessed.size()) {
    size_t end = preprocessed.find('\n', pos);
    if (end == std::string::npos)
      end = preprocessed.size();
    if (preprocessed[pos] == '#' && end - pos > 4) {
      const size_t quote = preprocessed.find('"', pos);
      if (quote < end) {
        std::string name;
        size_t i = quote + 1;
        for (; i < end && preprocessed[i] != '"'; ++i) {
          if (preprocessed[i] == '\\' && i + 1 < end)
            ++i;
          name += preprocessed[i];
        }
        if (!name.empty() && name[0] != '<' && seen.insert(name).second)
          files.push_back(name);
      }
    }
    pos = end + 1;
  }
  return files;
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
  h.add(sha256Hex(readWholeFile(settings_.tidy.module)));
  for (const auto &option : settings_.tidy.passThrough) {
    h.add(replaceAll(option, settings_.sourceRoot, "$SRCROOT"));
    const std::string configFile = "--config-file=";
    if (option.compare(0, configFile.size(), configFile) == 0)
      h.add(readWholeFile(option.substr(configFile.size())));
  }
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

std::string ResultCache::manifestPath(const CompileJob &job) {
  const std::string &root = settings_.sourceRoot;
  const std::string id = Hasher()
                             .add(staticKey_)
                             .add(replaceAll(job.flagsKey, root, "$SRCROOT"))
                             .add(replaceAll(job.file, root, "$SRCROOT"))
                             .add(configHash(std::string(llvm::sys::path::parent_path(job.file))))
                             .hex();
  return settings_.directory + "/v1/manifests/" + id.substr(0, 2) + "/" + id + ".json";
}

// Direct mode: the manifest of the last run of this TU (same flags, config,
// module) lists every file its preprocessed text came from, with content
// hashes. When they all still match, the key is the one computed then, and
// the preprocessor does not run again.
std::optional<std::string> ResultCache::keyFromManifest(const std::string &path,
                                                        const CompileJob &job) {
  bool exists = false;
  const std::string text = readWholeFile(path, &exists);
  if (!exists)
    return std::nullopt;
  auto parsed = llvm::json::parse(text);
  if (!parsed) {
    llvm::consumeError(parsed.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *manifest = parsed->getAsObject();
  const llvm::json::Array *files = manifest ? manifest->getArray("files") : nullptr;
  auto key = manifest ? manifest->getString("key") : std::nullopt;
  if (!files || !key)
    return std::nullopt;
  for (const auto &entry : *files) {
    const llvm::json::Array *pair = entry.getAsArray();
    if (!pair || pair->size() != 2 || !(*pair)[0].getAsString() || !(*pair)[1].getAsString())
      return std::nullopt;
    const std::string file =
        replaceAll((*pair)[0].getAsString()->str(), "$SRCROOT", settings_.sourceRoot);
    if (contentHash(realPath(file, job.directory)) != *(*pair)[1].getAsString())
      return std::nullopt;
  }
  return key->str();
}

std::optional<std::string> ResultCache::keyFor(const CompileJob &job) {
  const std::string manifest = manifestPath(job);
  if (std::optional<std::string> key = keyFromManifest(manifest, job))
    return key;

  ProcessRequest preprocess;
  preprocess.argv = {settings_.clangxx};
  const std::vector<std::string> flags =
      flagsWithoutInputOutput(job.arguments, job.file, job.directory);
  for (size_t i = 0; i < flags.size(); ++i) {
    if (writesDependencies(flags[i]))
      continue;
    if (takesDependencyValue(flags[i])) {
      ++i;
      continue;
    }
    if (flags[i] == "-c")
      continue;
    preprocess.argv.push_back(flags[i]);
  }
  preprocess.argv.insert(preprocess.argv.end(), {"-E", "-w", job.file});
  preprocess.workingDirectory = job.directory;
  preprocess.stdoutOnly = true;
  preprocess.timeoutSeconds = settings_.tidy.timeoutSeconds;
  const ProcessResult run = runProcess(preprocess);
  if (!run.succeeded())
    return std::nullopt;

  const std::string &root = settings_.sourceRoot;
  Hasher key;
  key.add(staticKey_)
      .add(replaceAll(job.flagsKey, root, "$SRCROOT"))
      .add(replaceAll(job.file, root, "$SRCROOT"))
      .add(configHash(std::string(llvm::sys::path::parent_path(job.file))))
      .add(sha256Hex(replaceAll(run.output, root, "$SRCROOT")));
  // The preprocessed text does not keep whitespace and comments, which move
  // the offsets of diagnostics and fix-its: hash the exact bytes of every
  // file it came from too.
  llvm::json::Array files;
  for (const auto &file : filesInLineMarkers(run.output)) {
    const std::string stored = replaceAll(file, root, "$SRCROOT");
    const std::string hash = contentHash(realPath(file, job.directory));
    key.add(stored).add(hash);
    files.push_back(llvm::json::Array{stored, hash});
  }
  const std::string result = key.hex();
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(manifest));
  writeFileAtomically(manifest, llvm::formatv("{0}", llvm::json::Value(llvm::json::Object{
                                                          {"files", std::move(files)}, {"key", result}}))
                                    .str());
  return result;
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

std::string ResultCache::entryPath(const std::string &key) const {
  return settings_.directory + "/v1/results/" + key.substr(0, 2) + "/" + key + ".json";
}

std::string ResultCache::costPath(const CompileJob &job) const {
  const std::string id = Hasher()
                             .add(replaceAll(job.file, settings_.sourceRoot, "$SRCROOT"))
                             .add(replaceAll(job.flagsKey, settings_.sourceRoot, "$SRCROOT"))
                             .hex();
  return settings_.directory + "/v1/costs/" + id;
}

std::optional<TuResult> ResultCache::load(const std::string &key) {
  bool exists = false;
  const std::string text = readWholeFile(entryPath(key), &exists);
  if (!exists)
    return std::nullopt;
  auto parsed = llvm::json::parse(text);
  if (!parsed) {
    llvm::consumeError(parsed.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *o = parsed->getAsObject();
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

void ResultCache::store(const std::string &key, const TuResult &result) {
  if (result.status != TuStatus::Ok)
    return; // failures are retried on the next run
  const std::string path = entryPath(key);
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(path));
  llvm::json::Object entry{{"diagnostics", diagnosticsToJson(result.diagnostics, settings_.sourceRoot)},
                           {"seconds", result.seconds}};
  writeFileAtomically(path, llvm::formatv("{0}", llvm::json::Value(std::move(entry))).str());
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
