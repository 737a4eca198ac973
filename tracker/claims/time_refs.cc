#include "tracker/claims/time_refs.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "tracker/text/word_forms.h"

namespace tracker::claims {
namespace {

constexpr std::array<std::string_view, 12> k_months = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

constexpr std::array<std::string_view, 11> k_weekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "yesterday", "today", "tonight", "overnight"};

constexpr std::array<std::string_view, 8> k_periods = {
    "week", "weekend", "month", "year", "morning", "afternoon", "evening", "night"};

// Words that lead into a time reference and belong to it.
constexpr std::array<std::string_view, 13> k_leads = {
    "since", "in", "on", "until", "by", "from", "last", "this", "next", "early", "late",
    "earlier", "later"};

using text::one_of;

// Every word that can be the core of a time reference but a year: a month, a weekday or a
// period. Most words of a sentence are none of these, and are passed over with one lookup.
bool may_name_a_time(std::string_view word) {
  static const std::unordered_set<std::string_view> words =
      text::word_set(k_months, k_weekdays, k_periods);
  return words.contains(word);
}

// "mid-January" → "january"; "early-december" → "december".
std::string_view strip_mid(std::string_view lower) {
  for (std::string_view prefix : {"mid-", "early-", "late-"}) {
    if (lower.starts_with(prefix)) {
      return lower.substr(prefix.size());
    }
  }
  return lower;
}

bool is_year(std::string_view word) {
  return word.size() == 4 && std::all_of(word.begin(), word.end(), [](char c) {
           return c >= '0' && c <= '9';
         }) && (word.starts_with("19") || word.starts_with("20"));
}

// "22", and its ordinal "22nd", "1st", "3rd", "4th".
bool is_day_number(std::string_view word) {
  word = text::without_ordinal_suffix(word);
  return !word.empty() && word.size() <= 2 &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<std::string> find_time_references(std::string_view sentence,
                                              const std::vector<text::Token>& tokens) {
  std::vector<std::string> found;
  std::size_t i = 0;
  while (i < tokens.size()) {
    const std::string_view word = strip_mid(tokens[i].lower);
    if (!may_name_a_time(word) && !is_year(word)) {
      ++i;
      continue;
    }
    // "May" is a month only when capitalised and not a modal verb at the start of a clause.
    const bool month = one_of(word, k_months) && !(word == "may" && tokens[i].text == "may");
    const bool weekday = one_of(word, k_weekdays);
    const bool period = one_of(word, k_periods) && i > 0 &&
                        (tokens[i - 1].lower == "last" || tokens[i - 1].lower == "this" ||
                         tokens[i - 1].lower == "next");
    const bool year = is_year(word) && i > 0 && one_of(tokens[i - 1].lower, k_leads);
    if (!month && !weekday && !period && !year) {
      ++i;
      continue;
    }
    std::size_t first = i;
    std::size_t last = i;
    if (first > 0 && (one_of(tokens[first - 1].lower, k_leads) || is_day_number(tokens[first - 1].lower))) {
      --first;
      if (first > 0 && is_day_number(tokens[first].lower) && one_of(tokens[first - 1].lower, k_leads)) {
        --first;
      }
    }
    if (month && last + 1 < tokens.size() &&
        (is_day_number(tokens[last + 1].lower) || is_year(tokens[last + 1].lower))) {
      ++last;
      if (last + 1 < tokens.size() && is_year(tokens[last + 1].lower)) {
        ++last;
      }
    }
    const std::size_t begin = tokens[first].begin;
    const std::size_t end = tokens[last].begin + tokens[last].text.size();
    found.emplace_back(sentence.substr(begin, end - begin));
    i = last + 1;
  }
  return found;
}

}  // namespace tracker::claims
