// RUN-MODE: broken
// Invalid code: no parlint diagnostic, no crash.
#include <thread>

void work();

void missingSemicolon() {
  std::thread worker(work)
  worker.join(
}

void unknownCallable() {
  std::thread worker(doesNotExist);
}

void badTemporary() {
  std::thread(undeclaredFunction, 1);
}
