#include "Measurement.h"
#include "../common/AstHelpers.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::parlint {

bool isMeasurementRange(QualType RangeType) {
  if (RangeType.isNull())
    return false;
  return isNamed(RangeType.getNonReferenceType()->getAsCXXRecordDecl(),
                 {"::benchmark::State"});
}

} // namespace clang::tidy::parlint
