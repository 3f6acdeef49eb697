#include "diagnostic_json.h"

#include "paths.h"

namespace parlint::tool {

namespace json = llvm::json;

namespace {

const char *const kRootMarker = "$SRCROOT/";

std::string storePath(const std::string &path, const std::string &root) {
  const std::string relative = relativeInside(root, path);
  return relative.empty() ? path : kRootMarker + relative;
}

std::string loadPath(const std::string &stored, const std::string &root) {
  const std::string marker = kRootMarker;
  if (stored.compare(0, marker.size(), marker) == 0)
    return root + "/" + stored.substr(marker.size());
  return stored;
}

json::Value messageToJson(const Message &m, const std::string &root) {
  json::Array fix;
  for (const auto &r : m.fix)
    fix.push_back(json::Array{storePath(r.file, root), r.offset, r.length, r.text});
  json::Object o{{"text", m.text}, {"file", storePath(m.file, root)}, {"offset", m.offset},
                 {"fix", std::move(fix)}};
  if (m.endOffset)
    o["end"] = *m.endOffset;
  return o;
}

bool messageFromJson(const json::Value &v, const std::string &root, Message &m) {
  const json::Object *o = v.getAsObject();
  if (!o)
    return false;
  auto text = o->getString("text");
  auto file = o->getString("file");
  auto offset = o->getInteger("offset");
  const json::Array *fix = o->getArray("fix");
  if (!text || !file || !offset || !fix)
    return false;
  m.text = text->str();
  m.file = file->empty() ? "" : loadPath(file->str(), root);
  m.offset = static_cast<unsigned>(*offset);
  if (auto end = o->getInteger("end"))
    m.endOffset = static_cast<unsigned>(*end);
  for (const auto &item : *fix) {
    const json::Array *r = item.getAsArray();
    if (!r || r->size() != 4)
      return false;
    auto rFile = (*r)[0].getAsString();
    auto rOffset = (*r)[1].getAsInteger();
    auto rLength = (*r)[2].getAsInteger();
    auto rText = (*r)[3].getAsString();
    if (!rFile || !rOffset || !rLength || !rText)
      return false;
    m.fix.push_back({loadPath(rFile->str(), root), static_cast<unsigned>(*rOffset),
                     static_cast<unsigned>(*rLength), rText->str()});
  }
  return true;
}

} // namespace

json::Value diagnosticsToJson(const std::vector<Diagnostic> &diagnostics, const std::string &root) {
  json::Array out;
  for (const auto &d : diagnostics) {
    json::Array notes;
    for (const auto &n : d.notes)
      notes.push_back(messageToJson(n, root));
    out.push_back(json::Object{{"check", d.check},
                               {"level", static_cast<int64_t>(d.level)},
                               {"main", messageToJson(d.main, root)},
                               {"notes", std::move(notes)}});
  }
  return out;
}

std::optional<std::vector<Diagnostic>> diagnosticsFromJson(const json::Value &value,
                                                           const std::string &root) {
  const json::Array *array = value.getAsArray();
  if (!array)
    return std::nullopt;
  std::vector<Diagnostic> out;
  for (const auto &item : *array) {
    const json::Object *o = item.getAsObject();
    if (!o)
      return std::nullopt;
    Diagnostic d;
    auto check = o->getString("check");
    auto level = o->getInteger("level");
    const json::Value *main = o->get("main");
    const json::Array *notes = o->getArray("notes");
    if (!check || !level || !main || !notes || *level < 0 || *level > 2 ||
        !messageFromJson(*main, root, d.main))
      return std::nullopt;
    d.check = check->str();
    d.level = static_cast<Level>(*level);
    for (const auto &n : *notes) {
      Message note;
      if (!messageFromJson(n, root, note))
        return std::nullopt;
      d.notes.push_back(std::move(note));
    }
    out.push_back(std::move(d));
  }
  return out;
}

} // namespace parlint::tool
