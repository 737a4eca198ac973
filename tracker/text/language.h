#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tracker::text {

// The language of a text, told by its commonest words (English, German, French, Spanish,
// Portuguese, Italian, Dutch, Indonesian) or, for a text mostly in another script, by the script
// ("und-Cyrl", "und-Arab", "und-Hani", ...: BCP 47's "undetermined" with the script).
//
// The claim rules (attribution, certainty, negation, opposites, time, topics) are English rules:
// applied to another language they invent speakers and hedges from look-alike words. So the
// text decides, not the page's `lang` attribute, which templates often leave at "en" and
// which the stored text of a snapshot no longer carries: a version re-read from the store
// must get the claims it got when it was fetched. The bias is to English: a text that is
// short or mixed is read as English, as before this existed.
struct LanguageGuess {
  std::string code = "en";  // BCP 47 primary subtag, or "und-Xxxx" for a script
  bool english() const { return code == "en"; }
};

LanguageGuess detect_language(std::string_view text);
LanguageGuess detect_language(const std::vector<std::string>& paragraphs);

}  // namespace tracker::text
