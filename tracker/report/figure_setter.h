#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/text/tokens.h"

namespace tracker::report {

// Who gives a figure by acting on it, where no one is said to report it: the subject of a verb
// by which an actor names a figure of its own, before the number in `clause` (byte `number_at`):
// "Pellara Rail has offered 40,000 euros", "the government has set aside 15 million euros",
// "Aeronord, which counts every flight, put the number of cancellations at around 470", "Galvorn
// Metals raised the number of jobs it will cut to about 1,900". An offer, a pledge, a budget or
// an estimate is its maker's figure, as a said figure is its speaker's. The first such subject in
// the clause; empty when there is none, or it is a pronoun.
// `tokens` are text::tokenize(clause), which the caller has read already.
std::string figure_setter(std::string_view clause, const std::vector<text::Token>& tokens,
                          std::size_t number_at);

// Whose count a figure is, where the clause says so by a possessive right before the number:
// "while the fire service's own count stood at about 3,500" is the fire service's. Empty when
// the clause has no such count, or its owner is no actor (a pronoun, "its").
std::string count_owner(std::string_view clause, const std::vector<text::Token>& tokens,
                        std::size_t number_at);

}  // namespace tracker::report
