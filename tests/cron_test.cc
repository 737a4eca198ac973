// Unattended operation: the cron wrapper, the systemd units, logging options, quiet stdout
// and the progress bar of `tracker run`.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/demo_site.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"

using tracker::test::DemoSite;
using tracker::test::ProcessResult;
using tracker::test::read_file;
using tracker::test::run_process;
using tracker::test::run_tracker;
using tracker::test::source_dir;
using tracker::test::TempDir;
using tracker::test::tracker_binary;
using tracker::test::write_file;

namespace {

const std::filesystem::path k_wrapper = source_dir() / "cron/tracker-cron.sh";

// Runs the wrapper as cron would, with `environment` ("NAME=value") and `arguments`.
ProcessResult run_wrapper(const std::vector<std::string>& environment,
                          const std::vector<std::string>& arguments = {}) {
  std::vector<std::string> argv = {"/usr/bin/env"};
  argv.insert(argv.end(), environment.begin(), environment.end());
  argv.push_back(k_wrapper.string());
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return run_process(argv);
}

// A stand-in for tracker: records how it was called, then exits with $STUB_STATUS. With
// $STUB_HOLD it marks that it has started and waits for the test to let it go. Asked
// `status --print-store`, it prints $STUB_STORE (nothing when unset) and records nothing.
std::filesystem::path write_stub(const TempDir& dir) {
  const auto stub = dir / "fake-tracker";
  write_file(
      stub,
      "#!/bin/sh\n"
      "if [ \"$1 $2\" = 'status --print-store' ]; then\n"  // the wrapper asking where the store is
      "  [ -z \"${STUB_STORE:-}\" ] || printf '%s\\n' \"$STUB_STORE\"\n"
      "  exit 0\n"
      "fi\n"
      "printf '%s|%s|%s|%s\\n' \"$(pwd)\" \"$(umask)\" \"$LC_ALL\" \"$*\" >> \"$STUB_RECORD\"\n"
      "if [ -n \"${STUB_HOLD:-}\" ]; then\n"
      "  : > \"$STUB_HOLD.started\"\n"
      "  i=0\n"
      "  while [ ! -e \"$STUB_HOLD.release\" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); "
      "done\n"
      "fi\n"
      "exit \"${STUB_STATUS:-0}\"\n");
  std::filesystem::permissions(stub, std::filesystem::perms::owner_all);
  return stub;
}

void wait_for(const std::filesystem::path& file) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!std::filesystem::exists(file)) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

// A systemd unit file as section -> key -> values (a key may repeat).
using Unit = std::map<std::string, std::map<std::string, std::vector<std::string>>>;

Unit parse_unit(const std::string& text) {
  Unit unit;
  std::string section;
  for (const std::string& line : lines(text)) {
    if (line.empty() || line[0] == '#' || line[0] == ';') {
      continue;
    }
    if (line.front() == '[' && line.back() == ']') {
      section = line.substr(1, line.size() - 2);
      continue;
    }
    const auto equals = line.find('=');
    REQUIRE_MESSAGE(equals != std::string::npos, "not a key=value line: " << line);
    unit[section][line.substr(0, equals)].push_back(line.substr(equals + 1));
  }
  return unit;
}

std::string the(const Unit& unit, const std::string& section, const std::string& key) {
  const auto found = unit.find(section);
  REQUIRE_MESSAGE(found != unit.end(), "no [" << section << "] section");
  const auto value = found->second.find(key);
  REQUIRE_MESSAGE(value != found->second.end(), "no " << key << "= in [" << section << "]");
  REQUIRE(value->second.size() == 1);
  return value->second.front();
}

bool has_line(const std::string& text, const std::regex& pattern) {
  for (const std::string& line : lines(text)) {
    if (std::regex_match(line, pattern)) {
      return true;
    }
  }
  return false;
}

// Runs `argv` with stderr on a pseudo-terminal (stdout on a pipe); out is what stdout got, err
// what the terminal showed.
ProcessResult run_on_terminal(const std::vector<std::string>& argv, const TempDir& dir) {
  write_file(dir / "on_terminal.py",
             "import os, pty, subprocess, sys\n"
             "master, slave = pty.openpty()\n"
             "with open(sys.argv[1], 'wb') as out:\n"
             "    child = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=out, "
             "stderr=slave)\n"
             "    os.close(slave)\n"
             "    shown = b''\n"
             "    while True:\n"
             "        try:\n"
             "            chunk = os.read(master, 65536)\n"
             "        except OSError:\n"
             "            break\n"
             "        if not chunk:\n"
             "            break\n"
             "        shown += chunk\n"
             "    status = child.wait()\n"
             "sys.stderr.buffer.write(shown)\n"
             "sys.exit(status)\n");
  std::vector<std::string> command = {"/usr/bin/python3", (dir / "on_terminal.py").string(),
                                      (dir / "stdout").string()};
  command.insert(command.end(), argv.begin(), argv.end());
  ProcessResult result = run_process(command);
  result.out = read_file(dir / "stdout");
  return result;
}

}  // namespace

TEST_CASE(
    "the cron wrapper sets up the environment, logs the run and passes tracker's exit status on") {
  const auto mode = std::filesystem::status(k_wrapper).permissions();
  REQUIRE((mode & std::filesystem::perms::owner_exec) != std::filesystem::perms::none);
  TempDir dir;
  const auto stub = write_stub(dir);
  const std::vector<std::string> environment = {
      "TRACKER_DIR=" + dir.path().string(), "TRACKER=" + stub.string(),
      "STUB_RECORD=" + (dir / "record").string(), "LC_ALL=POSIX", "PATH=/nonexistent"};
  for (const int status : {0, 2, 6, 7}) {
    CAPTURE(status);
    auto environment_with_status = environment;
    environment_with_status.push_back("STUB_STATUS=" + std::to_string(status));
    auto run = run_wrapper(environment_with_status, {"--all"});
    CHECK(run.exit_code == status);
    CHECK(run.out.empty());  // cron mails any output: the wrapper adds none
    CHECK(run.err.empty());
  }
  const auto calls = lines(read_file(dir / "record"));
  REQUIRE(calls.size() == 4);
  const auto fields = [&] {
    std::vector<std::string> parts;
    std::istringstream in(calls[0]);
    for (std::string part; std::getline(in, part, '|');) {
      parts.push_back(part);
    }
    return parts;
  }();
  REQUIRE(fields.size() == 4);
  CHECK(std::filesystem::equivalent(fields[0], dir.path()));  // cd to TRACKER_DIR
  CHECK(fields[1] == "0027");
  CHECK(fields[2] == "C.UTF-8");
  CHECK(fields[3] == "--log-file log/tracker.log run --all");

  const std::string log = read_file(dir / "log/tracker.log");
  const std::regex line(
      R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[\d+\] (info|warning): tracker-cron: .*)");
  for (const std::string& entry : lines(log)) {
    CHECK_MESSAGE(std::regex_match(entry, line), entry);
  }
  CHECK(log.find("info: tracker-cron: start: " + stub.string() + " run --all\n") !=
        std::string::npos);
  CHECK(log.find("info: tracker-cron: done: exit status 0\n") != std::string::npos);
  CHECK(log.find("warning: tracker-cron: done: exit status 6\n") != std::string::npos);
  CHECK(std::filesystem::exists(dir / "snapshots/tracker.db.cron-lock"));

  // Where tracker says the configuration's store is, the lock goes beside it.
  auto elsewhere = environment;
  elsewhere.push_back("STUB_STORE=" + (dir / "data/news.db").string());
  CHECK(run_wrapper(elsewhere).exit_code == 0);
  CHECK(std::filesystem::exists(dir / "data/news.db.cron-lock"));
}

TEST_CASE("a second cron run exits 75 quietly while the first still holds the lock") {
  TempDir dir;
  const auto stub = write_stub(dir);
  const std::vector<std::string> environment = {
      "TRACKER_DIR=" + dir.path().string(), "TRACKER=" + stub.string(),
      "STUB_RECORD=" + (dir / "record").string(), "STUB_HOLD=" + (dir / "hold").string()};
  ProcessResult first;
  std::thread first_run([&] { first = run_wrapper(environment); });
  // Lets the first run finish however this test ends, so the thread is never left running.
  struct Release {
    const TempDir& dir;
    std::thread& run;
    ~Release() {
      if (run.joinable()) {
        std::ofstream(dir / "hold.release").put('\n');
        run.join();
      }
    }
  } release{dir, first_run};
  wait_for(dir / "hold.started");

  auto second = run_wrapper(environment);
  CHECK(second.exit_code == 75);
  CHECK(second.out.empty());
  CHECK(second.err.empty());

  write_file(dir / "hold.release", "");
  first_run.join();
  CHECK(first.exit_code == 0);
  CHECK(lines(read_file(dir / "record")).size() == 1);  // the second never started tracker
  CHECK(read_file(dir / "log/tracker.log").find("a run is already in progress") !=
        std::string::npos);

  // The lock goes with the first run: the next one runs.
  std::filesystem::remove(dir / "hold.started");
  auto third = run_wrapper({"TRACKER_DIR=" + dir.path().string(), "TRACKER=" + stub.string(),
                            "STUB_RECORD=" + (dir / "record").string()});
  CHECK(third.exit_code == 0);
  CHECK(lines(read_file(dir / "record")).size() == 2);
}

TEST_CASE("the cron wrapper exits 78 with a message when it cannot start") {
  TempDir dir;
  auto no_dir = run_wrapper({"TRACKER_DIR="});
  CHECK(no_dir.exit_code == 78);
  CHECK(no_dir.err.find("set TRACKER_DIR") != std::string::npos);
  auto missing_dir = run_wrapper({"TRACKER_DIR=" + (dir / "nowhere").string()});
  CHECK(missing_dir.exit_code == 78);
  CHECK(missing_dir.err.find("cannot enter the working folder") != std::string::npos);
  auto no_tracker = run_wrapper({"TRACKER_DIR=" + dir.path().string(), "TRACKER=no-such-tracker"});
  CHECK(no_tracker.exit_code == 78);
  CHECK(no_tracker.err.find("no-such-tracker: no such program") != std::string::npos);
}

TEST_CASE("the cron wrapper runs the real tracker: changes on stdout only, log lines with times") {
  DemoSite site;
  site.publish("v3-full.txt");
  // No TRACKER_STORE: the lock follows the store that tracker.toml names (store/tracker.db).
  const std::vector<std::string> environment = {
      "TRACKER_DIR=" + site.config().parent_path().string(), "TRACKER=" + tracker_binary().string()};
  auto first = run_wrapper(environment, {"--all"});
  CHECK(std::filesystem::exists(site.config().parent_path() / "store/tracker.db.cron-lock"));
  CHECK_FALSE(std::filesystem::exists(site.config().parent_path() / "snapshots"));
  CHECK(first.exit_code == 6);  // the demo's "broken" source, passed on
  CHECK(first.out.empty());     // a first version is stored silently
  CHECK(first.err.find("tracker: warning: source 'broken': ") != std::string::npos);
  const std::string log = read_file(site.config().parent_path() / "log/tracker.log");
  const std::string stamp = R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[\d+\] )";
  CHECK(has_line(log, std::regex(stamp + "info: 2 sources, 1 pages fetched, .*")));
  CHECK(has_line(log, std::regex(stamp + "warning: source 'broken': .*")));
  CHECK(has_line(log, std::regex(stamp + "warning: tracker-cron: done: exit status 6")));

  auto unchanged = run_wrapper(environment, {"--all"});
  CHECK(unchanged.exit_code == 6);
  CHECK(unchanged.out.empty());  // nothing changed: nothing for cron to mail on stdout

  site.publish("v4-rotation.txt");
  auto changed = run_wrapper(environment, {"--all"});
  CHECK(changed.exit_code == 6);
  CHECK(changed.out.find("some 12,000") != std::string::npos);
}

TEST_CASE("the systemd units and the crontab line have what cron/README.md promises") {
  TempDir dir;
  const std::string service_text = read_file(source_dir() / "cron/tracker.service");
  const Unit service = parse_unit(service_text);
  CHECK(the(service, "Service", "Type") == "oneshot");
  CHECK(the(service, "Service", "ExecStart").ends_with("/tracker-cron.sh"));
  CHECK(the(service, "Service", "SuccessExitStatus") == "75");  // "already running" is no failure
  CHECK(the(service, "Service", "NoNewPrivileges") == "yes");
  CHECK(the(service, "Service", "ProtectSystem") == "strict");
  CHECK(the(service, "Service", "PrivateTmp") == "yes");
  const std::string writable = the(service, "Service", "ReadWritePaths");
  const std::string working_folder = the(service, "Service", "WorkingDirectory");
  CHECK(writable.find(working_folder) != std::string::npos);  // the store lives there
  const auto log_setting = std::string("TRACKER_LOG=");
  bool log_is_writable = false;
  for (const std::string& value : service.at("Service").at("Environment")) {
    if (value.starts_with(log_setting)) {
      const auto log_folder = std::filesystem::path(value.substr(log_setting.size())).parent_path();
      log_is_writable = writable.find(log_folder.string()) != std::string::npos;
    }
  }
  CHECK(log_is_writable);

  const std::string timer_text = read_file(source_dir() / "cron/tracker.timer");
  const Unit timer = parse_unit(timer_text);
  CHECK(the(timer, "Timer", "OnCalendar") == "*:0/5");
  CHECK(the(timer, "Timer", "Persistent") == "true");
  CHECK(the(timer, "Timer", "Unit") == "tracker.service");
  CHECK(the(timer, "Install", "WantedBy") == "timers.target");

  if (std::filesystem::exists("/usr/bin/systemd-analyze")) {
    // verify wants ExecStart's program to exist: point it at the wrapper in this tree.
    std::string local_service = service_text;
    const std::string installed = the(service, "Service", "ExecStart");
    local_service.replace(local_service.find(installed), installed.size(), k_wrapper.string());
    write_file(dir / "tracker.service", local_service);
    write_file(dir / "tracker.timer", timer_text);
    auto verified =
        run_process({"/usr/bin/systemd-analyze", "verify", (dir / "tracker.service").string(),
                     (dir / "tracker.timer").string()});
    CHECK_MESSAGE(verified.exit_code == 0, verified.err);
    CHECK_MESSAGE(verified.err.find("tracker.") == std::string::npos, verified.err);  // no warnings
  } else {
    MESSAGE("systemd-analyze is not installed: the unit files were checked by parsing only");
  }

  std::vector<std::string> schedule;
  bool sets_working_folder = false;
  for (const std::string& line : lines(read_file(source_dir() / "cron/crontab"))) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    sets_working_folder = sets_working_folder || line.starts_with("TRACKER_DIR=/");
    if (line.find('=') == std::string::npos || line.find("tracker-cron.sh") != std::string::npos) {
      schedule.push_back(line);
    }
  }
  CHECK(sets_working_folder);
  REQUIRE(schedule.size() == 1);
  CHECK(schedule[0].starts_with("*/5 * * * * /"));
  CHECK(schedule[0].ends_with("/tracker-cron.sh"));
}

TEST_CASE("--log-file logs with times and levels while stderr keeps its format") {
  DemoSite site;
  site.publish("v3-full.txt");
  TempDir dir;
  const auto log_file = dir / "logs/tracker.log";
  auto run = run_tracker(
      {"--log-file", log_file.string(), "run", "--config", site.config().string(), "--all"});
  CHECK(run.exit_code == 6);
  const std::string stamp = R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[\d+\] )";
  const std::string log = read_file(log_file);
  CHECK(has_line(log,
                 std::regex(stamp + "info: 2 sources, 1 pages fetched, .*")));  // info by default
  CHECK(has_line(log, std::regex(stamp + "warning: source 'broken': .*")));
  CHECK(run.err.find("tracker: warning: source 'broken': ") != std::string::npos);
  CHECK(run.err.find("info:") == std::string::npos);  // stderr stays at warn without -v

  SUBCASE("--log-level chooses what the file gets; with no file, what stderr gets") {
    const auto errors_only = dir / "errors.log";
    CHECK(run_tracker({"run", "--config", site.config().string(), "--all", "--log-level", "error",
                       "--log-file", errors_only.string()})
              .exit_code == 6);
    CHECK(read_file(errors_only).find("warning:") == std::string::npos);
    auto to_stderr =
        run_tracker({"--log-level=info", "run", "--config", site.config().string(), "--all"});
    CHECK(to_stderr.err.find("tracker: info: 2 sources, ") != std::string::npos);
  }

  SUBCASE("an unknown level is a usage error; an unwritable file an error naming it") {
    auto bad_level =
        run_tracker({"--log-level", "loud", "run", "--config", site.config().string()});
    CHECK(bad_level.exit_code == 64);
    CHECK(bad_level.err.find(
              "--log-level: 'loud' is not one of trace, debug, info, warn, error, off") !=
          std::string::npos);
    write_file(dir / "a-file", "");
    auto bad_file = run_tracker({"--log-file", (dir / "a-file/x.log").string(), "status"});
    CHECK(bad_file.exit_code == 2);
    CHECK(bad_file.err.find("a-file/x.log: cannot open the log file") != std::string::npos);
  }
}

TEST_CASE("tracker.toml's [log] table gives tracker run a log file unless --log-file does") {
  DemoSite site;
  site.publish("v3-full.txt");
  const std::string base_config = read_file(site.config());
  write_file(site.config(), base_config + "[log]\nfile = \"logs/run.log\"\nlevel = \"warn\"\n");
  CHECK(site.run().exit_code == 6);
  const auto log_file = site.config().parent_path() / "logs/run.log";  // relative to tracker.toml
  const std::string log = read_file(log_file);
  CHECK(log.find("warning: source 'broken': ") != std::string::npos);
  CHECK(log.find("info:") == std::string::npos);  // level = "warn"

  TempDir dir;
  std::filesystem::remove(log_file);
  CHECK(site.run({"--log-file", (dir / "given.log").string()}).exit_code == 6);
  CHECK(std::filesystem::exists(dir / "given.log"));
  CHECK_FALSE(std::filesystem::exists(log_file));

  write_file(site.config(), base_config + "[log]\nfiles = \"x.log\"\n");
  auto typo = site.run();
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("tracker.toml:5:1: unknown key 'files' (did you mean 'file'?)") !=
        std::string::npos);
  write_file(site.config(), base_config + "[log]\nlevel = \"verbose\"\n");
  auto bad_level = site.run();
  CHECK(bad_level.exit_code == 2);
  CHECK(bad_level.err.find("'level' must be trace, debug, info, warn, error or off") !=
        std::string::npos);
}

TEST_CASE("tracker run draws a progress bar only when stderr is a terminal and not with -q") {
  DemoSite site;
  site.publish("v3-full.txt");
  TempDir dir;

  auto piped = site.run();  // the harness's stderr is a pipe
  CHECK(piped.err.find("pages") == std::string::npos);
  CHECK(piped.err.find('\r') == std::string::npos);

  site.publish("v4-rotation.txt");
  auto shown = run_on_terminal({tracker_binary().string(), "run", "--config",
                                site.config().string(), "--all", "--color", "never"},
                               dir);
  CHECK(shown.exit_code == 6);
  CHECK(shown.err.find("\r\x1b[K[====================] 1/1 pages  demo") != std::string::npos);
  // The bar's line is cleared before the warnings, and stdout has the report only.
  CHECK(shown.err.find("demo\r\x1b[Ktracker: warning: source 'broken'") != std::string::npos);
  CHECK(shown.out.find("some 12,000") != std::string::npos);
  CHECK(shown.out.find('\r') == std::string::npos);

  auto quiet = run_on_terminal({tracker_binary().string(), "-q", "run", "--config",
                                site.config().string(), "--all", "--color", "never"},
                               dir);
  CHECK(quiet.exit_code == 6);
  CHECK(quiet.err.find("pages") == std::string::npos);
}
