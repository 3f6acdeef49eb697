#define _POSIX_C_SOURCE 200809L
/* A session store: a lookup walks the store's list under its lock and
 * returns the session it found; the request handler counts the page view
 * through that pointer after the lock is gone, and does so only when the
 * lookup found one (`if (!s) return 401;`). Two handler threads that see
 * the same session both write its counter. Near misses: the view counted
 * inside the lookup, under the lock; a lookup that takes the session out
 * of the list (a pop), so that the caller alone holds it. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct session {
  char sid[16];
  unsigned page_views;
  unsigned handled;
  struct session *next;
};

struct session_store {
  pthread_mutex_t mu;
  struct session *head;
};

static struct session_store g_store = {PTHREAD_MUTEX_INITIALIZER, NULL};

static struct session *store_find(struct session_store *st, const char *sid) {
  struct session *found = NULL;
  pthread_mutex_lock(&st->mu);
  for (struct session *s = st->head; s; s = s->next)
    if (strcmp(s->sid, sid) == 0) {
      found = s;
      break;
    }
  pthread_mutex_unlock(&st->mu);
  return found;
}

static struct session *store_find_counted(struct session_store *st, const char *sid) {
  struct session *found = NULL;
  pthread_mutex_lock(&st->mu);
  for (struct session *s = st->head; s; s = s->next)
    if (strcmp(s->sid, sid) == 0) {
      s->page_views++;
      found = s;
      break;
    }
  pthread_mutex_unlock(&st->mu);
  return found;
}

static struct session *store_take(struct session_store *st) {
  pthread_mutex_lock(&st->mu);
  struct session *s = st->head;
  if (s)
    st->head = s->next;
  pthread_mutex_unlock(&st->mu);
  return s;
}

static int handle_request(const char *sid) {
  struct session *s = store_find(&g_store, sid);
  if (!s)
    return 401;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_store.head->page_views' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  s->page_views++;
  return 200;
}

static int handle_counted(const char *sid) {
  return store_find_counted(&g_store, sid) ? 200 : 401;
}

static void handle_taken(void) {
  struct session *s = store_take(&g_store);
  if (!s)
    return;
  s->handled++;
}

static void *handler_main(void *arg) {
  (void)arg;
  int ok = 0;
  for (int i = 0; i < 100; i++)
    // EXPECT-NOTE@+1:11 the worker makes the write through this call of 'handle_request'
    ok += handle_request("a1f3") == 200;
  return NULL;
}

static void *counted_main(void *arg) {
  (void)arg;
  int ok = 0;
  for (int i = 0; i < 100; i++)
    ok += handle_counted("a1f3") == 200;
  return NULL;
}

static void *taker_main(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    handle_taken();
  return NULL;
}

void serve(void) {
  pthread_t th[2];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (long i = 0; i < 2; i++)
    pthread_create(&th[i], NULL, handler_main, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(th[i], NULL);
}

void serve_counted(void) {
  pthread_t th[2];
  for (long i = 0; i < 2; i++)
    pthread_create(&th[i], NULL, counted_main, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(th[i], NULL);
}

void serve_taken(void) {
  pthread_t th[2];
  for (long i = 0; i < 2; i++)
    pthread_create(&th[i], NULL, taker_main, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(th[i], NULL);
}
