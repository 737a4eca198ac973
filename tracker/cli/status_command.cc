#include "tracker/cli/status_command.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "tracker/cli/output.h"
#include "tracker/cli/run_command.h"
#include "tracker/cli/store_input.h"
#include "tracker/config/settings.h"
#include "tracker/pipeline/source_schedule.h"
#include "tracker/store/open_store.h"
#include "tracker/store/pg_connection.h"
#include "tracker/text/server_text.h"

namespace tracker::cli {
namespace {

struct StatusArguments {
  std::string config;
  std::string store;
  std::string format = "text";
  bool brief = false;
  bool print_store = false;
};

// One watched source as `status` shows it: from the configuration, the store, or both.
struct SourceRow {
  std::string name;
  std::string url;
  std::optional<store::SourceStatus> stored;  // nullopt: the store has not seen it yet
  std::vector<std::string> tags;              // from the configuration; none without one

  const store::FetchState* fetch() const {
    return stored && stored->fetch ? &*stored->fetch : nullptr;
  }
  // Its own URL's last fetch failed (the run backs it off and retries).
  bool failing() const { return fetch() != nullptr && fetch()->consecutive_failures > 0; }
  // Its server answered, but with nothing usable: a feed that does not parse, HTML where a
  // feed was, a page with no article.
  bool broken() const { return !failing() && fetch() != nullptr && !fetch()->problem.empty(); }
  bool healthy() const { return !failing() && !broken(); }
  std::string_view state() const {
    return fetch() == nullptr ? "never fetched" : failing() ? "failing" : broken() ? "broken" : "ok";
  }
};

// "40 s", "3 min", "5 h", "2 d": rounded down, enough to tell fresh from stale.
std::string span(store::UnixSeconds seconds) {
  if (seconds < 60) {
    return fmt::format("{} s", seconds);
  }
  if (seconds < 3600) {
    return fmt::format("{} min", seconds / 60);
  }
  if (seconds < 86'400) {
    return fmt::format("{} h", seconds / 3600);
  }
  return fmt::format("{} d", seconds / 86'400);
}

std::string ago(store::UnixSeconds when, store::UnixSeconds now) {
  return now >= when ? span(now - when) + " ago" : "in " + span(when - now);
}

std::optional<store::UnixSeconds> last_fetch(const std::vector<SourceRow>& rows) {
  std::optional<store::UnixSeconds> latest;
  for (const SourceRow& row : rows) {
    if (row.fetch() != nullptr && row.fetch()->last_fetch) {
      latest = std::max(latest.value_or(*row.fetch()->last_fetch), *row.fetch()->last_fetch);
    }
  }
  return latest;
}

// "OK 12 sources, 0 failing, last fetch 3 min ago", "WARN 2 of 12 sources failing: a, b" or
// "WARN 2 of 12 sources failing or broken: a (failing), b (broken)".
std::string health_line(const std::vector<SourceRow>& rows, store::UnixSeconds now) {
  std::vector<std::string> unhealthy;
  bool any_broken = false;
  for (const SourceRow& row : rows) {
    any_broken = any_broken || row.broken();
    if (!row.healthy()) {
      unhealthy.push_back(row.name);
    }
  }
  if (any_broken) {  // say which is which
    unhealthy.clear();
    for (const SourceRow& row : rows) {
      if (!row.healthy()) {
        unhealthy.push_back(fmt::format("{} ({})", row.name, row.state()));
      }
    }
  }
  const std::string sources = fmt::format("{} source{}", rows.size(), rows.size() == 1 ? "" : "s");
  if (!unhealthy.empty()) {
    return fmt::format("WARN {} of {} {}: {}", unhealthy.size(), sources,
                       any_broken ? "failing or broken" : "failing", fmt::join(unhealthy, ", "));
  }
  const auto latest = last_fetch(rows);
  return fmt::format(
      "OK {}, 0 failing, {}", sources,
      latest ? "last fetch " + ago(*latest, now) : std::string("nothing fetched yet"));
}

std::string time_or_never(const std::optional<store::UnixSeconds>& when, store::UnixSeconds now) {
  return when ? iso_utc(*when) + " (" + ago(*when, now) + ")" : "never";
}

std::string text_report(const std::vector<SourceRow>& rows, store::UnixSeconds now) {
  std::string out;
  for (const SourceRow& row : rows) {
    out += fmt::format("{} ({}) {}\n", row.name, row.state(), row.url);
    if (!row.tags.empty()) {
      out += fmt::format("  tags          {}\n", fmt::join(row.tags, ", "));
    }
    const store::FetchState* fetch = row.fetch();
    if (fetch == nullptr) {
      out += "  next fetch    at the next run\n";
      continue;
    }
    out += fmt::format("  last success  {}\n", time_or_never(row.stored->last_success, now));
    if (row.broken()) {
      out += fmt::format("  problem       {}\n", text::server_text(fetch->problem));
    }
    if (row.failing()) {
      out += fmt::format("  last error    {}\n", fetch->last_error.empty()
                                                     ? "HTTP " + std::to_string(fetch->last_status)
                                                     : text::server_text(fetch->last_error));
      out += fmt::format("  failures      {} in a row, the last {}\n", fetch->consecutive_failures,
                         time_or_never(fetch->last_fetch, now));
    }
    out += fmt::format("  next fetch    {}\n",
                       fetch->next_due && *fetch->next_due > now
                           ? iso_utc(*fetch->next_due) + " (" + ago(*fetch->next_due, now) + ")"
                           : std::string("due now"));
    out += fmt::format("  stored        {} document{}, {} snapshot{}\n", row.stored->documents,
                       row.stored->documents == 1 ? "" : "s", row.stored->snapshots,
                       row.stored->snapshots == 1 ? "" : "s");
  }
  return out + (rows.empty() ? "" : "\n") + health_line(rows, now) + "\n";
}

nlohmann::json optional_time(const std::optional<store::UnixSeconds>& when) {
  return when ? nlohmann::json(iso_utc(*when)) : nlohmann::json(nullptr);
}

std::string json_report(const std::vector<SourceRow>& rows, store::UnixSeconds now) {
  nlohmann::json sources = nlohmann::json::array();
  bool healthy = true;
  for (const SourceRow& row : rows) {
    healthy = healthy && row.healthy();
    const store::FetchState* fetch = row.fetch();
    const store::FetchState none;
    sources.push_back({
        {"name", row.name},
        {"url", row.url},
        {"tags", row.tags},
        {"state", row.state()},
        {"last_fetch", optional_time(fetch ? fetch->last_fetch : std::nullopt)},
        {"last_success", optional_time(row.stored ? row.stored->last_success : std::nullopt)},
        {"last_status", (fetch ? fetch : &none)->last_status},
        {"last_error", (fetch ? fetch : &none)->last_error},
        {"problem", (fetch ? fetch : &none)->problem},
        {"consecutive_failures", (fetch ? fetch : &none)->consecutive_failures},
        {"next_due", optional_time(fetch ? fetch->next_due : std::nullopt)},
        {"documents", row.stored ? row.stored->documents : 0},
        {"snapshots", row.stored ? row.stored->snapshots : 0},
    });
  }
  const nlohmann::json report = {{"healthy", healthy},
                                 {"summary", health_line(rows, now)},
                                 {"last_fetch", optional_time(last_fetch(rows))},
                                 {"sources", sources}};
  return report.dump(2) + "\n";
}

ExitCode run_status(const StatusArguments& args) {
  const std::filesystem::path config_path =
      args.config.empty() ? default_config_path() : std::filesystem::path(args.config);
  std::optional<config::Settings> settings;
  if (!config_path.empty()) {
    auto loaded = config::load_settings(config_path);
    if (!loaded) {
      spdlog::error("{}", loaded.error());
      return ExitCode::failure;
    }
    settings = std::move(*loaded);
  }
  const std::filesystem::path store_path =
      !args.store.empty() ? std::filesystem::path(args.store)
                          : (settings ? settings->store_path : config::Settings{}.store_path);
  if (args.print_store) {  // for the cron wrapper's lock: the store this configuration uses
    std::error_code ignored;
    if (store::is_postgresql_location(
            store_path.string())) {  // a lock on no file: the run takes its own
      return write_stdout(store::redacted_location(store_path.string()) + "\n");
    }
    const std::filesystem::path absolute = std::filesystem::absolute(store_path, ignored);
    return write_stdout((absolute.empty() ? store_path : absolute).string() + "\n");
  }
  std::vector<store::SourceStatus> statuses;
  if (settings && !store::store_may_exist(store_path.string())) {
    // Before the first run: the configured sources, each never fetched.
    spdlog::info("{}: no store yet: nothing has been fetched", store_path.string());
  } else {
    auto store = open_existing_store(store_path);
    if (!store) {
      spdlog::error("{}", store.error().message);
      return store.error().exit_code;
    }
    auto read = (*store)->source_statuses();
    if (!read) {
      spdlog::error("{}", read.error().message);
      return ExitCode::failure;
    }
    statuses = std::move(*read);
  }
  // The configuration's sources, in its order; without one, every source the store knows.
  std::vector<SourceRow> rows;
  if (settings) {
    for (const config::SourceConfig& source : settings->sources) {
      SourceRow row{source.name, source.url, std::nullopt, source.tags};
      const auto stored = std::find_if(statuses.begin(), statuses.end(), [&](const auto& status) {
        return status.source.url == source.url;
      });
      if (stored != statuses.end()) {
        row.stored = *stored;
        if (row.stored->fetch) {  // as a run works it out: with the interval configured now
          row.stored->fetch->next_due = pipeline::next_due(*row.stored->fetch, source.interval);
        }
      }
      rows.push_back(std::move(row));
    }
  } else {
    for (store::SourceStatus& status : statuses) {
      rows.push_back(SourceRow{status.source.name, status.source.url, std::move(status), {}});
    }
  }
  const store::UnixSeconds now = unix_now();
  const std::string output = args.brief              ? health_line(rows, now) + "\n"
                             : args.format == "json" ? json_report(rows, now)
                                                     : text_report(rows, now);
  if (const ExitCode written = write_stdout(output); written != ExitCode::ok) {
    return written;
  }
  const bool healthy =
      std::all_of(rows.begin(), rows.end(), [](const SourceRow& row) { return row.healthy(); });
  return healthy ? ExitCode::ok : ExitCode::sources_failed;
}

}  // namespace

void add_status_command(CLI::App& app, std::string_view name, std::string_view summary,
                        CommandResult& result) {
  auto args = std::make_shared<StatusArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option(
      "--config", args->config,
      "tracker.toml or a watch file (default: ./tracker.toml, else feeds/tracker.toml)");
  command->add_option("--store", args->store,
                      "the snapshot store (default: from the config, snapshots/tracker.db)");
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_flag("--brief", args->brief,
                    "print only the one-line health summary, for monitoring");
  command->add_flag("--print-store", args->print_store,
                    "print the absolute path of the store the configuration names, and exit "
                    "(what cron/tracker-cron.sh takes its lock beside)");
  command->footer(
      "For each source of the configuration (without one, each source in the store): its state\n"
      "(ok, failing, broken, never fetched), its tags (from the configuration), last success, last error and failures in a row, the\n"
      "problem of a broken one, next fetch, and documents and snapshots stored; then a summary\n"
      "line such as 'OK 12 sources, 0 failing, last fetch 3 min ago' or\n"
      "'WARN 2 of 12 sources failing or broken: a (failing), b (broken)'.\n"
      "A source is failing when the last fetch of its own URL failed (network, timeout, HTTP\n"
      "error), and broken when its server answered with nothing usable at the last run that\n"
      "read it: a feed that does not parse, HTML where a feed was (with the feed the page links\n"
      "to, if any), a page with no article. Before the first run (no store yet) the configured\n"
      "sources are listed as never fetched. Exit status: 0 when every source is ok or never\n"
      "fetched, 6 when some are failing or broken, 2 for trouble such as a missing store with no\n"
      "configuration to list. It never fetches.");
  command->callback([args, &result] { result.exit_code = run_status(*args); });
}

}  // namespace tracker::cli
