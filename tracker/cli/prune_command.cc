#include "tracker/cli/prune_command.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>

#include "tracker/cli/output.h"
#include "tracker/cli/store_input.h"
#include "tracker/config/settings.h"
#include "tracker/pipeline/run_lock.h"

namespace tracker::cli {
namespace {

struct PruneArguments {
  std::size_t keep = 0;
  std::string older_than;
  std::string store;
  bool dry_run = false;
  bool vacuum = false;
};

std::string plural(std::int64_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

ExitCode run_prune(const PruneArguments& args) {
  store::PruneOptions options;
  options.keep = args.keep;
  options.dry_run = args.dry_run;
  const store::UnixSeconds now = unix_now();
  if (!args.older_than.empty()) {
    auto age = config::parse_duration(args.older_than);
    if (!age) {
      spdlog::error("--older-than '{}': {}", args.older_than, age.error());
      return ExitCode::usage;
    }
    options.fetched_before = now - age->count();
  }
  auto path = resolve_store_path(args.store);
  if (!path) {
    spdlog::error("{}", path.error().message);
    return path.error().exit_code;
  }
  // A dry run opens the store read-only: it cannot change it, whatever the SQL does.
  auto store =
      open_existing_store(*path, args.dry_run ? StoreAccess::read_only : StoreAccess::read_write);
  if (!store) {
    spdlog::error("{}", store.error().message);
    return store.error().exit_code;
  }
  // A run adds the snapshots and changes that prune removes: one at a time.
  auto lock = pipeline::RunLock::acquire(*path);
  if (!lock) {
    spdlog::error("{}", lock.error());
    return ExitCode::failure;
  }
  auto tally = (*store)->prune_snapshots(options);
  if (!tally) {
    spdlog::error("{}", tally.error().message);
    return ExitCode::failure;
  }
  std::string report = fmt::format(
      "{} {} of {} ({} bytes) and the {} they made{}\n", args.dry_run ? "would remove" : "removed",
      plural(tally->snapshots, "snapshot"), plural(tally->documents, "document"), tally->bytes,
      plural(tally->changes, "change"),
      tally->kept > 0 ? fmt::format("; kept {} that pending alerts or the newest change need",
                                    plural(tally->kept, "old snapshot"))
                      : std::string());
  if (args.vacuum && !args.dry_run) {
    if (auto vacuumed = (*store)->vacuum(); !vacuumed) {
      spdlog::error("{}", vacuumed.error().message);
      return ExitCode::failure;
    }
  }
  return write_stdout(report);
}

}  // namespace

void add_prune_command(CLI::App& app, std::string_view name, std::string_view summary,
                       CommandResult& result) {
  auto args = std::make_shared<PruneArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command
      ->add_option("--keep", args->keep, "snapshots kept per document, newest first (at least 1)")
      ->required()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40));
  command->add_option("--older-than", args->older_than,
                      "remove only snapshots fetched longer ago than this (\"30d\", \"12h\")");
  command->add_option(
      "--store", args->store,
      "the snapshot store (default: from ./tracker.toml, else snapshots/tracker.db)");
  command->add_flag("--dry-run", args->dry_run, "say what would be removed, remove nothing");
  command->add_flag("--vacuum", args->vacuum,
                    "then shrink the file (SQLite VACUUM; needs room for a copy of the store)");
  command->footer(
      "Removes each document's snapshots beyond its newest N, with the claim changes they made;\n"
      "a document's newest snapshot always stays, and so do snapshots whose changes a pending\n"
      "alert reports. A change whose earlier version was removed keeps its text and shows no\n"
      "previous snapshot. Takes the run lock: refuses while a run (or reprocess) holds the store.\n"
      "Without --vacuum the freed space is reused by later runs rather than given back.\n"
      "Exit status: 0 done, 2 trouble (no store, a run holds it, it is damaged), 64 usage.");
  command->callback([args, &result] { result.exit_code = run_prune(*args); });
}

}  // namespace tracker::cli
