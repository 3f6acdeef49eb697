// A thread left joinable on an early return: parlint-unjoined-thread.
#include "pipeline.h"

void publish(int part);

bool report(bool ok) {
  std::thread uploader(publish, 1);
  if (!ok)
    return false;
  uploader.join();
  startConsumer();
  return true;
}
