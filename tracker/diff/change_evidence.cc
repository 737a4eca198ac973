#include "tracker/diff/change_evidence.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tracker/diff/clause_cues.h"
#include "tracker/diff/opposites.h"
#include "tracker/diff/speaker_match.h"
#include "tracker/text/country_names.h"
#include "tracker/text/tokens.h"
#include "tracker/text/word_forms.h"

namespace tracker::diff {
namespace {

using claims::Claim;

bool has_value(const text::Quantity& quantity) { return !std::isnan(quantity.value); }

// The digits of a quantity as written: "10,000", "10 000" and "10.000" are all "10000".
std::string digits_of(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits += c;
    }
  }
  return digits;
}

// Exact and approximate ("around 46%") say the same figure; "at least" and "at most" do not.
int qualifier_class(text::Qualifier qualifier) {
  switch (qualifier) {
    case text::Qualifier::at_least:
      return 1;
    case text::Qualifier::at_most:
      return 2;
    default:
      return 0;
  }
}

bool same_figure(const text::Quantity& a, const text::Quantity& b) {
  if (qualifier_class(a.qualifier) != qualifier_class(b.qualifier)) {
    return false;
  }
  const bool same_value = a.value == b.value && a.upper.value_or(a.value) == b.upper.value_or(b.value);
  if (same_value) {
    return true;
  }
  // The same digits under another separator convention ("$ 30.000" and "$ 30,000").
  const std::string digits = digits_of(a.text);
  return !digits.empty() && digits == digits_of(b.text);
}

// A quantity as the version-wide figure sets hold it: its value and counted noun ("6|seats").
std::string figure_key(const text::Quantity& quantity) {
  char value[32];
  std::snprintf(value, sizeof value, "%.6g", quantity.value);
  return std::string(value) + '|' + text::ascii_lower(quantity.noun);
}

bool states_all(const VersionFacts& version, const std::vector<const text::Quantity*>& figures) {
  return std::all_of(figures.begin(), figures.end(), [&](const text::Quantity* quantity) {
    return version.figures.contains(figure_key(*quantity));
  });
}

// Whether the claim says "both", which counts two.
bool says_both(const Claim& claim) {
  const std::string lower = text::ascii_lower(claim.text);
  for (std::size_t at = lower.find("both"); at != std::string::npos;
       at = lower.find("both", at + 1)) {
    const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
    const bool ends =
        at + 4 == lower.size() || !std::isalnum(static_cast<unsigned char>(lower[at + 4]));
    if (starts && ends) {
      return true;
    }
  }
  return false;
}

// Numbers are compared by value: "10,000", "10000", "10 000", "ten thousand" and "10k" are
// one figure; a vague quantity ("many", "several") in one version only is no number change. Figures that
// only left (or only came), and that the other version still states elsewhere, moved.
bool numbers_differ(const Claim& a, const Claim& b, const VersionFacts& old_facts, const VersionFacts& new_facts) {
  std::vector<const text::Quantity*> left;
  for (const text::Quantity& quantity : a.numbers) {
    if (has_value(quantity)) {
      left.push_back(&quantity);
    }
  }
  std::vector<const text::Quantity*> came;
  for (const text::Quantity& quantity : b.numbers) {
    if (!has_value(quantity)) {
      continue;
    }
    const auto match = std::find_if(left.begin(), left.end(), [&](const text::Quantity* candidate) {
      return same_figure(*candidate, quantity);
    });
    if (match == left.end()) {
      came.push_back(&quantity);
    } else {
      left.erase(match);
    }
  }
  if (!left.empty() && !came.empty()) {
    return true;  // a figure replaced by another ("dozens" by "hundreds", "several" by "3")
  }
  // A vague quantity that only came or only left ("several businesses", "the two examples")
  // sharpens or blurs the wording, and states no figure of its own; nor does a two that the
  // other version says as "both" ("These two examples" -> "Both examples").
  std::vector<const text::Quantity*>& unpaired = left.empty() ? came : left;
  const auto is_two = [](const text::Quantity* quantity) { return quantity->value == 2; };
  const bool other_says_both =
      std::any_of(unpaired.begin(), unpaired.end(), is_two) && says_both(left.empty() ? a : b);
  std::erase_if(unpaired, [&](const text::Quantity* quantity) {
    return quantity->qualifier == text::Qualifier::vague || (other_says_both && is_two(quantity));
  });
  return left.empty() ? !states_all(old_facts, came) : !states_all(new_facts, left);
}

// Hedge cues that are not reporting verbs: "Noack claimed" and "Noack said" are one claim
// reported two ways, while "appears", "may" and "reportedly" weaken it.
std::size_t hedge_count(const Claim& claim) {
  if (claim.certainty != claims::Certainty::hedged) {
    return 0;
  }
  return static_cast<std::size_t>(
      std::count_if(claim.certainty_cues.begin(), claim.certainty_cues.end(), [](const std::string& cue) {
        const std::string lower = text::ascii_lower(cue);
        return lower != "claimed" && lower != "claims" && lower != "claim";
      }));
}

// The claim's firmness with reporting verbs set aside (see hedge_count).
int firmness(const Claim& claim) {
  if (claim.certainty == claims::Certainty::hedged && hedge_count(claim) == 0) {
    return claims::certainty_strength(claims::Certainty::asserted);
  }
  return claims::certainty_strength(claim.certainty);
}

// A cue in one version that the other has only misspelt ("alledged", "alleged"): a typo fix,
// not a move of certainty.
bool cues_respelt(const Claim& a, const ClaimWords& b) {
  return std::all_of(a.certainty_cues.begin(), a.certainty_cues.end(), [&](const std::string& cue) {
    const std::string lower = text::ascii_lower(cue);
    return std::any_of(b.tokens.begin(), b.tokens.end(), [&](const text::TokenSpan& token) {
      return text::are_spelling_variants(b.lower_case(token), lower);
    });
  });
}

// A claim's time references as compared: the same date however it is written ("May 22nd 2006",
// "May 22, 2006", "22 May 2006") reads the same, so only a moved time is a time change. Each
// reference becomes its lower-case words, ordinal suffixes dropped ("22nd" -> "22"), in order.
std::string comparable_times(const Claim& claim) {
  std::string joined;
  for (const std::string& time : claim.times) {
    std::vector<std::string_view> words;
    const std::vector<text::Token> tokens = text::tokenize(time);
    for (const text::Token& token : tokens) {
      words.push_back(text::without_ordinal_suffix(token.lower));
    }
    std::sort(words.begin(), words.end());
    for (const std::string_view part : words) {
      joined += part;
      joined += ' ';
    }
    joined += '|';
  }
  return joined;
}

// The figures of a claim's time references ("2019", "24", "1960s"), sorted: what a date that
// moved, came or went changes, and a respelt or relative one ("today", "on Saturday") does not.
std::vector<std::string> time_figures(const Claim& claim) {
  std::vector<std::string> figures;
  for (const std::string& time : claim.times) {
    for (const text::Token& token : text::tokenize(time)) {
      if (std::any_of(token.lower.begin(), token.lower.end(),
                      [](char c) { return c >= '0' && c <= '9'; })) {
        figures.emplace_back(text::without_ordinal_suffix(token.lower));
      }
    }
  }
  std::sort(figures.begin(), figures.end());
  return figures;
}

bool capitalised(const ContentWord& word) {
  return !word.as_written.empty() && word.as_written[0] >= 'A' && word.as_written[0] <= 'Z';
}

bool is_acronym(const ContentWord& word) {
  return word.as_written.size() >= 2 && std::all_of(word.as_written.begin(), word.as_written.end(),
                                                    [](char c) { return c >= 'A' && c <= 'Z'; });
}

// "FCC" and "Federal Communications Commission": an acronym and its expansion (in the
// other version's words, in order, function words aside) are one name. Capitalised as
// written, so that an expansion opening the sentence ("Venture Capitalist investor ...")
// counts as well.
bool expands(std::string_view acronym, const std::vector<ContentWord>& words, std::size_t& first) {
  if (acronym.size() < 2 || acronym.size() > 6) {
    return false;
  }
  for (std::size_t start = 0; start + acronym.size() <= words.size(); ++start) {
    bool all = true;
    for (std::size_t k = 0; k < acronym.size() && all; ++k) {
      all = capitalised(words[start + k]) && words[start + k].lower[0] == acronym[k];
    }
    if (all) {
      first = start;
      return true;
    }
  }
  return false;
}

// Drops the acronyms that one version adds beside their own expansion, which both versions
// hold ("Hewlett-Packard (HP) is ..."): the name defined, not a new one.
void drop_defined_acronyms(std::vector<ContentWord>& changed,
                           const std::vector<ContentWord>& whole_claim) {
  std::erase_if(changed, [&](const ContentWord& word) {
    std::size_t first = 0;
    return is_acronym(word) && expands(word.lower, whole_claim, first);
  });
}

// Pairs acronyms on one side with their expansion on the other and drops both.
void drop_acronyms(std::vector<ContentWord>& short_side, std::vector<ContentWord>& long_side) {
  for (std::size_t i = 0; i < short_side.size();) {
    std::size_t first = 0;
    if (is_acronym(short_side[i]) && expands(short_side[i].lower, long_side, first)) {
      long_side.erase(long_side.begin() + static_cast<std::ptrdiff_t>(first),
                      long_side.begin() + static_cast<std::ptrdiff_t>(first + short_side[i].lower.size()));
      short_side.erase(short_side.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      ++i;
    }
  }
}

// Where a claim names a country (text/country_names.h): bytes [begin, end) of its text.
struct CountryName {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t country = 0;
};

// The country names of a claim, read on its words rather than its content words: "States" of
// "United States" reads as a reporting verb there. The longest form at each word; "us" only
// as written "US".
std::vector<CountryName> country_names(const ClaimWords& words) {
  std::vector<CountryName> names;
  for (std::size_t i = 0; i < words.tokens.size(); ++i) {
    if (!text::starts_country_name(text::without_possessive(words.lower_case(words.tokens[i])))) {
      continue;  // most words: no string built
    }
    std::string form;
    std::optional<CountryName> longest;
    for (std::size_t n = 0; n < text::k_longest_country_form && i + n < words.tokens.size(); ++n) {
      form += (n == 0 ? "" : " ") +
              std::string(text::without_possessive(words.lower_case(words.tokens[i + n])));
      const std::optional<std::size_t> country = text::country_named(form);
      if (country && !(form == "us" && words.written(words.tokens[i]) != "US")) {
        const text::TokenSpan& last = words.tokens[i + n];
        longest = CountryName{words.tokens[i].begin, last.begin + last.size, *country};
      }
    }
    if (longest) {
      names.push_back(*longest);
      while (i + 1 < words.tokens.size() && words.tokens[i + 1].begin < longest->end) {
        ++i;
      }
    }
  }
  return names;
}

// The offset in `words`' text of a content word read from it.
std::size_t offset_of(const ContentWord& word, const ClaimWords& words) {
  return static_cast<std::size_t>(word.lower.data() - words.lower.data());
}

// Drops the words of a country named in both versions of a claim, in the same form or another
// ("American" and "United States", "Dutch" and "Netherlands", "US" and "American"): one country,
// at most a copy edit. `removed` and `added` are still all the content words of each version.
void drop_country_names(const ClaimWords& before, const ClaimWords& after,
                        std::vector<ContentWord>& removed, std::vector<ContentWord>& added) {
  const std::vector<CountryName> old_names = country_names(before);
  if (old_names.empty()) {
    return;
  }
  std::vector<CountryName> new_names = country_names(after);
  std::vector<CountryName> old_dropped;
  std::vector<CountryName> new_dropped;
  for (const CountryName& old_name : old_names) {
    const auto same =
        std::find_if(new_names.begin(), new_names.end(),
                     [&](const CountryName& name) { return name.country == old_name.country; });
    if (same != new_names.end()) {
      old_dropped.push_back(old_name);
      new_dropped.push_back(*same);
      new_names.erase(same);
    }
  }
  const auto drop = [](std::vector<ContentWord>& side, const ClaimWords& words,
                       const std::vector<CountryName>& names) {
    std::erase_if(side, [&](const ContentWord& word) {
      const std::size_t at = offset_of(word, words);
      return std::any_of(names.begin(), names.end(), [&](const CountryName& name) {
        return at >= name.begin && at < name.end;
      });
    });
  };
  drop(removed, before, old_dropped);
  drop(added, after, new_dropped);
}

// Pairs each removed word, in order, with the first added word still unpaired that `same`
// accepts, and drops both; returns the number of pairs. Marks first and drops in one sweep at
// the end: erasing each pair at once moved the rest of both vectors every time.
std::size_t pair_off(std::vector<ContentWord>& removed, std::vector<ContentWord>& added, const auto& same) {
  std::vector<bool> removed_paired(removed.size(), false);
  std::vector<bool> added_paired(added.size(), false);
  std::size_t pairs = 0;
  for (std::size_t r = 0; r < removed.size(); ++r) {
    for (std::size_t a = 0; a < added.size(); ++a) {
      if (!added_paired[a] && same(removed[r].lower, added[a].lower)) {
        removed_paired[r] = true;
        added_paired[a] = true;
        ++pairs;
        break;
      }
    }
  }
  const auto drop_paired = [](std::vector<ContentWord>& words, const std::vector<bool>& paired) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (!paired[i]) {
        if (kept != i) {
          words[kept] = std::move(words[i]);
        }
        ++kept;
      }
    }
    words.resize(kept);
  };
  drop_paired(removed, removed_paired);
  drop_paired(added, added_paired);
  return pairs;
}

// Drops each word of `side` that is a word of `partners` run together with another word of
// `other` ("northbridge" for "north bridge", "peskovsaid" for "Peskov said"; `partners` are
// the words the other version gained or lost), with the partners it was run from: a missing
// space put in or taken out. Returns how many words it dropped from `side`. A part must be
// among the edits, so that a word that merely contains two others of the sentence is not read
// as them.
std::size_t drop_run_together(std::vector<ContentWord>& side, const ClaimWords& other,
                              std::vector<ContentWord>& partners) {
  std::vector<bool> partner_dropped(partners.size(), false);
  const auto unpaired_partner = [&](std::string_view part) {
    for (std::size_t p = 0; p < partners.size(); ++p) {
      if (!partner_dropped[p] && partners[p].lower == part) {
        return p;
      }
    }
    return std::string_view::npos;
  };
  const auto in_other = [&](std::string_view part) {
    return std::any_of(other.tokens.begin(), other.tokens.end(), [&](const text::TokenSpan& token) {
      return other.lower_case(token) == part;
    });
  };
  // The rest of `word` once `part` is cut from its start or its end, if `part` is one.
  const auto rest_of = [](std::string_view word,
                          std::string_view part) -> std::optional<std::string_view> {
    if (part.size() < word.size() && word.starts_with(part)) {
      return word.substr(part.size());
    }
    if (part.size() < word.size() && word.ends_with(part)) {
      return word.substr(0, word.size() - part.size());
    }
    return std::nullopt;
  };
  std::size_t dropped = 0;
  std::erase_if(side, [&](const ContentWord& word) {
    for (std::size_t p = 0; p < partners.size(); ++p) {
      const std::optional<std::string_view> rest =
          partner_dropped[p] ? std::nullopt : rest_of(word.lower, partners[p].lower);
      if (rest && in_other(*rest)) {
        partner_dropped[p] = true;
        if (const std::size_t other_part = unpaired_partner(*rest);
            other_part != std::string_view::npos) {
          partner_dropped[other_part] = true;
        }
        ++dropped;
        return true;
      }
    }
    return false;
  });
  std::size_t index = 0;
  std::erase_if(partners, [&](const ContentWord&) { return partner_dropped[index++]; });
  return dropped;
}

// Content words removed and added, with spelling variants paired off as typo fixes.
void compare_words(const ClaimWords& before, const ClaimWords& after, const VersionFacts& old_facts,
                   const VersionFacts& new_facts, ChangeEvidence& evidence) {
  std::vector<ContentWord> removed = content_words(before, !evidence.attribution);
  std::vector<ContentWord> added = content_words(after, !evidence.attribution);
  const std::size_t total = removed.size() + added.size();
  // A country in two forms first: "Saudi" and "Saudi Arabia" would otherwise pair "Saudi" alone.
  drop_country_names(before, after, removed, added);
  // Words in both versions (anywhere: word order is style) are unchanged.
  pair_off(removed, added, [](std::string_view old_word, std::string_view new_word) { return old_word == new_word; });
  evidence.typo_fixes += pair_off(removed, added, [](std::string_view old_word, std::string_view new_word) {
    return text::are_spelling_variants(new_word, old_word);
  });
  evidence.typo_fixes +=
      drop_run_together(removed, after, added) + drop_run_together(added, before, removed);
  drop_acronyms(removed, added);
  drop_acronyms(added, removed);
  // Rare, so the whole claim's words are read again only for a changed acronym.
  if (std::any_of(removed.begin(), removed.end(), is_acronym)) {
    drop_defined_acronyms(removed, content_words(before, !evidence.attribution));
  }
  if (std::any_of(added.begin(), added.end(), is_acronym)) {
    drop_defined_acronyms(added, content_words(after, !evidence.attribution));
  }
  evidence.changed_words = removed.size() + added.size();
  evidence.added_words = added.size();
  evidence.removed_words = removed.size();
  for (const ContentWord& word : removed) {
    evidence.novel_words += new_facts.words.contains(word.lower) ? 0 : 1;
  }
  for (const ContentWord& word : added) {
    evidence.novel_words += old_facts.words.contains(word.lower) ? 0 : 1;
  }
  for (const auto* side : {&removed, &added}) {
    evidence.changed_names += static_cast<std::size_t>(
        std::count_if(side->begin(), side->end(), [](const ContentWord& word) { return word.name; }));
  }
  evidence.changed_share =
      total == 0 ? 0.0 : static_cast<double>(evidence.changed_words) / static_cast<double>(total);
}

}  // namespace

VersionFacts version_facts(const std::vector<ClaimWords>& claims) {
  VersionFacts facts;
  for (const ClaimWords& words : claims) {
    const Claim& claim = *words.claim;
    // Every word a content word could be, and more (words of figures, times and speakers,
    // cues): only content words are looked up, so a superset answers the same and costs less
    // than content_words() on every claim of the version.
    for (const text::TokenSpan& token : words.tokens) {
      const std::string_view lower = words.lower_case(token);
      for (std::size_t from = 0; from <= lower.size();) {
        const std::size_t to = std::min(lower.find('-', from), lower.size());
        const std::string_view part = text::without_possessive(lower.substr(from, to - from));
        from = to + 1;
        if (!part.empty() && !text::is_function_word(part)) {
          facts.words.emplace(part);
        }
      }
    }
    for (const text::Quantity& quantity : claim.numbers) {
      if (has_value(quantity)) {
        facts.figures.insert(figure_key(quantity));
      }
    }
    if (!claim.attribution.empty() &&
        std::find(facts.speakers.begin(), facts.speakers.end(), claim.attribution) == facts.speakers.end()) {
      facts.speakers.push_back(claim.attribution);
    }
  }
  return facts;
}

ChangeEvidence gather_evidence(const ClaimWords* before_words, const ClaimWords* after_words,
                               const VersionFacts& old_facts, const VersionFacts& new_facts,
                               const std::vector<WordEdit>& word_edits) {
  const Claim* before = before_words != nullptr ? before_words->claim : nullptr;
  const Claim* after = after_words != nullptr ? after_words->claim : nullptr;
  ChangeEvidence evidence;
  evidence.topical = (before != nullptr && !before->topics.empty()) ||
                     (after != nullptr && !after->topics.empty());
  if (before == nullptr || after == nullptr) {
    const Claim& claim = before != nullptr ? *before : *after;
    const VersionFacts& other_version = before != nullptr ? new_facts : old_facts;
    const std::vector<ContentWord> words = content_words(before != nullptr ? *before_words : *after_words);
    evidence.content_words = words.size();
    evidence.names = static_cast<std::size_t>(
        std::count_if(words.begin(), words.end(), [](const ContentWord& word) { return word.name; }));
    evidence.has_number = std::any_of(claim.numbers.begin(), claim.numbers.end(), has_value);
    evidence.novel_figure = std::any_of(claim.numbers.begin(), claim.numbers.end(), [&](const text::Quantity& quantity) {
      return has_value(quantity) && !other_version.figures.contains(figure_key(quantity));
    });
    evidence.has_attribution = !claim.attribution.empty();
    evidence.novel_speaker =
        evidence.has_attribution &&
        std::none_of(other_version.speakers.begin(), other_version.speakers.end(),
                     [&](const std::string& speaker) { return same_speaker(speaker, claim.attribution); });
    evidence.has_negation = (before != nullptr ? *before_words : *after_words).negations > 0;
    const auto novel = std::count_if(words.begin(), words.end(), [&](const ContentWord& word) {
      return !other_version.words.contains(word.lower);
    });
    evidence.novel_share =
        words.empty() ? 0.0 : static_cast<double>(novel) / static_cast<double>(words.size());
    return evidence;
  }
  evidence.number = numbers_differ(*before, *after, old_facts, new_facts);
  // Negations and opposites are English words ("no" is Spanish too): in text of a language
  // without rules, only the figures and the words are compared.
  const bool english = before->analysed() && after->analysed();
  evidence.negation = english && before_words->negations != after_words->negations;
  evidence.certainty =
      firmness(*before) != firmness(*after) &&
      !(cues_respelt(*before, *after_words) && cues_respelt(*after, *before_words));
  if ((evidence.certainty || evidence.negation) &&
      cue_changes_ride_on_clauses(*before, *after, word_edits)) {
    evidence.certainty = evidence.negation = false;  // a statement came or went: its words weigh it
  }
  evidence.reversal = english && says_the_opposite(*before_words, *after_words) &&
                      !cue_changes_ride_on_clauses(*before, *after, word_edits);
  if (!same_speaker(before->attribution, after->attribution)) {
    // Each speaker looked for once in the other version's sentence.
    const bool after_named_before = speaker_still_named(after->attribution, before->text);
    const bool before_named_after = speaker_still_named(before->attribution, after->text);
    evidence.attribution = !(before->attribution.empty() && after_named_before) &&
                           !(after->attribution.empty() && before_named_after) &&
                           !(after_named_before && before_named_after);
  }
  evidence.time = comparable_times(*before) != comparable_times(*after);
  evidence.date_moved = evidence.time && time_figures(*before) != time_figures(*after);
  compare_words(*before_words, *after_words, old_facts, new_facts, evidence);
  return evidence;
}

}  // namespace tracker::diff
