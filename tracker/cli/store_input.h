#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "tracker/cli/cli11.h"
#include "tracker/cli/page_input.h"
#include "tracker/store/records.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::cli {

// The store a reading command (history, show, changes) uses: `explicit_path` if given, else
// the store of ./tracker.toml if there is one, else snapshots/tracker.db.
tl::expected<std::filesystem::path, InputError> resolve_store_path(const std::string& explicit_path);

// The store that the configuration `config` (a tracker.toml or a watch file) names: its
// `store` setting, else the default. A configuration that does not load is ExitCode::failure.
tl::expected<std::filesystem::path, InputError> configured_store_path(
    const std::filesystem::path& config);

// What a command does with a store: only reads (opened read-only, so that a store the user
// may not write can be read and nothing is ever changed), or also writes.
enum class StoreAccess { read_only, read_write };

// Opens an existing store (never creates one): an SQLite file, or a PostgreSQL database named by
// a "postgresql://" URI. A missing, empty or foreign store is an error with the store's message
// and ExitCode::failure.
tl::expected<std::unique_ptr<store::SnapshotStore>, InputError> open_existing_store(
    const std::filesystem::path& path, StoreAccess access = StoreAccess::read_only);

// A snapshot id as `tracker history` lists it: a positive whole number; nullopt otherwise.
std::optional<store::SnapshotId> parse_snapshot_id(std::string_view text);

// A store opened for a reading command, with the path it was found at (for messages; a
// PostgreSQL URI without its password).
struct OpenedStore {
  std::filesystem::path path;
  std::unique_ptr<store::SnapshotStore> store;
  // Where the store is, as given (a PostgreSQL URI with any password): for the run lock.
  std::string location;
  // The configuration the store was found through (`--config`, or ./tracker.toml by default);
  // empty for `--store PATH` or the built-in default. Its source tags are what `--source` may
  // also name.
  std::filesystem::path config;
};

// resolve_store_path, then open_existing_store.
tl::expected<OpenedStore, InputError> open_store_for_reading(
    const std::string& explicit_path, StoreAccess access = StoreAccess::read_only);

// How a reading command was told its store: `--store PATH`, or `--config FILE` (the store that
// configuration names), or neither (resolve_store_path's default).
struct StoreChoice {
  std::string store;
  std::string config;
};

// Adds --store PATH and --config FILE, which exclude each other, to a reading command.
void add_store_options(CLI::App& command, StoreChoice& choice);

// The store of `choice`, opened as open_store_for_reading does; a --config that does not
// load is ExitCode::failure, with its message.
tl::expected<OpenedStore, InputError> open_store_for_reading(const StoreChoice& choice,
                                                             StoreAccess access = StoreAccess::read_only);

// "2025-02-11T06:12:00Z".
std::string iso_utc(store::UnixSeconds seconds);

// Seconds since the epoch, now.
store::UnixSeconds unix_now();

}  // namespace tracker::cli
