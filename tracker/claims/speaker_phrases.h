#pragma once
// The noun phrases attribution.cc reads a speaker from, around a reporting verb found at a token
// index: the subject before it ("The spy agency said"), behind an apposition or a relative
// clause ("Don Mackinnon, chair of the board, said"), the sentence's own subject for a
// participle or a second verb, and an inverted one after it ("..., said Joseph Minga").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/text/tokens.h"

namespace tracker::claims::speaker_phrases {

// Whether a comma, semicolon, colon, double quote or parenthesis stands right before token `i`;
// true at the sentence's start.
bool boundary_before(std::string_view sentence, const std::vector<text::Token>& tokens,
                     std::size_t i);

bool is_capitalised(const text::Token& token);

// Whether the reporting word at token `i` is not a verb here: a noun after a determiner ("the
// claim", "some reports"), a plural noun after a past tense or a preposition ("amid reports")
// or before "of" or a verb of its own ("reports of shelling", "claims were denied"), a
// participle describing what follows ("63 confirmed cases").
bool is_noun_here(const std::vector<text::Token>& tokens, std::size_t i);

// The subject right before the verb at token `verb`: "South Korea's spy agency said", "Seoul has
// previously said". nullopt when what precedes is no speaker phrase.
std::optional<std::string> subject_before(std::string_view sentence,
                                          const std::vector<text::Token>& tokens, std::size_t verb);

// The subject separated from the verb at token `verb` by an apposition ("Don Mackinnon, chair of
// the board, said") or a relative clause ("The agency, which is coordinating the effort, said").
std::optional<std::string> subject_before_apposition(std::string_view sentence,
                                                     const std::vector<text::Token>& tokens,
                                                     std::size_t verb);

// The sentence's own subject, for a participle ("Police issued a statement, saying") or a
// coordinated verb ("... and said") at token `verb`.
std::optional<std::string> sentence_subject(std::string_view sentence,
                                            const std::vector<text::Token>& tokens,
                                            std::size_t verb);

// The speaker after the verb at token `verb`: "..., said Joseph Minga", "according to X".
std::optional<std::string> subject_after(std::string_view sentence,
                                         const std::vector<text::Token>& tokens, std::size_t verb);

// The speaker opening a sentence with a colon and a quotation: "The union: “We will strike on
// Monday.”", "Mayor Ann Lee: “No.”". nullopt when what precedes the colon is a clause ("The
// message was clear: ..."), a label ("Update: ..."), or longer than a speaker.
std::optional<std::string> speaker_before_colon(std::string_view sentence,
                                                const std::vector<text::Token>& tokens);

// The speaker without the parentheticals that only repeat it ("member of parliaments (MP) for
// National").
std::string without_repeating_parentheticals(std::string speaker);

}  // namespace tracker::claims::speaker_phrases
