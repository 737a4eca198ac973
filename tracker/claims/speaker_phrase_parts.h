#pragma once

// Helpers that the speaker phrase readers (speaker_phrases.cc, speaker_apposition.cc) share.
// Internal to them: everyone else asks speaker_phrases.h.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/text/tokens.h"

namespace tracker::claims::speaker_phrases::parts {

// A subject before its verb may be a long noun phrase ("The US commander of the Multinational
// Security Transition Command in Iraq said"); one after it, or opening a sentence, is shorter.
inline constexpr std::size_t k_max_subject_tokens = 12;
inline constexpr std::size_t k_max_phrase_tokens = 8;

// Whether the bytes [from, to) of the sentence hold a clause boundary: a comma (not one between
// digits), a semicolon, a colon, a quotation mark or a parenthesis.
bool is_boundary_between(std::string_view sentence, std::size_t from, std::size_t to);
std::size_t token_end(const text::Token& token);
// The sentence's text from token `first` to token `last`.
std::string span(std::string_view sentence, const std::vector<text::Token>& tokens,
                 std::size_t first, std::size_t last);
// The index of the first word of a parenthetical that closes right before token `after`.
std::optional<std::size_t> parenthetical_before(std::string_view sentence,
                                                const std::vector<text::Token>& tokens,
                                                std::size_t after, bool comma_after = false);
// Whether tokens [first, end) are all capitalised, and a short run.
bool all_capitalised(const std::vector<text::Token>& tokens, std::size_t first, std::size_t end);
// Where a subject ending at token `last` starts; nullopt when it runs back further than a subject.
std::optional<std::size_t> subject_start(std::string_view sentence,
                                         const std::vector<text::Token>& tokens, std::size_t last);
// The speaker in tokens first..last without the time words around it; nullopt when no noun phrase.
std::optional<std::string> trimmed_speaker(std::string_view sentence,
                                           const std::vector<text::Token>& tokens,
                                           std::size_t first, std::size_t last);
// A lower-case verb that ends a noun phrase: "-ed", an auxiliary, a common irregular past, a
// reporting verb.
bool is_clause_verb(const text::Token& token);

}  // namespace tracker::claims::speaker_phrases::parts
