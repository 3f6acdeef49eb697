// Probe threads each fill their own error string; the launching thread asks
// each string whether it is empty before it joins them. `errors[i].empty()`
// reads the element the worker writes, unlike `errors.size()` (near miss).
#include <string>
#include <thread>
#include <vector>

int probe_all(int n) {
  std::vector<std::string> errors(n);
  std::vector<std::thread> probes;
  for (int i = 0; i < n; ++i)
    // EXPECT-NOTE@+1:5 the worker is started here
    probes.emplace_back([&errors, i] {
      if (i % 3 == 0)
        // EXPECT-WARNING@+1:9 unsynchronized write to 'errors' in the worker's own slot, which the launching thread reads while the worker may still be running; guard every access with one mutex, or read the slots only once the workers have finished
        errors[i] = "timeout";
    });
  int failed = 0;
  for (int i = 0; i < n; ++i)
    // EXPECT-NOTE@+1:10 the launching thread reads 'errors' here while the worker may still be running
    if (!errors[i].empty())
      ++failed;
  for (auto &t : probes)
    t.join();
  return failed;
}

// The same through a helper given the worker's own element by reference;
// whether it writes depends on a check that answers from its arguments.
static bool reachable(int port, int attempt) { return (port + attempt) % 5 != 0; }

static void probe(int port, std::string &error_out) {
  for (int attempt = 0; attempt < 3; ++attempt)
    if (reachable(port, attempt))
      return;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'errors' in the worker's own slot, which the launching thread reads while the worker may still be running; guard every access with one mutex, or read the slots only once the workers have finished
  error_out = "timeout";
}

int probe_through_helper(const std::vector<int> &ports) {
  std::vector<std::string> errors(ports.size());
  std::vector<std::thread> probes;
  for (std::size_t i = 0; i < ports.size(); ++i)
    // EXPECT-NOTE@+1:5 the worker is started here
    probes.emplace_back([&ports, &errors, i] {
      // EXPECT-NOTE@+1:7 the worker makes the write through this call of 'probe'
      probe(ports[i], errors[i]);
    });
  int failed = 0;
  for (std::size_t i = 0; i < ports.size(); ++i)
    // EXPECT-NOTE@+1:16 the launching thread reads 'errors' here while the worker may still be running
    failed += !errors[i].empty();
  for (auto &t : probes)
    t.join();
  return failed;
}

int probe_count(int n) {
  std::vector<std::string> errors(n);
  std::vector<std::thread> probes;
  for (int i = 0; i < n; ++i)
    probes.emplace_back([&errors, i] {
      if (i % 3 == 0)
        errors[i] = "timeout";
    });
  int slots = static_cast<int>(errors.size());
  for (auto &t : probes)
    t.join();
  int failed = 0;
  for (const auto &e : errors)
    failed += !e.empty();
  return failed + slots;
}
