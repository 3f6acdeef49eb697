#include "diagnostic.h"

#include <tuple>

namespace parlint::tool {

const char *levelName(Level level) {
  switch (level) {
  case Level::Remark:
    return "remark";
  case Level::Warning:
    return "warning";
  case Level::Error:
    return "error";
  }
  return "warning";
}

bool Replacement::operator<(const Replacement &o) const {
  return std::tie(file, offset, length, text) < std::tie(o.file, o.offset, o.length, o.text);
}

bool sameFinding(const Diagnostic &a, const Diagnostic &b) {
  return a.main.file == b.main.file && a.main.offset == b.main.offset && a.check == b.check &&
         a.main.text == b.main.text;
}

namespace {
auto messageKey(const Message &m) { return std::tie(m.file, m.offset, m.text); }
} // namespace

bool reportOrder(const Diagnostic &a, const Diagnostic &b) {
  if (messageKey(a.main) != messageKey(b.main))
    // Order by file and offset first; the message text breaks ties below.
    return std::tie(a.main.file, a.main.offset, a.check, a.main.text) <
           std::tie(b.main.file, b.main.offset, b.check, b.main.text);
  if (a.check != b.check)
    return a.check < b.check;
  if (a.level != b.level)
    return a.level < b.level;
  if (a.notes.size() != b.notes.size())
    return a.notes.size() < b.notes.size();
  for (size_t i = 0; i < a.notes.size(); ++i)
    if (messageKey(a.notes[i]) != messageKey(b.notes[i]))
      return messageKey(a.notes[i]) < messageKey(b.notes[i]);
  return a.main.fix < b.main.fix;
}

} // namespace parlint::tool
