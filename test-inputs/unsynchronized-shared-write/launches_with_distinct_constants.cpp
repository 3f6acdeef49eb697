// One worker launched a few times by hand, each launch given its own
// constant (`std::thread left(mix, 0); std::thread right(mix, 1);`): the
// by-value parameter is that launch's own, so a slot it indexes is the
// worker's. Two launches given the same constant, or a launch given a
// value parlint cannot tell apart from the other's, share the slot.
#include <string>
#include <thread>

double levels[4];
int hits[4];
int errors[4];

void mix(int channel) { levels[channel] = channel * 0.5; }

// EXPECT-WARNING@+1:25 unsynchronized write to 'hits' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
void count(int shard) { hits[shard] += 1; }

// EXPECT-WARNING@+1:24 unsynchronized write to 'errors' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
void fail(int shard) { errors[shard] += 1; }

void stereo() {
  std::thread left(mix, 0);
  std::thread right(mix, 1);
  left.join();
  right.join();
}

void duplicated() {
  std::thread a(count, 2);
  // EXPECT-NOTE@+1:15 the same worker is launched again here, and both may run at the same time
  std::thread b(count, 2);
  a.join();
  b.join();
}

void computed(int first) {
  std::thread a(fail, first);
  // EXPECT-NOTE@+1:15 the same worker is launched again here, and both may run at the same time
  std::thread b(fail, 1);
  a.join();
  b.join();
}
