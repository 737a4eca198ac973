#include "tracker/text/sentence_words.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <string>

#include "tracker/text/tokens.h"
#include "tracker/text/word_forms.h"

namespace tracker::text::sentence_words {
namespace {

// clang-format off
// Abbreviations, without their final period. Titles precede a name and never end a sentence.
constexpr auto k_titles = std::to_array<std::string_view>({
    "Adm", "Amb", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Det", "Dr", "Fr", "Ft",
    "Gen", "Gov", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mme", "Mr", "Mrs", "Ms", "Msgr", "Mt",
    "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "St", "Supt"});
// Always continue the sentence; any letter case.
constexpr auto k_joining = std::to_array<std::string_view>({
    "approx", "ca", "cf", "e.g", "i.e", "viz", "vs"});
// Continue the sentence before a number ("No. 5", "p. 55"), else are plain words; any case.
constexpr auto k_numbering = std::to_array<std::string_view>({
    "art", "ch", "ext", "fig", "figs", "N\u00B0", "N\u00BA", "No", "Nos", "Nr", "p", "para",
    "pp", "sec", "vol", "vols"});
// End a sentence only before a common sentence opener. Any case: "co." as well as "Co.".
constexpr auto k_ambiguous_any_case = std::to_array<std::string_view>({
    "al", "Bros", "Co", "Corp", "Cos", "Inc", "Jr", "Ltd", "Plc", "Sr"});
// The same, capitalised only, since "sat", "wed" or "mass" are also words. The US states are
// those AP style abbreviates in datelines: "SPRINGFIELD, Ill. (AP) -".
constexpr auto k_ambiguous_capitalised = std::to_array<std::string_view>({
    "Ave", "Blvd", "Dept", "Govt", "Rd", "Univ", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri", "Sat",
    "Sun", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Va", "Vt", "Wash", "Wis", "Wyo"});
// Words that open sentences far more often than they follow an abbreviation inside one, so
// "the U.S. The" splits and "the U.S. Government" does not.
constexpr auto k_sentence_openers = std::to_array<std::string_view>({
    "A", "After", "Also", "An", "And", "Another", "As", "At", "Because", "Before", "Being", "But",
    "By", "Did", "Do", "Does", "During", "Each", "Even", "Every", "For", "From", "He", "Her",
    "Here", "His", "How", "However", "I", "If", "In", "Instead", "It", "Its", "Many", "Meanwhile",
    "More", "Most", "Much", "My", "Neither", "No", "Nor", "Not", "Now", "On", "Once", "One",
    "Only", "Other", "Our", "She", "Since", "So", "Some", "Still", "Such", "That", "The", "Their",
    "Then", "There", "These", "They", "This", "Those", "Though", "Thus", "To", "Two", "Under",
    "Until", "We", "What", "When", "Where", "Whether", "Which", "While", "Who", "Why", "With",
    "Without", "Yet", "You", "Your"});
// End a sentence before a capitalised word unless it belongs to the time: "at 3 p.m. Tuesday".
constexpr auto k_times_of_day = std::to_array<std::string_view>({"a.m", "p.m"});
constexpr auto k_after_time_of_day = std::to_array<std::string_view>({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "BST", "CET",
    "CEST", "CST", "CT", "EDT", "EET", "EST", "ET", "GMT", "IST", "JST", "KST", "MSK", "PDT",
    "PST", "PT", "UTC"});
// clang-format on

// Whether `words` lists `word`; `any_case` ignores ASCII letter case only.
template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view word,
              bool any_case = false) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return std::any_of(words.begin(), words.end(), [&](std::string_view listed) {
    return any_case ? std::equal(word.begin(), word.end(), listed.begin(), listed.end(),
                                 [&](char a, char b) { return lower(a) == lower(b); })
                    : word == listed;
  });
}

}  // namespace

CharKind char_kind(std::string_view text, std::size_t pos, std::size_t& length) {
  utf8proc_int32_t cp = 0;
  const utf8proc_ssize_t read =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                       static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  length = read > 0 ? static_cast<std::size_t>(read) : 1;
  const utf8proc_category_t category = read > 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
  if (category == UTF8PROC_CATEGORY_LL) {
    return CharKind::lower;
  }
  if (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) {
    return CharKind::upper;
  }
  return category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO ? CharKind::digit
                                                                              : CharKind::other;
}

bool is_citation_marker(std::string_view inside) {
  const auto all = [](std::string_view s, auto test) {
    return !s.empty() && std::all_of(s.begin(), s.end(), test);
  };
  const auto digits = [&](std::string_view s) { return s.size() <= 4 && all(s, is_digit); };
  const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  if (digits(inside) || (inside.size() <= 2 && all(inside, lower)) || inside == "citation needed") {
    return true;
  }
  for (std::string_view prefix : {"note ", "nb ", "Note ", "NB "}) {
    if (inside.starts_with(prefix)) {
      return digits(inside.substr(prefix.size())) || all(inside.substr(prefix.size()), lower);
    }
  }
  return false;
}

WordKind classify(std::string_view word) {
  if (word.empty() || word.find_first_of("@/") != std::string_view::npos) {
    return WordKind::plain;  // e-mail addresses and URLs end sentences like words
  }
  if (contains(k_titles, word)) {
    return WordKind::title;
  }
  if (contains(k_joining, word, true)) {
    return WordKind::joining;
  }
  if (contains(k_numbering, word, true)) {
    return WordKind::numbering;
  }
  if (contains(k_ambiguous_any_case, word, true) || contains(k_ambiguous_capitalised, word)) {
    return WordKind::ambiguous;
  }
  if (contains(k_times_of_day, word, true)) {
    return WordKind::time_of_day;
  }
  std::size_t length = 0;
  const CharKind first = char_kind(word, 0, length);
  if (length == word.size() && (first == CharKind::upper || first == CharKind::lower)) {
    return WordKind::ambiguous;  // an initial, or "I"
  }
  // "U.S", "U.S.A", "Ph.D": groups of one or two letters joined by periods.
  std::size_t group = 0;
  bool dotted = false;
  for (const char c : word) {
    if (is_letter(c) && group < 2) {
      ++group;
    } else if (c == '.' && group > 0) {
      dotted = true;
      group = 0;
    } else {
      return WordKind::plain;
    }
  }
  return dotted && group > 0 ? WordKind::ambiguous : WordKind::plain;
}

bool ends_sentence(WordKind before, const NextToken& next, std::string_view so_far) {
  const bool opener =
      next.kind == CharKind::upper && !next.is_initial && contains(k_sentence_openers, next.word);
  switch (before) {
    case WordKind::title:
    case WordKind::joining:
      return false;
    case WordKind::numbering:
      return next.kind != CharKind::lower && next.kind != CharKind::digit;
    case WordKind::ambiguous:
      return opener;
    case WordKind::time_of_day:
      if (next.kind != CharKind::upper || next.is_initial || contains(k_after_time_of_day, next.word)) {
        return false;
      }
      // A title after the time starts a sentence ("left the bank at 6 p.m. Mr. Smith then went")
      // unless the time opened the one it is in ("At 5 a.m. Mr. Smith went").
      return !contains(k_titles, next.word) || !time_opens_sentence(so_far);
    case WordKind::plain:
      break;
  }
  return next.kind != CharKind::lower;
}

bool time_opens_sentence(std::string_view so_far) {
  // The prepositions and adverbs a fronted time of day begins with.
  static constexpr auto k_time_openers = std::to_array<std::string_view>({
      "About", "After", "Around", "At", "Before", "By", "Early", "From", "Just", "Late", "Shortly",
      "Since", "Until"});
  // "Shortly after 6:30 p.m": the opener, a word or two and the clock time.
  constexpr std::size_t k_max_words = 5;
  const std::size_t first_end = std::min(so_far.find(' '), so_far.size());
  return contains(k_time_openers, so_far.substr(0, first_end)) &&
         static_cast<std::size_t>(std::count(so_far.begin(), so_far.end(), ' ')) < k_max_words;
}

namespace {

// The length of the word of ASCII letters starting `text` if it is one of `words`, else 0.
template <std::size_t N>
std::size_t word_among(std::string_view text, const std::array<std::string_view, N>& words) {
  std::size_t end = 0;
  while (end < text.size() && is_letter(text[end])) {
    ++end;
  }
  const std::string_view word = text.substr(0, end);
  return std::find(words.begin(), words.end(), word) != words.end() ? end : 0;
}

// The length of the run of 1 to `max` digits starting `text`, else 0.
std::size_t digits(std::string_view text, std::size_t max) {
  std::size_t end = 0;
  while (end < text.size() && end < max && is_digit(text[end])) {
    ++end;
  }
  return end < text.size() && is_digit(text[end]) ? 0 : end;
}

}  // namespace

std::size_t dateline_length(std::string_view text) {
  static constexpr std::array<std::string_view, 7> k_weekdays = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                                 "Friday", "Saturday", "Sunday"};
  static constexpr std::array<std::string_view, 12> k_months = {
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
      "December"};
  // Asked at every word: most start with a letter no weekday starts with.
  if (text.empty() || std::string_view("MTWFS").find(text.front()) == std::string_view::npos) {
    return 0;
  }
  std::size_t pos = word_among(text, k_weekdays);
  if (pos == 0 || text.substr(pos, 2) != ", ") {
    return 0;
  }
  pos += 2;
  // "January 31, 2009" or "31 January 2009".
  if (const std::size_t month = word_among(text.substr(pos), k_months); month > 0) {
    pos += month;
    if (text.substr(pos, 1) != " ") {
      return 0;
    }
    const std::size_t day = digits(text.substr(pos + 1), 2);
    if (day == 0 || text.substr(pos + 1 + day, 2) != ", ") {
      return 0;
    }
    pos += 1 + day + 2;
  } else {
    const std::size_t day = digits(text.substr(pos), 2);
    if (day == 0 || text.substr(pos + day, 1) != " ") {
      return 0;
    }
    pos += day + 1;
    const std::size_t name = word_among(text.substr(pos), k_months);
    if (name == 0 || text.substr(pos + name, 1) != " ") {
      return 0;
    }
    pos += name + 1;
  }
  const std::size_t year = digits(text.substr(pos), 4);
  return year == 4 ? pos + year : 0;
}

std::size_t caption_label_length(std::string_view text) {
  static constexpr auto k_labels = std::to_array<std::string_view>({
      "Chart", "Fig", "Figure", "Graphic", "Map", "Table"});
  std::size_t pos = word_among(text, k_labels);
  if (pos == 0) {
    return 0;
  }
  pos += text.substr(pos, 1) == "." && text.substr(0, pos) == "Fig" ? 1 : 0;
  if (text.substr(pos, 1) != " ") {
    return 0;
  }
  ++pos;
  // "1", "1.5", "15.16": numbers joined by single periods, with no period after the last.
  for (std::size_t number = 0; (number = digits(text.substr(pos), 3)) > 0;) {
    pos += number;
    if (text.substr(pos, 1) != "." || digits(text.substr(pos + 1), 3) == 0) {
      break;
    }
    ++pos;
  }
  const bool numbered = is_digit(text[pos - 1]);  // pos is past "Table " at least
  return numbered && text.substr(pos, 1) == " " && pos + 1 < text.size() ? pos : 0;
}

bool leads_into_date(std::string_view word) {
  // Beyond the function words: those that take a bare date as their time.
  static constexpr std::array<std::string_view, 10> k_date_takers = {
      "till", "last", "next", "said", "says", "announced", "published", "updated", "posted", "held"};
  const std::string lower = ascii_lower(word);
  return is_function_word(lower) ||
         std::find(k_date_takers.begin(), k_date_takers.end(), lower) != k_date_takers.end();
}

bool opens_speech_tag(std::string_view text) {
  // Verbs of direct speech, as a quote's tag uses them: past and present.
  static constexpr auto k_speech_verbs = std::to_array<std::string_view>({
      "added", "adds", "answered", "answers", "asked", "asks", "begged", "called", "calls",
      "continued", "cried", "cries", "demanded", "demands", "exclaimed", "explained", "howled",
      "insisted", "laughed", "muttered", "pleaded", "replied", "replies", "said", "say", "says",
      "screamed", "shouted", "shouts", "sighed", "snapped", "started", "told", "tells", "whispered",
      "wondered", "wrote", "writes", "yelled"});
  static constexpr auto k_no_speaker = std::to_array<std::string_view>({"No", "Nobody", "None", "Nothing"});
  // The speaker: a name or a pronoun of up to three words ("I", "Pete", "Mom", "Gen. Ivan
  // Petrov"), each letters with apostrophes or hyphens, or a title with its period.
  constexpr std::size_t k_max_words = 4;
  std::size_t pos = 0;
  for (std::size_t words = 0; words < k_max_words && pos < text.size(); ++words) {
    std::size_t end = pos;
    while (end < text.size() && (is_letter(text[end]) || text[end] == '\'' || text[end] == '-')) {
      ++end;
    }
    const std::string_view word = text.substr(pos, end - pos);
    if (word.empty()) {
      return false;
    }
    if (contains(k_speech_verbs, word, /*any_case=*/true)) {
      return words > 0;
    }
    if (words == 0 && contains(k_no_speaker, word)) {
      return false;  // '"Because!" Nobody answered.': a sentence about the quote
    }
    if (end < text.size() && text[end] == '.' && classify(word) == WordKind::title) {
      ++end;
    }
    if (end >= text.size() || text[end] != ' ') {
      return false;  // punctuation before any verb: not a tag
    }
    pos = end + 1;
  }
  return false;
}

namespace {

// The length of the credit label ("credit", "Photo") that opens `text`, any case, or 0.
std::size_t credit_label(std::string_view text) {
  static constexpr auto k_labels = std::to_array<std::string_view>({
      "credit", "credits", "photo", "photos", "image", "images", "picture", "source"});
  std::size_t end = 0;
  while (end < text.size() && is_letter(text[end])) {
    ++end;
  }
  return contains(k_labels, text.substr(0, end), /*any_case=*/true) ? end : 0;
}

}  // namespace

bool opens_credit_bracket(std::string_view text) {
  if (text.size() < 2 || (text[0] != '(' && text[0] != '[') || !(text[1] >= 'a' && text[1] <= 'z')) {
    return false;
  }
  const std::size_t label = credit_label(text.substr(1));
  const std::string_view rest = text.substr(1 + label, 4);
  return label > 0 && (text.substr(1, 6) == "credit" || rest.starts_with(":") || rest == " by ");
}

bool opens_credit_line(std::string_view text) {
  if (text.empty() || text[0] < 'A' || text[0] > 'Z') {
    return false;  // asked at every space: most words are not capitalised
  }
  const std::size_t label = credit_label(text);
  return label > 0 && text.substr(label, 2) == ": ";
}

}  // namespace tracker::text::sentence_words
