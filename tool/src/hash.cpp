#include "hash.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/SHA256.h>

namespace parlint::tool {

struct Hasher::Impl {
  llvm::SHA256 sha;
};

Hasher::Hasher() : impl_(std::make_unique<Impl>()) {}
Hasher::~Hasher() = default;

Hasher &Hasher::add(std::string_view part) {
  const std::string length = std::to_string(part.size()) + ":";
  impl_->sha.update(llvm::StringRef(length));
  impl_->sha.update(llvm::StringRef(part.data(), part.size()));
  return *this;
}

std::string Hasher::hex() {
  const auto digest = impl_->sha.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(digest.data(), digest.size()), /*LowerCase=*/true);
}

std::string sha256Hex(std::string_view text) { return Hasher().add(text).hex(); }

} // namespace parlint::tool
