/* A thread started under a configuration flag and joined under the same flag:
   a field of a global options struct, or of the object a parameter points
   to, read the same way at both tests, is one value. */
#include <pthread.h>
#include <unistd.h>

struct options { int delay_ms; int threaded; };
static struct options options;
struct context { int no_pthread; };

static void *helper(void *arg) { return arg; }
extern void write_data(void);
extern void pause_ms(int ms);

/* near-miss: `options.delay_ms` guards the start and the join */
void write_with_reader(void) {
  pthread_t reader;
  if (options.delay_ms) {
    if (pthread_create(&reader, NULL, helper, NULL) != 0)
      return;
    pause_ms(options.delay_ms);
  }
  write_data();
  if (options.delay_ms)
    pthread_join(reader, NULL);
}

/* near-miss: the same flag read through the pointer parameter */
void run_with_helper(struct context *context) {
  pthread_t worker;
  int started = 0;
  if (!context->no_pthread)
    started = pthread_create(&worker, NULL, helper, context) == 0;
  write_data();
  if (!context->no_pthread && started)
    pthread_join(worker, NULL);
}

/* the parameter is pointed elsewhere between the tests: two objects */
void switch_context(struct context *context, struct context *other) {
  pthread_t worker;
  // EXPECT-WARNING@+2:9 thread started by pthread_create can leave this function without being joined or detached, which leaks it; call pthread_join or pthread_detach on 'worker' on every path
  if (!context->no_pthread)
    if (pthread_create(&worker, NULL, helper, context) != 0)
      return;
  context = other;
  if (!context->no_pthread)
    pthread_join(worker, NULL);
} // EXPECT-NOTE:1 'worker' is neither joined nor detached when the function returns here
