#include "tracker/claims/claim_extractor.h"

#include <algorithm>

#include "tracker/claims/attribution.h"
#include "tracker/claims/certainty.h"
#include "tracker/claims/time_refs.h"
#include "tracker/text/language.h"
#include "tracker/text/normalize.h"
#include "tracker/text/page_age.h"
#include "tracker/text/sentences.h"
#include "tracker/text/word_forms.h"

namespace tracker::claims {
namespace {

// Who speaks in a sentence whose speaker is named elsewhere in its paragraph:
// - "“…,” it added.": the pronoun is whoever spoke in the sentence before, if that was named;
// - a sentence inside a quotation opened in an earlier sentence (X said: "A. B.") is X's;
// - a quotation right after another speaker's quotation ("“A,” X said. “B.”") is X's too, also
//   where X is a pronoun ("“A,” she said. “B.”": the second sentence is hers, whoever she is).
void resolve_speaker(Claim& claim, std::string_view sentence, const Claim* previous,
                     bool starts_inside_quote) {
  if (previous == nullptr || previous->attribution.empty()) {
    return;
  }
  const bool quoted = sentence.starts_with('"');
  if (is_pronoun(claim.attribution) && quoted && !is_pronoun(previous->attribution)) {
    claim.attribution = previous->attribution;
  } else if (claim.attribution.empty() && (starts_inside_quote || quoted)) {
    claim.attribution = previous->attribution;
  }
}

// Languages that write "12.000" for twelve thousand and "2,7" for two point seven.
bool continental_separators(std::string_view language) {
  return language == "de" || language == "fr" || language == "es" || language == "pt" || language == "it" ||
         language == "nl" || language == "id" || language == "und-Cyrl";
}

// The sentence with '.' and ',' swapped between digits: the quantity reader's convention, at
// the same byte offsets.
std::string with_english_separators(std::string_view sentence) {
  std::string swapped(sentence);
  const auto digit = [&](std::size_t i) { return i < swapped.size() && swapped[i] >= '0' && swapped[i] <= '9'; };
  for (std::size_t i = 1; i + 1 < swapped.size(); ++i) {
    if ((swapped[i] == '.' || swapped[i] == ',') && digit(i - 1) && digit(i + 1)) {
      swapped[i] = swapped[i] == '.' ? ',' : '.';
    }
  }
  return swapped;
}

}  // namespace

std::string_view to_string(Certainty certainty) {
  switch (certainty) {
    case Certainty::asserted:
      return "asserted";
    case Certainty::hedged:
      return "hedged";
    case Certainty::denied:
      return "denied";
    case Certainty::confirmed:
      return "confirmed";
    case Certainty::retracted:
      return "retracted";
  }
  return "asserted";
}

std::string_view to_string(PageField field) {
  switch (field) {
    case PageField::body:
      return "body";
    case PageField::headline:
      return "headline";
    case PageField::standfirst:
      return "standfirst";
    case PageField::byline:
      return "byline";
  }
  return "body";
}

int certainty_strength(Certainty certainty) {
  switch (certainty) {
    case Certainty::retracted:
      return 0;
    case Certainty::denied:
      return 1;
    case Certainty::hedged:
      return 2;
    case Certainty::asserted:
      return 3;
    case Certainty::confirmed:
      return 4;
  }
  return 3;
}

ClaimExtractor::ClaimExtractor(const TopicLexicon& lexicon) : m_matcher(lexicon, m_stemmer) {}

Claim ClaimExtractor::claim_of(std::string_view sentence, std::size_t paragraph) {
  Claim claim;
  claim.text = std::string(sentence);
  claim.key = text::comparison_key(sentence);
  claim.paragraph = paragraph;
  const std::vector<text::Token> tokens = text::tokenize(sentence);
  // "Updated 3 minutes ago", "Aktualisiert vor 3 Minuten", "Last updated: just now": a page's
  // age, which changes on every fetch and says nothing about the story.
  if (text::is_age_line(sentence, tokens)) {
    claim.key.clear();  // the caller drops key-less sentences
    return claim;
  }
  std::vector<std::string> stems;
  stems.reserve(tokens.size());
  for (const text::Token& token : tokens) {
    stems.push_back(m_stemmer.stem(token.lower));
  }
  claim.topics = m_matcher.match(stems);
  claim.numbers = text::find_quantities(sentence);
  claim.attribution = find_attribution(sentence, tokens);
  CertaintyReading certainty = read_certainty(tokens, stems);
  claim.certainty = certainty.certainty;
  claim.certainty_cues = std::move(certainty.cues);
  claim.times = find_time_references(sentence, tokens);
  return claim;
}

Claim ClaimExtractor::field_claim(std::string_view text, PageField field, const std::vector<Claim>& body) {
  const std::string normalized = text::normalize_text(text);
  // A headline or byline is too short to tell its language: it is the article's.
  const std::string language = body.empty() ? std::string() : body.front().language;
  Claim claim = language.empty() ? claim_of(normalized, 0) : numbers_of(normalized, 0, language);
  claim.field = field;
  return claim;
}

Claim ClaimExtractor::numbers_of(std::string_view sentence, std::size_t paragraph, std::string_view language) {
  Claim claim;
  claim.text = std::string(sentence);
  claim.key = text::comparison_key(sentence);
  claim.paragraph = paragraph;
  if (continental_separators(language)) {
    claim.numbers = text::find_quantities(with_english_separators(sentence));
    for (text::Quantity& quantity : claim.numbers) {
      quantity.text = claim.text.substr(quantity.begin, quantity.end - quantity.begin);  // as written
    }
  } else {
    claim.numbers = text::find_quantities(sentence);
  }
  claim.language = std::string(language);
  return claim;
}

std::vector<Claim> ClaimExtractor::extract(const std::vector<std::string>& paragraphs) {
  return *extract(paragraphs, ClaimLimits{}, nullptr);
}

tl::expected<std::vector<Claim>, TooManySentences> ClaimExtractor::extract(
    const std::vector<std::string>& paragraphs, const ClaimLimits& limits) {
  return extract(paragraphs, limits, nullptr);
}

tl::expected<std::vector<Claim>, TooManySentences> ClaimExtractor::extract(
    const std::vector<std::string>& paragraphs, const ClaimLimits& limits, ParagraphMemo& memo) {
  return extract(paragraphs, limits, &memo);
}

bool ClaimExtractor::read_paragraph(const std::vector<std::string_view>& sentences, std::size_t index,
                                    bool english, const std::string& language, const ClaimLimits& limits,
                                    std::vector<Claim>& claims) {
  bool inside_quote = false;  // a quotation opened in an earlier sentence of the paragraph
  for (std::string_view sentence : sentences) {
    if (limits.out_of_time && limits.out_of_time()) {
      return false;
    }
    Claim claim = english ? claim_of(sentence, index) : numbers_of(sentence, index, language);
    const bool starts_inside_quote = inside_quote;
    inside_quote = (std::count(sentence.begin(), sentence.end(), '"') % 2 == 1) != inside_quote;
    if (claim.key.empty()) {
      continue;  // punctuation, a lone dash or a page's age: nothing to claim
    }
    if (english) {
      // The claim before, in this paragraph or an earlier one.
      resolve_speaker(claim, sentence, claims.empty() ? nullptr : &claims.back(), starts_inside_quote);
    }
    claims.push_back(std::move(claim));
  }
  return true;
}

tl::expected<std::vector<Claim>, TooManySentences> ClaimExtractor::extract(
    const std::vector<std::string>& paragraphs, const ClaimLimits& limits, ParagraphMemo* memo) {
  std::vector<std::string> normalized;
  normalized.reserve(paragraphs.size());
  for (const std::string& paragraph : paragraphs) {
    normalized.push_back(text::normalize_text(paragraph));
  }
  const text::LanguageGuess language = text::detect_language(normalized);
  // Each paragraph's entry in the memo (nullptr: not there, or no memo); the sentences of those
  // not there, as views into `normalized`.
  std::vector<ParagraphMemo::Paragraph*> remembered(normalized.size(), nullptr);
  std::vector<std::vector<std::string_view>> sentences(normalized.size());
  std::vector<std::string> memo_keys(memo ? normalized.size() : 0);
  std::size_t count = 0;
  for (std::size_t index = 0; index < normalized.size(); ++index) {
    if (memo) {
      memo_keys[index] = language.code + '\n' + normalized[index];
      if (auto found = memo->m_paragraphs.find(memo_keys[index]); found != memo->m_paragraphs.end()) {
        remembered[index] = &found->second;
      }
    }
    if (remembered[index]) {
      count += remembered[index]->sentences;
    } else {
      sentences[index] = text::split_sentences(normalized[index]);
      count += sentences[index].size();
    }
    if (count > limits.max_sentences) {
      return tl::make_unexpected(TooManySentences{
          limits.max_sentences,
          "the text has more than " + std::to_string(limits.max_sentences) + " sentences"});
    }
  }
  std::vector<Claim> claims;
  claims.reserve(count);
  for (std::size_t index = 0; index < normalized.size(); ++index) {
    ParagraphMemo::Paragraph* entry = remembered[index];
    // Who spoke last: the one context a paragraph's claims take from the paragraphs before it.
    const std::string speaker = claims.empty() ? std::string() : claims.back().attribution;
    if (entry) {
      const auto reading = std::find_if(entry->readings.begin(), entry->readings.end(),
                                        [&](const auto& read) { return read.first == speaker; });
      if (reading != entry->readings.end()) {
        for (const Claim& claim : reading->second) {
          claims.push_back(claim);
          claims.back().paragraph = index;
        }
        ++memo->m_reused;
        continue;
      }
      sentences[index] = text::split_sentences(normalized[index]);  // there, after another speaker
    }
    const std::size_t first = claims.size();
    if (!read_paragraph(sentences[index], index, language.english(), language.code, limits, claims)) {
      return tl::make_unexpected(TooManySentences{limits.max_sentences, "out of time reading claims", true});
    }
    if (memo) {
      if (!entry) {
        entry = &memo->m_paragraphs[memo_keys[index]];
        entry->sentences = sentences[index].size();
      }
      entry->readings.emplace_back(speaker, std::vector<Claim>(claims.begin() + static_cast<std::ptrdiff_t>(first),
                                                               claims.end()));
    }
  }
  return claims;
}

}  // namespace tracker::claims
