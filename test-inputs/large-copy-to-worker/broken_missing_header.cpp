// RUN-MODE: broken
// A missing header leaves the launch's types unresolved: stay silent.
#include "no_such_header.h"
#include <thread>

void broken(const Unknown &data) {
  std::thread worker(process, data);
  worker.detach();
}
