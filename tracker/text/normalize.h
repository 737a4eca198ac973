#pragma once

#include <string>
#include <string_view>

namespace tracker::text {

// The text every claim is stored and compared as, so that trivial edits between two versions
// of an article (quote style, dash style, spaces, ligatures, invisible characters) vanish.
// Invalid UTF-8 is repaired (U+FFFD) first. Then, in this order of precedence:
//   - curly and other single quotes, primes, the acute accent and single guillemets ‹ › -> ';
//     curly double quotes, double primes and guillemets « » -> " (spaces inside kept as is);
//   - hyphens U+2010/U+2011, figure, en and em dashes, the horizontal bar and the minus sign
//     -> "-", keeping whatever spacing surrounds them ("2022–25" -> "2022-25",
//     "Kursk — the" -> "Kursk - the");
//   - NFKC (after NFC): full-width forms, ligatures (ﬁ -> fi), "…" -> "..."; except that
//     vulgar fractions (½), superscripts and subscripts (km², ¹) and spacing diacritics are
//     kept as they are, because NFKC would turn "2½" into "21⁄2" and "10²" into "102" and the
//     numbers stage would read the wrong value;
//   - Unicode spaces and line breaks -> one space; zero-width and other default-ignorable
//     characters (soft hyphen, ZWSP, ZWJ, BOM, bidi marks) and control characters removed;
//   - whitespace runs collapsed to one space, trimmed at both ends.
// The result is valid UTF-8 and normalize_text(normalize_text(x)) == normalize_text(x).
std::string normalize_text(std::string_view utf8);

// A key that aligns claims across versions: `normalized` (the output of normalize_text)
// case-folded, with punctuation and quotes dropped and whitespace collapsed, so "Troops, it
// said." and "troops it said" share a key. Apostrophes join ("Russia's" -> "russias"), other
// punctuation separates words ("mid-January" -> "mid january"); "." "," ":" "/" between two
// digits are kept so "10,000" and "11,000", or "2.7" and "27", keep different keys. Symbols
// ($ % € °) are kept.
std::string comparison_key(std::string_view normalized);

}  // namespace tracker::text
