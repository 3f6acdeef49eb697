/* An array of argument structs zeroed by its initializer (`= {{0}}`) and
 * then given one shared pointer per launch (`ctx[i].pager = pager;`): the
 * null the initializer stores points a worker at nothing, so the field
 * still points every launch at one object. Near miss: each launch given
 * its own element (`&pagers[i]`). */
#include <pthread.h>
#include <stdlib.h>

struct pager {
  pthread_mutex_t lock;
  unsigned next_free;
};

struct writer_ctx {
  struct pager *pager;
  unsigned pages[16];
};

static unsigned pager_alloc(struct pager *p) {
  pthread_mutex_lock(&p->lock);
  unsigned page = p->next_free;
  pthread_mutex_unlock(&p->lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'pager->next_free' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  p->next_free = page + 1;
  return page;
}

static void *writer_main(void *arg) {
  struct writer_ctx *w = arg;
  for (int i = 0; i < 16; i++)
    // EXPECT-NOTE@+1:19 the worker makes the write through this call of 'pager_alloc'
    w->pages[i] = pager_alloc(w->pager);
  return NULL;
}

void write_pages(void) {
  struct pager *pager = calloc(1, sizeof *pager);
  struct writer_ctx ctx[3] = {{0}};
  pthread_t tids[3];
  pthread_mutex_init(&pager->lock, NULL);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 3; i++) {
    ctx[i].pager = pager;
    pthread_create(&tids[i], NULL, writer_main, &ctx[i]);
  }
  for (int i = 0; i < 3; i++)
    pthread_join(tids[i], NULL);
  free(pager);
}

/* Near miss. */

void own_pagers(void) {
  struct pager pagers[3];
  struct writer_ctx ctx[3] = {{0}};
  pthread_t tids[3];
  for (int i = 0; i < 3; i++) {
    pthread_mutex_init(&pagers[i].lock, NULL);
    pagers[i].next_free = 0;
    ctx[i].pager = &pagers[i];
    pthread_create(&tids[i], NULL, writer_main, &ctx[i]);
  }
  for (int i = 0; i < 3; i++)
    pthread_join(tids[i], NULL);
}
