// RUN-STD: c++17
// A ledger whose accounts live in a std::map behind a mutex: `account(id)`
// looks up (or inserts) under the lock and hands back a reference. A
// teller adds to the balance through it after the lock is gone, while an
// auditor reads the same balance: that is the race. The map's insertion
// under the lock does not meet the auditor's read inside an element (a
// map leaves its elements in place), so it is not reported. Near miss: a
// ledger whose deposit and check both run under the lock.
#include <map>
#include <mutex>
#include <string>
#include <thread>

struct Account {
  long balance_cents = 0;
};

class Ledger {
public:
  Account &account(const std::string &id) {
    std::lock_guard<std::mutex> g(mu_);
    return accounts_[id];
  }
  void deposit(const std::string &id, long cents) {
    std::lock_guard<std::mutex> g(mu_);
    accounts_[id].balance_cents += cents;
  }
  bool overdrawn(const std::string &id) {
    std::lock_guard<std::mutex> g(mu_);
    return accounts_[id].balance_cents < 0;
  }

private:
  std::mutex mu_;
  std::map<std::string, Account> accounts_;
};

void teller(Ledger &ledger) {
  for (int i = 0; i < 40; ++i) {
    Account &acct = ledger.account("ACC-1");
    // EXPECT-WARNING@+1:5 unsynchronized write to 'ledger.accounts_.balance_cents' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    acct.balance_cents += 2500;
  }
}

int auditor(Ledger &ledger) {
  int overdrafts = 0;
  for (int i = 0; i < 10; ++i) {
    const Account &acct = ledger.account("ACC-1");
    if (acct.balance_cents < 0)
      ++overdrafts;
  }
  return overdrafts;
}

void audit() {
  Ledger ledger;
  int overdrafts = 0;
  std::thread t(teller, std::ref(ledger));
  // EXPECT-NOTE@+1:36 another worker reads 'ledger.accounts_.balance_cents' here
  std::thread a([&] { overdrafts = auditor(ledger); });
  t.join();
  a.join();
}

void tellerLocked(Ledger &ledger) {
  for (int i = 0; i < 40; ++i)
    ledger.deposit("ACC-1", 2500);
}

int auditorLocked(Ledger &ledger) {
  int overdrafts = 0;
  for (int i = 0; i < 10; ++i)
    overdrafts += ledger.overdrawn("ACC-1");
  return overdrafts;
}

void auditLocked() {
  Ledger ledger;
  int overdrafts = 0;
  std::thread t(tellerLocked, std::ref(ledger));
  std::thread a([&] { overdrafts = auditorLocked(ledger); });
  t.join();
  a.join();
}
