#pragma once

#include <string>
#include <string_view>

namespace tracker::alert {

// `text` (an SMTP reply, libcurl's error text) with every form of the credentials that SMTP
// AUTH puts on the wire replaced by "***": the user name and password as written; AUTH
// PLAIN's base64 of "\0user\0password"; AUTH LOGIN's base64 of each; and the password's base64
// inside any other base64 string, at each of its three possible alignments, so that an echo
// of a longer or cut-off AUTH string still gives nothing of the password away.
std::string redact_credentials(std::string text, std::string_view username,
                               std::string_view password);

}  // namespace tracker::alert
