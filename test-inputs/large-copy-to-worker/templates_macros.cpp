// Templates are checked once, in their own code; copies whose type depends
// on a template parameter are left alone. Macros: reported at the argument's
// spelling, without a fix-it when the argument comes from a macro.
#include <map>
#include <thread>
#include <vector>

void summarize(const std::vector<int> &rows);

// Instantiated twice, reported once (the copied type does not depend on T).
template <typename T> void launchWith(T tag) {
  std::vector<int> rows(100);
  std::thread worker(summarize, rows); // EXPECT-WARNING:33 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  worker.detach();
  rows.clear(); // EXPECT-NOTE:3 'rows' may be used here after the launch, so it is not moved; pass std::cref(rows) if the thread is finished before it goes out of scope
}

// near-miss: the copied type depends on the template parameter.
template <typename Container> void dependent(const Container &items) {
  std::thread worker([](Container c) { (void)c.size(); }, items);
  worker.join();
}

// near-miss: never instantiated, and dependent.
template <typename Container> void neverUsed(Container items) {
  std::thread([items] { (void)items.size(); }).detach();
}

void instantiate() {
  launchWith(1);
  launchWith('c');
  dependent(std::vector<int>{});
  dependent(std::map<int, int>{});
}

#define LAUNCH_DETACHED(fn, arg) std::thread(fn, arg).detach()

// The argument is spelled in the macro call: reported there, no fix-it.
void throughMacro(const std::vector<int> &rows) {
  LAUNCH_DETACHED(summarize, rows); // EXPECT-WARNING:30 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  // EXPECT-NOTE@-1:30 'rows' cannot be moved from here; pass std::cref(rows) if the thread is finished before it goes out of scope
 
 
}

#define SNAPSHOT_WORKER(name) std::thread name([copy = table] { (void)copy.size(); })

void macroBody() {
  std::map<int, int> table;
  SNAPSHOT_WORKER(worker); // EXPECT-WARNING:3 'table' (std::map<int, int>) is copied into the new thread; move it or pass a reference that outlives the thread
  // EXPECT-NOTE@-1:3 'table' cannot be moved from here; capture it by reference if the thread is finished before 'table' goes out of scope
 
 
  worker.join();
}
