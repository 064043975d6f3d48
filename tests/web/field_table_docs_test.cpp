// The field table is the source: the README's link-key table and the JS API's typings name every field, and
// nothing the table lacks.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

#include "vramfit/scenario.h"

namespace vramfit {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(FieldTable, TypingsNameEveryFieldAndNoOther) {
  const std::string dts = read(std::string(VRAMFIT_SOURCE_DIR) + "/web/api/vramfit.d.ts");
  const auto start = dts.find("export interface PageConfig {");
  ASSERT_NE(start, std::string::npos);
  const std::string body = dts.substr(start, dts.find("\n}", start) - start);
  std::set<std::string> typed;
  static const std::regex kMember(R"(\n\s+([a-z_0-9]+): )");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), kMember); it != std::sregex_iterator(); ++it)
    typed.insert((*it)[1].str());
  std::set<std::string> table;
  for (const FieldSpec& f : scenario_fields()) table.insert(std::string(f.json));
  EXPECT_EQ(typed, table);
}

TEST(FieldTable, ReadmeListsEveryLinkKey) {
  const std::string readme = read(std::string(VRAMFIT_SOURCE_DIR) + "/README.md");
  ASSERT_FALSE(readme.empty());
  for (const FieldSpec& f : scenario_fields())
    EXPECT_NE(readme.find("`" + std::string(f.key) + "`"), std::string::npos) << f.key;
}

TEST(FieldTable, KeysNamesAndFlagsAreUnique) {
  std::set<std::string_view> keys, names, flags;
  for (const FieldSpec& f : scenario_fields()) {
    EXPECT_TRUE(keys.insert(f.key).second) << f.key;
    EXPECT_TRUE(names.insert(f.json).second) << f.json;
    if (!f.flag.empty()) EXPECT_TRUE(flags.insert(f.flag).second) << f.flag;
    const bool located = f.kind == FieldKind::kInt ? f.int_member != nullptr
                         : f.kind == FieldKind::kNumber ? f.number_member != nullptr
                         : f.kind == FieldKind::kBool ? f.bool_member != nullptr
                         : f.kind == FieldKind::kChoice ? f.choice_get != nullptr && f.choice_put != nullptr && !f.choices.empty()
                                                        : f.text_member != nullptr && f.rule != nullptr;
    EXPECT_TRUE(located) << f.key;
  }
}

// Every field's default reads back through its own setter, and its limits hold it (the defaults are valid).
TEST(FieldTable, DefaultsAreWithinTheirOwnLimits) {
  const Scenario defaults;
  for (const FieldSpec& f : scenario_fields()) {
    Scenario s;
    EXPECT_EQ(set_field(s, f, field_text(f, defaults)), "") << f.key;
    EXPECT_TRUE(field_at_default(f, s)) << f.key;
  }
}

}  // namespace
}  // namespace vramfit
