#define _POSIX_C_SOURCE 200809L
/* A single staging slot passed between a capture thread and a decoder with
 * the usual pair of semaphores. The decoder gives the slot back first and
 * reads it after: the capture thread, whose wait on that semaphore has
 * returned, already writes the next packet there. Near misses: a decoder
 * that reads before giving the slot back, and a member the other side only
 * reads after its wait. */
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>

struct staging {
  uint32_t hdr;
  uint32_t seq_limit;
  sem_t free_slots;
  sem_t filled;
};

static uint32_t capture_packet(int seq) { return (uint32_t)seq * 2654435761u; }

static void *capture_main(void *arg) {
  struct staging *r = arg;
  for (int seq = 0; seq < 64; seq++) {
    uint32_t hdr = capture_packet(seq);
    // EXPECT-NOTE@+1:5 another thread waits for the signal here in 'capture_main'
    sem_wait(&r->free_slots);
    if ((uint32_t)seq > r->seq_limit)
      break;
    // EXPECT-NOTE@+1:5 and then writes 'hdr' here
    r->hdr = hdr;
    sem_post(&r->filled);
  }
  return NULL;
}

static void *decode_early_return(void *arg) {
  struct staging *r = arg;
  unsigned long bytes = 0;
  for (int n = 0; n < 64; n++) {
    sem_wait(&r->filled);
    // EXPECT-NOTE@+1:5 the object is handed over here
    sem_post(&r->free_slots);
    // EXPECT-WARNING@+1:20 unsynchronized read of 'hdr' after the signal through 'free_slots' that hands the object over: a thread waiting for that signal writes it while it is read; read it before the signal
    uint32_t hdr = r->hdr;
    bytes += (hdr >> 8) & 0xffffu;
    // Only read by the capture thread after its wait: no write meets it.
    bytes += r->seq_limit;
  }
  return (void *)bytes;
}

static void *decode_in_order(void *arg) {
  struct staging *r = arg;
  unsigned long bytes = 0;
  for (int n = 0; n < 64; n++) {
    sem_wait(&r->filled);
    uint32_t hdr = r->hdr;
    sem_post(&r->free_slots);
    bytes += (hdr >> 8) & 0xffffu;
  }
  return (void *)bytes;
}

void run_early(struct staging *stage) {
  pthread_t cap, dec;
  sem_init(&stage->free_slots, 0, 1);
  sem_init(&stage->filled, 0, 0);
  stage->seq_limit = 1000;
  pthread_create(&dec, NULL, decode_early_return, stage);
  pthread_create(&cap, NULL, capture_main, stage);
  pthread_join(cap, NULL);
  pthread_join(dec, NULL);
}

void run_in_order(struct staging *stage) {
  pthread_t cap, dec;
  sem_init(&stage->free_slots, 0, 1);
  sem_init(&stage->filled, 0, 0);
  stage->seq_limit = 1000;
  pthread_create(&dec, NULL, decode_in_order, stage);
  pthread_create(&cap, NULL, capture_main, stage);
  pthread_join(cap, NULL);
  pthread_join(dec, NULL);
}
