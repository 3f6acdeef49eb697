// Workers started by a called function: a helper that leaves a thread
// running on every call, called once per item of the input; and a thread
// started on every level of a recursion that nothing cuts off.
#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <future>
#include <list>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct Conn {
  int fd;
};
void serve(Conn c);
void log_line(const std::string &line);

void handle(Conn c) {
  // EXPECT-NOTE@+2:3 starting a std::thread here leaves a thread running after 'handle' returns
  // EXPECT-NOTE@+1:3 starting a std::thread here leaves a thread running after 'dispatch' returns
  std::thread(serve, c).detach();
}

void perConnection(const std::vector<Conn> &conns) {
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (const Conn &c : conns)
    // EXPECT-WARNING@+1:5 calling 'handle' on every iteration of a loop without a small bound creates an unbounded number of threads: each call leaves a thread running; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    handle(c);
}

// Through a second helper.
void dispatch(Conn c) {
  log_line("dispatch");
  handle(c);
}

void perConnectionThroughTwo(const std::vector<Conn> &conns) {
  // EXPECT-NOTE@+1:3 the loop's bound is derived from a container's size
  for (size_t i = 0; i < conns.size(); ++i)
    // EXPECT-WARNING@+1:5 calling 'dispatch' on every iteration of a loop without a small bound creates an unbounded number of threads: each call leaves a thread running; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    dispatch(conns[i]);
}

// A session thread kept in a global list, one per accepted connection.
std::vector<std::thread> sessions;
std::mutex sessionsLock;

void startSession(boost::asio::ip::tcp::socket socket) {
  std::lock_guard<std::mutex> guard(sessionsLock);
  // EXPECT-NOTE@+1:3 starting a std::thread here leaves a thread running after 'startSession' returns
  sessions.emplace_back([s = std::move(socket)]() mutable { s.close(); });
}

void acceptForever(boost::asio::ip::tcp::acceptor &acceptor) {
  // EXPECT-NOTE@+1:3 the loop has no exit condition
  for (;;) {
    boost::asio::ip::tcp::socket socket = acceptor.accept();
    // EXPECT-WARNING@+1:5 calling 'startSession' on every iteration of a loop without a small bound creates an unbounded number of threads: each call leaves a thread running; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    startSession(std::move(socket));
  }
}

// A member function that detaches a worker per request, and two calls in
// one loop: one finding for the loop.
class Server {
public:
  void onRequest(const std::string &line) {
    // EXPECT-NOTE@+1:17 starting a std::thread here leaves a thread running after 'onRequest' returns
    std::thread t([line] { log_line(line); });
    t.detach();
  }
  void run(const std::vector<std::string> &lines) {
    // EXPECT-NOTE@+1:5 the loop iterates over a container or range, so its trip count grows with the input
    for (const std::string &line : lines) {
      // EXPECT-WARNING@+1:7 calling 'onRequest' on every iteration of a loop without a small bound creates an unbounded number of threads: each call leaves a thread running; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
      onRequest(line);
      // EXPECT-NOTE@+1:7 calling 'onRequest' here too, on every iteration of the same loop
      onRequest(line + "!");
    }
  }
};

// The classic parallel quicksort: one std::async per level, the recursion
// ends only when the list is empty.
template <typename T> std::list<T> parallelQuickSort(std::list<T> input) {
  if (input.empty())
    return input;
  std::list<T> result;
  result.splice(result.begin(), input, input.begin());
  const T &pivot = *result.begin();
  auto divide = std::partition(input.begin(), input.end(),
                               [&](const T &t) { return t < pivot; });
  std::list<T> lower;
  lower.splice(lower.end(), input, input.begin(), divide);
  // EXPECT-WARNING@+2:7 calling std::async on every level of a recursion without a depth or size cutoff creates a thread per call, about as many as the input has elements; below a size or depth threshold, do the work in the calling thread
  std::future<std::list<T>> newLower =
      std::async(&parallelQuickSort<T>, std::move(lower));
  // EXPECT-NOTE@+1:25 the recursion continues here, with no cutoff on the way
  std::list<T> higher = parallelQuickSort(std::move(input));
  result.splice(result.end(), higher);
  result.splice(result.begin(), newLower.get());
  return result;
}
template std::list<int> parallelQuickSort(std::list<int>);

// A merge sort over a range whose only base case is a range of one.
void mergeSort(int *begin, int *end) {
  if (end - begin < 2)
    return;
  int *middle = begin + (end - begin) / 2;
  // EXPECT-WARNING@+1:15 starting a std::thread on every level of a recursion without a depth or size cutoff creates a thread per call, about as many as the input has elements; below a size or depth threshold, do the work in the calling thread
  std::thread left([=] { mergeSort(begin, middle); });
  // EXPECT-NOTE@+1:3 the recursion continues here, with no cutoff on the way
  mergeSort(middle, end);
  left.join();
  std::inplace_merge(begin, middle, end);
}

// A tree walked with a thread per node, through a second function.
struct Node {
  std::vector<Node *> children;
  int value;
};
void visitChildren(Node *node);
void visit(Node *node) {
  if (!node)
    return;
  // EXPECT-WARNING@+2:28 calling std::async on every level of a recursion without a depth or size cutoff creates a thread per call, about as many as the input has elements; below a size or depth threshold, do the work in the calling thread
  // EXPECT-NOTE@+1:68 the recursion continues here, with no cutoff on the way
  std::future<void> done = std::async(std::launch::async, [node] { visitChildren(node); });
  done.wait();
}
void visitChildren(Node *node) {
  for (Node *child : node->children)
    visit(child);
}
