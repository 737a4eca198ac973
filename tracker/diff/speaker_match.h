#pragma once

#include <string_view>

namespace tracker::diff {

// True when two attributions name the same speaker as an entity, so that a change between
// them is wording, not a new source:
// - spelling fixes and articles aside ("da Silva" and "da Silvia", "the ministry" and
//   "ministry"), and every word of the shorter one in the longer ("Balls", "Ed Balls");
// - courtesy titles aside ("Mr Key" and "John Key");
// - the same person's name at the end of both, whatever describes them ("VC investor Tom
//   Perkins" and "Venture Capitalist investor Tom Perkins");
// - a bare pronoun ("he said") matches any speaker: it names nobody new.
// "the US military" and "NATO's Resolute Support mission" are two speakers.
bool same_speaker(std::string_view a, std::string_view b);

// True when one version of a sentence lost or gained its attribution while the other's
// speaker is still named in it: "The video asserts X" and "The video indicates that X" (the
// verb is no longer read as reporting), "Ruth Aitken, coach of ..., said" where the speaker
// was not found. The speaker did not change; how the sentence reports it did. A name run into
// the next word or split apart counts ("Jan Bergsaid that"): its words in order, spaces aside,
// from the start of one of the sentence's words.
bool speaker_still_named(std::string_view attribution, std::string_view other_sentence);

}  // namespace tracker::diff
