// The launching thread changes two fields of a settings struct that a
// running worker reads: each field is its own race, with its own fix (an
// atomic each, or one lock around both), so each write is reported. A
// struct refilled for each launch of a loop is reported once (see
// launcher_writes.cpp): one copy per worker fixes all its fields. Near miss:
// the settings are final before the start.
#include <cstddef>
#include <future>
#include <string>
#include <vector>

struct ScanOptions {
  bool lowercase = true;
  std::size_t minLength = 1;
};

std::size_t countWords(const std::vector<std::string> &words,
                       const ScanOptions &opts) {
  std::size_t n = 0;
  for (const std::string &w : words) {
    if (opts.lowercase && !w.empty() && w[0] >= 'A' && w[0] <= 'Z')
      continue;
    if (w.size() >= opts.minLength)
      ++n;
  }
  return n;
}

std::size_t scan(const std::vector<std::string> &words, bool caseSensitive) {
  ScanOptions opts;
  // EXPECT-NOTE@+2:18 the worker is started here
  // EXPECT-NOTE@+1:18 the worker is started here
  auto pending = std::async(std::launch::async,
                            // EXPECT-NOTE@+2:42 the worker reads 'opts.lowercase' through this call of 'countWords'
                            // EXPECT-NOTE@+1:42 the worker reads 'opts.minLength' through this call of 'countWords'
                            [&] { return countWords(words, opts); });
  if (caseSensitive)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'opts.lowercase' while a worker started earlier may be reading it; make it std::atomic or guard every access with one mutex
    opts.lowercase = false;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'opts.minLength' while a worker started earlier may be reading it; make it std::atomic or guard every access with one mutex
  opts.minLength = 3;
  return pending.get();
}

std::size_t scanSettled(const std::vector<std::string> &words, bool caseSensitive) {
  ScanOptions opts;
  if (caseSensitive)
    opts.lowercase = false;
  opts.minLength = 3;
  auto pending = std::async(std::launch::async,
                            [&] { return countWords(words, opts); });
  return pending.get();
}
