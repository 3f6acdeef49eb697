// RUN-STD: c++20
// Uploaders tell the caller that a chunk is done through a member of the
// chunk (a semaphore, an atomic flag) and then store one more field of it;
// the caller, woken by that member, reads the field while it is written.
// Near misses: the field stored before the signal, one no waiter reads,
// and one the waiter reads only after joining the thread.
#include <atomic>
#include <functional>
#include <semaphore>
#include <string>
#include <thread>

struct Chunk {
  std::string etag;
  long upload_ms = 0;
  long queued_ms = 0;
  int parts = 0;
  std::binary_semaphore uploaded{0};
};

struct Manifest {
  int entries = 0;
  long written_ms = 0;
  std::atomic<bool> flushed{false};
  std::atomic<bool> staged{false};
};

long now_ms();
std::string put_object(const Chunk &chunk);

void upload(Chunk *chunk) {
  long start = now_ms();
  chunk->etag = put_object(*chunk);
  chunk->parts = 1;
  // EXPECT-NOTE@+1:3 the object is signalled ready here
  chunk->uploaded.release();
  // EXPECT-WARNING@+1:3 unsynchronized write to 'upload_ms' after the signal through 'uploaded' that the object is ready: a thread waiting for that signal reads it while it is written; write it before the signal
  chunk->upload_ms = now_ms() - start;
}

long send_chunk(Chunk &chunk) {
  std::thread uploader(upload, &chunk);
  long queued = chunk.queued_ms;
  // EXPECT-NOTE@+1:3 another thread waits for the signal here in 'send_chunk'
  chunk.uploaded.acquire();
  // EXPECT-NOTE@+1:16 and then reads 'upload_ms' here
  long total = chunk.upload_ms + queued + chunk.parts;
  uploader.join();
  return total;
}

void flush_manifest(Manifest &m) {
  m.entries = 12;
  // EXPECT-NOTE@+1:3 the object is signalled ready here
  m.flushed.store(true, std::memory_order_release);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'written_ms' after the signal through 'flushed' that the object is ready: a thread waiting for that signal reads it while it is written; write it before the signal
  m.written_ms = now_ms();
}

void start_flush(Manifest &m) { std::thread(flush_manifest, std::ref(m)).detach(); }

long await_manifest(const Manifest &m) {
  // EXPECT-NOTE@+1:11 another thread waits for the signal here in 'await_manifest'
  while (!m.flushed.load(std::memory_order_acquire))
    std::this_thread::yield();
  // EXPECT-NOTE@+1:22 and then reads 'written_ms' here
  return m.entries + m.written_ms;
}

// Near misses.

struct Part {
  long bytes = 0;
  long sent_ms = 0;
  long retries = 0;
  long crc = 0;
  std::binary_semaphore sent{0};
};

void send_part(Part *part) {
  part->bytes = 4096;
  part->sent_ms = now_ms(); // before the signal
  part->sent.release();
  part->retries = 0; // no waiter reads it
  part->crc = 7; // read after the join
}

long wait_part(Part &part) {
  std::thread sender(send_part, &part);
  part.sent.acquire();
  long seen = part.bytes + part.sent_ms;
  sender.join();
  return seen + part.crc;
}
