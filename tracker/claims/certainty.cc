#include "tracker/claims/certainty.h"

#include <algorithm>
#include <array>

namespace tracker::claims {
namespace {

// Stems (Snowball English) of words that hedge a statement. One place for this policy.
constexpr std::array<std::string_view, 24> k_hedge_stems = {
    "appear",  "appar",   "may",       "might",    "could",    "possibl", "perhap",  "believ",
    "alleg",   "claim",   "suggest",   "seem",     "unconfirm", "suspect", "purport", "presum",
    "probabl", "unclear", "estim",     "rumor",    "rumour",   "unverifi", "accus",  "unlik"};

// Hedges whose stems are shared with plain words ("reportedly" and "reported" both stem to
// "report"; "likely" and "like" to "like"), so they are matched as written.
constexpr std::array<std::string_view, 3> k_hedge_words = {"reportedly", "likely", "supposedly"};

// Stems of words that deny a statement.
constexpr std::array<std::string_view, 7> k_denial_stems = {
    "deni", "deny", "reject", "refut", "dismiss", "rebut", "disput"};

template <std::size_t N>
bool one_of(std::string_view stem, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), stem) != set.end();
}

}  // namespace

CertaintyReading read_certainty(const std::vector<text::Token>& tokens,
                                const std::vector<std::string>& stems) {
  CertaintyReading reading;
  std::vector<std::string> hedges;
  std::vector<std::string> denials;
  for (std::size_t i = 0; i < tokens.size() && i < stems.size(); ++i) {
    const std::string& stem = stems[i];
    if (one_of(stem, k_denial_stems)) {
      denials.emplace_back(tokens[i].text);
    } else if (one_of(stem, k_hedge_stems) || one_of(tokens[i].lower, k_hedge_words)) {
      hedges.emplace_back(tokens[i].text);
    }
  }
  if (!denials.empty()) {
    reading.certainty = Certainty::denied;
    reading.cues = std::move(denials);
  } else if (!hedges.empty()) {
    reading.certainty = Certainty::hedged;
    reading.cues = std::move(hedges);
  }
  return reading;
}

}  // namespace tracker::claims
