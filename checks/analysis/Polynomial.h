// Integer polynomials over opaque atoms (variables), for comparing index
// expressions symbolically: `1 + t * chunk + chunk` against the next
// launch's `1 + (t + 1) * chunk`. Only +, - and * are exact; anything that
// overflows or grows past a small degree is marked unusable.
#ifndef PARLINT_CHECKS_ANALYSIS_POLYNOMIAL_H
#define PARLINT_CHECKS_ANALYSIS_POLYNOMIAL_H

#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <map>
#include <optional>

namespace clang::tidy::parlint {

class Polynomial {
public:
  static Polynomial constant(int64_t Value);
  static Polynomial atom(const void *Atom);

  Polynomial operator+(const Polynomial &Other) const;
  Polynomial operator-(const Polynomial &Other) const;
  Polynomial operator*(const Polynomial &Other) const;
  /// Every occurrence of Atom replaced by By.
  Polynomial substitute(const void *Atom, const Polynomial &By) const;

  bool mentions(const void *Atom) const;
  /// The value when no atom is left, nullopt otherwise or after an overflow.
  std::optional<int64_t> constantValue() const;

private:
  /// A product of atoms, sorted; the empty one is the constant term.
  using Monomial = llvm::SmallVector<const void *, 2>;
  std::map<Monomial, int64_t> Terms; // no zero coefficients
  bool Unusable = false;

  void add(const Monomial &Term, int64_t Coefficient);
};

} // namespace clang::tidy::parlint

#endif
