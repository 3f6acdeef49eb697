#include "source_files.h"

#include "paths.h"

#include <algorithm>

namespace parlint::tool {

const SourceFiles::File &SourceFiles::load(const std::string &file) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto &slot = files_[file];
  if (!slot) {
    slot = std::make_unique<File>();
    slot->text = readWholeFile(file, &slot->exists);
    slot->lineStarts.push_back(0);
    for (unsigned i = 0; i < slot->text.size(); ++i)
      if (slot->text[i] == '\n')
        slot->lineStarts.push_back(i + 1);
  }
  return *slot;
}

Position SourceFiles::position(const std::string &file, unsigned offset) {
  const File &f = load(file);
  if (!f.exists || offset > f.text.size())
    return {};
  const auto next = std::upper_bound(f.lineStarts.begin(), f.lineStarts.end(), offset);
  const unsigned lineIndex = static_cast<unsigned>(next - f.lineStarts.begin()) - 1;
  const unsigned lineStart = f.lineStarts[lineIndex];
  Position p;
  p.line = lineIndex + 1;
  p.column = offset - lineStart + 1;
  p.codePointColumn = 1;
  for (unsigned i = lineStart; i < offset; ++i)
    if ((static_cast<unsigned char>(f.text[i]) & 0xC0) != 0x80) // not a UTF-8 continuation byte
      ++p.codePointColumn;
  return p;
}

std::string SourceFiles::lineText(const std::string &file, unsigned line) {
  const File &f = load(file);
  if (line == 0 || line > f.lineStarts.size())
    return "";
  const unsigned start = f.lineStarts[line - 1];
  unsigned end = line < f.lineStarts.size() ? f.lineStarts[line] - 1 : f.text.size();
  if (end > start && f.text[end - 1] == '\r')
    --end;
  return f.text.substr(start, end - start);
}

const std::string &SourceFiles::content(const std::string &file) { return load(file).text; }

bool SourceFiles::exists(const std::string &file) { return load(file).exists; }

} // namespace parlint::tool
