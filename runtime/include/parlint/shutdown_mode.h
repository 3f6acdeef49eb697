// How a parlint pool's shutdown() treats the tasks still queued.
#pragma once

namespace parlint {

enum class ShutdownMode {
  drain,         // run every queued task, then stop
  drop_pending,  // discard queued tasks (their futures report broken_promise), then stop
};

}  // namespace parlint
