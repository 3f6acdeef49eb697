/* The launching thread changes what a running worker reads, through helpers
 * of its own. The write to change is in the helper: it is reported there,
 * with a note at the call that runs while the worker may be reading. */
#include <pthread.h>
#include <stdio.h>

struct feed {
  int paused;
  long seen;
};

static int g_verbosity = 1;

static void set_verbosity(int level) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_verbosity' while a worker started earlier may be reading it; make it _Atomic or guard every access with one mutex
  g_verbosity = level;
}

static void pause_feed(struct feed *f) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'feed.paused' while a worker started earlier may be reading it; make it _Atomic or guard every access with one mutex
  f->paused = 1;
}

static void *reader(void *arg) {
  struct feed *f = arg;
  for (int i = 0; i < 1000; i++) {
    // EXPECT-NOTE@+1:9 the worker reads 'feed.paused' here
    if (f->paused)
      break;
    // EXPECT-NOTE@+1:9 the worker reads 'g_verbosity' here
    if (g_verbosity > 1)
      printf("tick %d\n", i);
    f->seen++;
  }
  return NULL;
}

int main(void) {
  struct feed feed = {0, 0};
  set_verbosity(2); /* before the start: nothing runs yet */
  pthread_t t;
  // EXPECT-NOTE@+2:3 the worker is started here
  // EXPECT-NOTE@+1:3 the worker is started here
  pthread_create(&t, NULL, reader, &feed);
  // EXPECT-NOTE@+1:3 the launching thread makes the write through this call of 'set_verbosity'
  set_verbosity(3);
  // EXPECT-NOTE@+1:3 the launching thread makes the write through this call of 'pause_feed'
  pause_feed(&feed);
  pthread_join(t, NULL);
  set_verbosity(0); /* after the join */
  printf("%ld\n", feed.seen);
  return 0;
}
