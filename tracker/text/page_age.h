#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "tracker/text/tokens.h"

// A page's age as pages state it, in English and the other languages whose sites tracker reads
// most: "3 minutes ago", "vor 3 Minuten", "hace 2 horas", "il y a 5 heures", "2 ore fa",
// "há 2 horas", "3 uur geleden", "5 minut temu". It changes at every fetch and states nothing
// about the story: as a figure it would be a number change at every run.
namespace tracker::text {

// Whether the number at bytes [begin, end) of `sentence`, with the unit of time right after it,
// is such an age: "ago", "fa", "geleden", "temu" or "atrás" after the unit, or "vor", "hace",
// "há" or "il y a" right before the number. At most hundreds of a unit: "10,000 years ago"
// dates what the text tells.
bool is_page_age(std::string_view sentence, std::size_t begin, std::size_t end, double value);

// Whether a short line says nothing but when the page was published or updated, in those
// languages: "Aktualisiert vor 3 Minuten", "Actualizado hace 1 hora", "Mis à jour il y a 2
// heures", "Aggiornato 5 minuti fa", "Updated 3 minutes ago", "Posted a day ago", "Last updated:
// just now". `tokens` are tokenize(line), for a caller that has them already.
bool is_age_line(std::string_view line);
bool is_age_line(std::string_view line, const std::vector<Token>& tokens);

}  // namespace tracker::text
