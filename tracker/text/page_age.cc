#include "tracker/text/page_age.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "tracker/text/tokens.h"
#include "tracker/text/word_forms.h"

namespace tracker::text {
namespace {

using namespace std::string_view_literals;

// Units of time, lower-case, in English, German, Spanish, French, Italian, Portuguese, Dutch and
// Polish. Only ASCII letters are lower-cased by the tokenizer: the others are as pages write
// them in running text.
constexpr std::array k_units = {
    // English
    "second"sv, "seconds"sv, "sec"sv, "secs"sv, "minute"sv, "minutes"sv, "min"sv, "mins"sv,
    "hour"sv, "hours"sv, "hr"sv, "hrs"sv, "day"sv, "days"sv, "week"sv, "weeks"sv, "month"sv,
    "months"sv, "year"sv, "years"sv,
    // German
    "sekunde"sv, "sekunden"sv, "minuten"sv, "stunde"sv, "stunden"sv, "tag"sv, "tagen"sv, "woche"sv,
    "wochen"sv, "monat"sv, "monaten"sv, "jahr"sv, "jahren"sv,
    // Spanish and Portuguese
    "segundo"sv, "segundos"sv, "minuto"sv, "minutos"sv, "hora"sv, "horas"sv, "día"sv, "días"sv,
    "dia"sv, "dias"sv, "semana"sv, "semanas"sv, "mes"sv, "meses"sv, "mês"sv, "año"sv, "años"sv,
    "ano"sv, "anos"sv,
    // French
    "seconde"sv, "secondes"sv, "heure"sv, "heures"sv, "jour"sv, "jours"sv, "semaine"sv,
    "semaines"sv, "mois"sv, "an"sv, "ans"sv, "année"sv, "années"sv,
    // Italian
    "secondo"sv, "secondi"sv, "minuti"sv, "ora"sv, "ore"sv, "giorno"sv, "giorni"sv, "settimana"sv,
    "settimane"sv, "mese"sv, "mesi"sv, "anno"sv, "anni"sv,
    // Dutch
    "seconden"sv, "minuut"sv, "uur"sv, "dag"sv, "dagen"sv, "weken"sv, "maand"sv, "maanden"sv,
    "jaar"sv,
    // Polish
    "sekund"sv, "sekundy"sv, "minut"sv, "minuty"sv, "minutę"sv, "godzin"sv, "godziny"sv,
    "godzinę"sv, "dni"sv, "dzień"sv, "tygodni"sv, "tygodnie"sv, "miesięcy"sv, "miesiące"sv, "lat"sv,
    "lata"sv};

// Words after the unit that make it an age: "3 minutes ago", "2 ore fa", "3 uur geleden",
// "5 minut temu", "2 horas atrás".
constexpr std::array k_after = {"ago"sv, "fa"sv, "geleden"sv, "temu"sv, "atrás"sv};

// Words right before the number that make it an age: "vor 3 Minuten", "hace 2 horas", "há 2
// horas"; French's "il y a 5 heures" is read as three words.
constexpr std::array k_before = {"vor"sv, "hace"sv, "há"sv};

// The other words of a line that only dates the page: published, updated, last, at, just now.
// clang-format off
constexpr std::array k_dating_words = {
    "updated"sv, "update"sv, "posted"sv, "published"sv, "edited"sv, "modified"sv, "last"sv,
    "aktualisiert"sv, "veröffentlicht"sv, "zuletzt"sv, "stand"sv, "actualizado"sv,
    "actualizada"sv, "publicado"sv, "publicada"sv, "última"sv, "actualización"sv, "mis"sv,
    "à"sv, "jour"sv, "publié"sv, "publiée"sv, "modifié"sv, "aggiornato"sv, "aggiornata"sv,
    "pubblicato"sv, "pubblicata"sv, "atualizado"sv, "atualizada"sv, "bijgewerkt"sv,
    "gepubliceerd"sv, "zaktualizowano"sv, "opublikowano"sv, "il"sv, "y"sv, "a"sv, "an"sv,
    "about"sv, "just"sv, "now"sv, "yesterday"sv, "today"sv};
// clang-format on

// The longest line that only dates the page, in bytes: most sentences are longer, and are not
// read word by word.
constexpr std::size_t k_longest_age_line = 80;

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool all_digits(std::string_view word) {
  return !word.empty() && word.find_first_not_of("0123456789") == std::string_view::npos;
}

// A letter of a word: ASCII letters and digits, and every byte of a multi-byte UTF-8 character.
bool word_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) || byte >= 0x80;
}

// The word starting after the spaces at `at`, lower-cased; `end` is set past it.
std::string next_word(std::string_view text, std::size_t at, std::size_t& end) {
  while (at < text.size() && text[at] == ' ') {
    ++at;
  }
  end = at;
  while (end < text.size() && word_byte(text[end])) {
    ++end;
  }
  return ascii_lower(text.substr(at, end - at));
}

// The word ending before the spaces before `at`, lower-cased; `at` is moved to its start.
std::string previous_word(std::string_view text, std::size_t& at) {
  std::size_t end = std::min(at, text.size());
  while (end > 0 && text[end - 1] == ' ') {
    --end;
  }
  at = end;
  while (at > 0 && word_byte(text[at - 1])) {
    --at;
  }
  return ascii_lower(text.substr(at, end - at));
}

// The last word of `text`, lower-cased.
std::string final_word(std::string_view text) {
  std::size_t at = text.size();
  return previous_word(text, at);
}

}  // namespace

bool is_page_age(std::string_view sentence, std::size_t begin, std::size_t end, double value) {
  constexpr double k_most = 1000;  // a page's age runs to hundreds of a unit at most
  if (value >= k_most || begin > end || end > sentence.size()) {
    return false;
  }
  // The unit: the number's last word ("3 minutes", when the number's text holds its noun) or
  // the word after it. Read word by word, not tokenized whole: this runs for every figure.
  std::size_t unit_end = end;
  std::string unit = final_word(sentence.substr(begin, end - begin));
  if (!listed(k_units, unit)) {
    unit = next_word(sentence, end, unit_end);
    if (!listed(k_units, unit)) {
      return false;
    }
  }
  std::size_t ignored = 0;
  if (listed(k_after, next_word(sentence, unit_end, ignored))) {
    return true;
  }
  std::size_t from = begin;
  const std::string before = previous_word(sentence, from);
  if (listed(k_before, before)) {
    return true;
  }
  // French: "il y a 5 heures".
  return before == "a" && previous_word(sentence, from) == "y" &&
         previous_word(sentence, from) == "il";
}

bool is_age_line(std::string_view line) {
  return line.size() <= k_longest_age_line && is_age_line(line, tokenize(line));
}

bool is_age_line(std::string_view line, const std::vector<Token>& tokens) {
  constexpr std::size_t k_most_words = 8;  // "Mis à jour il y a 20 minutes"
  if (line.size() > k_longest_age_line || tokens.empty() || tokens.size() > k_most_words) {
    return false;
  }
  // An age: a number with its unit and marker, or a marker without one ("a day ago", "just now").
  bool age = false;
  for (const Token& token : tokens) {
    const std::string_view word = token.lower;
    if (all_digits(word) || is_number_word(word)) {
      age = age || is_page_age(line, token.begin, token.begin + token.text.size(), 0);
      continue;
    }
    if (!listed(k_dating_words, word) && !listed(k_units, word) && !listed(k_after, word) &&
        !listed(k_before, word)) {
      return false;
    }
    age = age || word == "ago" || word == "now";
  }
  return age;
}

}  // namespace tracker::text
