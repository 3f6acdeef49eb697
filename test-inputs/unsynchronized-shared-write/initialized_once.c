/* A table built once (`pthread_once(&filter_once, build_filter)`) by the
 * threads that call the init: a thread that reads it without calling the
 * init is ordered with nothing. Near miss: every reader calls the init
 * first, and the once orders them after the build. */
#include <pthread.h>

#define MAX_TAPS 64

static float filter_taps[MAX_TAPS];
static int filter_len;
static pthread_once_t filter_once = PTHREAD_ONCE_INIT;

static void build_filter(void) {
  int len = 48;
  for (int i = 0; i < len; i++)
    filter_taps[i] = 1.0f / (float)(i + 1);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'filter_len' in a worker that runs alongside another worker using it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  filter_len = len;
}

static void resampler_init(void) { pthread_once(&filter_once, build_filter); }

static int latency_frames(void) { return filter_len / 2; }

static void *audio_thread(void *arg) {
  int *frames = arg;
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'resampler_init'
  resampler_init();
  *frames = filter_len;
  return NULL;
}

static void *ui_thread(void *arg) {
  int *shown = arg;
  // EXPECT-NOTE@+1:12 another worker reads 'filter_len' here without holding the lock taken at the write
  *shown = latency_frames();
  return NULL;
}

static void *meter_thread(void *arg) {
  int *shown = arg;
  resampler_init();
  *shown = latency_frames();
  return NULL;
}

void run_transport(void) {
  pthread_t audio, ui;
  int frames = 0, shown = 0;
  pthread_create(&ui, NULL, ui_thread, &shown);
  pthread_create(&audio, NULL, audio_thread, &frames);
  pthread_join(audio, NULL);
  pthread_join(ui, NULL);
}

void run_meters(void) {
  pthread_t audio, meter;
  int frames = 0, shown = 0;
  pthread_create(&meter, NULL, meter_thread, &shown);
  pthread_create(&audio, NULL, audio_thread, &frames);
  pthread_join(audio, NULL);
  pthread_join(meter, NULL);
}
