#include "tracker/alert/delivery.h"

#include <algorithm>

namespace tracker::alert {

std::chrono::seconds retry_delay(int attempts) {
  constexpr std::chrono::seconds k_first{60};
  constexpr std::chrono::seconds k_longest{6 * 3600};
  const int doublings = std::clamp(attempts - 1, 0, 16);
  return std::min(k_longest, k_first * (std::int64_t{1} << doublings));
}

store::StoreResult<DeliveryReport> deliver_due(store::SnapshotStore& store, const SmtpSettings& smtp,
                                               store::UnixSeconds now, const MailSender& sender) {
  DeliveryReport report;
  store::OutboxQuery query;
  query.due_at = now;
  auto due = store.outbox(query);
  if (!due) {
    return tl::make_unexpected(due.error());
  }
  for (std::size_t i = 0; i < due->size(); ++i) {
    const store::OutboxMessage& message = (*due)[i];
    const SendResult result = sender(smtp, message.recipients, message.message);
    store::OutboxUpdate update;
    update.attempts = message.attempts + 1;
    update.next_attempt = now;
    update.last_error = result.detail;
    const std::string label = "alert " + message.message_id + " (\"" + message.subject + "\")";
    if (result.outcome == SendOutcome::sent) {
      update.status = store::OutboxStatus::sent;
      update.last_error.clear();
      update.sent_at = now;
      ++report.sent;
    } else if (result.outcome == SendOutcome::permanent) {
      update.status = store::OutboxStatus::failed;
      ++report.failed;
      report.problems.push_back(label + ": refused, not retried: " + result.detail);
    } else if (now - message.created_at >= std::chrono::seconds(k_give_up_after).count()) {
      update.status = store::OutboxStatus::failed;
      update.last_error = "gave up after " + std::to_string(update.attempts) + " attempts: " + result.detail;
      ++report.failed;
      report.problems.push_back(label + ": " + update.last_error);
    } else {
      update.status = store::OutboxStatus::pending;
      update.next_attempt = now + retry_delay(update.attempts).count();
      ++report.deferred;
      report.problems.push_back(label + ": not sent, will retry: " + result.detail);
    }
    if (auto recorded = store.update_outbox_message(message.id, update); !recorded) {
      return tl::make_unexpected(recorded.error());
    }
    // No answer from the server at all: the rest would only wait out the same timeout.
    if (result.outcome == SendOutcome::transient && result.smtp_code == 0 && i + 1 < due->size()) {
      const std::size_t left = due->size() - i - 1;
      report.deferred += left;
      report.problems.push_back(std::to_string(left) + " more alert(s) left queued for the next run");
      break;
    }
  }
  return report;
}

}  // namespace tracker::alert
