#include "tracker/text/sentences.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

#include "tracker/text/sentence_words.h"

namespace tracker::text {
namespace {

using sentence_words::char_kind;
using sentence_words::CharKind;
using sentence_words::classify;
using sentence_words::dateline_length;
using sentence_words::ends_sentence;
using sentence_words::is_citation_marker;
using sentence_words::is_digit;
using sentence_words::is_letter;
using sentence_words::NextToken;
using sentence_words::WordKind;

// clang-format off
// Punctuation around sentence ends, and spaces beyond ASCII, as UTF-8.
constexpr auto k_closers = std::to_array<std::string_view>({
    ")", "]", "}", "\"", "'", "\u201D", "\u2019", "\u00BB", "\u203A"});
constexpr auto k_openers = std::to_array<std::string_view>({
    "(", "[", "{", "\"", "'", "\u201C", "\u2018", "\u00AB", "\u2039", "\u201E", "\u201A", "\u00BF",
    "\u00A1"});
constexpr auto k_terminators = std::to_array<std::string_view>({
    "?", "!", "\u203C", "\u2047", "\u2048", "\u2049", "\u203D", "\uFF01", "\uFF1F"});
constexpr auto k_bullets = std::to_array<std::string_view>({
    "\u2022", "\u25E6", "\u25AA", "\u2023", "\u2043", "\u25CF", "\u25A0", "\u25BA", "\u25B6", "\u25CB"});
constexpr auto k_unicode_spaces = std::to_array<std::string_view>({
    "\u00A0", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007",
    "\u2008", "\u2009", "\u200A", "\u2028", "\u2029", "\u202F", "\u205F", "\u3000"});
constexpr std::string_view k_ellipsis = "\u2026";
// clang-format on

// Length of whichever of `options` starts `text` at `pos`, or 0.
template <std::size_t N>
std::size_t match_any(std::string_view text, std::size_t pos,
                      const std::array<std::string_view, N>& options) {
  for (const std::string_view option : options) {
    if (text.substr(pos, option.size()) == option) {
      return option.size();
    }
  }
  return 0;
}

struct DotGroup {
  std::size_t end = 0;  // one past the last dot
  int dots = 0;         // "…" counts three
  bool spaced = false;  // ". . ."
};

// A list item's marker: "3." "3)" "3.)" or "c.", whose letter counts from `base` 'a' or 'A'.
struct ListMarker {
  int number = 0;
  char base = 0;
  std::string_view terminator;
  bool operator==(const ListMarker&) const = default;
};

// The list a line is, if it starts with a bullet or a list marker.
struct ListStyle {
  std::string_view bullet;
  std::optional<ListMarker> next;  // the marker the next item would start with
};

class Splitter {
 public:
  explicit Splitter(std::string_view text) : m_text(text) {}

  std::vector<std::string_view> run() {
    for (std::size_t begin = 0; begin <= m_text.size();) {
      std::size_t end = begin;
      std::size_t line_break = 0;
      while (end < m_text.size() && (line_break = line_break_length(end)) == 0) {
        ++end;
      }
      split_line(begin, end);
      begin = end + std::max<std::size_t>(line_break, 1);
    }
    return std::move(m_sentences);
  }

 private:
  std::size_t line_break_length(std::size_t pos) const {
    if (m_text[pos] == '\n' || m_text[pos] == '\r') {
      return 1;
    }
    const std::string_view rest = m_text.substr(pos, 3);
    return rest == "\u2028" || rest == "\u2029" ? 3 : 0;
  }

  std::size_t space_length(std::size_t pos) const {
    const char c = pos < m_text.size() ? m_text[pos] : 'x';
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      return 1;
    }
    return static_cast<unsigned char>(c) >= 0xC2 ? match_any(m_text, pos, k_unicode_spaces) : 0;
  }

  // Length of the space that ends just before `pos`, or 0.
  std::size_t space_ending_at(std::size_t pos) const {
    for (std::size_t back = 1; back <= 3 && back <= pos; ++back) {
      if (space_length(pos - back) == back) {
        return back;
      }
    }
    return 0;
  }

  std::size_t skip_spaces(std::size_t pos) const {
    for (std::size_t length = 0; pos < m_line_end && (length = space_length(pos)) > 0;) {
      pos += length;
    }
    return pos;
  }

  template <std::size_t N>
  std::size_t skip_all(std::size_t pos, const std::array<std::string_view, N>& options) const {
    for (std::size_t length = 0;
         pos < m_line_end && (length = match_any(m_text, pos, options)) > 0;) {
      pos += length;
    }
    return pos;
  }

  void split_line(std::size_t begin, std::size_t end) {
    m_line_begin = m_start = begin;
    m_line_end = end;
    m_list = detect_list(skip_spaces(begin));
    std::size_t pos = begin;
    if (const std::size_t first = skip_spaces(begin), date = dateline_length(m_text.substr(first, end - first));
        date > 0) {
      pos = on_dateline(first, first + date);  // a line that opens with its dateline
    } else if (const std::size_t label = sentence_words::caption_label_length(m_text.substr(first, end - first));
               label > 0) {
      pos = first + label;  // "Figure 1.5 Residents of ...": the label, then its caption
      try_cut(pos);
    }
    while (pos < end) {
      const auto byte = static_cast<unsigned char>(m_text[pos]);
      // Most bytes cannot start a space, a terminator or an ellipsis.
      const bool may_matter = byte <= ' ' || byte == '.' || byte == '?' || byte == '!' ||
                              byte == 0xC2 || byte == 0xE2 || byte == 0xE3 || byte == 0xEF;
      if (!may_matter) {
        ++pos;
      } else if (space_length(pos) > 0) {
        const std::size_t word = skip_spaces(pos);
        if (starts_list_item(word) || starts_credit_line(word)) {
          try_cut(pos);
          pos = word;
        } else if (const std::size_t date = dateline_length(m_text.substr(word, m_line_end - word)); date > 0) {
          pos = on_dateline(pos, word + date);
        } else {
          pos = word;
        }
      } else if (byte == '.' || m_text.substr(pos, k_ellipsis.size()) == k_ellipsis) {
        pos = on_dots(pos);
      } else if (match_any(m_text, pos, k_terminators) > 0) {
        pos = on_terminator(pos);
      } else {
        ++pos;  // continuation bytes never look like the ASCII or lead bytes tested above
      }
    }
    cut(end);
  }

  // A full date with its weekday after the space at `space`, ending at `end`: a
  // dateline of its own when it follows a capitalised word (a title or a name: "interviewed by
  // Wikinews Saturday, January 31, 2009") rather than a preposition ("on Saturday, January
  // 31, 2009, police said"), and it ends when a capitalised word follows it.
  std::size_t on_dateline(std::size_t space, std::size_t end) {
    std::size_t last_word = space;
    while (last_word > m_start && space_ending_at(last_word) == 0) {
      --last_word;
    }
    std::size_t length = 0;
    const bool ends_before_capital =
        end < m_line_end && space_length(end) > 0 && next_token(end).kind == CharKind::upper;
    // The headline may end in a quote: "An Interview with the 'Mets Poet' Wednesday, ...".
    const std::size_t word_end = before_closers(space, last_word);
    const bool after_word =
        last_word < word_end && (is_letter(m_text[word_end - 1]) || is_digit(m_text[word_end - 1]));
    const std::size_t word_begin = skip_all(last_word, k_openers);
    const CharKind last_kind = word_begin < word_end ? char_kind(m_text, word_begin, length) : CharKind::other;
    if (after_word && (last_kind == CharKind::upper ||
                       (last_kind == CharKind::lower &&
                        (ends_before_capital || skip_spaces(end) >= m_line_end) &&
                        !sentence_words::leads_into_date(m_text.substr(word_begin, word_end - word_begin))))) {
      try_cut(space);
    }
    if (ends_before_capital) {
      try_cut(end);
    }
    return end;
  }

  // `end` less the closing quotes and brackets just before it, down to `begin`.
  std::size_t before_closers(std::size_t end, std::size_t begin) const {
    for (bool found = true; found && end > begin;) {
      found = false;
      for (const std::string_view closer : k_closers) {
        if (end - begin >= closer.size() && m_text.substr(end - closer.size(), closer.size()) == closer) {
          end -= closer.size();
          found = true;
          break;
        }
      }
    }
    return end;
  }

  // Ends the current sentence at `end` unless it would hold no letter or digit: a lone
  // ellipsis or list marker stays with what follows.
  void try_cut(std::size_t end) {
    for (std::size_t pos = m_start, length = 1; pos < end; pos += length) {
      if (char_kind(m_text, pos, length) != CharKind::other) {
        cut(end);
        return;
      }
    }
  }

  void cut(std::size_t end) {
    const std::size_t first = skip_spaces(m_start);
    std::size_t last = end;
    for (std::size_t length = 0; last > first && (length = space_ending_at(last)) > 0;) {
      last -= length;
    }
    if (last > first) {
      m_sentences.push_back(m_text.substr(first, last - first));
    }
    m_start = end;
  }

  DotGroup scan_dots(std::size_t pos) const {
    DotGroup group;
    const auto at = [&](std::size_t i) { return i < m_line_end ? m_text[i] : '\0'; };
    while (pos < m_line_end) {
      if (at(pos) == '.') {
        ++group.dots;
        ++pos;
      } else if (m_text.substr(pos, k_ellipsis.size()) == k_ellipsis) {
        group.dots += 3;
        pos += k_ellipsis.size();
      } else if (at(pos) == ' ' && at(pos + 1) == '.' && !is_letter(at(pos + 2)) &&
                 !is_digit(at(pos + 2))) {
        group.spaced = true;  // ". . ." but not ". .NET" or ". .5"
        ++pos;
      } else {
        break;
      }
    }
    group.end = pos;
    return group;
  }

  std::size_t on_dots(std::size_t pos) {
    const DotGroup group = scan_dots(pos);
    if (group.dots >= 3) {
      return on_ellipsis(pos, group);
    }
    const std::size_t after = past_citations(skip_all(group.end, k_closers));
    if (after < m_line_end && space_length(after) == 0) {
      if (group.dots == 1 && after == group.end && is_glued_sentence_end(pos)) {
        try_cut(pos + 1);
      }
      return group.end;
    }
    if (after < m_line_end && !is_list_marker(pos) &&
        (ends_sentence(classify(word_before(pos)), next_token(after), sentence_so_far(pos)) ||
         (classify(word_before(pos)) == WordKind::plain && opens_credit(after)))) {
      try_cut(after);
    }
    return after;
  }

  std::size_t on_ellipsis(std::size_t pos, const DotGroup& group) {
    if (pos > m_line_begin && (m_text[pos - 1] == '[' || m_text[pos - 1] == '(')) {
      return group.end;  // "[...]" marks an omission inside a sentence
    }
    const std::size_t after = skip_all(group.end, k_closers);
    if (after >= m_line_end || space_length(after) == 0) {
      return after;
    }
    const NextToken next = next_token(after);
    const bool attached = pos > m_line_begin && space_ending_at(pos) == 0;
    if (attached && group.spaced && group.dots == 4 && m_text[pos + 1] == ' ') {
      // "compounds. . . . The": a full stop, then an ellipsis opening the next sentence.
      if (next.kind == CharKind::upper) {
        try_cut(pos + 1);
      }
      return after;
    }
    // Four dots are an ellipsis and a full stop. Three end a sentence only before a common
    // opener other than "I", which often follows a pause: "the thing is . . . I didn't".
    if (group.dots >= 4 ? next.kind == CharKind::upper
                        : ends_sentence(WordKind::ambiguous, next) && next.word != "I") {
      try_cut(after);
    }
    return after;
  }

  std::size_t on_terminator(std::size_t pos) {
    const std::size_t end = skip_all(pos, k_terminators);  // "?!", "!!"
    const std::size_t after = past_citations(skip_all(end, k_closers));
    if (after >= m_line_end || space_length(after) == 0) {
      return after;
    }
    const std::size_t next = skip_spaces(after);
    // "Yahoo! in", '"Why?" he asked' and '"Why?" I asked' go on.
    const bool goes_on =
        next_token(after).kind == CharKind::lower ||
        (closes_quote(end) && sentence_words::opens_speech_tag(m_text.substr(next, m_line_end - next)));
    if (opens_credit(after) || !goes_on) {
      try_cut(after);
    }
    return after;
  }

  // Whether the closing punctuation at `pos` closes a quotation, not only a bracket.
  bool closes_quote(std::size_t pos) const {
    for (std::size_t length = 0; pos < m_line_end && (length = match_any(m_text, pos, k_closers)) > 0;
         pos += length) {
      if (m_text[pos] != ')' && m_text[pos] != ']' && m_text[pos] != '}') {
        return true;
      }
    }
    return false;
  }

  // Whether a caption's credit starts at `pos`, past spaces: a line ("Image: NASA") or a
  // bracket ("(credit: NASA)"), as in sentence_words.
  bool starts_credit_line(std::size_t pos) const {
    return sentence_words::opens_credit_line(m_text.substr(pos, m_line_end - pos));
  }
  bool opens_credit(std::size_t pos) const {
    pos = skip_spaces(pos);
    return sentence_words::opens_credit_bracket(m_text.substr(pos, m_line_end - pos));
  }

  // Past the citation markers at `pos`, glued or after spaces ("[6]", " [6] [7]", "[a]",
  // "[citation needed]"): they belong to the sentence they follow, as in text copied from
  // Wikipedia. `pos` itself when none is there.
  std::size_t past_citations(std::size_t pos) const {
    std::size_t end = pos;
    for (std::size_t at = skip_spaces(pos); at < m_line_end && m_text[at] == '[';
         at = skip_spaces(end)) {
      constexpr std::size_t k_max_marker = 24;
      const std::size_t close = m_text.find(']', at);
      if (close == std::string_view::npos || close >= m_line_end || close - at > k_max_marker ||
          !is_citation_marker(m_text.substr(at + 1, close - at - 1))) {
        break;
      }
      end = close + 1;
    }
    return end;
  }

  NextToken next_token(std::size_t pos) const {
    pos = skip_all(skip_spaces(pos), k_openers);
    NextToken next;
    if (pos >= m_line_end) {
      return next;
    }
    std::size_t length = 0;
    next.kind = char_kind(m_text, pos, length);
    std::size_t end = pos;
    while (end < m_line_end && is_letter(m_text[end])) {
      ++end;
    }
    next.word = m_text.substr(pos, end - pos);
    next.is_initial = next.word.size() == 1 && end < m_line_end && m_text[end] == '.';
    return next;
  }

  // The word a period at `pos` ends, within the current sentence and without opening quotes
  // or brackets before it.
  // The current sentence up to `end`, without leading spaces.
  std::string_view sentence_so_far(std::size_t end) const {
    const std::size_t first = std::min(skip_spaces(m_start), end);
    return m_text.substr(first, end - first);
  }

  std::string_view word_before(std::size_t pos) const {
    std::size_t begin = pos;
    while (begin > m_start && space_ending_at(begin) == 0) {
      --begin;
    }
    begin = std::min(skip_all(begin, k_openers), pos);
    return m_text.substr(begin, pos - begin);
  }

  // "world.Today": a period glued to a capitalised word after a plain lower-case word or a
  // number, as text joined from HTML elements often is; never inside URLs or e-mail addresses.
  bool is_glued_sentence_end(std::size_t pos) const {
    const auto at = [&](std::size_t i) { return i < m_line_end ? m_text[i] : '\0'; };
    const char before = pos > m_line_begin ? m_text[pos - 1] : '\0';
    if (!((before >= 'a' && before <= 'z') || is_digit(before)) ||
        !(at(pos + 1) >= 'A' && at(pos + 1) <= 'Z') ||
        !(at(pos + 2) >= 'a' && at(pos + 2) <= 'z')) {
      return false;
    }
    const std::string_view word = word_before(pos);
    std::size_t end = pos;
    while (end < m_line_end && space_length(end) == 0) {
      ++end;
    }
    const std::string_view token = m_text.substr(pos - word.size(), end - pos + word.size());
    return word.find('.') == std::string_view::npos && classify(word) == WordKind::plain &&
           token.find_first_of("@/") == std::string_view::npos && !token.starts_with("www.");
  }

  // Reads the list marker, followed by a space, at `pos`.
  std::optional<ListMarker> read_marker(std::size_t pos) const {
    ListMarker marker;
    std::size_t end = pos;
    while (end < m_line_end && end - pos < 4 && is_digit(m_text[end])) {
      marker.number = marker.number * 10 + (m_text[end++] - '0');
    }
    if (end == pos && pos < m_line_end && is_letter(m_text[pos])) {
      marker.base = m_text[pos] >= 'a' ? 'a' : 'A';
      marker.number = m_text[end++] - marker.base;
    }
    for (const std::string_view terminator : {".)", ".", ")"}) {
      if (end > pos && end - pos <= 3 && m_text.substr(end, terminator.size()) == terminator &&
          space_length(end + terminator.size()) > 0) {
        marker.terminator = terminator;
        return marker;
      }
    }
    return std::nullopt;
  }

  ListStyle detect_list(std::size_t pos) const {
    ListStyle style;
    if (const std::size_t bullet = match_any(m_text, pos, k_bullets); bullet > 0) {
      style.bullet = m_text.substr(pos, bullet);
    } else if (style.next = read_marker(pos);
               style.next && style.next->base != 0 && style.next->number != 0) {
      style.next.reset();  // a lettered list starts at "a."
    } else if (style.next) {
      ++style.next->number;
    }
    return style;
  }

  // True when the next item of the line's list starts at `pos`; then expects the one after.
  bool starts_list_item(std::size_t pos) {
    if (!m_list.bullet.empty()) {
      return m_text.substr(pos, m_list.bullet.size()) == m_list.bullet;
    }
    if (!m_list.next || read_marker(pos) != m_list.next) {
      return false;
    }
    ++m_list.next->number;
    return true;
  }

  // True when the period at `pos` closes a list marker opening the sentence: "2." "• 9." "a."
  bool is_list_marker(std::size_t pos) const {
    std::size_t begin = skip_spaces(m_start);
    if (const std::size_t bullet = match_any(m_text, begin, k_bullets); bullet > 0) {
      begin = skip_spaces(begin + bullet);
    } else if (begin < pos && (m_text[begin] == '-' || m_text[begin] == '*')) {
      begin = skip_spaces(begin + 1);
    }
    const std::string_view marker = m_text.substr(begin, pos - std::min(pos, begin));
    return (marker.size() == 1 && is_letter(marker[0])) ||
           (!marker.empty() && marker.size() <= 3 &&
            std::all_of(marker.begin(), marker.end(), is_digit));
  }

  std::string_view m_text;
  std::vector<std::string_view> m_sentences;
  std::size_t m_line_begin = 0;
  std::size_t m_line_end = 0;
  std::size_t m_start = 0;  // where the current sentence begins
  ListStyle m_list;         // the list the current line is, if any
};

}  // namespace

std::vector<std::string_view> split_sentences(std::string_view paragraph) {
  return Splitter(paragraph).run();
}

}  // namespace tracker::text
