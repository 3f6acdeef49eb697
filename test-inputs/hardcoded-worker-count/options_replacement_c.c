// RUN-CONFIG: {CheckOptions: {parlint-hardcoded-worker-count.FixItReplacement: 'get_nprocs()', parlint-hardcoded-worker-count.FixItHeader: '<sys/sysinfo.h>'}}
/* In C the project's own function is the only fix-it. */
#include <pthread.h>
#include <stddef.h>

void *entry(void *arg);

void start(pthread_t *ids) {
  for (int i = 0; i < 4; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 4 threads whatever the machine; use get_nprocs() or a configured count instead of the literal
    pthread_create(&ids[i], NULL, entry, NULL);
}
