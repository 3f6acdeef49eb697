// Two classes, each running a member function on a thread it keeps, are
// constructed with a reference to one stats object and both count into the
// same field. Near misses: the second class counts into a field of its own
// in the stats, and a second class whose thread is joined before the first
// one starts.
#include <thread>

struct PlaybackStats {
  unsigned long glitches = 0;
  unsigned long audio_periods = 0;
  unsigned long video_frames = 0;
};

class AudioMixer {
public:
  AudioMixer(PlaybackStats &stats, int periods) : stats_(stats), periods_(periods) {}
  // EXPECT-NOTE@+1:28 the worker is started here and kept in 'thread_'
  void start() { thread_ = std::thread(&AudioMixer::run, this); }
  void join() { thread_.join(); }

private:
  void run() {
    for (int p = 0; p < periods_; ++p) {
      // EXPECT-WARNING@+1:7 unsynchronized write to 'stats_.glitches' in a worker that runs while another object's worker writes the object 'stats_' refers to; make it std::atomic, guard every access with one mutex, or give each worker its own and combine them once all have finished
      ++stats_.glitches;
      ++stats_.audio_periods;
    }
  }
  PlaybackStats &stats_;
  int periods_;
  std::thread thread_;
};

class VideoRenderer {
public:
  VideoRenderer(PlaybackStats &stats, int frames) : stats_(stats), frames_(frames) {}
  void start() { thread_ = std::thread(&VideoRenderer::run, this); }
  void join() { thread_.join(); }

private:
  void run() {
    for (int f = 0; f < frames_; ++f) {
      ++stats_.glitches;
      ++stats_.video_frames;
    }
  }
  PlaybackStats &stats_;
  int frames_;
  std::thread thread_;
};

class FrameCounter {
public:
  FrameCounter(PlaybackStats &stats, int frames) : stats_(stats), frames_(frames) {}
  void start() { thread_ = std::thread(&FrameCounter::run, this); }
  void join() { thread_.join(); }

private:
  void run() {
    for (int f = 0; f < frames_; ++f)
      ++stats_.video_frames;
  }
  PlaybackStats &stats_;
  int frames_;
  std::thread thread_;
};

unsigned long play_both() {
  PlaybackStats stats;
  AudioMixer audio(stats, 400);
  VideoRenderer video(stats, 300);
  audio.start();
  // EXPECT-NOTE@+1:3 another object bound to the same object starts its worker here, and both may run at the same time
  video.start();
  audio.join();
  video.join();
  return stats.glitches;
}

unsigned long play_separate_fields() {
  PlaybackStats stats;
  AudioMixer audio(stats, 400);
  FrameCounter frames(stats, 300);
  audio.start();
  frames.start();
  audio.join();
  frames.join();
  return stats.glitches + stats.video_frames;
}

unsigned long play_one_after_the_other() {
  PlaybackStats stats;
  VideoRenderer video(stats, 300);
  video.start();
  video.join();
  AudioMixer audio(stats, 400);
  audio.start();
  audio.join();
  return stats.glitches;
}
