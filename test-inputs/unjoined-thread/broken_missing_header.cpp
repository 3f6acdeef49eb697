// RUN-MODE: broken
// A missing header and undeclared types: no parlint diagnostic, no crash.
#include <no_such_header_for_parlint.h>
#include <thread>

void work();

void unknownType() {
  UnknownThread worker(work);
  std::thread other(work, missing_value);
}

void unknownPthread() {
  pthread_t id;
  pthread_create(&id, nullptr, nullptr, nullptr);
}
