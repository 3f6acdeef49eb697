// RUN-MODE: broken
#include <thread>
#include <vector>

void handle(int item);

void broken(const std::vector<int> &items) {
  for (int item : items)
    std::thread(handle, item, undeclared_name).detach();
  for (size_t i = 0; i < items.size(); ++i)
    std::thread(handle, items[i]).detach()
}
