#pragma once

#include "tracker/cli/command.h"

namespace tracker::cli {

// `tracker alerts [--pending|--failed|--sent] [--retry ID] [--store PATH] [--format text|json]`:
// the outbox of alert messages.
void add_alerts_command(CLI::App& app, std::string_view name, std::string_view summary,
                        CommandResult& result);

// `tracker alert-test [--config FILE] [--to ADDRESS]...`: sends one sample alert now.
void add_alert_test_command(CLI::App& app, std::string_view name, std::string_view summary,
                            CommandResult& result);

}  // namespace tracker::cli
