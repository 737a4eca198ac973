#include "tracker/alert/redaction.h"

#include <algorithm>
#include <vector>

#include "tracker/alert/mime.h"

namespace tracker::alert {
namespace {

constexpr std::string_view k_mark = "***";
// A base64 fragment shorter than this says too little to be worth blanking from a reply.
constexpr std::size_t k_min_fragment = 4;

void replace_all(std::string& text, std::string_view secret) {
  if (secret.empty()) {
    return;
  }
  for (auto at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + k_mark.size())) {
    text.replace(at, secret.size(), k_mark);
  }
}

// The base64 characters that depend on `secret` alone when it follows `offset` other bytes
// (0, 1 or 2) in some encoded string: the same whatever surrounds it.
std::string base64_core(std::string_view secret, std::size_t offset) {
  const std::string encoded = mime::base64(std::string(offset, '\0') + std::string(secret));
  const std::size_t first = (offset * 8 + 5) / 6;            // first whole character
  const std::size_t end = (offset + secret.size()) * 8 / 6;  // past the last whole one
  return end > first ? encoded.substr(first, end - first) : std::string();
}

}  // namespace

std::string redact_credentials(std::string text, std::string_view username,
                               std::string_view password) {
  // Longest first, so that a shorter form never breaks up a longer one before it is found.
  std::vector<std::string> forms;
  if (!password.empty()) {
    std::string plain;
    plain += '\0';
    plain += username;
    plain += '\0';
    plain += password;
    forms.push_back(mime::base64(plain));
    forms.push_back(mime::base64(password));
    for (std::size_t offset = 0; offset < 3; ++offset) {
      if (std::string core = base64_core(password, offset); core.size() >= k_min_fragment) {
        forms.push_back(std::move(core));
      }
    }
  }
  if (!username.empty()) {
    forms.push_back(mime::base64(username));
  }
  std::stable_sort(forms.begin(), forms.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& form : forms) {
    replace_all(text, form);
  }
  // As written last: "***" cannot be part of a base64 form, but a raw user name could be.
  replace_all(text, password);
  replace_all(text, username);
  return text;
}

}  // namespace tracker::alert
