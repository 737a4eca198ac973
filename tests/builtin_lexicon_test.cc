// The default topic lexicon travels inside the binary: no path of the build machine is read.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "tracker/config/default_topics.h"
#include "tracker/config/topics_file.h"

using tracker::test::read_file;
using tracker::test::run_process;
using tracker::test::source_dir;
using tracker::test::write_file;

namespace {

constexpr const char* k_old_version =
    "Pyongyang has deployed more than 10,000 troops to Russia, the agency said.\n";
constexpr const char* k_new_version =
    "Pyongyang has deployed some 12,000 troops to Russia, the agency said.\n\n"
    "Around 300 North Korean soldiers have been killed.\n";

// Runs `arguments` with a copy of the tracker binary in `dir` as the working folder, without
// TRACKER_TOPICS and, where user namespaces allow (unshare), with an empty tmpfs over the
// source tree, so that a path to it compiled into the binary would find nothing.
tracker::test::ProcessResult run_copy_without_source(const std::filesystem::path& dir,
                                                     const std::vector<std::string>& arguments) {
  const std::filesystem::path binary = dir / "tracker";
  std::filesystem::copy_file(tracker::test::tracker_binary(), binary,
                             std::filesystem::copy_options::overwrite_existing);
  std::string command = "cd \"$1\" && shift && exec env -u TRACKER_TOPICS \"$@\"";
  const bool can_hide = run_process({"/usr/bin/unshare", "-r", "-m", "/bin/true"}).exit_code == 0;
  std::vector<std::string> argv;
  if (can_hide) {
    command = "mount -t tmpfs none \"$0\" && " + command;
    argv = {"/usr/bin/unshare", "-r", "-m", "/bin/sh", "-c", command, source_dir().string()};
  } else {
    MESSAGE("unshare is not allowed here: the source tree stays reachable");
    argv = {"/bin/sh", "-c", command, "sh"};
  }
  argv.push_back(dir.string());
  argv.push_back(binary.string());
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return run_process(argv);
}

}  // namespace

TEST_CASE("the built-in lexicon is feeds/topics.toml as it was at build time") {
  CHECK(tracker::config::default_topics_toml() == read_file(tracker::test::shipped_topics()));
  auto built_in = tracker::config::default_topics();
  REQUIRE_MESSAGE(built_in, built_in.error());
  CHECK(built_in->topics.size() == 9);
}

TEST_CASE(
    "claims and diff find the topics with the source tree out of reach and no feeds/ folder") {
  tracker::test::TempDir dir;
  write_file(dir / "old.txt", k_old_version);
  write_file(dir / "new.txt", k_new_version);
  REQUIRE_FALSE(std::filesystem::exists(dir / "feeds"));

  auto claims = run_copy_without_source(dir.path(), {"claims", "old.txt", "--format", "json"});
  REQUIRE_MESSAGE(claims.exit_code == 0, claims.err);
  const auto parsed = nlohmann::json::parse(claims.out)["claims"];
  REQUIRE(parsed.size() == 1);
  CHECK(parsed[0]["topics"] == nlohmann::json::array({"deployment"}));

  auto diff =
      run_copy_without_source(dir.path(), {"diff", "old.txt", "new.txt", "--format", "json"});
  REQUIRE_MESSAGE(diff.exit_code == 1, diff.err);
  bool casualties = false;
  const nlohmann::json changes = nlohmann::json::parse(diff.out)["changes"];
  for (const auto& change : changes) {
    for (const auto& topic : change["topics"]) {
      casualties = casualties || topic == "casualties";
    }
  }
  CHECK_MESSAGE(casualties, diff.out);
}

TEST_CASE("a lexicon the user names still wins over the built-in one") {
  tracker::test::TempDir dir;
  write_file(dir / "old.txt", k_old_version);
  write_file(dir / "mine.toml", "version = 1\n[topics.agencies]\nterms = [\"agency\"]\n");
  auto claims = run_copy_without_source(
      dir.path(), {"claims", "old.txt", "--format", "json", "--topics", "mine.toml"});
  REQUIRE_MESSAGE(claims.exit_code == 0, claims.err);
  CHECK(nlohmann::json::parse(claims.out)["claims"][0]["topics"] ==
        nlohmann::json::array({"agencies"}));
}
