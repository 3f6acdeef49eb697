// Each report format, SARIF validated by Microsoft's SARIF Multitool, and
// fingerprints that survive unrelated edits.
#include "tool_test_support.h"

#include "process.h"

#include <llvm/Support/JSON.h>

#include <gtest/gtest.h>

#include <filesystem>

using namespace parlint::tool::testing;
namespace json = llvm::json;

namespace {

const std::vector<std::string> kRun = {"--no-cache", "--no-progress", "-j2"};

std::vector<std::string> with(std::initializer_list<std::string> extra) {
  std::vector<std::string> all = kRun;
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

json::Value parseJson(const std::string &text) {
  auto parsed = json::parse(text);
  if (!parsed) {
    ADD_FAILURE() << llvm::toString(parsed.takeError()) << "\n" << text;
    return nullptr;
  }
  return std::move(*parsed);
}

TEST(Format, TextIsClangLikeSortedWithSummary) {
  Project project;
  project.writeDatabase();
  const ToolRun run = project.parlint(with({}));
  const std::string expectedStart =
      "include/pipeline.h:13:31: warning: 'rows' (std::vector<int>) is copied into the new thread; "
      "move it or pass a reference that outlives the thread [parlint-large-copy-to-worker]\n"
      "   13 |   std::thread worker(consume, rows);\n"
      "      |                               ^\n"
      "\n"
      "src/report.cpp:7:15: warning:";
  EXPECT_EQ(run.out.substr(0, expectedStart.size()), expectedStart) << run.out;
  const std::string summary = "\n3 warnings:\n"
                              "     1  parlint-large-copy-to-worker\n"
                              "     1  parlint-unbounded-spawn\n"
                              "     1  parlint-unjoined-thread\n";
  ASSERT_GE(run.out.size(), summary.size());
  EXPECT_EQ(run.out.substr(run.out.size() - summary.size()), summary) << run.out;
  EXPECT_LT(run.out.find("src/report.cpp"), run.out.find("src/spawn.cpp"));
  // Not a terminal: no colour, no progress line.
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(run.err.find('\r'), std::string::npos);
}

TEST(Format, JsonHasOneObjectPerDiagnostic) {
  Project project;
  project.writeDatabase();
  const ToolRun run = project.parlint(with({"--format", "json"}));
  const json::Value value = parseJson(run.out);
  const json::Array *items = value.getAsArray();
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 3u);
  const json::Object &first = *(*items)[0].getAsObject();
  EXPECT_EQ(first.getString("file").value_or(""), "include/pipeline.h");
  EXPECT_EQ(first.getInteger("line").value_or(0), 13);
  EXPECT_EQ(first.getInteger("column").value_or(0), 31);
  EXPECT_EQ(first.getString("check").value_or(""), "parlint-large-copy-to-worker");
  EXPECT_EQ(first.getString("level").value_or(""), "warning");
  EXPECT_EQ(first.getString("fingerprint").value_or("").size(), 32u);
  const json::Array *fixes = first.getArray("fixes");
  ASSERT_TRUE(fixes && !fixes->empty());
  EXPECT_EQ(countOccurrences(run.out, "\n{"), 3) << "one object per line:\n" << run.out;
}

TEST(Format, GithubAnnotations) {
  Project project;
  project.writeDatabase();
  const ToolRun run = project.parlint(with({"--format", "github"}));
  EXPECT_NE(run.out.find("::warning file=src/spawn.cpp,line=11,col=5,title=parlint-unbounded-spawn::"
                         "starting a std::thread"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(countOccurrences(run.out, "::warning "), 3);
  // Notes ride along in the message, newlines escaped.
  EXPECT_NE(run.out.find("%0Anote: src/spawn.cpp:10:3: the loop iterates"), std::string::npos);
}

TEST(Format, SarifCarriesRulesRegionsNotesFixesFingerprints) {
  Project project;
  project.writeDatabase();
  const ToolRun run = project.parlint(with({"--format", "sarif"}));
  const json::Value log = parseJson(run.out);
  const json::Object &root = *log.getAsObject();
  EXPECT_EQ(root.getString("version").value_or(""), "2.1.0");
  const json::Object &sarifRun = *(*root.getArray("runs"))[0].getAsObject();
  const json::Object &driver = *sarifRun.getObject("tool")->getObject("driver");
  EXPECT_TRUE(driver.getString("semanticVersion"));
  const json::Array &rules = *driver.getArray("rules");
  // One rule per enabled check (every parlint check here), each documented.
  ASSERT_GE(rules.size(), 4u);
  for (const auto &rule : rules) {
    const json::Object &r = *rule.getAsObject();
    EXPECT_TRUE(r.getObject("shortDescription")->getString("text"));
    EXPECT_TRUE(r.getObject("fullDescription")->getString("text"));
    const std::string help = r.getString("helpUri").value_or("").str();
    EXPECT_NE(help.find("docs/checks/" + r.getString("id")->str() + ".md"), std::string::npos);
  }
  EXPECT_EQ(sarifRun.getObject("originalUriBaseIds")->getObject("%SRCROOT%")->getString("uri").value_or(""),
            "file://" + project.root() + "/");
  const json::Array &results = *sarifRun.getArray("results");
  ASSERT_EQ(results.size(), 3u);
  const json::Object &copy = *results[0].getAsObject(); // include/pipeline.h sorts first
  const json::Object &location =
      *(*copy.getArray("locations"))[0].getAsObject()->getObject("physicalLocation");
  EXPECT_EQ(location.getObject("artifactLocation")->getString("uri").value_or(""), "include/pipeline.h");
  EXPECT_EQ(location.getObject("artifactLocation")->getString("uriBaseId").value_or(""), "%SRCROOT%");
  EXPECT_EQ(location.getObject("region")->getInteger("startLine").value_or(0), 13);
  EXPECT_EQ(location.getObject("region")->getInteger("startColumn").value_or(0), 31);
  const json::Array &fixes = *copy.getArray("fixes");
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_NE(run.out.find("\"text\": \"std::move(\""), std::string::npos);
  EXPECT_TRUE(copy.getObject("partialFingerprints")->getString("parlint/v1"));
  const json::Object &spawn = *results[2].getAsObject();
  EXPECT_EQ(spawn.getString("ruleId").value_or(""), "parlint-unbounded-spawn");
  ASSERT_TRUE(spawn.getArray("relatedLocations"));
  // The loop's note and the note with the loop on a pool.
  EXPECT_EQ(spawn.getArray("relatedLocations")->size(), 2u);
}

// The validator: the multitool that bootstrap installs into build/npm (its
// npx wrapper runs through a shell, which would split "Sarif;Gh").
std::string multitool() {
  const std::string binary =
      std::string(PARLINT_NPM_PREFIX) + "/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";
  return std::filesystem::exists(binary) ? binary : "";
}

TEST(Format, SarifValidatesWithMultitool) {
  const std::string tool = multitool();
  if (tool.empty())
    GTEST_SKIP() << "SARIF Multitool not installed (scripts/bootstrap installs it into build/npm)";
  Project project;
  project.write("src/broken.cpp", "void f() { undeclared(); }\n");
  project.writeDatabase();
  const ToolRun run = project.parlint(with({"--format", "sarif", "-o", "out.sarif"}));
  ASSERT_EQ(run.exitCode, 2) << run.err; // results and a failure notification
  parlint::tool::ProcessRequest validate;
  // Invariant globalization: the .NET program then needs no libicu.
  validate.argv = {"env", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", tool, "validate", project.path("out.sarif"), "--rule-kind", "Sarif;Gh",
                   "-o", project.path("report.sarif"), "--log", "ForceOverwrite"};
  validate.timeoutSeconds = 120;
  const parlint::tool::ProcessResult result = parlint::tool::runProcess(validate);
  ASSERT_TRUE(result.succeeded()) << result.output;
  const json::Value report = parseJson(project.read("report.sarif"));
  const json::Array *results = (*report.getAsObject()->getArray("runs"))[0].getAsObject()->getArray("results");
  int errors = 0;
  for (const auto &r : results ? *results : json::Array{})
    errors += r.getAsObject()->getString("level").value_or("warning") == "error";
  EXPECT_EQ(errors, 0) << result.output;
  EXPECT_EQ(result.output.find(": error "), std::string::npos) << result.output;
}

TEST(Format, FingerprintsSurviveLinesInsertedAbove) {
  Project project;
  project.writeDatabase();
  const ToolRun before = project.parlint(with({"--format", "json"}));
  project.write("src/spawn.cpp", "// a new comment\n// and another\n\n" + project.read("src/spawn.cpp"));
  const ToolRun after = project.parlint(with({"--format", "json"}));
  auto fingerprints = [](const std::string &text) {
    std::vector<std::string> out;
    const json::Value v = parseJson(text);
    for (const auto &item : *v.getAsArray())
      out.push_back(item.getAsObject()->getString("fingerprint")->str());
    return out;
  };
  EXPECT_EQ(fingerprints(before.out), fingerprints(after.out));
  EXPECT_NE(after.out.find("\"line\":14"), std::string::npos) << "the finding did move";
}

} // namespace
