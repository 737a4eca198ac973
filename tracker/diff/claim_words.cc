#include "tracker/diff/claim_words.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "tracker/claims/attribution.h"
#include "tracker/text/word_forms.h"

namespace tracker::diff {
namespace {

using claims::Claim;

bool is_upper_start(std::string_view word) {
  return !word.empty() && word[0] >= 'A' && word[0] <= 'Z';
}

// Byte ranges of the claim's quantities, time references and speaker: words inside them are
// compared as such (number, time and attribution aspects), not as words. Found once per
// claim, so that each word costs a look at a few ranges.
using Spans = std::vector<std::pair<std::size_t, std::size_t>>;

void add_occurrences(const std::string& text, const std::string& part, Spans& spans) {
  if (part.empty()) {
    return;
  }
  for (std::size_t from = text.find(part); from != std::string::npos; from = text.find(part, from + part.size())) {
    spans.emplace_back(from, from + part.size());
  }
}

// `speaker_as_words`: the speaker stayed the same entity, so a change in how it is described
// ("Education secretary Ed Balls", "Secretary of State for Children ... Ed Balls") is weighed
// as words; when the speaker changed, the attribution aspect says so and its words are left out.
Spans structure_spans(const Claim& claim, bool speaker_as_words) {
  Spans spans;
  for (const text::Quantity& quantity : claim.numbers) {
    spans.emplace_back(quantity.begin, quantity.end);
  }
  if (!speaker_as_words) {
    add_occurrences(claim.text, claim.attribution, spans);
  }
  for (const std::string& time : claim.times) {
    add_occurrences(claim.text, time, spans);
  }
  return spans;
}

bool inside(const Spans& spans, std::size_t begin, std::size_t end) {
  return std::any_of(spans.begin(), spans.end(),
                     [&](const auto& span) { return begin >= span.first && end <= span.second; });
}

}  // namespace

ClaimWords read_words(const Claim& claim) {
  ClaimWords words;
  words.claim = &claim;
  words.lower = text::ascii_lower(claim.text);
  words.tokens = text::token_spans(claim.text);
  for (std::size_t i = 0; i < words.tokens.size(); ++i) {
    words.negations += text::negates(words.lower_case(words.tokens[i]), words.lower_after(i)) ? 1 : 0;
  }
  return words;
}

std::vector<ClaimWords> read_words(const std::vector<Claim>& claims) {
  std::vector<ClaimWords> read;
  read.reserve(claims.size());
  for (const Claim& claim : claims) {
    read.push_back(read_words(claim));
  }
  return read;
}

namespace {

// Words that link a sentence to the one before and state nothing of their own, like the
// function words "however" and "meanwhile": adding "Additionally," changes no fact.
bool is_connective(std::string_view lower) {
  constexpr std::array<std::string_view, 13> k_connectives = {
      "additionally", "besides",     "consequently", "finally",  "furthermore",
      "hence",        "indeed",      "instead",      "likewise", "moreover",
      "nevertheless", "nonetheless", "therefore"};
  return std::find(k_connectives.begin(), k_connectives.end(), lower) != k_connectives.end();
}

}  // namespace

std::vector<ContentWord> content_words(const ClaimWords& words, bool speaker_as_words) {
  const Claim& claim = *words.claim;
  std::vector<ContentWord> content;
  const Spans spans = structure_spans(claim, speaker_as_words);
  std::vector<std::string> cues;
  for (const std::string& cue : claim.certainty_cues) {
    cues.push_back(text::ascii_lower(cue));
  }
  for (std::size_t i = 0; i < words.tokens.size(); ++i) {
    const text::TokenSpan& token = words.tokens[i];
    std::size_t part_begin = 0;
    const std::string_view lower = words.lower_case(token);
    const std::string_view token_text = words.written(token);
    while (part_begin <= lower.size()) {
      const std::size_t part_end = std::min(lower.find('-', part_begin), lower.size());
      const std::string_view part = lower.substr(part_begin, part_end - part_begin);
      const std::string_view written = token_text.substr(part_begin, part_end - part_begin);
      part_begin = part_end + 1;
      const bool cue = std::find(cues.begin(), cues.end(), part) != cues.end();
      if (part.empty() || cue || text::is_function_word(part) || is_connective(part) ||
          text::is_number_word(part) || claims::is_reporting_verb(part) ||
          text::negates(part, part_end == lower.size() ? words.lower_after(i) : "") ||
          inside(spans, token.begin, token.begin + token.size)) {
        continue;
      }
      content.push_back(ContentWord{text::without_possessive(part),
                                    token.begin > 0 && is_upper_start(written), written});
    }
  }
  return content;
}

}  // namespace tracker::diff
