// RUN-STD: c++17
// A lock picked from an array of mutexes (a page latch, `latches_[i]`) is
// still a lock of its own: a write under it and a write to the same
// memory location under another mutex (the replacer's) exclude nothing.
// Two bit-fields of one descriptor share a memory location. Near misses:
// both sides under the element's latch; a sweep that first locks every
// latch in a loop (an index loop and a range loop), then writes; flags
// that are whole bytes, each under its own lock (binding a reference to
// the frame reads none of its members).
#include <cstdint>
#include <mutex>
#include <thread>

struct FrameDesc {
  std::uint32_t page_id;
  unsigned dirty : 1;
  unsigned referenced : 1;
};

class BufferPool {
public:
  static constexpr int kFrames = 16;

  void markDirty(int i) {
    std::lock_guard<std::mutex> latch(latches_[i]);
    // EXPECT-NOTE@+2:5 another worker writes 'dirty' here: a bit-field next to 'pool.frames_.referenced' in the same memory location
    // EXPECT-WARNING@+1:5 unsynchronized write to 'pool.frames_.dirty' in a worker that runs alongside another worker using it; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    frames_[i].dirty = 1;
  }

  int sweep() {
    std::lock_guard<std::mutex> guard(replacer_);
    int victims = 0;
    for (int i = 0; i < kFrames; ++i) {
      FrameDesc &f = frames_[i];
      if (f.referenced)
        // EXPECT-WARNING@+1:9 unsynchronized write to 'pool.frames_.referenced' in a worker that runs alongside another worker using it; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        f.referenced = 0;
      else
        ++victims;
    }
    return victims;
  }

private:
  FrameDesc frames_[kFrames] = {};
  std::mutex latches_[kFrames];
  std::mutex replacer_;
};

// Near miss: every write to a frame holds that frame's latch, or all of
// them.
class LatchedPool {
public:
  static constexpr int kFrames = 16;

  void markDirty(int i) {
    std::lock_guard<std::mutex> latch(latches_[i]);
    frames_[i].dirty = 1;
  }

  void clearAll() {
    std::lock_guard<std::mutex> guard(replacer_);
    for (int i = 0; i < kFrames; ++i)
      latches_[i].lock();
    for (int i = 0; i < kFrames; ++i)
      frames_[i].referenced = 0;
    for (int i = 0; i < kFrames; ++i)
      latches_[i].unlock();
  }

  void resetAll() {
    for (std::mutex &latch : latches_)
      latch.lock();
    for (FrameDesc &f : frames_)
      f.dirty = 0;
    for (std::mutex &latch : latches_)
      latch.unlock();
  }

  void touch(int i) {
    std::lock_guard<std::mutex> latch(latches_[i]);
    frames_[i].referenced = 1;
  }

private:
  FrameDesc frames_[kFrames] = {};
  std::mutex latches_[kFrames];
  std::mutex replacer_;
};

struct ByteFlags {
  std::uint32_t page_id;
  bool dirty;
  bool referenced;
};

class BytePool {
public:
  static constexpr int kFrames = 16;

  void markDirty(int i) {
    std::lock_guard<std::mutex> latch(latches_[i]);
    frames_[i].dirty = true;
  }

  int sweep() {
    std::lock_guard<std::mutex> guard(replacer_);
    int victims = 0;
    for (int i = 0; i < kFrames; ++i) {
      ByteFlags &f = frames_[i];
      if (f.referenced)
        f.referenced = false;
      else
        ++victims;
    }
    return victims;
  }

private:
  ByteFlags frames_[kFrames] = {};
  std::mutex latches_[kFrames];
  std::mutex replacer_;
};

int main() {
  BufferPool pool;
  int victims = 0;
  std::thread writer([&pool] {
    for (int i = 0; i < BufferPool::kFrames; i += 3)
      // EXPECT-NOTE@+1:7 the worker makes the write through this call of 'markDirty'
      pool.markDirty(i);
  });
  // EXPECT-NOTE@+2:55 another worker reads 'referenced' here: a bit-field next to 'pool.frames_.dirty' in the same memory location
  // EXPECT-NOTE@+1:55 the worker makes the write through this call of 'sweep'
  std::thread replacer([&pool, &victims] { victims += pool.sweep(); });
  writer.join();
  replacer.join();

  LatchedPool latched;
  std::thread marker([&latched] {
    for (int i = 0; i < LatchedPool::kFrames; i += 3) {
      latched.markDirty(i);
      latched.touch(i);
    }
  });
  std::thread cleaner([&latched] {
    latched.clearAll();
    latched.resetAll();
  });
  marker.join();
  cleaner.join();

  BytePool bytes;
  std::thread byteWriter([&bytes] {
    for (int i = 0; i < BytePool::kFrames; i += 3)
      bytes.markDirty(i);
  });
  std::thread byteSweeper([&bytes, &victims] { victims += bytes.sweep(); });
  byteWriter.join();
  byteSweeper.join();
  return victims;
}
