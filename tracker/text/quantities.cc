#include "tracker/text/quantities.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <unordered_set>

#include "tracker/text/page_age.h"
#include "tracker/text/quantity_words.h"
#include "tracker/text/tokens.h"

namespace tracker::text {
namespace {

using namespace quantity_words;  // the word lists

// Whether `word` is one of the space-separated words of `list`. Searched for as a substring
// that stands between spaces, not by walking the list a byte at a time: some lists are long,
// and the noun after every figure is looked up in several.
constexpr bool in_list(std::string_view list, std::string_view word) {
  if (word.empty() || word.find(' ') != std::string_view::npos) {
    return false;  // no entry is empty or holds a space
  }
  for (std::size_t at = list.find(word); at != std::string_view::npos;
       at = list.find(word, at + 1)) {
    const std::size_t end = at + word.size();
    if ((at == 0 || list[at - 1] == ' ') && (end == list.size() || list[end] == ' ')) {
      return true;
    }
  }
  return false;
}
// A list's words are separated by single spaces, with none at either end: no entry is empty.
constexpr bool single_spaced(std::string_view list) {
  return !list.empty() && list.front() != ' ' && list.back() != ' ' &&
         list.find("  ") == std::string_view::npos;
}
static_assert(single_spaced(k_auxiliaries) && single_spaced(k_casualty_words) &&
              single_spaced(k_count_nouns) && single_spaced(k_couple_units) &&
              single_spaced(k_digit_suffixes) && single_spaced(k_months) &&
              single_spaced(k_of_determiners) && single_spaced(k_ordinal_words) &&
              single_spaced(k_series_words) && single_spaced(k_stop_words) &&
              single_spaced(k_time_words) && single_spaced(k_year_words));
static_assert(in_list("one two three", "one") && in_list("one two three", "two") &&
              in_list("one two three", "three"));
static_assert(!in_list("one two three", "tw") && !in_list("one two three", "wo") &&
              !in_list("stone one", "ton"));
static_assert(in_list("stone one", "one") && !in_list("one two", "one two") &&
              !in_list("one two", ""));

template <std::size_t N>
std::optional<double> lookup(const WordValue (&table)[N], std::string_view word) {
  for (const WordValue& entry : table) {
    if (entry.word == word) {
      return entry.value;
    }
  }
  return std::nullopt;
}

// The first word of a phrase ("more than": "more").
constexpr std::string_view first_word(std::string_view phrase) {
  return phrase.substr(0, std::min(phrase.find(' '), phrase.size()));
}

// Every word a quantity can start with, lower-case: what Scanner::parse_at tries at a word.
// "between"; a qualifier's first word; a number word, or "a", "an", "half" before a scale
// (read_words); a plural numeral, "couple" or a vague phrase's first word (parse_vague).
// Derived from the same lists, so that a word added to one is a start here too. Most words of
// a sentence are none of these, and need none of the tries.
const std::unordered_set<std::string_view>& quantity_starts() {
  static const std::unordered_set<std::string_view> starts = [] {
    std::unordered_set<std::string_view> words = {"between", "a", "an", "half", "couple"};
    for (const QualifierPhrase& entry : k_qualifiers) {
      words.insert(first_word(entry.words));
    }
    for (const WordValue& entry : k_number_words) {
      words.insert(first_word(entry.word));
    }
    for (const WordValue& entry : k_plural_numerals) {
      words.insert(first_word(entry.word));
    }
    for (const WordValue& entry : k_vague_words) {
      words.insert(first_word(entry.word));
    }
    return words;
  }();
  return starts;
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || is_upper(c);
}
// Letters from U+00C0 on, except the lead byte of punctuation and currency (U+2000-U+2FFF).
bool is_letter_byte(unsigned char c) {
  return is_ascii_letter(static_cast<char>(c)) || (c >= 0xC3 && c != 0xE2);
}

// A word that looks like an English plural: "troops", "casualties"; not "Paris", "status".
// Singular nouns that end as a compound's "-men" plural does.
constexpr std::string_view k_singular_men =
    "specimen abdomen regimen acumen stamen albumen bitumen cognomen hymen lumen semen foramen";

static_assert(single_spaced(k_singular_men));

bool looks_plural(std::string_view word) {
  if (word.find('\'') != std::string_view::npos) {
    return false;
  }
  // A compound of "man" makes its plural in "-men": "120 servicemen", "40 firemen", "six gunmen".
  if (word.size() >= 6 && word.ends_with("men") && !in_list(k_singular_men, word)) {
    return true;
  }
  return word.size() >= 3 && word.back() == 's' && !word.ends_with("ss") && !word.ends_with("us") &&
         !word.ends_with("is");
}

// The value of digits such as "10,000" or "2.7"; from_chars rounds correctly.
double parse_decimal(std::string_view digits) {
  std::array<char, 64> buffer{};
  std::size_t length = 0;
  for (const char c : digits) {
    if (c != ',' && length < buffer.size()) {
      buffer[length++] = c;
    }
  }
  double value = 0;
  std::from_chars(buffer.data(), buffer.data() + length, value);
  return value;
}

// Length of the UTF-8 sequence led by `lead`; stray continuation bytes count as one.
std::size_t sequence_length(unsigned char lead) {
  return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

// The end of the number starting at `i`: digits with "," before groups of three, one ".".
std::size_t number_end(std::string_view s, std::size_t i) {
  bool seen_dot = false;
  while (i < s.size()) {
    const bool group = s[i] == ',' && !seen_dot && i + 3 < s.size() && is_ascii_digit(s[i + 1]) &&
                       is_ascii_digit(s[i + 2]) && is_ascii_digit(s[i + 3]) &&
                       (i + 4 == s.size() || !is_ascii_digit(s[i + 4]));
    if (is_ascii_digit(s[i])) {
      ++i;
    } else if (group) {
      i += 4;
    } else if (s[i] == '.' && !seen_dot && i + 1 < s.size() && is_ascii_digit(s[i + 1])) {
      seen_dot = true;
      ++i;
    } else {
      break;
    }
  }
  return i;
}

enum class Kind { word, number, symbol };

struct Lexeme {
  std::size_t begin;
  std::size_t end;
  Kind kind;
  // The lexeme's text, and its lower-case copy: looked up many times per lexeme, so cut once.
  std::string_view text;
  std::string_view low;
};

// A number as read before qualifiers, ranges and nouns are attached.
struct Number {
  double value = 0;
  double scale = 1;        // the largest scale applied: 1e6 for "2.7 million"
  std::size_t first = 0;   // first lexeme, currency sign included
  std::size_t last = 0;    // one past the last lexeme
  std::string_view noun;   // "percent", a currency or a unit written on the digits ("10km")
  bool bare_one = false;   // the word "one" alone
  bool year_like = false;  // four plain digits from 1900 to 2100
};

// One sentence cut into words, numbers and symbols, with a lower-case copy for look-ups.
class Scanner {
 public:
  explicit Scanner(std::string_view sentence) : m_text(sentence), m_lower(sentence) {
    for (char& c : m_lower) {
      c = is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
    }
    m_lexemes.reserve(sentence.size() / 4 + 4);
    std::size_t i = 0;
    while (i < sentence.size()) {
      const auto c = static_cast<unsigned char>(sentence[i]);
      std::size_t j = i + sequence_length(c);
      Kind kind = Kind::symbol;
      if (c <= ' ') {  // spaces and control characters only separate
        ++i;
        continue;
      }
      if (is_ascii_digit(sentence[i])) {
        kind = Kind::number;
        j = number_end(sentence, i);
      } else if (is_letter_byte(c)) {
        kind = Kind::word;
        while (j < sentence.size()) {
          const auto b = static_cast<unsigned char>(sentence[j]);
          if (b == '\'' && j + 1 < sentence.size() && is_ascii_letter(sentence[j + 1])) {
            ++j;  // "Korea's", "o'clock"
          } else if (is_letter_byte(b)) {
            j += sequence_length(b);
          } else {
            break;
          }
        }
      }
      j = std::min(j, sentence.size());
      m_lexemes.push_back(
          {i, j, kind, m_text.substr(i, j - i), std::string_view(m_lower).substr(i, j - i)});
      i = j;
    }
  }

  // The lexemes view m_lower: a copy would view the original's.
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  std::vector<Quantity> run() const {
    std::vector<Quantity> found;
    const auto& starts = quantity_starts();
    for (std::size_t i = 0; i < m_lexemes.size();) {
      if (is(i, Kind::word) && !starts.contains(low(i))) {
        ++i;  // parse_at would try every list and find nothing
        continue;
      }
      std::size_t next = i + 1;
      if (std::optional<Quantity> quantity = parse_at(i, next)) {
        found.push_back(std::move(*quantity));
      }
      i = std::max(next, i + 1);
    }
    return found;
  }

 private:
  std::string_view text(std::size_t i) const {
    return i < m_lexemes.size() ? m_lexemes[i].text : std::string_view{};
  }
  std::string_view low(std::size_t i) const {
    return i < m_lexemes.size() ? m_lexemes[i].low : std::string_view{};
  }
  bool is(std::size_t i, Kind kind) const {
    return i < m_lexemes.size() && m_lexemes[i].kind == kind;
  }
  // Whether lexeme `i` and the one after it are written without a space between them.
  bool touches(std::size_t i) const {
    return i + 1 < m_lexemes.size() && m_lexemes[i].end == m_lexemes[i + 1].begin;
  }
  bool is_dash(std::size_t i) const { return text(i) == "-" || text(i) == "\u2013"; }
  // A hyphen glued to what is on both sides: "three-year", "300-400".
  bool is_joining_hyphen(std::size_t i) const {
    return i > 0 && is_dash(i) && touches(i - 1) && touches(i);
  }
  // The last lexeme of the hyphenated compound starting at `j` ("battle-hardened": "hardened").
  // Remembered for every lexeme of the sentence in one backward pass: walking the chain from
  // each of its words made "twenty-twenty-twenty-..." quadratic in the length of the chain.
  std::size_t compound_end(std::size_t j) const {
    if (m_compound_end.empty()) {
      m_compound_end.resize(m_lexemes.size() + 2);
      for (std::size_t k = m_compound_end.size(); k-- > 0;) {
        const bool joined = is_joining_hyphen(k + 1) && !is(k + 2, Kind::symbol);
        m_compound_end[k] = joined ? m_compound_end[k + 2] : k;
      }
    }
    return j < m_compound_end.size() ? m_compound_end[j] : j;
  }
  bool is_capitalised(std::size_t i) const {
    return is(i, Kind::word) && is_upper(m_text[m_lexemes[i].begin]);
  }
  bool is_month(std::size_t i) const { return is_capitalised(i) && in_list(k_months, low(i)); }
  // A month just before lexeme `i`, as in "February 2022" or "Feb. 4".
  bool month_before(std::size_t i) const {
    return i > 0 && (is_month(i - 1) || (i > 1 && text(i - 1) == "." && is_month(i - 2)));
  }

  // The number of lexemes from `i` spelling `phrase` (words separated by spaces), or 0.
  std::size_t match(std::size_t i, std::string_view phrase) const {
    // A cheap first test, one byte and no call: most words start no phrase, and this runs for
    // every phrase at every word of every sentence.
    const std::string_view word = low(i);
    if (phrase.empty() || word.empty() || word.front() != phrase.front()) {
      return 0;
    }
    for (std::size_t count = 0;;) {
      const std::size_t space = std::min(phrase.find(' '), phrase.size());
      if (phrase.substr(0, space) != low(i + count++)) {
        return 0;
      }
      if (space == phrase.size()) {
        return count;
      }
      phrase.remove_prefix(space + 1);
    }
  }

  // Whether what is glued before digits makes them part of an identifier: "A320", "S-400",
  // "mid-2024", "10:30", "24/7", "No. 5".
  bool glued_to_identifier(std::size_t i) const {
    if (i >= 2 && low(i - 2) == "no" && text(i - 1) == ".") {
      return true;
    }
    if (i == 0 || !touches(i - 1)) {
      return false;
    }
    return is(i - 1, Kind::word) || in_list(": / . , #", text(i - 1)) ||
           (is_dash(i - 1) && i >= 2 && touches(i - 2));
  }

  // Reads digits at `i` with what is written onto them ("1.2k", "10km") and any scale words.
  bool read_digits(std::size_t i, bool currency, bool range_upper, Number& number) const {
    const std::string_view digits = text(i);
    if ((!range_upper && !currency && glued_to_identifier(i)) ||
        (digits.size() > 1 && digits[0] == '0' && digits[1] != '.') ||
        (touches(i) && in_list(": / . ,", text(i + 1)) && touches(i + 1) &&
         is(i + 2, Kind::number))) {
      return false;  // identifiers, "007", "0900", "10:30", "24/7", "1.2.3"
    }
    double value = parse_decimal(digits);
    const bool plain = digits.find_first_of(",.") == std::string_view::npos;
    std::size_t j = i + 1;
    // "10 000": groups of three digits after a short plain number.
    while (plain && digits.size() <= 3 && is(j, Kind::number) && text(j).size() == 3 &&
           m_lexemes[j].begin == m_lexemes[j - 1].end + 1 &&
           text(j).find_first_not_of("0123456789") == std::string_view::npos) {
      value = value * 1000 + parse_decimal(text(j++));
    }
    number.year_like = plain && j == i + 1 && digits.size() == 4 && value >= 1900 && value <= 2100;
    if (touches(j - 1) && is(j, Kind::word)) {
      const std::string_view suffix = low(j);
      const std::string_view written = text(j);
      const std::optional<double> scale = lookup(k_suffix_scales, suffix);
      if (in_list(k_digit_suffixes, suffix)) {
        return false;  // ordinals, decades ("1990s"), times
      }
      if (scale && (currency || (suffix != "m" && suffix != "b"))) {
        value *= *scale;
        number.scale = *scale;
      } else if (std::any_of(written.begin(), written.end(), is_upper)) {
        return false;  // "5G", "2S19"
      } else {
        number.noun = suffix;  // a unit: "10km", "155mm"
      }
      number.year_like = false;
      if (touches(j++) && is(j, Kind::number)) {
        return false;
      }
    }
    if (in_list(k_time_words, low(j)) ||
        ((low(j) == "a" || low(j) == "p") && text(j + 1) == "." && low(j + 2) == "m")) {
      return false;  // "5 am", "5 p.m.", "1500 GMT"
    }
    if (plain && ((value <= 31 && (is_month(j) || month_before(i))) ||
                  (number.year_like && month_before(i)))) {
      return false;  // "4 February", "Feb. 4", "February 2022"
    }
    for (std::optional<double> scale = lookup(k_scales, low(j)); scale && *scale > number.scale;
         scale = lookup(k_scales, low(j))) {
      value *= *scale;
      number.scale = *scale;
      number.year_like = false;
      ++j;
    }
    number.value = value;
    number.last = j;
    return true;
  }

  // Reads spelled-out numbers: "twenty-five", "twelve hundred", "a dozen", "half a million".
  bool read_words(std::size_t i, Number& number) const {
    enum class Last { none, unit, tens, hundred, big };
    Last last = Last::none;
    double total = 0;
    double current = 0;
    std::size_t j = i;
    // "a million", "half a million": a unit before the scale.
    const std::size_t lead = low(i) == "a" || low(i) == "an"         ? 1
                             : low(i) == "half" && low(i + 1) == "a" ? 2
                                                                     : 0;
    if (lead != 0 && lookup(k_scales, low(i + lead))) {
      current = lead == 1 ? 1 : 0.5;
      last = Last::unit;
      j += lead;
    }
    for (; j < m_lexemes.size(); ++j) {
      const std::string_view word = low(j);
      const std::optional<double> small = lookup(k_number_words, word);
      const std::optional<double> scale = lookup(k_scales, word);
      const bool after_scale = last == Last::hundred || last == Last::big;
      if (small) {
        const bool unit_after_tens = last == Last::tens && *small > 0 && *small < 10;
        if (!(last == Last::none || after_scale || unit_after_tens)) {
          break;
        }
        current += *small;
        last = *small < 20 ? Last::unit : Last::tens;
      } else if (word == "hundred" && last == Last::unit) {
        current *= 100;  // "three hundred", "twelve hundred"
        number.scale = std::max(number.scale, 100.0);
        last = Last::hundred;
      } else if (scale && *scale != 100 && last != Last::none && last != Last::big) {
        total += current * *scale;
        current = 0;
        number.scale = std::max(number.scale, *scale);
        last = Last::big;
      } else if (!((word == "and" && after_scale && lookup(k_number_words, low(j + 1))) ||
                   (last == Last::tens && is_joining_hyphen(j) &&
                    lookup(k_number_words, low(j + 1))))) {
        break;  // "and" goes on in "three hundred and fifty", the hyphen in "twenty-five"
      }
    }
    if (last == Last::none || (total + current == 0 && low(i) != "zero")) {
      return false;
    }
    number.value = total + current;
    number.last = j;
    number.bare_one = j == i + 1 && low(i) == "one";
    return true;
  }

  // A definite number at `i`: digits or words, with currency, scale and percent.
  std::optional<Number> parse_number(std::size_t i, bool range_upper) const {
    Number number;
    number.first = i;
    const std::string_view sign = text(i);
    const std::string_view currency = sign == "$"        ? "dollars"
                                      : sign == "\u20ac" ? "euros"
                                      : sign == "\u00a3" ? "pounds"
                                                         : "";
    if (!currency.empty()) {
      if (!touches(i) || !is(++i, Kind::number)) {
        return std::nullopt;
      }
    }
    if (is(i, Kind::number) ? !read_digits(i, !currency.empty(), range_upper, number)
                            : !is(i, Kind::word) || !read_words(i, number)) {
      return std::nullopt;
    }
    const std::size_t j = number.last;
    const std::size_t percent = text(j) == "%" || low(j) == "percent"     ? 1
                                : low(j) == "per" && low(j + 1) == "cent" ? 2
                                                                          : 0;
    if (percent != 0) {
      number.last += percent;
      number.noun = "percent";
    }
    number.noun = currency.empty() ? number.noun : currency;
    number.year_like = number.year_like && number.noun.empty();
    return number;
  }

  // The counted noun from lexeme `j`: "(of the) North Korean troops" gives "troops". When
  // `singular`, a singular head also counts: the first lower-case word ("one Ukrainian
  // soldier": "soldier"), else the last capitalised one ("one Ukrainian").
  std::string find_noun(std::size_t j, bool singular) const {
    if (low(j) == "of") {
      j += in_list(k_of_determiners, low(j + 1)) ? 2 : 1;
    }
    for (std::size_t k = j; k < j + 3 && in_list(k_auxiliaries, low(k)); ++k) {
      if (in_list(k_casualty_words, low(k + 1))) {
        return std::string(low(k + 1));  // "12 were killed", "30 have reportedly died"
      }
    }
    std::size_t head = m_lexemes.size();
    for (std::size_t words = 0; words < k_noun_window && is(j, Kind::word); ++words) {
      const std::string_view word = low(j);
      if (in_list(k_stop_words, word)) {
        break;
      }
      const std::size_t k = compound_end(j);  // "battle-hardened" and "F-16" are one modifier
      if (k == j && in_list(k_casualty_words, word)) {
        return std::string(singular && head < j ? low(head) : word);  // "one person died"
      }
      // A capitalised plural before a plural is a name: "31 Abrams tanks".
      const bool name = is_capitalised(j) && is(j + 1, Kind::word) && looks_plural(low(j + 1));
      if (k == j && !name && (in_list(k_count_nouns, word) || looks_plural(word))) {
        return std::string(compound_head(j));
      }
      if (k == j && (head == m_lexemes.size() || is_capitalised(head))) {
        head = j;
      }
      j = k + 1;
    }
    return singular && head < m_lexemes.size() ? std::string(low(head)) : std::string();
  }

  // The head of the noun compound that plural `j` opens: English compounds end in their head,
  // so "54 measles cases" counts cases and "40 arms shipments" shipments. A plural-looking
  // word after it that is a function word or a verb form ("was", "has") ends the phrase.
  std::string_view compound_head(std::size_t j) const {
    const std::string_view next = low(j + 1);
    const bool noun_after = is(j + 1, Kind::word) && !is_capitalised(j + 1) && looks_plural(next) &&
                            !in_list(k_stop_words, next) && !in_list(k_auxiliaries, next) &&
                            !in_list(k_casualty_words, next);
    return noun_after ? next : low(j);
  }

  // A definite quantity from `lower`, starting at lexeme `first`: ranges, suffixes and noun.
  std::optional<Quantity> finish(std::size_t first, Number lower, std::optional<Number> upper,
                                 Qualifier qualifier, std::size_t& next) const {
    std::size_t j = upper ? upper->last : lower.last;
    // "rose from 38 to 41" is a change, not a range: the two numbers stay apart.
    const bool change = lower.first > 0 && low(lower.first - 1) == "from";
    if (!upper && (is_joining_hyphen(j) || (low(j) == "to" && !change) || low(j) == "or")) {
      upper = parse_number(j + 1, true);
    }
    if (upper) {
      double low_value = lower.value;
      // "two to three million": the scale of the upper bound carries over.
      if (lower.scale == 1 && upper->scale > 1 && low_value < upper->value / upper->scale) {
        low_value *= upper->scale;
      }
      if (upper->value <= low_value) {
        upper.reset();  // "3-1" is a score
      } else {
        lower.value = low_value;
        j = upper->last;
        lower.noun = lower.noun.empty() ? upper->noun : lower.noun;
      }
    }
    std::string noun(lower.noun);
    std::size_t text_end = j;
    std::size_t search = j;
    bool singular = lower.value == 1 && !upper;
    if (is_joining_hyphen(j) && is(j + 1, Kind::word)) {
      const std::string_view word = low(j + 1);
      if (in_list(k_ordinal_words, word) || word.ends_with("th") || word.ends_with("ths")) {
        return std::nullopt;  // "twenty-first", "two-thirds"
      }
      search = j + 2;
      if (word == "odd" || word == "plus") {  // "300-odd", "300-plus"
        if (qualifier == Qualifier::exact) {
          qualifier = word == "odd" ? Qualifier::approximate : Qualifier::at_least;
        }
        text_end = search;
      } else if (word == "strong") {
        singular = true;  // "a 10,000-strong force": one force
      } else if (noun.empty()) {
        noun = word;  // "a three-year conflict" counts years
      }
    }
    if (low(search) == "or" && qualifier == Qualifier::exact) {
      const std::string_view tail = low(search + 1);
      qualifier = tail == "so"                        ? Qualifier::approximate
                  : tail == "more"                    ? Qualifier::at_least
                  : tail == "fewer" || tail == "less" ? Qualifier::at_most
                                                      : Qualifier::exact;
      if (qualifier != Qualifier::exact) {
        search += 2;
        text_end = search;
      }
    }
    if (noun.empty()) {
      noun = find_noun(search, singular);
    }
    const bool exact = qualifier == Qualifier::exact;
    if (lower.bare_one && !upper && exact &&
        (!in_list(k_casualty_words, noun) || (first > 0 && low(first - 1) == "no"))) {
      return std::nullopt;  // "one reason", "one of the", "no one was hurt"
    }
    const bool year_context = lower.first > 0 && (in_list(k_year_words, low(lower.first - 1)) ||
                                                  month_before(lower.first));
    if (lower.year_like && (!upper || upper->year_like) &&
        ((noun.empty() && (exact || qualifier == Qualifier::approximate)) ||
         (exact && year_context))) {
      return std::nullopt;  // "in 2022", "2025 would be the year"
    }
    if (noun.empty() && !upper && exact && lower.scale == 1 && is(lower.first, Kind::number) &&
        lower.first >= 2 && is_capitalised(lower.first - 1)) {
      return std::nullopt;  // a name with a number: "Article 5", "Apollo 11"
    }
    if (noun.empty() && !upper && exact && lower.scale == 1 && lower.first > 0 &&
        in_list(k_series_words, low(lower.first - 1))) {
      return std::nullopt;  // one item of a series: "season two", "episode 3"
    }
    next = text_end;
    return make(first, text_end, lower.value, upper ? std::optional(upper->value) : std::nullopt,
                qualifier, std::move(noun));
  }

  // A vague quantity at `i`: "dozens", "tens of thousands", "several hundred", "many".
  std::optional<Quantity> parse_vague(std::size_t i, std::size_t& next) const {
    std::size_t j = i + 1;
    double value = 0;
    bool needs_noun = false;
    if (const std::optional<double> unit = lookup(k_plural_numerals, low(i))) {
      value = 2 * *unit;
      if (const std::optional<double> of = lookup(k_plural_numerals, low(j + 1));
          low(j) == "of" && of && *of > *unit) {
        value *= *of;  // "hundreds of thousands": 200 thousand
        j += 2;
      } else if (low(i) == "tens" || (low(i) == "scores" && low(j) != "of")) {
        return std::nullopt;
      }
    } else if (low(i) == "couple" && (low(j) == "of" || in_list(k_couple_units, low(j)))) {
      value = 2;  // "the next couple weeks", "a couple of days": "a couple" without its article
    } else {
      const WordValue* entry = std::find_if(std::begin(k_vague_words), std::end(k_vague_words),
                                            [&](const WordValue& w) { return match(i, w.word); });
      if (entry == std::end(k_vague_words)) {
        return std::nullopt;
      }
      j = i + match(i, entry->word);
      value = entry->value;
      if (lookup(k_plural_numerals, low(j)) ||
          ((entry->word == "a number" || entry->word == "a handful") && low(j) != "of")) {
        return std::nullopt;  // "many thousands" is read from "thousands"
      }
      double scale = 1;
      for (std::optional<double> s = lookup(k_scales, low(j)); s && *s > scale;
           s = lookup(k_scales, low(j))) {
        value *= *s;  // "several hundred", "a few dozen"
        scale = *s;
        ++j;
      }
      needs_noun = scale == 1;
    }
    std::string noun = find_noun(j, false);
    if (needs_noun && noun.empty()) {
      return std::nullopt;  // "some of them", "for some time"
    }
    next = j;
    return make(i, j, value, std::nullopt, Qualifier::vague, std::move(noun));
  }

  Quantity make(std::size_t first, std::size_t last, double value, std::optional<double> upper,
                Qualifier qualifier, std::string noun) const {
    const std::size_t begin = m_lexemes[first].begin;
    const std::size_t end = m_lexemes[last - 1].end;
    return {.text = std::string(m_text.substr(begin, end - begin)),
            .value = value,
            .upper = upper,
            .qualifier = qualifier,
            .noun = std::move(noun),
            .begin = begin,
            .end = end};
  }

  // The quantity starting at lexeme `i`, if any; `next` is set past its text.
  std::optional<Quantity> parse_at(std::size_t i, std::size_t& next) const {
    if (low(i) == "between") {
      const std::optional<Number> lower = parse_number(i + 1, false);
      if (lower && low(lower->last) == "and") {
        if (std::optional<Number> upper = parse_number(lower->last + 1, true)) {
          if (std::optional<Quantity> range = finish(i, *lower, upper, Qualifier::exact, next)) {
            return range;
          }
        }
      }
    }
    for (const QualifierPhrase& entry : k_qualifiers) {
      if (std::size_t count = match(i, entry.words); count != 0) {
        // "at least an 8.5 GPA": the article between qualifier and figure says nothing.
        if ((low(i + count) == "a" || low(i + count) == "an") && !parse_number(i + count, false)) {
          ++count;
        }
        if (std::optional<Number> number = parse_number(i + count, false)) {
          return finish(i, *number, std::nullopt, entry.qualifier, next);
        }
      }
    }
    if (std::optional<Number> number = parse_number(i, false)) {
      return finish(i, *number, std::nullopt, Qualifier::exact, next);
    }
    return parse_vague(i, next);
  }

  std::string_view m_text;
  std::string m_lower;
  std::vector<Lexeme> m_lexemes;
  mutable std::vector<std::size_t> m_compound_end;  // see compound_end()
};

}  // namespace

std::vector<Quantity> find_quantities(std::string_view sentence) {
  std::vector<Quantity> quantities = Scanner(sentence).run();
  // "3 minutes ago", "vor 3 Minuten": a page's age, not a count of anything.
  std::erase_if(quantities, [&](const Quantity& quantity) {
    return is_page_age(sentence, quantity.begin, quantity.end, quantity.value);
  });
  return quantities;
}

std::string_view qualifier_name(Qualifier qualifier) {
  constexpr std::string_view k_names[] = {"exact", "approximate", "at_least", "at_most", "vague"};
  return k_names[static_cast<std::size_t>(qualifier)];
}

}  // namespace tracker::text
