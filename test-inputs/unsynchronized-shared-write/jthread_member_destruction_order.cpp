// RUN-STD: c++20
// Members are destroyed in reverse order of declaration: a member declared
// after a std::jthread is destroyed before the jthread joins its worker.
// When that member's destructor writes what the worker touches, the two
// race. Near misses: the member declared above the jthread, a destructor
// that stops and joins the worker first, a member whose destructor writes
// nothing the worker touches, and a member the worker never uses.
#include <atomic>
#include <string>
#include <thread>

class ProgressBar {
public:
  ~ProgressBar() { finish(); }
  void update(unsigned percent) {
    percent_ = percent;
    ++redraws_;
  }
  void finish() {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'progress_.percent_' while the object's worker, joined only below, reads it; make it std::atomic, or write it holding the lock the worker reads it under
    percent_ = 100;
    done_.store(true);
  }

private:
  unsigned percent_ = 0;
  unsigned long redraws_ = 0;
  std::atomic<bool> done_{false};
};

class Unpacker {
public:
  // EXPECT-NOTE@+2:33 the worker reads 'progress_.percent_' through this call of 'Unpacker::extract'
  // EXPECT-NOTE@+1:16 the worker is started here and kept in 'worker_'
  Unpacker() : worker_([this] { extract(); }) {}

private:
  void extract() {
    for (unsigned i = 0; i <= 100; ++i)
      progress_.update(i);
  }

  std::jthread worker_;
  // EXPECT-NOTE@+1:15 'progress_' is destroyed, and its destructor makes the write, before 'worker_' joins the worker: members are destroyed in reverse order of declaration; declare 'progress_' above 'worker_'
  ProgressBar progress_;
};

/* Near misses. */

class DeclaredAbove {
public:
  DeclaredAbove() : worker_([this] { extract(); }) {}

private:
  void extract() {
    for (unsigned i = 0; i <= 100; ++i)
      progress_.update(i);
  }

  ProgressBar progress_; // destroyed after the jthread joins
  std::jthread worker_;
};

class StopsFirst {
public:
  StopsFirst() : worker_([this] { extract(); }) {}
  ~StopsFirst() {
    worker_.request_stop();
    worker_.join();
  }

private:
  void extract() {
    for (unsigned i = 0; i <= 100; ++i)
      progress_.update(i);
  }

  std::jthread worker_;
  ProgressBar progress_;
};

class Label {
public:
  ~Label() { closed_ = true; }
  const std::string &text() const { return text_; }

private:
  std::string text_ = "unpacking";
  bool closed_ = false;
};

class LabelReader {
public:
  LabelReader() : worker_([this] { read(); }) {}
  std::size_t seen() const { return seen_; }

private:
  void read() { seen_ = label_.text().size(); }

  std::jthread worker_;
  std::size_t seen_ = 0;
  Label label_; // its destructor writes `closed_`, which the worker never reads
};

class Unused {
public:
  Unused() : worker_([this] { count(); }) {}

private:
  void count() { ++ticks_; }

  std::jthread worker_;
  unsigned long ticks_ = 0;
  ProgressBar progress_; // the worker never touches it
};
