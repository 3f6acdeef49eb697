// logscan's command line.
//   logscan index SPOOL OUT [--dry-run]   index the batch files in SPOOL into OUT
//   logscan watch SPOOL ROUNDS            index SPOOL again ROUNDS times, as a
//                                         watcher polling a small spool does
//   logscan serve PORT                    answer clients on PORT
//   logscan rotate FILE                   gzip a rotated log
//   logscan compress FILE                 the same, reporting progress
#include "logscan/logscan.h"

#include <arpa/inet.h>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>

namespace {

int indexSpool(const std::string &spool, const std::string &outDir, bool dryRun) {
  const std::vector<std::string> paths = logscan::listSpool(spool);
  const logscan::WordCounts index = logscan::ingestAll(paths);
  const long alerts = logscan::countAlerts(paths);
  logscan::ExportSink exports;
  logscan::exportAll(paths, exports);
  const std::string summary = logscan::summarize(index, outDir);

  long lines = 0;
  for (const auto &[token, n] : index)
    if (token.rfind("host=", 0) == 0)
      lines += n;
  std::cout << "batches: " << paths.size() << "\nlines: " << lines
            << "\nserver errors: " << alerts << '\n'
            << summary;
  exports.save(outDir + "/exports.tsv");
  std::fprintf(stderr, "logscan: exported %zu of %zu batches\n", exports.size(), paths.size());
  return logscan::publishSummary(summary, outDir, dryRun) ? 0 : 1;
}

int watchSpool(const std::string &spool, int rounds) {
  const std::vector<std::string> paths = logscan::listSpool(spool);
  long tokens = 0;
  for (int round = 0; round < rounds; ++round)
    for (const auto &[token, n] : logscan::ingestAll(paths))
      tokens += n;
  std::cout << "rounds: " << rounds << "\nbatches: " << paths.size()
            << "\ntokens indexed: " << tokens << '\n';
  return 0;
}

int serveOn(int port) {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (listener < 0 || bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
      listen(listener, 64) != 0) {
    std::perror("logscan: listen");
    return 1;
  }
  logscan::serve(listener);
  return 0;
}

int usage() {
  std::fputs("usage: logscan index SPOOL OUT [--dry-run] | watch SPOOL ROUNDS | serve PORT | rotate FILE"
             " | compress FILE\n",
             stderr);
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() >= 3 && args[0] == "index")
      return indexSpool(args[1], args[2], args.size() == 4 && args[3] == "--dry-run");
    if (args.size() == 3 && args[0] == "watch")
      return watchSpool(args[1], std::atoi(args[2].c_str()));
    if (args.size() == 2 && args[0] == "serve")
      return serveOn(std::atoi(args[1].c_str()));
    if (args.size() == 2 && args[0] == "rotate")
      return logscan::gzipRotated(args[1], true) ? 0 : 1;
    if (args.size() == 2 && args[0] == "compress")
      return logscan::compressRotated(args[1]) == 0 ? 0 : 1;
  } catch (const std::exception &error) {
    std::fprintf(stderr, "logscan: %s\n", error.what());
    return 1;
  }
  return usage();
}
