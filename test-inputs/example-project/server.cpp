// Accepts clients and handles each on its own thread.
#include "logscan/logscan.h"

#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace logscan {

void handleClient(int client) {
  static const char greeting[] = "logscan ready\n";
  (void)!write(client, greeting, sizeof greeting - 1);
  close(client);
}

void serve(int listener) {
  while (true) {
    int client = accept(listener, nullptr, nullptr);
    if (client < 0)
      continue;
    std::thread(handleClient, client).detach();
  }
}

} // namespace logscan
