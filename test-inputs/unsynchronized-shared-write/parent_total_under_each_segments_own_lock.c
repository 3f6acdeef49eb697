// A segmented download keeps its segments in an array inside the download
// object and sets each segment's back-pointer to the download in a set-up
// loop; a second loop starts one thread per segment. Each thread adds its
// progress to the download's total while holding only its own segment's
// lock, so the threads' locks differ. Near misses: the segment's own
// offset under its own lock; a second total under the download's lock.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define SEGMENTS 4

struct download;

struct segment {
  struct download *dl;
  pthread_t thread;
  pthread_mutex_t lock;
  long offset;
  long end;
};

struct download {
  pthread_mutex_t lock;
  long bytes_done;
  long blocks_done;
  struct segment segs[SEGMENTS];
};

static void segment_progress(struct segment *s, long n) {
  pthread_mutex_lock(&s->lock);
  s->offset += n;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'dl->bytes_done' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  s->dl->bytes_done += n;
  pthread_mutex_unlock(&s->lock);
  pthread_mutex_lock(&s->dl->lock);
  s->dl->blocks_done++;
  pthread_mutex_unlock(&s->dl->lock);
}

static void *segment_main(void *arg) {
  struct segment *s = arg;
  while (s->offset < s->end)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'segment_progress'
    segment_progress(s, 16);
  return NULL;
}

static void download_start(struct download *dl) {
  for (int i = 0; i < SEGMENTS; i++) {
    struct segment *s = &dl->segs[i];
    s->dl = dl;
    s->offset = i * 1024L;
    s->end = s->offset + 1024;
    pthread_mutex_init(&s->lock, NULL);
  }
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < SEGMENTS; i++)
    pthread_create(&dl->segs[i].thread, NULL, segment_main, &dl->segs[i]);
}

static void download_wait(struct download *dl) {
  for (int i = 0; i < SEGMENTS; i++)
    pthread_join(dl->segs[i].thread, NULL);
}

int main(void) {
  static struct download dl;
  pthread_mutex_init(&dl.lock, NULL);
  download_start(&dl);
  download_wait(&dl);
  printf("%ld bytes in %ld blocks\n", dl.bytes_done, dl.blocks_done);
  return 0;
}
