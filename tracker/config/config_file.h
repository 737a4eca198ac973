#pragma once

// Reading the files a person writes (tracker.toml, watch files, the topic lexicon, an OPML
// export) with bounds, so that a path to /dev/zero, a directory or a hostile file gives an
// error naming it instead of exhausting memory or the stack.
#include <toml++/toml.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace tracker::config {

// No configuration file comes near this; anything larger is a mistake or an attack.
constexpr std::size_t k_max_config_file_bytes = 16 * 1024 * 1024;

// A key may name tables this deep ("a.b.c" is 3); toml++ recurses once per part, and some
// tens of thousands overflow the stack.
constexpr std::size_t k_max_key_parts = 128;

struct ConfigFileError {
  std::string message;   // "PATH: problem"
  bool missing = false;  // the file does not exist
};

// The bytes of a regular file of at most k_max_config_file_bytes. A directory, a device, a
// FIFO, a larger file or a read error is an error naming `path`.
tl::expected<std::string, ConfigFileError> read_config_file(const std::filesystem::path& path);

// toml::parse, after checking that no key has more than k_max_key_parts parts; errors are
// "SOURCE:LINE:COLUMN: problem".
tl::expected<toml::table, std::string> parse_toml(std::string_view text, const std::string& source);

// read_config_file, then parse_toml.
tl::expected<toml::table, std::string> parse_toml_file(const std::filesystem::path& path);

}  // namespace tracker::config
