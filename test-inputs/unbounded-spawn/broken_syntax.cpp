// RUN-MODE: broken
#include <thread>
#include <vector>
void work(int);
void broken(const std::vector<int> &items) {
  std::vector<std::thread> workers;
  for (int item : items)
    workers.emplace_back(work, item)
  undeclared_call(items);
}
