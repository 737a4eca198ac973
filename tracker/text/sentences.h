#pragma once

#include <string_view>
#include <vector>

namespace tracker::text {

// Splits one paragraph of news prose into sentences: views into `paragraph`, in order, trimmed
// of ASCII and Unicode spaces, never empty, together covering all of its non-space text.
//
// A sentence ends at "." "?" "!" or an ellipsis (with any closing quotes and brackets after
// it) followed by a space and something that can start a sentence: not a lower-case word;
// after an abbreviation that often ends sentences ("Inc.", "U.S.", an initial) or after a
// three-dot ellipsis, only a common sentence-opening word ("The", "He", "In"...); after "a.m."
// or "p.m." a capitalised word that is not a day, time zone or title; never after a title
// ("Mr.", "Gen.") or "e.g.", nor before a number after "No.", "p." or "Jan.". A period glued to
// a capitalised word ("world.Today") also ends one, outside URLs and e-mail addresses. A line
// break ("\n", "\r", U+2028, U+2029) always ends a sentence, as it ends a list item or a
// paragraph in extracted text. Numbered, lettered and bulleted lists written on one line split
// before each item. Quotes get no special nesting: "“We will win. Russia will lose,” he said."
// is two sentences; but a quoted question or exclamation keeps its speech tag ('"Why?" Pete
// asked.'), since a claim keeps its speaker. A caption's label ("Figure 1.5" opening a line)
// and its credit ("(credit: NASA)" after a sentence, "Image: NASA" after a caption) are units
// of their own. Invalid UTF-8 is tolerated (its bytes count as punctuation).
std::vector<std::string_view> split_sentences(std::string_view paragraph);

}  // namespace tracker::text
