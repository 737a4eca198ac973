#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/text/quantities.h"

namespace tracker::claims {

// How firmly a claim is made, weakest first: withdrawn by its source, denied, hedged,
// asserted, confirmed (certainty_strength orders them).
enum class Certainty { asserted, hedged, denied, confirmed, retracted };

std::string_view to_string(Certainty certainty);
// 0 (retracted) to 4 (confirmed): a move up is firmer, a move down weaker.
int certainty_strength(Certainty certainty);

// Where on the page a claim is: a sentence of the article's body, or one of the fields the page
// gives for itself, each read whole as one claim and compared only with the same field.
enum class PageField { body, headline, standfirst, byline };

std::string_view to_string(PageField field);

// One sentence-level statement of a report, with its structure (see DESIGN.md, "Claims").
struct Claim {
  std::string text;                     // normalised: Unicode folded, quotes ASCII, spaces single
  std::string key;                      // comparison key: case, punctuation and quotes removed
  std::vector<std::string> topics;      // in lexicon order
  std::vector<text::Quantity> numbers;  // in order of appearance
  std::string attribution;              // who said it; empty when unattributed
  Certainty certainty = Certainty::asserted;
  std::vector<std::string> certainty_cues;  // the hedging or denying words found
  std::vector<std::string> times;           // time references as written
  std::size_t paragraph = 0;                // index of the paragraph it came from
  PageField field = PageField::body;
  // Empty for English text, which every rule reads. Otherwise the text's language
  // (text/language.h): the rules are English, so only the claim's numbers were read.
  std::string language;

  // True when the English rules read this claim (see `language`).
  bool analysed() const { return language.empty(); }
};

}  // namespace tracker::claims
