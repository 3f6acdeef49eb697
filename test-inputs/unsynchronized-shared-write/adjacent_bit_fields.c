/* Adjacent bit-fields are one memory location: a worker setting
 * `d->complete` while another sets `d->paused` writes the same bytes. Near
 * misses: bit-fields separated by an ordinary member or by a zero-width
 * bit-field, which are locations of their own. */
#include <pthread.h>

struct download {
  unsigned long received;
  unsigned int paused : 1;
  unsigned int complete : 1;
  unsigned int retries : 4;
  int spacer;
  unsigned int verified : 1;
  unsigned int : 0;
  unsigned int cached : 1;
};

static struct download dl;

static void *transfer_main(void *arg) {
  (void)arg;
  dl.received += 4096;
  // EXPECT-NOTE@+2:3 another worker writes 'complete' here: a bit-field next to 'dl.paused' in the same memory location
  // EXPECT-WARNING@+1:3 unsynchronized write to 'dl.complete' in a worker that runs alongside another worker using it; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  dl.complete = 1;
  dl.verified = 1;
  return 0;
}

static void *ui_main(void *arg) {
  (void)arg;
  // EXPECT-NOTE@+2:3 another worker writes 'paused' here: a bit-field next to 'dl.complete' in the same memory location
  // EXPECT-WARNING@+1:3 unsynchronized write to 'dl.paused' in a worker that runs alongside another worker using it; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  dl.paused = 1;
  dl.spacer = 1;
  dl.cached = 1;
  return 0;
}

int main(void) {
  pthread_t transfer, ui;
  pthread_create(&transfer, 0, transfer_main, 0);
  pthread_create(&ui, 0, ui_main, 0);
  pthread_join(transfer, 0);
  pthread_join(ui, 0);
  return (int)dl.received;
}
