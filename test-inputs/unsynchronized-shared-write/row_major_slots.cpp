// Bands of an image rendered by std::async tasks, each writing its own rows
// (`img.lum[y * img.w + x]`, the width a field of the one image every task
// is given and none writes): a slot of each task's own, which the launching
// thread reads before it waits for the tasks. Near miss: reading after the
// tasks finish.
#include <future>
#include <vector>

struct Image {
  int w, h;
  std::vector<float> lum;
};

static long renderBand(Image &img, int y0, int y1) {
  for (int y = y0; y < y1; y++)
    for (int x = 0; x < img.w; x++)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'img.lum' in the worker's own slot, which the launching thread reads while the worker may still be running; make it std::atomic, guard every access with one mutex, or read the slots only once the workers have finished
      img.lum[static_cast<size_t>(y) * img.w + x] = 0.5f;
  return y1 - y0;
}

double previewTooEarly() {
  Image img{96, 64, std::vector<float>(96 * 64, 0.0f)};
  std::vector<std::future<long>> tasks;
  for (int b = 0; b < 4; b++)
    // EXPECT-NOTE@+1:21 the worker is started here
    tasks.push_back(std::async(std::launch::async, renderBand, std::ref(img),
                               b * 16, (b + 1) * 16));
  double preview = 0;
  for (int i = 0; i < 2 * img.w; i++)
    // EXPECT-NOTE@+1:16 the launching thread reads 'img.lum' here while the worker may still be running
    preview += img.lum[i];
  for (auto &t : tasks)
    t.get();
  return preview;
}

double previewAfterwards() {
  Image img{96, 64, std::vector<float>(96 * 64, 0.0f)};
  std::vector<std::future<long>> tasks;
  for (int b = 0; b < 4; b++)
    tasks.push_back(std::async(std::launch::async, renderBand, std::ref(img),
                               b * 16, (b + 1) * 16));
  for (auto &t : tasks)
    t.get();
  double preview = 0;
  for (int i = 0; i < 2 * img.w; i++)
    preview += img.lum[i];
  return preview;
}
