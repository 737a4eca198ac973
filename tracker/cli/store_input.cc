#include "tracker/cli/store_input.h"

#include <chrono>
#include <ctime>

#include "tracker/config/settings.h"
#include "tracker/store/open_store.h"

namespace tracker::cli {

tl::expected<std::filesystem::path, InputError> resolve_store_path(const std::string& explicit_path) {
  if (!explicit_path.empty()) {
    return std::filesystem::path(explicit_path);
  }
  if (std::filesystem::exists("tracker.toml")) {
    auto settings = config::load_settings("tracker.toml");
    if (!settings) {
      return tl::make_unexpected(InputError{ExitCode::failure, settings.error()});
    }
    return settings->store_path;
  }
  return config::Settings{}.store_path;
}

tl::expected<std::filesystem::path, InputError> configured_store_path(
    const std::filesystem::path& config) {
  auto settings = config::load_settings(config);
  if (!settings) {
    return tl::make_unexpected(InputError{ExitCode::failure, settings.error()});
  }
  return settings->store_path;
}

tl::expected<std::unique_ptr<store::SnapshotStore>, InputError> open_existing_store(
    const std::filesystem::path& path, StoreAccess access) {
  store::OpenOptions options;
  options.create = false;
  options.read_only = access == StoreAccess::read_only;
  auto opened = store::open_store(path.string(), options);
  if (!opened) {
    return tl::make_unexpected(InputError{ExitCode::failure, opened.error().message});
  }
  return std::move(*opened);
}

tl::expected<OpenedStore, InputError> open_store_for_reading(const std::string& explicit_path,
                                                             StoreAccess access) {
  auto path = resolve_store_path(explicit_path);
  if (!path) {
    return tl::make_unexpected(path.error());
  }
  auto store = open_existing_store(*path, access);
  if (!store) {
    return tl::make_unexpected(store.error());
  }
  const bool from_default_config = explicit_path.empty() && std::filesystem::exists("tracker.toml");
  return OpenedStore{store::shown_location(path->string()), std::move(*store), path->string(),
                     from_default_config ? "tracker.toml" : ""};
}

void add_store_options(CLI::App& command, StoreChoice& choice) {
  CLI::Option* store =
      command.add_option("--store", choice.store,
                         "the snapshot store (default: from ./tracker.toml, else snapshots/tracker.db)");
  store->option_text("PATH");
  command
      .add_option("--config", choice.config,
                  "tracker.toml or a watch file: read the store it names (not with --store)")
      ->option_text("FILE")
      ->excludes(store);
}

tl::expected<OpenedStore, InputError> open_store_for_reading(const StoreChoice& choice, StoreAccess access) {
  if (choice.config.empty()) {
    return open_store_for_reading(choice.store, access);
  }
  auto configured = configured_store_path(choice.config);
  if (!configured) {
    return tl::make_unexpected(configured.error());
  }
  auto opened = open_store_for_reading(configured->string(), access);
  if (opened) {
    opened->config = choice.config;
  }
  return opened;
}

std::optional<store::SnapshotId> parse_snapshot_id(std::string_view text) { return store::parse_row_id(text); }

std::string iso_utc(store::UnixSeconds seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  if (::gmtime_r(&time, &parts) == nullptr) {
    return std::to_string(seconds);
  }
  char buffer[32];
  const std::size_t length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return std::string(buffer, length);
}

store::UnixSeconds unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace tracker::cli
