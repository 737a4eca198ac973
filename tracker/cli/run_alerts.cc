#include "tracker/cli/run_alerts.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include "tracker/alert/alert_queue.h"
#include "tracker/alert/delivery.h"
#include "tracker/cli/exit_code.h"
#include "tracker/cli/output.h"
#include "tracker/config/measures_file.h"

namespace tracker::cli {
namespace {

// "20251127T011849Z-0001-tracker.abc.snapshot.12.eml": sorts by run, then by message; only
// safe characters from the Message-ID.
std::string eml_name(const store::OutboxMessage& message, std::size_t index, store::UnixSeconds now) {
  std::string name = std::to_string(now) + "-" + std::to_string(index + 1) + "-";
  for (const char c : message.message_id) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-';
    if (safe) {
      name += c;
    } else if (c == '@') {
      break;
    }
  }
  return name + ".eml";
}

bool write_eml_files(const std::filesystem::path& dir, const std::vector<store::OutboxMessage>& messages,
                     store::UnixSeconds now) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    spdlog::error("{}: cannot create the directory for the alert messages: {}", dir.string(),
                  error.message());
    return false;
  }
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const std::filesystem::path file = dir / eml_name(messages[i], i, now);
    if (write_file_atomically(file, messages[i].message) != ExitCode::ok) {
      return false;
    }
    spdlog::info("alert to {} written to {}", messages[i].recipients.front(), file.string());
  }
  return true;
}

}  // namespace

bool prepare_alert_rules(const config::Settings& settings, store::SnapshotStore& store) {
  if (settings.alerts.empty()) {
    return true;
  }
  if (auto started = alert::start_rules(store, settings.alerts); !started) {
    spdlog::error("{}", started.error().message);
    return false;
  }
  return true;
}

bool run_alert_step(const config::Settings& settings, store::SnapshotStore& store,
                    const AlertStepOptions& options) {
  if (!settings.smtp) {
    return true;  // no rules either: the config reader insists on [smtp] for [[alert]]
  }
  bool all_sent = true;
  if (!settings.alerts.empty()) {
    alert::QueueOptions queue;
    queue.from = settings.smtp->server.from;
    queue.now = options.now;
    const bool to_files = !options.alerts_to_eml.empty();
    // The built-in lexicon, as `tracker figures --ledger` reads it without --measures.
    const bool ledger_rules = std::any_of(settings.alerts.begin(), settings.alerts.end(),
                                          [](const alert::AlertRule& rule) { return rule.ledger(); });
    std::optional<report::MeasureTerms> measures;
    if (ledger_rules) {
      auto terms = config::default_measures();
      if (!terms) {
        spdlog::error("{}", terms.error());
        return false;
      }
      measures = std::move(*terms);
      queue.measures = &*measures;
    }
    queue.mode = options.no_alerts             ? alert::QueueMode::skip
                 : options.dry_run || to_files ? alert::QueueMode::compose
                                               : alert::QueueMode::queue;
    auto composed = alert::queue_alerts(store, settings.alerts, queue);
    if (!composed) {
      spdlog::error("{}", composed.error().message);
      return false;
    }
    if (to_files) {
      return write_eml_files(options.alerts_to_eml, *composed, options.now);
    }
    if (options.dry_run) {
      spdlog::info("dry run: {} alert message(s) would be queued and sent", composed->size());
      return true;
    }
    if (!composed->empty()) {
      spdlog::info("{} alert message(s) queued", composed->size());
    }
  }
  if (options.dry_run || options.no_alerts || !options.alerts_to_eml.empty()) {
    return true;
  }
  auto smtp = config::smtp_with_credentials(*settings.smtp);
  if (!smtp) {
    spdlog::error("{}; alerts stay queued", smtp.error());
    return false;
  }
  auto delivered = alert::deliver_due(store, *smtp, options.now);
  if (!delivered) {
    spdlog::error("{}", delivered.error().message);
    return false;
  }
  for (const std::string& problem : delivered->problems) {
    spdlog::warn("{}", problem);
  }
  if (delivered->sent > 0) {
    spdlog::info("{} alert message(s) sent", delivered->sent);
  }
  all_sent = delivered->deferred == 0 && delivered->failed == 0;
  return all_sent;
}

}  // namespace tracker::cli
