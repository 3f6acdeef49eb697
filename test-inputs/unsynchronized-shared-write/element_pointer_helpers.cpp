// A worker picks an element of a shared array (`Frame *f = &frames[seq %
// 2]`) and hands it to a helper that writes through its pointer parameter,
// while another worker reads that array with only relaxed atomics between
// them. Near miss: each worker's own element (`&frames[id]`), read by the
// launching thread after the join.
#include <atomic>
#include <thread>
#include <vector>

constexpr int kSamples = 64;

struct Frame {
  float pcm[kSamples];
};

static Frame frames[2];
static Frame ownFrames[4];
static std::atomic<int> published{0};

static void decodeInto(Frame *f, int seq) {
  for (int i = 0; i < kSamples; i++)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'frames.pcm' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    f->pcm[i] = 0.5f * static_cast<float>(i + seq);
}

static void decoder() {
  for (int seq = 0; seq < 8; seq++) {
    Frame *f = &frames[seq % 2];
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'decodeInto'
    decodeInto(f, seq);
    published.store(seq + 1, std::memory_order_relaxed);
  }
}

static void mixer(double *energy) {
  for (int n = 0; n < 8; n++) {
    while (published.load(std::memory_order_relaxed) <= n)
      std::this_thread::yield();
    const Frame *f = &frames[n % 2];
    for (int i = 0; i < kSamples; i++)
      // EXPECT-NOTE@+1:18 another worker reads 'frames.pcm' here
      *energy += f->pcm[i] * f->pcm[i];
  }
}

double mix() {
  double energy = 0;
  std::thread dec(decoder);
  std::thread mix(mixer, &energy);
  dec.join();
  mix.join();
  return energy;
}

static void decodeOwn(int id) {
  Frame *f = &ownFrames[id];
  decodeInto(f, id);
}

float decodeAll() {
  std::vector<std::thread> ts;
  for (int id = 0; id < 4; id++)
    ts.emplace_back(decodeOwn, id);
  for (auto &t : ts)
    t.join();
  return ownFrames[0].pcm[0];
}
