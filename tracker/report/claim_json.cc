#include "tracker/report/claim_json.h"

#include <cmath>

#include "tracker/report/diff_report.h"
#include "tracker/report/join.h"

namespace tracker::report {
namespace {

nlohmann::ordered_json number_value(double value) {
  if (std::isnan(value)) {
    return nullptr;  // "many": a quantity without a value
  }
  if (value == std::floor(value) && std::fabs(value) < 9e15) {
    return static_cast<long long>(value);
  }
  return value;
}

}  // namespace

nlohmann::ordered_json claim_to_json(const claims::Claim& claim) {
  nlohmann::ordered_json object;
  object["text"] = claim.text;
  object["topics"] = claim.topics;
  nlohmann::ordered_json numbers = nlohmann::ordered_json::array();
  for (const text::Quantity& quantity : claim.numbers) {
    nlohmann::ordered_json number;
    number["text"] = quantity.text;
    number["value"] = number_value(quantity.value);
    number["qualifier"] = text::qualifier_name(quantity.qualifier);
    if (quantity.upper) {
      number["upper"] = number_value(*quantity.upper);
    }
    number["noun"] = quantity.noun.empty() ? nlohmann::ordered_json(nullptr)
                                           : nlohmann::ordered_json(quantity.noun);
    numbers.push_back(std::move(number));
  }
  object["numbers"] = std::move(numbers);
  object["attribution"] = claim.attribution.empty() ? nlohmann::ordered_json(nullptr)
                                                    : nlohmann::ordered_json(claim.attribution);
  object["certainty"] = claims::to_string(claim.certainty);
  object["certainty_cues"] = claim.certainty_cues;
  object["times"] = claim.times;
  object["paragraph"] = claim.paragraph;
  if (!claim.language.empty()) {
    object["language"] = claim.language;  // not analysed: only its numbers were read
  }
  return object;
}

std::string claims_json(const std::vector<claims::Claim>& claims) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const claims::Claim& claim : claims) {
    list.push_back(claim_to_json(claim));
  }
  nlohmann::ordered_json object;
  object["claims"] = std::move(list);
  return object.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string claims_text(const std::vector<claims::Claim>& claims) {
  std::string out;
  if (!claims.empty() && !claims.front().language.empty()) {
    out += not_analysed_note({claims.front().language}, "read");
  }
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const claims::Claim& claim = claims[i];
    out += "[" + std::to_string(i + 1) + "] " + claim.text + "\n";
    std::string details;
    if (!claim.topics.empty()) {
      details += "    topics: " + join_list(claim.topics) + "\n";
    }
    if (!claim.numbers.empty()) {
      std::vector<std::string> numbers;
      for (const text::Quantity& quantity : claim.numbers) {
        numbers.push_back(quantity.text + (quantity.noun.empty() ? "" : " [" + quantity.noun + "]"));
      }
      details += "    numbers: " + join_list(numbers) + "\n";
    }
    if (!claim.attribution.empty()) {
      details += "    attribution: " + claim.attribution + "\n";
    }
    if (claim.certainty != claims::Certainty::asserted) {
      details += "    certainty: " + std::string(claims::to_string(claim.certainty)) + " (" +
                 join_list(claim.certainty_cues) + ")\n";
    }
    if (!claim.times.empty()) {
      details += "    time: " + join_list(claim.times) + "\n";
    }
    out += details;
  }
  return out;
}

}  // namespace tracker::report
