// Workers started per item of something the program reads or receives: a
// container handed in, a copy of one, lines read from a stream, a count read
// from stdin, the pieces of a line, a member filled from the input.
#include <boost/asio/ip/tcp.hpp>

#include <future>
#include <iostream>
#include <istream>
#include <string>
#include <thread>
#include <vector>

void handle(int item);
void handleLine(const std::string &line);
void session(boost::asio::ip::tcp::socket socket);
std::vector<std::string> split(const std::string &line);

void copyOfParameter(const std::vector<int> &items) {
  std::vector<int> jobs = items;
  // EXPECT-NOTE@+2:3 the loop iterates over a container or range, so its trip count grows with the input
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int job : jobs) { group.post(handle, job); }'; wait for its tasks with 'group.wait()'
  for (int job : jobs)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    std::thread(handle, job).detach();
}

void linesOfStream(std::istream &in) {
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  // EXPECT-NOTE@+2:3 the loop iterates over a container or range, so its trip count grows with the input
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (const std::string &line : lines) { group.post(handleLine, line); }'; wait for its tasks with 'group.wait()'
  for (const std::string &line : lines)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    std::thread(handleLine, line).detach();
}

void countFromStdin() {
  int count = 0;
  std::cin >> count;
  std::vector<std::future<void>> done;
  // EXPECT-NOTE@+1:3 the loop's bound is read at run time, so it grows with the input
  for (int i = 0; i < count; ++i)
    // EXPECT-WARNING@+1:20 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    done.push_back(std::async(std::launch::async, handle, i));
}

void piecesOfALine(std::istream &in) {
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> pieces = split(line);
  // EXPECT-NOTE@+2:3 the loop iterates over a container or range, so its trip count grows with the input
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (const std::string &piece : pieces) { group.post(handleLine, piece); }'; wait for its tasks with 'group.wait()'
  for (const std::string &piece : pieces)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    std::thread(handleLine, piece).detach();
}

// A thread per connection accepted, while a flag says to go on.
void acceptWhileRunning(boost::asio::ip::tcp::acceptor &acceptor,
                        const bool &running) {
  // EXPECT-NOTE@+2:3 the loop reads input on every iteration, so it runs once per input
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; while (running) { ... group.post(session, std::move(socket)); ... }'; wait for its tasks with 'group.wait()'
  while (running) {
    boost::asio::ip::tcp::socket socket = acceptor.accept();
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    std::thread(session, std::move(socket)).detach();
  }
}

// A class that keeps a thread per connection in a member: a server, not a
// pool, however it stores its threads.
class Server {
public:
  void serve(boost::asio::ip::tcp::acceptor &acceptor) {
    // EXPECT-NOTE@+1:5 the loop has no exit condition
    for (;;) {
      boost::asio::ip::tcp::socket socket(acceptor.get_executor());
      acceptor.accept(socket);
      // EXPECT-WARNING@+1:7 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
      sessions_.emplace_back([this, s = std::move(socket)]() mutable {
        run(std::move(s));
      });
    }
  }

private:
  void run(boost::asio::ip::tcp::socket socket);
  std::vector<std::thread> sessions_;
};

// A member filled from a container the constructor is handed.
class Fanout {
public:
  explicit Fanout(const std::vector<int> &targets) : targets_(targets) {}
  void start() {
    // EXPECT-NOTE@+2:5 the loop iterates over a container or range, so its trip count grows with the input
    // EXPECT-NOTE@+1:5 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int target : targets_) { group.post(handle, target); }'; wait for its tasks with 'group.wait()'
    for (int target : targets_)
      // EXPECT-WARNING@+1:7 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
      std::thread(handle, target).detach();
  }

private:
  std::vector<int> targets_;
};
