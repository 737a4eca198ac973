#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/alert/smtp.h"
#include "tracker/store/snapshot_store.h"

namespace tracker::alert {

// Sends one message; send_mail in real use, something else in tests of the policy alone.
using MailSender = std::function<SendResult(const SmtpSettings&, const std::vector<std::string>&,
                                            std::string_view)>;

// How long to wait before the next attempt after `attempts` failed ones: 1 minute, doubling,
// at most 6 hours.
std::chrono::seconds retry_delay(int attempts);

// After this long in the outbox a message that still cannot be sent is marked failed.
inline constexpr std::chrono::hours k_give_up_after{72};

struct DeliveryReport {
  std::size_t sent = 0;
  std::size_t deferred = 0;  // failed for now; queued for a later run
  std::size_t failed = 0;    // refused for good (5xx) or given up on
  std::vector<std::string> problems;  // one line per message not sent, for stderr
};

// Sends every pending message that is due, one at a time, recording each outcome in the
// store as soon as it is known: sent; deferred with backoff (cannot connect, timeout, 4xx);
// failed with the server's reply (5xx). When the server cannot be reached at all, the rest
// stay queued untried. A store error stops the delivery.
store::StoreResult<DeliveryReport> deliver_due(store::SnapshotStore& store, const SmtpSettings& smtp,
                                               store::UnixSeconds now,
                                               const MailSender& sender = send_mail);

}  // namespace tracker::alert
