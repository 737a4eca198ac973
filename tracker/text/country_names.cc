#include "tracker/text/country_names.h"

#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tracker::text {
namespace {

// Each line one country: the adjective first, then its other names and short forms. Only
// countries where some form is no spelling of another (are_spelling_variants): "Chinese" and
// "China" pair without this table, "Dutch" and "Netherlands" do not. Lower-case; "us" only as
// written in capitals is the country, which the caller checks; "U.S." and "U.K." are read as
// the words "u" and "s", "u" and "k".
const std::vector<std::vector<std::string_view>>& countries() {
  static const std::vector<std::vector<std::string_view>> table = {
      {"american", "us", "u s", "usa", "united states", "america"},
      {"british", "uk", "u k", "britain", "great britain", "united kingdom"},
      {"dutch", "netherlands", "holland"},
      {"swiss", "switzerland"},
      {"french", "france"},
      {"spanish", "spain"},
      {"afghan", "afghanistan"},
      {"filipino", "philippine", "philippines"},
      {"thai", "thailand"},
      {"danish", "denmark"},
      {"norwegian", "norway"},
      {"finnish", "finland"},
      {"polish", "poland"},
      {"irish", "ireland"},
      {"portuguese", "portugal"},
      {"saudi", "saudi arabia"},
      {"czech", "czech republic", "czechia"},
      {"kazakh", "kazakhstan"},
      {"burmese", "myanmar", "burma"},
      {"emirati", "uae", "united arab emirates"},
      {"welsh", "wales"},
      {"scottish", "scotland"},
      {"turkish", "turkey", "turkiye"},
  };
  return table;
}

const std::unordered_map<std::string_view, std::size_t>& forms() {
  static const std::unordered_map<std::string_view, std::size_t> table = [] {
    std::unordered_map<std::string_view, std::size_t> made;
    for (std::size_t country = 0; country < countries().size(); ++country) {
      for (std::string_view form : countries()[country]) {
        made.emplace(form, country);
      }
    }
    return made;
  }();
  return table;
}

const std::unordered_set<std::string_view>& first_words() {
  static const std::unordered_set<std::string_view> table = [] {
    std::unordered_set<std::string_view> made;
    for (const auto& [form, country] : forms()) {
      made.insert(form.substr(0, form.find(' ')));
    }
    return made;
  }();
  return table;
}

}  // namespace

bool starts_country_name(std::string_view lower_word) {
  return first_words().contains(lower_word);
}

std::optional<std::size_t> country_named(std::string_view lower_form) {
  const auto found = forms().find(lower_form);
  return found == forms().end() ? std::nullopt : std::optional<std::size_t>(found->second);
}

}  // namespace tracker::text
