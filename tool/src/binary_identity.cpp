#include "binary_identity.h"

#include "hash.h"
#include "paths.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Object/BuildID.h>
#include <llvm/Object/ObjectFile.h>

namespace parlint::tool {

std::string binaryIdentity(const std::string &path) {
  auto object = llvm::object::ObjectFile::createObjectFile(path);
  if (object) {
    const llvm::object::BuildIDRef id = llvm::object::getBuildID(object->getBinary());
    // The size too: a file changed after linking keeps its build ID.
    if (!id.empty())
      return "build-id " + llvm::toHex(id, /*LowerCase=*/true) + " size " +
             std::to_string(object->getBinary()->getData().size());
  } else {
    llvm::consumeError(object.takeError());
  }
  return "sha256 " + sha256Hex(readWholeFile(path));
}

} // namespace parlint::tool
