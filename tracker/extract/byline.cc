#include "tracker/extract/byline.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "tracker/text/tokens.h"
#include "tracker/text/whitespace.h"

namespace tracker::extract {
namespace {

bool is_ascii_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "By " and its equivalents in the languages whose pages name authors that way.
std::string_view without_lead_word(std::string_view byline) {
  static constexpr std::array<std::string_view, 7> k_leads = {"by", "por", "par", "von", "di", "door", "av"};
  const std::size_t space = byline.find_first_of(" :");
  if (space == std::string_view::npos) {
    return byline;
  }
  const std::string first = text::ascii_lower(byline.substr(0, space));
  if (std::find(k_leads.begin(), k_leads.end(), first) == k_leads.end()) {
    return byline;
  }
  std::size_t rest = space;
  while (rest < byline.size() && (byline[rest] == ' ' || byline[rest] == ':')) {
    ++rest;
  }
  return byline.substr(rest);
}

// Where the names end: a digit, a separator (" - ", " | ", " • ", "@handle"), or the words of a
// date ("January" before a number, "Updated", "Published").
std::size_t names_end(std::string_view byline) {
  static constexpr std::array<std::string_view, 7> k_separators = {
      " - ", " | ", " \xe2\x80\x94", " \xe2\x80\x93 ", " \xe2\x80\xa2", " \xc2\xb7 ", " @"};
  // A name holds no digit: a date or a count glued to it ("Lucas Nolan22 Dec 2016") ends it.
  std::size_t end = std::min(byline.size(), byline.find_first_of("0123456789"));
  for (std::string_view separator : k_separators) {
    end = std::min(end, byline.find(separator));
  }
  static constexpr std::array<std::string_view, 12> k_months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                                "jul", "aug", "sep", "oct", "nov", "dec"};
  static constexpr std::array<std::string_view, 4> k_date_markers = {"updated", "published", "posted", "last"};
  std::size_t word = 0;
  while (word < end) {
    std::size_t word_end = word;
    while (word_end < byline.size() && byline[word_end] != ' ') {
      ++word_end;
    }
    const std::string_view token = byline.substr(word, word_end - word);
    std::size_t letters = 0;
    while (letters < token.size() && is_ascii_alpha(token[letters])) {
      ++letters;
    }
    const std::string head = text::ascii_lower(token.substr(0, letters));
    // A month ("January", "Apr.") counts only before a number: "May Bulman" is a name.
    const std::size_t next = word_end + 1;
    const bool number_follows = next < byline.size() && is_digit(byline[next]);
    const bool month = head.size() >= 3 && number_follows &&
                       std::any_of(k_months.begin(), k_months.end(),
                                   [&](std::string_view m) { return head.starts_with(m); });
    // "Last updated", "Updated 3 hours ago", "Published: ..."
    const bool marker = std::find(k_date_markers.begin(), k_date_markers.end(), head) != k_date_markers.end() &&
                        (letters == token.size() || token[letters] == ':');
    if ((word > 0 && month) || marker) {
      return std::min(end, word);
    }
    word = word_end + 1;
  }
  return end;
}

}  // namespace

std::string clean_byline(std::string_view byline) {
  const std::string collapsed = text::collapse_whitespace(byline);
  std::string_view names = without_lead_word(collapsed);
  names = names.substr(0, names_end(names));
  // Commas, hyphens, bars and colons left at the end by a cut ("Jane Roe, January 4" -> "Jane Roe").
  while (!names.empty() && (names.back() == ' ' || names.back() == ',' || names.back() == '-' ||
                            names.back() == '|' || names.back() == ':')) {
    names.remove_suffix(1);
  }
  // Two letters or fewer cannot be a name ("j j" is what a broken template leaves).
  const auto letters = std::count_if(names.begin(), names.end(), [](char c) {
    return is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0x80;
  });
  constexpr long k_min_letters = 3;
  if (letters < k_min_letters) {
    return {};
  }
  return std::string(names);
}

}  // namespace tracker::extract
