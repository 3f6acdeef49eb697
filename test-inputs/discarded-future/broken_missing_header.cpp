// RUN-MODE: broken
// A missing header: no parlint diagnostic.
#include <no_such_header_for_parlint.h>
#include <future>

void work();

void discarded() { std::async(std::launch::async, work); }
