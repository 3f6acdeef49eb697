// Each trader thread builds a desk of its own around the price model it
// shares with the others (`Desk desk(model)`, the desk keeping a
// std::shared_ptr, or a raw pointer from `get()`); quoting through the desk
// fills the model's `mutable` memo from a `const` method, with no lock (a
// ticker counts its peeks the same way).
// Near misses: a model of each trader's own; the memo under the model's
// mutex; a desk re-pointed at a fresh model before it quotes.
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

class PriceModel {
public:
  explicit PriceModel(double base) : base_(base) {}
  double quote(int qty) const {
    if (cachedQty_ != qty) {
      // EXPECT-WARNING@+1:7 unsynchronized write to 'model->cachedQty_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      cachedQty_ = qty;
      // EXPECT-WARNING@+1:7 unsynchronized write to 'model->cachedPrice_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      cachedPrice_ = base_ * qty * 0.97;
    }
    return cachedPrice_;
  }
  double peek() const {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'model->peeks_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    ++peeks_;
    return base_;
  }
  double lockedQuote(int qty) const {
    std::lock_guard<std::mutex> hold(mu_);
    if (cachedQty_ != qty) {
      cachedQty_ = qty;
      cachedPrice_ = base_ * qty * 0.97;
    }
    return cachedPrice_;
  }

private:
  double base_;
  mutable std::mutex mu_;
  mutable int cachedQty_ = -1;
  mutable double cachedPrice_ = 0;
  mutable long peeks_ = 0;
};

class Desk {
public:
  explicit Desk(std::shared_ptr<const PriceModel> model) : model_(std::move(model)) {}
  double run(int orders) const {
    double total = 0;
    for (int i = 0; i < orders; ++i)
      total += model_->quote(i % 5);
    return total;
  }
  double runLocked(int orders) const {
    double total = 0;
    for (int i = 0; i < orders; ++i)
      total += model_->lockedQuote(i % 5);
    return total;
  }
  void reset(std::shared_ptr<const PriceModel> model) { model_ = std::move(model); }

private:
  std::shared_ptr<const PriceModel> model_;
};

class Ticker {
public:
  explicit Ticker(const PriceModel *model) : model_(model) {}
  double last() const { return model_->peek(); }

private:
  const PriceModel *model_;
};

double trade_shared() {
  auto model = std::make_shared<PriceModel>(2.5);
  std::vector<std::thread> traders;
  std::vector<double> totals(3);
  // EXPECT-NOTE@+2:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int t = 0; t < 3; ++t)
    traders.emplace_back([model, &totals, t] {
      Desk desk(model);
      // EXPECT-NOTE@+2:19 the worker makes the write through this call of 'run'
      // EXPECT-NOTE@+1:19 the worker makes the write through this call of 'run'
      totals[t] = desk.run(200000);
    });
  for (auto &trader : traders)
    trader.join();
  return totals[0] + totals[1] + totals[2];
}

double tick_shared() {
  auto model = std::make_shared<PriceModel>(1.5);
  std::vector<std::thread> tickers;
  std::vector<double> last(3);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int t = 0; t < 3; ++t)
    tickers.emplace_back([model, &last, t] {
      Ticker ticker(model.get());
      // EXPECT-NOTE@+1:17 the worker makes the write through this call of 'last'
      last[t] = ticker.last();
    });
  for (auto &ticker : tickers)
    ticker.join();
  return last[0];
}

double trade_own_models() {
  std::vector<std::thread> traders;
  std::vector<double> totals(3);
  for (int t = 0; t < 3; ++t)
    traders.emplace_back([&totals, t] {
      Desk desk(std::make_shared<PriceModel>(2.5 + t));
      totals[t] = desk.run(200000);
    });
  for (auto &trader : traders)
    trader.join();
  return totals[0] + totals[1] + totals[2];
}

double trade_locked() {
  auto model = std::make_shared<PriceModel>(2.5);
  std::vector<std::thread> traders;
  std::vector<double> totals(3);
  for (int t = 0; t < 3; ++t)
    traders.emplace_back([model, &totals, t] {
      Desk desk(model);
      totals[t] = desk.runLocked(200000);
    });
  for (auto &trader : traders)
    trader.join();
  return totals[0] + totals[1] + totals[2];
}

double trade_reset() {
  auto model = std::make_shared<PriceModel>(2.5);
  std::vector<std::thread> traders;
  std::vector<double> totals(3);
  for (int t = 0; t < 3; ++t)
    traders.emplace_back([model, &totals, t] {
      Desk desk(model);
      desk.reset(std::make_shared<PriceModel>(3.0));
      totals[t] = desk.run(200000);
    });
  for (auto &trader : traders)
    trader.join();
  return totals[0] + totals[1] + totals[2];
}

int main() {
  std::printf("%f %f %f %f %f\n", trade_shared(), tick_shared(), trade_own_models(),
              trade_locked(), trade_reset());
}
