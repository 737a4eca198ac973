#include "tracker/cli/alerts_command.h"

#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "tracker/alert/message.h"
#include "tracker/alert/smtp.h"
#include "tracker/cli/output.h"
#include "tracker/cli/run_command.h"
#include "tracker/cli/store_input.h"
#include "tracker/config/settings.h"
#include "tracker/report/join.h"

namespace tracker::cli {
namespace {

struct AlertsArguments {
  std::string store;
  std::string format = "text";
  bool pending = false;
  bool failed = false;
  bool sent = false;
  std::string retry;
};

std::string alerts_text(const std::vector<store::OutboxMessage>& messages) {
  std::string out;
  for (const store::OutboxMessage& message : messages) {
    out += std::to_string(message.id) + "  " + std::string(to_string(message.status)) + "  " +
           iso_utc(message.created_at) + "  to " + report::join_list(message.recipients) + "\n";
    out += "    " + message.subject + "\n";
    if (message.status == store::OutboxStatus::sent && message.sent_at) {
      out += "    sent " + iso_utc(*message.sent_at) + "\n";
    } else if (message.attempts > 0) {
      out += "    " + std::to_string(message.attempts) + " attempt(s), last: " + message.last_error + "\n";
      if (message.status == store::OutboxStatus::pending) {
        out += "    next attempt " + iso_utc(message.next_attempt) + "\n";
      }
    }
  }
  return out;
}

std::string alerts_json(const std::vector<store::OutboxMessage>& messages) {
  nlohmann::json list = nlohmann::json::array();
  for (const store::OutboxMessage& message : messages) {
    list.push_back({{"id", message.id},
                    {"message_id", message.message_id},
                    {"status", to_string(message.status)},
                    {"recipients", message.recipients},
                    {"subject", message.subject},
                    {"attempts", message.attempts},
                    {"next_attempt", iso_utc(message.next_attempt)},
                    {"last_error", message.last_error},
                    {"created_at", iso_utc(message.created_at)},
                    {"sent_at", message.sent_at ? nlohmann::json(iso_utc(*message.sent_at)) : nlohmann::json()},
                    {"changes", message.change_ids}});
  }
  return list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

ExitCode run_alerts(const AlertsArguments& args) {
  auto opened = open_store_for_reading(
      args.store, args.retry.empty() ? StoreAccess::read_only : StoreAccess::read_write);
  if (!opened) {
    spdlog::error("{}", opened.error().message);
    return opened.error().exit_code;
  }
  const std::filesystem::path& path = opened->path;
  store::SnapshotStore& store = *opened->store;
  if (!args.retry.empty()) {
    const std::optional<store::OutboxId> id = parse_snapshot_id(args.retry);  // same id syntax
    auto failed = store.outbox({.status = store::OutboxStatus::failed, .due_at = std::nullopt});
    if (!failed) {
      spdlog::error("{}", failed.error().message);
      return ExitCode::failure;
    }
    const auto found = std::find_if(failed->begin(), failed->end(), [&](const store::OutboxMessage& m) {
      return id && m.id == *id;
    });
    if (found == failed->end()) {
      spdlog::error("no failed alert {} in {} ('tracker alerts --failed' lists them)", args.retry,
                    path.string());
      return ExitCode::no_input;
    }
    store::OutboxUpdate update;
    update.status = store::OutboxStatus::pending;
    update.attempts = found->attempts;
    update.next_attempt = unix_now();
    update.last_error = found->last_error;
    if (auto done = store.update_outbox_message(found->id, update); !done) {
      spdlog::error("{}", done.error().message);
      return ExitCode::failure;
    }
    spdlog::info("alert {} queued again; the next run sends it", found->id);
    return ExitCode::ok;
  }
  store::OutboxQuery query;
  if (args.pending) {
    query.status = store::OutboxStatus::pending;
  } else if (args.failed) {
    query.status = store::OutboxStatus::failed;
  } else if (args.sent) {
    query.status = store::OutboxStatus::sent;
  }
  auto messages = store.outbox(query);
  if (!messages) {
    spdlog::error("{}", messages.error().message);
    return ExitCode::failure;
  }
  return write_stdout(args.format == "json" ? alerts_json(*messages) : alerts_text(*messages));
}

struct AlertTestArguments {
  std::string config;
  std::vector<std::string> to;
};

// A change like those a run finds, so the test message looks like a real alert.
alert::AlertedChange sample_change(store::UnixSeconds now) {
  alert::AlertedChange sample;
  sample.source_name = "tracker-test";
  sample.document_title = "Test alert: North Korea rotates troops in Kursk";
  sample.document_url = "https://example.org/tracker-test";
  sample.change.kind = "modified";
  sample.change.significance = "high";
  sample.change.topics = {"deployment"};
  sample.change.aspects = {"number"};
  sample.change.old_text = "Pyongyang deployed more than 10,000 troops to Russia, officials said.";
  sample.change.new_text = "Pyongyang deployed some 12,000 troops to Russia, officials said.";
  sample.change.created_at = now;
  return sample;
}

ExitCode run_alert_test(const AlertTestArguments& args) {
  const std::filesystem::path config_path =
      args.config.empty() ? default_config_path() : std::filesystem::path(args.config);
  if (config_path.empty()) {
    spdlog::error("no tracker.toml here or in feeds/; pass --config FILE");
    return ExitCode::usage;
  }
  auto settings = config::load_settings(config_path);
  if (!settings) {
    spdlog::error("{}", settings.error());
    return ExitCode::failure;
  }
  if (!settings->smtp) {
    spdlog::error("{}: no [smtp] table: nothing to test", config_path.string());
    return ExitCode::failure;
  }
  std::vector<std::string> recipients = args.to;
  for (const alert::AlertRule& rule : settings->alerts) {
    for (const std::string& address : args.to.empty() ? rule.to : std::vector<std::string>{}) {
      if (std::find(recipients.begin(), recipients.end(), address) == recipients.end()) {
        recipients.push_back(address);
      }
    }
  }
  if (recipients.empty()) {
    spdlog::error("no recipients: pass --to ADDRESS or add an [[alert]] rule");
    return ExitCode::usage;
  }
  auto smtp = config::smtp_with_credentials(*settings->smtp);
  if (!smtp) {
    spdlog::error("{}", smtp.error());
    return ExitCode::failure;
  }
  const store::UnixSeconds now = unix_now();
  alert::Envelope envelope;
  envelope.from = smtp->from;
  envelope.to = recipients;
  envelope.message_id = "<tracker.test." + std::to_string(now) + "." + std::to_string(::getpid()) + "@" +
                        smtp->from.substr(smtp->from.rfind('@') + 1) + ">";
  envelope.date = now;
  envelope.subject_tag = "[tracker test]";
  const std::string message = alert::compose_alert(envelope, {sample_change(now)});
  const alert::SendResult result = alert::send_mail(*smtp, recipients, message);
  if (result.outcome != alert::SendOutcome::sent) {
    spdlog::error("{}: test alert not sent: {}", smtp->url, result.detail);
    return ExitCode::failure;
  }
  return write_stdout("test alert sent to " + report::join_list(recipients) + " via " + smtp->url + "\n");
}

}  // namespace

void add_alerts_command(CLI::App& app, std::string_view name, std::string_view summary,
                        CommandResult& result) {
  auto args = std::make_shared<AlertsArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("--store", args->store, "the snapshot store (default: as 'tracker history')");
  auto* pending = command->add_flag("--pending", args->pending, "only messages waiting to be sent");
  auto* failed = command->add_flag("--failed", args->failed, "only messages refused or given up on");
  auto* sent = command->add_flag("--sent", args->sent, "only messages sent");
  pending->excludes(failed)->excludes(sent);
  failed->excludes(sent);
  command->add_option("--retry", args->retry, "queue a failed message ID again for the next run");
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->footer(
      "Lists the alert messages runs have composed, oldest first: sent, pending (queued, with\n"
      "the next attempt's time and the last error) and failed (refused by the server, or given\n"
      "up on after 3 days of failed attempts).");
  command->callback([args, &result] { result.exit_code = run_alerts(*args); });
}

void add_alert_test_command(CLI::App& app, std::string_view name, std::string_view summary,
                            CommandResult& result) {
  auto args = std::make_shared<AlertTestArguments>();
  CLI::App* command = app.add_subcommand(std::string(name), std::string(summary));
  command->add_option("--config", args->config,
                      "tracker.toml or a watch file with [smtp] (default: as 'tracker run')");
  command->add_option("--to", args->to, "send to this address (repeatable; default: every rule's 'to')")
      ->allow_extra_args(false);
  command->footer(
      "Composes a sample alert and sends it now through the [smtp] settings, to check the\n"
      "server, the credentials and the recipients. Its subject starts with \"[tracker test]\"\n"
      "(real alerts: \"[tracker]\"), so no one takes it for news. The server's reply is printed\n"
      "on failure.");
  command->callback([args, &result] { result.exit_code = run_alert_test(*args); });
}

}  // namespace tracker::cli
