#include "tracker/cli/changes_command.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "tracker/cli/output.h"
#include "tracker/cli/store_input.h"
#include "tracker/config/settings.h"
#include "tracker/extract/iso_date.h"

namespace tracker::cli {
namespace {

struct ChangesArguments {
  std::string since;
  std::string topic;
  std::string store;
  std::string format = "text";
};

// An ISO 8601 date or date-time as normalize_date writes it, as Unix seconds; a date alone is
// its midnight UTC, a date-time without a zone is taken as UTC.
std::optional<store::UnixSeconds> iso_to_unix(const std::string& iso) {
  std::tm parts{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int consumed = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3) {
    return std::nullopt;
  }
  std::string_view rest = std::string_view(iso).substr(static_cast<std::size_t>(consumed));
  long offset = 0;
  if (!rest.empty()) {
    const std::string tail(rest);
    int more = 0;
    if (std::sscanf(tail.c_str(), "T%2d:%2d:%2d%n", &hour, &minute, &second, &more) != 3) {
      return std::nullopt;
    }
    std::string_view zone = rest.substr(static_cast<std::size_t>(more));
    if (!zone.empty() && zone.front() == '.') {  // fractional seconds
      zone.remove_prefix(1);
      while (!zone.empty() && std::isdigit(static_cast<unsigned char>(zone.front())) != 0) {
        zone.remove_prefix(1);
      }
    }
    if (zone == "Z" || zone.empty()) {
      offset = 0;
    } else if ((zone.front() == '+' || zone.front() == '-') && zone.size() >= 3) {
      int zone_hours = 0, zone_minutes = 0;
      const std::string zone_text(zone.substr(1));
      if (std::sscanf(zone_text.c_str(), "%2d:%2d", &zone_hours, &zone_minutes) < 1) {
        return std::nullopt;
      }
      offset = (zone.front() == '+' ? 1 : -1) * (zone_hours * 3600L + zone_minutes * 60L);
    } else {
      return std::nullopt;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  parts.tm_mday = day;
  parts.tm_hour = hour;
  parts.tm_min = minute;
  parts.tm_sec = second;
  return static_cast<store::UnixSeconds>(::timegm(&parts)) - offset;
}

// "24h", "7d" (back from now), or an ISO 8601 date or date-time.
std::optional<store::UnixSeconds> parse_since(const std::string& text) {
  if (auto duration = config::parse_duration(text)) {
    return unix_now() - duration->count();
  }
  const std::string iso = extract::normalize_date(text);
  // normalize_date turns down years no page would carry (2999); plain ISO 8601 still counts.
  return iso_to_unix(iso.empty() ? text : iso);
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    out += (out.empty() ? "" : ", ") + item;
  }
  return out;
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string changes_text(const std::vector<store::Change>& changes) {
  std::string out;
  for (const store::Change& change : changes) {
    if (!out.empty()) {
      out += '\n';
    }
    out += "[" + iso_utc(change.created_at) + "] " + upper(change.significance) + " " + change.kind;
    if (!change.topics.empty()) {
      out += " [" + join(change.topics) + "]";
    }
    if (!change.aspects.empty()) {
      out += " " + join(change.aspects);
    }
    out += '\n';
    if (change.old_text) {
      out += "- " + *change.old_text + "\n";
    }
    if (change.new_text) {
      out += "+ " + *change.new_text + "\n";
    }
  }
  return out;
}

std::string changes_json(const std::vector<store::Change>& changes) {
  nlohmann::json list = nlohmann::json::array();
  for (const store::Change& change : changes) {
    nlohmann::json detail = nlohmann::json::parse(change.detail_json, nullptr, false);
    if (detail.is_discarded()) {
      detail = nullptr;
    }
    list.push_back({{"id", change.id},
                    {"document_id", change.document_id},
                    {"snapshot_id", change.snapshot_id},
                    {"previous_snapshot_id", change.previous_snapshot_id
                                                 ? nlohmann::json(*change.previous_snapshot_id)
                                                 : nlohmann::json(nullptr)},
                    {"kind", change.kind},
                    {"significance", change.significance},
                    {"topics", change.topics},
                    {"aspects", change.aspects},
                    {"old_text", change.old_text ? nlohmann::json(*change.old_text) : nlohmann::json(nullptr)},
                    {"new_text", change.new_text ? nlohmann::json(*change.new_text) : nlohmann::json(nullptr)},
                    {"detail", detail},
                    {"created_at", iso_utc(change.created_at)}});
  }
  return list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

ExitCode run_changes(const ChangesArguments& args) {
  store::ChangeQuery query;
  if (!args.since.empty()) {
    query.since = parse_since(args.since);
    if (!query.since) {
      spdlog::error("--since '{}': not a date (2025-02-11, 2025-02-11T06:12:00Z) or a duration (24h, 7d)",
                    args.since);
      return ExitCode::usage;
    }
  }
  if (!args.topic.empty()) {
    query.topic = args.topic;
  }
  auto opened = open_store_for_reading(args.store);
  if (!opened) {
    spdlog::error("{}", opened.error().message);
    return opened.error().exit_code;
  }
  store::SqliteStore& store = *opened->store;
  auto changes = store.changes(query);
  if (!changes) {
    spdlog::error("{}", changes.error().message);
    return ExitCode::failure;
  }
  return write_stdout(args.format == "json" ? changes_json(*changes) : changes_text(*changes));
}

}  // namespace

void add_changes_command(CLI::App& app, std::string_view name, std::string_view summary,
                         CommandResult& result) {
  auto args = std::make_shared<ChangesArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("--since", args->since,
                      "only changes stored at or after: an ISO 8601 date or date-time, or a duration back from now (24h, 7d)");
  command->add_option("--topic", args->topic, "only changes touching this topic");
  command->add_option("--store", args->store,
                      "the snapshot store (default: from ./tracker.toml, else snapshots/tracker.db)");
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->footer(
      "The claim changes that runs have stored, oldest first: one block per change,\n"
      "\"[time] SIGNIFICANCE kind [topics] aspects\", then the old and new claim.");
  command->callback([args, &result] { result.exit_code = run_changes(*args); });
}

}  // namespace tracker::cli
