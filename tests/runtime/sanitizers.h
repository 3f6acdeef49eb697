// Which sanitizer this test binary is built with (GCC defines
// __SANITIZE_*__, Clang answers __has_feature), so a test can skip what a
// sanitizer cannot run, saying why.
#ifndef PARLINT_TESTS_RUNTIME_SANITIZERS_H
#define PARLINT_TESTS_RUNTIME_SANITIZERS_H

#if defined(__SANITIZE_THREAD__)
#define PARLINT_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define PARLINT_UNDER_TSAN 1
#endif
#endif

#if defined(__SANITIZE_ADDRESS__)
#define PARLINT_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PARLINT_UNDER_ASAN 1
#endif
#endif

#endif
