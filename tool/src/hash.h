// SHA-256 in hex, for cache keys and fingerprints.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace parlint::tool {

class Hasher {
public:
  Hasher();
  ~Hasher();
  Hasher(const Hasher &) = delete;
  Hasher &operator=(const Hasher &) = delete;
  // Each part is length-prefixed, so ("ab","c") and ("a","bc") differ.
  Hasher &add(std::string_view part);
  std::string hex(); // finishes; call once

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string sha256Hex(std::string_view text);

} // namespace parlint::tool
