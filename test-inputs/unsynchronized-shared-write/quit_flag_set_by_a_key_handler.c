// A game's loop thread polls a quit flag through a helper while the main
// thread feeds keys to a handler whose `switch` sets the flag on Escape.
// The key is read at run time, so any case may run while the loop thread
// reads. Near misses: a handler called only with a constant key that
// never reaches the flag's case; an _Atomic flag set by the same handler;
// the flag cleared after the join.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

enum key { KEY_NONE, KEY_LEFT, KEY_RIGHT, KEY_ESCAPE };

struct game {
  unsigned long frame;
  unsigned long max_frames;
  int quit;
  int paused;
  atomic_int stop;
};

static struct game g_game;
static struct game g_demo;
static struct game g_safe;

static int game_running(const struct game *g) {
  return !g->quit && !g->paused;
}

static void *game_loop(void *arg) {
  struct game *g = arg;
  struct timespec tick = {0, 1000 * 1000};
  // EXPECT-NOTE@+1:10 the worker reads 'g_game.quit' through this call of 'game_running'
  while (game_running(g) && g->frame < g->max_frames) {
    g->frame++;
    nanosleep(&tick, NULL);
  }
  return NULL;
}

static void *safe_loop(void *arg) {
  struct game *g = arg;
  struct timespec tick = {0, 1000 * 1000};
  while (!atomic_load(&g->stop)) {
    g->frame++;
    nanosleep(&tick, NULL);
  }
  return NULL;
}

static void handle_key(struct game *g, enum key k) {
  switch (k) {
  case KEY_ESCAPE:
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_game.quit' while a worker started earlier may be reading it; make it _Atomic or guard every access with one mutex
    g->quit = 1;
    break;
  case KEY_LEFT:
  case KEY_RIGHT:
    printf("move %d\n", (int)k);
    break;
  default:
    break;
  }
}

/* The menu's handler: the same cases, called with constants only. */
static void handle_menu_key(struct game *g, enum key k) {
  switch (k) {
  case KEY_ESCAPE:
    g->quit = 1;
    break;
  default:
    printf("menu %d\n", (int)k);
    break;
  }
}

static void stop_safely(struct game *g, enum key k) {
  switch (k) {
  case KEY_ESCAPE:
    atomic_store(&g->stop, 1);
    break;
  default:
    break;
  }
}

static enum key poll_key(int step) {
  return step < 3 ? KEY_LEFT : KEY_ESCAPE;
}

static void play(void) {
  pthread_t loop;
  g_game.max_frames = 1000000;
  // EXPECT-NOTE@+1:3 the worker is started here
  pthread_create(&loop, NULL, game_loop, &g_game);
  for (int step = 0; step < 100; step++) {
    enum key k = poll_key(step);
    // EXPECT-NOTE@+1:5 the launching thread makes the write through this call of 'handle_key'
    handle_key(&g_game, k);
    if (k == KEY_ESCAPE)
      break;
  }
  pthread_join(loop, NULL);
  g_game.quit = 0;
}

static void demo(void) {
  pthread_t loop;
  g_demo.max_frames = 20;
  pthread_create(&loop, NULL, game_loop, &g_demo);
  handle_menu_key(&g_demo, KEY_LEFT);
  handle_menu_key(&g_demo, KEY_RIGHT);
  pthread_join(loop, NULL);
}

static void play_safely(void) {
  pthread_t loop;
  pthread_create(&loop, NULL, safe_loop, &g_safe);
  for (int step = 0; step < 100; step++) {
    enum key k = poll_key(step);
    stop_safely(&g_safe, k);
    if (k == KEY_ESCAPE)
      break;
  }
  pthread_join(loop, NULL);
}

int main(void) {
  play();
  demo();
  play_safely();
  printf("%lu %lu\n", g_game.frame, g_safe.frame);
  return 0;
}
