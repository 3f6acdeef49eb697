// One worker launched twice on different objects, locking the object it
// was handed (`lock_guard g(from.mu)`), and writing an object both launches
// share (`to.balance`): each launch holds its own object's lock, so the two
// writes of the shared one exclude nothing. Also through a struct whose
// pointer fields both launches fill (`Batch{&payroll, &operating}`). Near
// misses: the lock of the shared object itself, both objects locked
// together, one lock for all, and two launches on the same source.
#include <mutex>
#include <thread>
#include <vector>

struct Account {
  std::mutex mu;
  long balance = 0;
  int postings = 0;
};

bool transfer(Account &from, Account &to, long cents) {
  std::lock_guard<std::mutex> guard(from.mu);
  if (from.balance < cents)
    return false;
  from.balance -= cents;
  from.postings++;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'operating.balance' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  to.balance += cents;
  return true;
}

void transfers() {
  Account payroll, operating, receivables;
  std::thread a(transfer, std::ref(payroll), std::ref(operating), 5);
  // EXPECT-NOTE@+1:15 the same worker is launched again here on other objects; at the write it holds 'receivables.mu' where the first holds 'payroll.mu', so both may write 'operating.balance' at the same time
  std::thread b(transfer, std::ref(receivables), std::ref(operating), 7);
  a.join();
  b.join();
}

struct Batch {
  Account *from;
  Account *to;
  std::vector<long> amounts;
  int rejected = 0;
};

void post(Account &from, Account &to, long cents) {
  std::lock_guard<std::mutex> guard(from.mu);
  from.balance -= cents;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'ledger->balance' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  to.balance += cents;
}

void run_batch(Batch &b) {
  for (long cents : b.amounts)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'post'
    post(*b.from, *b.to, cents);
}

void batches(Account *sales, Account *refunds, Account *ledger) {
  Batch in{sales, ledger, {120, 80}};
  Batch out{refunds, ledger, {30}};
  std::thread a(run_batch, std::ref(in));
  // EXPECT-NOTE@+1:15 the same worker is launched again here on other objects; at the write it holds 'refunds->mu' where the first holds 'sales->mu', so both may write 'ledger->balance' at the same time
  std::thread b(run_batch, std::ref(out));
  a.join();
  b.join();
}

// Near miss: the shared account's own lock is taken for its write.
void credit(Account &from, Account &to, long cents) {
  {
    std::lock_guard<std::mutex> guard(from.mu);
    from.balance -= cents;
  }
  std::lock_guard<std::mutex> guard(to.mu);
  to.balance += cents;
}

void credits() {
  Account payroll, operating, receivables;
  std::thread a(credit, std::ref(payroll), std::ref(operating), 5);
  std::thread b(credit, std::ref(receivables), std::ref(operating), 7);
  a.join();
  b.join();
}

// Near miss: both accounts locked together.
void move_funds(Account &from, Account &to, long cents) {
  std::scoped_lock both(from.mu, to.mu);
  from.balance -= cents;
  to.balance += cents;
}

void moves() {
  Account payroll, operating, receivables;
  std::thread a(move_funds, std::ref(payroll), std::ref(operating), 5);
  std::thread b(move_funds, std::ref(receivables), std::ref(operating), 7);
  a.join();
  b.join();
}

// Near miss: the same source in both launches, so the same lock.
void same_source() {
  Account payroll, operating, savings;
  std::thread a(transfer, std::ref(payroll), std::ref(operating), 5);
  std::thread b(transfer, std::ref(payroll), std::ref(savings), 7);
  a.join();
  b.join();
}

// Near miss: one lock for every account.
std::mutex books;
void book(Account &from, Account &to, long cents) {
  std::lock_guard<std::mutex> guard(books);
  from.balance -= cents;
  to.balance += cents;
}

void bookings() {
  Account payroll, operating, receivables;
  std::thread a(book, std::ref(payroll), std::ref(operating), 5);
  std::thread b(book, std::ref(receivables), std::ref(operating), 7);
  a.join();
  b.join();
}
