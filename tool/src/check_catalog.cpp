#include "check_catalog.h"

namespace parlint::tool {

// Keep in step with checks/ (a check missing here still gets a rule with a
// generic description and its docs/checks/ page).
const std::vector<CheckInfo> &parlintChecks() {
  static const std::vector<CheckInfo> checks = {
      {"parlint-large-copy-to-worker",
       "A large container or object is copied into every new worker.",
       "A heap-owning container (or an object larger than SizeThreshold bytes) is decay-copied "
       "into std::thread / std::jthread / std::async arguments or a by-copy lambda capture: every "
       "launch pays a full copy of the data, in time and memory. Move it when it is not used "
       "later, or pass a reference when the worker is joined before it dies.",
       ""},
      {"parlint-missing-pool-shutdown",
       "A thread pool can be destroyed before its queued work ran.",
       "A pool of one of the PoolTypes (default boost::asio::thread_pool) reaches its destructor "
       "on some path without a ShutdownMethods call (default join or wait), or is created with "
       "new and leaked: the destructor stops the pool and drops the queued work.",
       ""},
      {"parlint-unbounded-spawn",
       "A thread or process is started for every element of the input.",
       "A thread or process is started per iteration of a loop whose trip count flows from the "
       "program's input (a container the function is handed, data read at run time, an accept "
       "or receive loop, an endless server loop): one worker per item exhausts threads, "
       "processes and file descriptors. Use a bounded pool, such as parlint::default_pool() "
       "through a parlint::TaskGroup.",
       ""},
      {"parlint-unjoined-thread",
       "A std::thread can be destroyed while still joinable.",
       "A std::thread (or a container of them) can reach its destructor joinable on some path, "
       "a temporary thread is discarded, or a pthread is never joined or detached. A joinable "
       "std::thread's destructor calls std::terminate.",
       ""},
      {"parlint-unreaped-child",
       "A child process can be left unwaited, and stays a zombie.",
       "A child started with fork, vfork, posix_spawn or posix_spawnp can reach the end of the "
       "function in the parent without waitpid/wait4/waitid on its pid (or a wait for any "
       "child) and without the pid escaping; kill() is not a wait. The child stays a zombie "
       "until the parent exits. Silent when the file ignores SIGCHLD.",
       ""},
      {"parlint-discarded-future",
       "A std::async future is discarded or never waited, so the call runs synchronously.",
       "The future of a std::async that may start a thread is discarded (statement, void cast, "
       "a temporary used only for valid()) or held in a local that can reach the end of its "
       "scope without get()/wait(): its destructor blocks there, so the call (and a loop of "
       "them) runs serially and its exception is lost. Also a discarded "
       "parlint::ThreadPool::submit result, whose exception is lost (use post()).",
       ""},
      {"parlint-hardcoded-worker-count",
       "A worker count is written as a literal instead of the machine's core count.",
       "An integer literal greater than 1 (in place, a macro, a const or constexpr, a local set "
       "to it) is the number of workers alive at once: the bound of the loop that starts "
       "threads, std::async tasks or pthreads, or the worker-count argument of a pool "
       "constructor. A fixed count oversubscribes small "
       "machines and leaves big ones idle; derive it from std::thread::hardware_concurrency().",
       ""},
      {"parlint-fork-after-threads",
       "fork() in a multithreaded process, with a child that does more than "
       "async-signal-safe work before exec.",
       "fork() is called while a thread started in the function may still run or a thread "
       "pool is alive, and the child calls something that is not async-signal-safe before "
       "exec or _exit. A lock held by another thread at the fork stays locked in the child, "
       "which can deadlock in malloc, printf or any mutex. Also a parlint::ProcessPool "
       "constructed after threads were started.",
       ""},
      {"parlint-unsynchronized-shared-write",
       "A worker writes shared data without synchronization while another thread may touch it.",
       "A thread, async task or pool task assigns, updates, or modifies a standard container "
       "(push_back, insert, a map's operator[]...) reached by reference (a by-reference capture, "
       "a global or static, a member through this, a reference parameter), with no lock held "
       "there, while another instance of the same worker, another worker, or the launching "
       "thread before its join() may access the same object: a data race. Make it std::atomic, "
       "guard every access with one mutex, or give each worker its own slot.",
       ""},
  };
  return checks;
}

CheckInfo describeCheck(const std::string &name, const std::string &docsBaseUrl) {
  for (const auto &check : parlintChecks())
    if (check.name == name) {
      CheckInfo info = check;
      info.helpUri = docsBaseUrl + name + ".md";
      return info;
    }
  CheckInfo info;
  info.name = name;
  if (name.rfind("parlint-", 0) == 0) { // a check newer than this catalog
    info.shortDescription = "parlint check " + name + ".";
    info.fullDescription = "The parlint check " + name + "; see its documentation page.";
    info.helpUri = docsBaseUrl.empty() ? "" : docsBaseUrl + name + ".md";
    return info;
  }
  if (name.rfind("clang-diagnostic-", 0) == 0) {
    info.shortDescription = "Compiler diagnostic " + name.substr(17) + ".";
    info.fullDescription = "A diagnostic of the compiler (clang " + name.substr(17) +
                           "), reported through clang-tidy.";
    return info;
  }
  info.shortDescription = "clang-tidy check " + name + ".";
  info.fullDescription = "The clang-tidy check " + name + "; see its documentation.";
  const auto dash = name.find('-');
  if (dash != std::string::npos)
    info.helpUri = "https://clang.llvm.org/extra/clang-tidy/checks/" + name.substr(0, dash) + "/" +
                   name.substr(dash + 1) + ".html";
  return info;
}

} // namespace parlint::tool
