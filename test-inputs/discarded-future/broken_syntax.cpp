// RUN-MODE: broken
// Invalid code around std::async: no parlint diagnostic, no crash.
#include <future>

void work();

void missingParen() {
  std::async(std::launch::async, work;
}

void unknownCallable() {
  auto pending = std::async(std::launch::async, not_declared_anywhere);
}
