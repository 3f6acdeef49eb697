// What a freshly forked fork server or worker does to itself so that it
// holds nothing of the parent's it does not need. Implementation only.
#pragma once

#include <signal.h>

namespace parlint::detail {

// Closes every descriptor above 2 except `keep` (-1: none). Without this, a
// pool's processes keep the parent's pipes, sockets and files (and other
// pools' pipes) open for the pool's lifetime.
void close_descriptors_except(int keep);

// Resets every caught signal to its default action (ignored ones stay
// ignored), as exec does: the parent's handlers belong to the parent's state.
void reset_signal_handlers();

}  // namespace parlint::detail
