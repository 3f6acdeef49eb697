#include "Polynomial.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>

namespace clang::tidy::parlint {

namespace {
/// Products of more atoms than this say nothing an index bound needs.
constexpr size_t MaxDegree = 4;
} // namespace

Polynomial Polynomial::constant(int64_t Value) {
  Polynomial P;
  P.add({}, Value);
  return P;
}

Polynomial Polynomial::atom(const void *Atom) {
  Polynomial P;
  P.add({Atom}, 1);
  return P;
}

void Polynomial::add(const Monomial &Term, int64_t Coefficient) {
  int64_t &Slot = Terms[Term];
  if (__builtin_add_overflow(Slot, Coefficient, &Slot))
    Unusable = true;
  if (Slot == 0)
    Terms.erase(Term);
}

Polynomial Polynomial::operator+(const Polynomial &Other) const {
  Polynomial Sum = *this;
  Sum.Unusable |= Other.Unusable;
  for (const auto &[Term, Coefficient] : Other.Terms)
    Sum.add(Term, Coefficient);
  return Sum;
}

Polynomial Polynomial::operator-(const Polynomial &Other) const {
  return *this + Other * constant(-1);
}

Polynomial Polynomial::operator*(const Polynomial &Other) const {
  Polynomial Product;
  Product.Unusable = Unusable || Other.Unusable;
  for (const auto &[Left, A] : Terms)
    for (const auto &[Right, B] : Other.Terms) {
      Monomial Term(Left);
      Term.append(Right.begin(), Right.end());
      std::sort(Term.begin(), Term.end());
      int64_t Coefficient;
      if (Term.size() > MaxDegree || __builtin_mul_overflow(A, B, &Coefficient)) {
        Product.Unusable = true;
        continue;
      }
      Product.add(Term, Coefficient);
    }
  return Product;
}

Polynomial Polynomial::substitute(const void *Atom, const Polynomial &By) const {
  Polynomial Result;
  Result.Unusable = Unusable;
  for (const auto &[Term, Coefficient] : Terms) {
    Polynomial Product = constant(Coefficient);
    for (const void *Factor : Term)
      Product = Product * (Factor == Atom ? By : atom(Factor));
    Result = Result + Product;
  }
  return Result;
}

bool Polynomial::mentions(const void *Atom) const {
  for (const auto &Entry : Terms)
    if (llvm::is_contained(Entry.first, Atom))
      return true;
  return false;
}

std::optional<int64_t> Polynomial::constantValue() const {
  if (Unusable || Terms.size() > 1)
    return std::nullopt;
  if (Terms.empty())
    return 0;
  if (!Terms.begin()->first.empty())
    return std::nullopt;
  return Terms.begin()->second;
}

} // namespace clang::tidy::parlint
