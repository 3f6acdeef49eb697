// A game loop keeps its state in a local struct whose pointer member leads
// to the player; the physics thread, given the struct by reference or by
// pointer, updates the player's score through that member while the main
// thread reads it the same way. Near misses: both sides under the struct's
// mutex; the main thread reading only the pointer member (not what it
// points to) while the worker runs; the score read after the join.
#include <cstdio>
#include <functional>
#include <mutex>
#include <thread>

struct Player {
  int score = 0;
  int lives = 3;
};

struct World {
  Player *player;
  std::mutex mu;
  long ticks = 0;
};

static void physics(World &world) {
  for (int step = 0; step < 1000; ++step)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'hero.score' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    world.player->score += 1;
}

static void physics_by_pointer(World *world) {
  for (int step = 0; step < 1000; ++step)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'hero.lives' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    world->player->lives += 1;
}

int play_by_reference() {
  Player hero;
  World world{&hero};
  std::thread worker(physics, std::ref(world));
  // EXPECT-NOTE@+1:15 the launching thread reads 'hero.score' here while the worker may still be running
  int shown = world.player->score;
  worker.join();
  return shown;
}

int play_by_pointer() {
  Player hero;
  World world{&hero};
  std::thread worker(physics_by_pointer, &world);
  // EXPECT-NOTE@+1:15 the launching thread reads 'hero.lives' here while the worker may still be running
  int shown = world.player->lives;
  worker.join();
  return shown;
}

static void locked_physics(World &world) {
  for (int step = 0; step < 1000; ++step) {
    std::lock_guard<std::mutex> hold(world.mu);
    world.player->score += 1;
  }
}

int play_locked() {
  Player hero;
  World world{&hero};
  std::thread worker(locked_physics, std::ref(world));
  int shown;
  {
    std::lock_guard<std::mutex> hold(world.mu);
    shown = world.player->score;
  }
  worker.join();
  return shown;
}

int play_pointer_only() {
  Player hero;
  World world{&hero};
  std::thread worker(physics, std::ref(world));
  Player *seen = world.player;
  worker.join();
  return seen->score + world.player->score;
}

int main() {
  std::printf("%d %d %d %d\n", play_by_reference(), play_by_pointer(),
              play_locked(), play_pointer_only());
  return 0;
}
