#include "tracker/report/population.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "tracker/text/tokens.h"

namespace tracker::report {
namespace {

// Places whose people a sentence counts as "a town of 18,000 people".
constexpr std::array<std::string_view, 18> k_places = {
    "borough", "city",         "community", "country", "county",   "district",
    "island",  "municipality", "nation",    "parish",  "province", "region",
    "state",   "suburb",       "territory", "town",    "valley",   "village"};

bool place_name_word(const text::Token& token) {
  return !token.text.empty() && std::isupper(static_cast<unsigned char>(token.text.front()));
}

bool indefinite_article(const text::Token& token) {
  return token.lower == "a" || token.lower == "an";
}

}  // namespace

std::string population_of(std::string_view sentence, const text::Quantity& count) {
  if (count.begin > sentence.size()) {
    return {};
  }
  const std::vector<text::Token> words = text::tokenize(sentence.substr(0, count.begin));
  // The place right before "of": "a town of", "a market town of", "a coastal region of".
  std::size_t at = words.size();
  if (at < 2 || words[at - 1].lower != "of" ||
      std::find(k_places.begin(), k_places.end(), words[at - 2].lower) == k_places.end()) {
    return {};
  }
  at -= 2;
  while (at > 0 && !place_name_word(words[at - 1]) && !indefinite_article(words[at - 1])) {
    --at;  // the place's adjectives
  }
  if (at == 0 || !indefinite_article(words[at - 1])) {
    return "population";
  }
  // The place's name: the capitalised words, one space apart, right before ", a town of".
  const std::size_t the_article = at - 1;
  const auto gap = [&](std::size_t a) {  // the bytes between word a and the next
    const std::size_t end = words[a].begin + words[a].text.size();
    return sentence.substr(end, words[a + 1].begin - end);
  };
  if (the_article == 0 || gap(the_article - 1) != ", ") {
    return "population";
  }
  std::size_t first = the_article;
  while (first > 0 && place_name_word(words[first - 1]) &&
         (first == the_article || gap(first - 1) == " ")) {
    --first;
  }
  if (first == the_article) {
    return "population";
  }
  const std::size_t end = words[the_article - 1].begin + words[the_article - 1].text.size();
  return "population of " +
         std::string(sentence.substr(words[first].begin, end - words[first].begin));
}

}  // namespace tracker::report
