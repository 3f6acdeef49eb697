// RUN-STD: c++20
// A counting semaphore that starts with room for several holders limits how
// many run a section at once; it does not make the section exclusive. Two
// workers inside it both update the shared tally. Near misses: a semaphore
// that starts with room for one (used as a lock), and a binary semaphore.
#include <semaphore>
#include <thread>

class UploadGate {
public:
  void upload(int chunks) {
    slots_.acquire();
    for (int c = 0; c < chunks; ++c)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'gate.uploaded_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      uploaded_ += 1;
    slots_.release();
  }
  void uploadOneAtATime(int chunks) {
    single_.acquire();
    for (int c = 0; c < chunks; ++c)
      serial_ += 1;
    single_.release();
  }
  void uploadBinary(int chunks) {
    turn_.acquire();
    for (int c = 0; c < chunks; ++c)
      binary_ += 1;
    turn_.release();
  }

private:
  std::counting_semaphore<4> slots_{3};
  std::counting_semaphore<4> single_{1};
  std::binary_semaphore turn_{1};
  long uploaded_ = 0;
  long serial_ = 0;
  long binary_ = 0;
};

void run(UploadGate &gate) {
  // EXPECT-NOTE@+1:27 the worker makes the write through this call of 'upload'
  auto upload = [&gate] { gate.upload(8); };
  std::thread a(upload);
  // EXPECT-NOTE@+1:15 the same worker is launched again here, and both may run at the same time
  std::thread b(upload);
  a.join();
  b.join();
  auto serial = [&gate] { gate.uploadOneAtATime(8); };
  std::thread c(serial);
  std::thread d(serial);
  c.join();
  d.join();
  auto binary = [&gate] { gate.uploadBinary(8); };
  std::thread e(binary);
  std::thread f(binary);
  e.join();
  f.join();
}
