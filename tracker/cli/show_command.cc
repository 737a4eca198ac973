#include "tracker/cli/show_command.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "tracker/cli/output.h"
#include "tracker/cli/store_input.h"

namespace tracker::cli {
namespace {

nlohmann::json or_null(const std::string& value) {
  return value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
}


struct ShowArguments {
  std::string id;
  StoreChoice store;  // --store, --config
  std::string format = "text";
  bool raw = false;
};

ExitCode run_show(const ShowArguments& args) {
  const std::optional<store::SnapshotId> parsed = parse_snapshot_id(args.id);
  if (!parsed) {
    spdlog::error("'{}' is not a snapshot id (a positive whole number, as 'tracker history' lists)", args.id);
    return ExitCode::usage;
  }
  const store::SnapshotId id = *parsed;
  auto opened = open_store_for_reading(args.store);
  if (!opened) {
    spdlog::error("{}", opened.error().message);
    return opened.error().exit_code;
  }
  const std::filesystem::path& path = opened->path;
  store::SnapshotStore& store = *opened->store;
  auto snapshot = store.snapshot(id);
  if (!snapshot) {
    spdlog::error("{}", snapshot.error().message);
    return ExitCode::failure;
  }
  if (!snapshot->has_value()) {
    spdlog::error("no snapshot {} in {}", id, path.string());
    return ExitCode::no_input;
  }
  const store::Snapshot& found = **snapshot;
  if (args.raw) {
    auto raw = store.raw_page(id);
    if (!raw) {
      spdlog::error("{}", raw.error().message);
      return ExitCode::failure;
    }
    if (!raw->has_value()) {
      spdlog::error("no raw page for snapshot {} in {}", id, path.string());
      return ExitCode::no_input;
    }
    return write_stdout(**raw);
  }
  if (args.format == "json") {
    nlohmann::json claims = nlohmann::json::parse(found.claims_json, nullptr, false);
    if (claims.is_discarded()) {
      claims = nullptr;
    }
    const nlohmann::json object = {{"id", found.id},
                                   {"document_id", found.document_id},
                                   {"fetched_at", iso_utc(found.fetched_at)},
                                   {"http_status", found.http_status},
                                   {"etag", found.etag},
                                   {"last_modified", found.last_modified},
                                   {"raw_sha256", found.raw_sha256},
                                   {"text_sha256", found.text_sha256},
                                   {"headline", or_null(found.headline)},
                                   {"standfirst", found.fields ? or_null(found.fields->standfirst) : nullptr},
                                   {"byline", found.fields ? or_null(found.fields->byline) : nullptr},
                                   {"published", found.fields ? or_null(found.fields->published) : nullptr},
                                   {"modified", found.fields ? or_null(found.fields->modified) : nullptr},
                                   {"text", found.text},
                                   {"claims", claims},
                                   {"taken_down", found.gone.empty() ? nlohmann::json(nullptr) : nlohmann::json(found.gone)}};
    return write_stdout(object.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  }
  // A takedown has no text: say what it is instead of printing nothing.
  std::string text = found.gone.empty() ? found.text : "(taken down: " + found.gone + ")";
  if (!text.empty() && text.back() != '\n') {
    text += '\n';
  }
  return write_stdout(text);
}

}  // namespace

void add_show_command(CLI::App& app, std::string_view name, std::string_view summary,
                      CommandResult& result) {
  auto args = std::make_shared<ShowArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("id", args->id, "the snapshot's id, as 'tracker history' lists it")->required();
  add_store_options(*command, args->store);
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_flag("--raw", args->raw, "print the page's bytes exactly as fetched");
  command->footer(
      "Prints the snapshot's article text, paragraphs separated by blank lines; --raw prints the\n"
      "stored page as fetched; --format json adds the fetch metadata, hashes, the page's headline,\n"
      "standfirst, byline, published and modified dates (null where the page gave none or the\n"
      "version predates them; the dates as last fetched) and the claims.\n"
      "Exit 66 when the store has no snapshot with that id.");
  command->callback([args, &result] { result.exit_code = run_show(*args); });
}

}  // namespace tracker::cli
