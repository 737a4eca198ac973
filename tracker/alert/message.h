#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tracker/store/records.h"

namespace tracker::alert {

// One stored change as an alert shows it: the change and where it was found.
struct AlertedChange {
  std::string source_name;     // the watch file's name for the source
  std::string document_title;  // from the web: may hold anything, including CR/LF and markup
  std::string document_url;
  store::Change change;        // kind, significance, topics, aspects, old_text, new_text
};

// Who a message is from and to, and where it sits in a thread.
struct Envelope {
  std::string from;                  // "tracker@example.org": a plain addr-spec, no display name
  std::vector<std::string> to;       // plain addr-specs; any other is left out of the To header
  std::string message_id;            // "<...@...>", angle brackets included
  std::vector<std::string> references;  // thread ids, oldest first, each "<...@...>"; may be empty
  store::UnixSeconds date = 0;       // for the Date header, shown in UTC
  // What the subject starts with, for mail filters: "[tracker test]" for `alert-test`, so that
  // a test is never taken for news.
  std::string subject_tag = "[tracker]";
};

// The subject a person triages from, exactly as the Subject header shows it (`tag` and a space
// first, "[tracker] ", so mail filters can match it): the most significant change's topics and
// what happened to it first, then its document's title and source, and how many more changes
// the message holds, e.g.
//   [tracker] casualties: new claim "Around 300 … and 2,700 wounded, lawmakers said." — North
//   Korea troops not in combat… (afp-asia) +2 more
//   [tracker] deployment: number changed "more than 10,000 troops" → "around 11,000 troops" — …
// At most 200 code points, one line, valid UTF-8, no control characters. Not yet encoded.
std::string alert_subject(const std::vector<AlertedChange>& changes,
                          std::string_view tag = "[tracker]");

// A complete RFC 5322 message (CRLF line ends, ready for SMTP DATA): headers From, To,
// Subject (alert_subject with the envelope's tag, RFC 2047 when not ASCII), Date, Message-ID,
// In-Reply-To and References when the envelope has references, Auto-Submitted, MIME-Version, and a
// multipart/alternative body with a plain-text and an HTML part, both UTF-8 in quoted-printable
// (inline styles only; every piece of web text escaped; only http(s) URLs become links). Changes
// are shown most significant first, grouped by document. Ids that are not "<left@right>" are left
// out. Throws std::invalid_argument when `changes` is empty, `from` is not a plain addr-spec or no
// `to` is: the settings must have refused such addresses already.
std::string compose_alert(const Envelope& envelope, const std::vector<AlertedChange>& changes);

// The message compose_alert writes, from any subject and parts: the same headers, and the two
// parts as multipart/alternative. Throws std::invalid_argument as compose_alert does when `from`
// is not a plain addr-spec or no `to` is.
std::string compose_message(const Envelope& envelope, std::string_view subject,
                            const std::string& text, const std::string& html);

}  // namespace tracker::alert
