// A class hands out its elements by reference (`Body &body(size_t i) {
// return bodies_[i]; }`): the call reads nothing of the element, and a
// write through the reference (`player.x = ...`) is a write to that
// element of the object's array. A member worker updates every element
// while the code that started it writes one. Near misses: a field the
// worker never touches, and the element only looked up.
#include <atomic>
#include <thread>
#include <vector>

struct Body {
  float x, y;
  float mass;
};

class World {
public:
  explicit World(size_t n) : bodies_(n) {}
  Body &body(size_t i) { return bodies_[i]; }

  void integrate(float dt) {
    for (auto &b : bodies_) {
      // EXPECT-WARNING@+1:7 unsynchronized write to 'world_.bodies_.x' in a worker that runs while the code that started it uses the object 'world_' refers to; make it std::atomic, guard every access with one mutex, or give each worker its own and combine them once all have finished
      b.x += dt;
      b.y += dt;
    }
  }

private:
  std::vector<Body> bodies_;
};

class Physics {
public:
  explicit Physics(World &w) : world_(w) {}
  // EXPECT-NOTE@+1:28 the worker is started here and kept in 'thread_'
  void start() { thread_ = std::thread(&Physics::loop, this); }
  void join() { thread_.join(); }

private:
  void loop() {
    for (int i = 0; i < 100; ++i)
      // EXPECT-NOTE@+1:7 the worker makes the write through this call of 'integrate'
      world_.integrate(0.01f);
  }
  World &world_;
  std::thread thread_;
};

static void respawn(World &world, float x) {
  Body &player = world.body(0);
  player.x = x;
}

static void reweigh(World &world, float mass) {
  Body &player = world.body(0);
  player.mass = mass;
}

static Body *lookUp(World &world, size_t i) { return &world.body(i); }

int main() {
  World world(16);
  Physics physics(world);
  physics.start();
  // EXPECT-NOTE@+1:3 the code that started the worker writes it here while the worker may still be running
  respawn(world, 2.0f);
  reweigh(world, 3.0f);
  Body *found = lookUp(world, 3);
  physics.join();
  return found != nullptr;
}
