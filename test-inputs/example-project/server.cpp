// Accepts clients and handles each on its own thread.
#include "logscan/log_batch.h"

#include <sys/socket.h>
#include <thread>

namespace logscan {

void serve(int listener) {
  while (true) {
    int client = accept(listener, nullptr, nullptr);
    if (client < 0)
      continue;
    std::thread(handleClient, client).detach();
  }
}

} // namespace logscan
