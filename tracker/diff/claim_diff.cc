#include "tracker/diff/claim_diff.h"

#include <dtl/dtl.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

#include "tracker/diff/significance.h"
#include "tracker/text/tokens.h"

namespace tracker::diff {
namespace {

using claims::Claim;

// Pairs scoring below this are an unrelated removal and addition, not one modified claim.
constexpr double k_min_pair_similarity = 0.5;
// The same for a removed and an added claim in the same place: between the same unchanged
// claims, the one is more likely the other rewritten than something else.
constexpr double k_min_in_place_similarity = 0.25;
// Pairing is quadratic; past this many candidate pairs, only nearby claims are compared.
constexpr std::size_t k_max_pairings = 250'000;
constexpr std::size_t k_nearby = 50;

// Each distinct word of the diffed keys as a number, so that sorting and comparing a claim's
// words compares integers, not strings.
using WordIds = std::unordered_map<std::string_view, std::uint32_t>;

// The claim's key as word numbers, sorted: its word multiset.
std::vector<std::uint32_t> key_words(const std::string& key, WordIds& ids) {
  std::vector<std::uint32_t> words;
  std::size_t pos = 0;
  const std::string_view view(key);
  while (pos < view.size()) {
    const std::size_t end = std::min(view.find(' ', pos), view.size());
    if (end > pos) {
      const auto next_id = static_cast<std::uint32_t>(ids.size());
      words.push_back(ids.try_emplace(view.substr(pos, end - pos), next_id).first->second);
    }
    pos = end + 1;
  }
  std::sort(words.begin(), words.end());
  return words;
}

// Dice coefficient of the two claims' word multisets.
double similarity(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty() || b.empty()) {
    return 0;
  }
  std::size_t common = 0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

std::vector<std::string> merged_topics(const Claim* a, const Claim* b) {
  std::vector<std::string> topics;
  for (const Claim* claim : {a, b}) {
    if (claim == nullptr) {
      continue;
    }
    for (const std::string& topic : claim->topics) {
      if (std::find(topics.begin(), topics.end(), topic) == topics.end()) {
        topics.push_back(topic);
      }
    }
  }
  return topics;
}

std::vector<Aspect> aspects_of(const ChangeEvidence& evidence) {
  std::vector<Aspect> aspects;
  if (evidence.number) {
    aspects.push_back(Aspect::number);
  }
  if (evidence.attribution) {
    aspects.push_back(Aspect::attribution);
  }
  // A negation added or dropped flips the claim: "have engaged" and "have not engaged".
  if (evidence.certainty || evidence.negation) {
    aspects.push_back(Aspect::certainty);
  }
  // A word swapped for its opposite says the contrary: "rose" and "fell", "won" and "lost".
  if (evidence.reversal) {
    aspects.push_back(Aspect::reversal);
  }
  if (evidence.time) {
    aspects.push_back(Aspect::time);
  }
  if (aspects.empty() || evidence.changed_words > 0 || evidence.typo_fixes > 0) {
    aspects.push_back(Aspect::wording);
  }
  return aspects;
}

// A count in a watched-for-corrections topic went down: the same noun with a smaller value.
bool count_went_down(const ClaimChange& change, const DiffOptions& options) {
  const bool counted_topic = std::any_of(change.topics.begin(), change.topics.end(), [&](const std::string& topic) {
    return std::find(options.count_topics.begin(), options.count_topics.end(), topic) !=
           options.count_topics.end();
  });
  if (!counted_topic) {
    return false;
  }
  const auto& old_numbers = change.old_claim->numbers;
  const auto& new_numbers = change.new_claim->numbers;
  for (std::size_t i = 0; i < old_numbers.size(); ++i) {
    for (std::size_t j = 0; j < new_numbers.size(); ++j) {
      const bool same_thing = old_numbers[i].noun == new_numbers[j].noun &&
                              (!old_numbers[i].noun.empty() || i == j);
      if (same_thing && new_numbers[j].value < old_numbers[i].value) {
        return true;
      }
    }
  }
  return false;
}

// "Correction: An earlier version ...", "Editor's note: ...", "CLARIFICATION - ...": how
// outlets label a note about their own change to a story.
bool is_correction_note(std::string_view text) {
  constexpr std::array<std::string_view, 5> k_labels = {"correction", "corrections", "clarification",
                                                       "editor's note", "editors' note"};
  const std::string start = text::ascii_lower(text.substr(0, 24));
  return std::any_of(k_labels.begin(), k_labels.end(), [&](std::string_view label) {
    return start.starts_with(label) && start.size() > label.size() &&
           (start[label.size()] == ':' || start.compare(label.size(), 2, " -") == 0 ||
            start.compare(label.size(), 2, " :") == 0);
  });
}

// Whether `field` (a standfirst) says what the first sentences of `body` say: its comparison key
// is part of theirs, so that one cut short ("... still rare, l") counts too.
bool opens_body(const Claim& field, const std::vector<Claim>& body) {
  constexpr std::size_t k_opening_claims = 8;
  std::string opening;
  for (std::size_t i = 0; i < body.size() && i < k_opening_claims; ++i) {
    opening += opening.empty() ? body[i].key : " " + body[i].key;
  }
  return opening.find(field.key) != std::string::npos;
}

// A version's claims, each read once (claim_words.h), and what the version says as a whole.
struct VersionReading {
  explicit VersionReading(const std::vector<Claim>& version)
      : claims(version), words(read_words(version)), facts(version_facts(words)) {}
  // `facts` views the strings of `words`, which a move of a short string would not keep.
  VersionReading(const VersionReading&) = delete;
  VersionReading& operator=(const VersionReading&) = delete;

  // The reading of `claim`, one of `claims`; null for null.
  const ClaimWords* words_of(const Claim* claim) const {
    return claim == nullptr ? nullptr : &words[static_cast<std::size_t>(claim - claims.data())];
  }

  const std::vector<Claim>& claims;
  std::vector<ClaimWords> words;
  VersionFacts facts;
};

// The change's meaning score and significance from its evidence; a correction note is at
// least medium.
void regrade(ClaimChange& change, const DiffOptions& options) {
  change.meaning_score = meaning_score(change.kind, change.evidence);
  change.significance = grade(change, options);
  if (change.correction_note) {
    change.significance = std::max(change.significance, Significance::medium);
  }
}

// One change with its word diff, evidence, aspects and grade.
ClaimChange graded_change(ChangeKind kind, const ClaimWords* before_words, const ClaimWords* after_words,
                          const VersionFacts& old_facts, const VersionFacts& new_facts, const DiffOptions& options) {
  const Claim* before = before_words != nullptr ? before_words->claim : nullptr;
  const Claim* after = after_words != nullptr ? after_words->claim : nullptr;
  ClaimChange change;
  change.kind = kind;
  change.old_claim = before;
  change.new_claim = after;
  change.topics = merged_topics(before, after);
  if (kind == ChangeKind::modified) {
    change.words = word_diff(before->text, after->text);
    change.possible_correction = count_went_down(change, options);
  }
  change.evidence = gather_evidence(before_words, after_words, old_facts, new_facts, change.words);
  if (kind == ChangeKind::modified) {
    change.aspects = aspects_of(change.evidence);
  }
  change.correction_note = kind == ChangeKind::added && is_correction_note(after->text);
  regrade(change, options);
  return change;
}

bool is_copy_edit(const ClaimChange& change) {
  return grading_rule(change) == GradingRule::wording;
}

// The share of `changes` that are wording only: what a page field weighs itself among.
double copy_edit_share(const std::vector<ClaimChange>& changes) {
  const auto copy_edits = std::count_if(changes.begin(), changes.end(), is_copy_edit);
  return changes.empty() ? 0.0
                         : static_cast<double>(copy_edits) / static_cast<double>(changes.size());
}

// Each change weighed beside the others of its diff (ChangeEvidence::copy_edit_share: the
// share of the other changes that are wording only).
void weigh_among_others(std::vector<ClaimChange>& changes, const DiffOptions& options) {
  std::vector<bool> copy_edit(changes.size());
  std::transform(changes.begin(), changes.end(), copy_edit.begin(), is_copy_edit);
  const auto copy_edits =
      static_cast<std::size_t>(std::count(copy_edit.begin(), copy_edit.end(), true));
  if (copy_edits == 0) {
    return;  // every share is 0, as graded
  }
  const double others = static_cast<double>(std::max<std::size_t>(changes.size(), 2) - 1);
  for (std::size_t i = 0; i < changes.size(); ++i) {
    changes[i].evidence.copy_edit_share =
        static_cast<double>(copy_edits - (copy_edit[i] ? 1 : 0)) / others;
    regrade(changes[i], options);
  }
}

}  // namespace

std::string_view kind_name(const ClaimChange& change) {
  if (change.story_event == StoryEvent::taken_down) {
    return "taken_down";
  }
  if (change.story_event == StoryEvent::restored) {
    return "restored";
  }
  if (change.new_claim != nullptr && change.new_claim->field != claims::PageField::body) {
    return claims::to_string(change.new_claim->field);
  }
  return to_string(change.kind);
}

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::added:
      return "added";
    case ChangeKind::removed:
      return "removed";
    case ChangeKind::modified:
      return "modified";
  }
  return "modified";
}

std::string_view to_string(Significance significance) {
  switch (significance) {
    case Significance::low:
      return "low";
    case Significance::medium:
      return "medium";
    case Significance::high:
      return "high";
  }
  return "low";
}

std::optional<Significance> parse_significance(std::string_view name) {
  for (const Significance significance : {Significance::low, Significance::medium, Significance::high}) {
    if (to_string(significance) == name) {
      return significance;
    }
  }
  return std::nullopt;
}

std::string_view to_string(Aspect aspect) {
  switch (aspect) {
    case Aspect::number:
      return "number";
    case Aspect::attribution:
      return "attribution";
    case Aspect::certainty:
      return "certainty";
    case Aspect::reversal:
      return "reversal";
    case Aspect::time:
      return "time";
    case Aspect::wording:
      return "wording";
  }
  return "wording";
}

std::vector<std::string> languages_not_analysed(const std::vector<Claim>& old_claims,
                                                const std::vector<Claim>& new_claims) {
  std::vector<std::string> languages;
  for (const auto* claims : {&old_claims, &new_claims}) {
    for (const Claim& claim : *claims) {
      if (!claim.language.empty() &&
          std::find(languages.begin(), languages.end(), claim.language) == languages.end()) {
        languages.push_back(claim.language);
      }
    }
  }
  std::sort(languages.begin(), languages.end());
  return languages;
}

ClaimDiff diff_claims(const std::vector<Claim>& old_claims, const std::vector<Claim>& new_claims,
                      const DiffOptions& options) {
  ClaimDiff result;
  result.languages_not_analysed = languages_not_analysed(old_claims, new_claims);
  const std::hash<std::string> hasher;
  std::vector<std::size_t> old_keys;
  std::vector<std::size_t> new_keys;
  for (const Claim& claim : old_claims) {
    old_keys.push_back(hasher(claim.key));
  }
  for (const Claim& claim : new_claims) {
    new_keys.push_back(hasher(claim.key));
  }
  dtl::Diff<std::size_t> alignment(old_keys, new_keys);
  alignment.compose();
  std::vector<std::size_t> removed;  // indexes into old_claims
  std::vector<std::size_t> added;    // indexes into new_claims
  // Per claim removed or added: how many unchanged claims come before it (its gap).
  std::vector<std::size_t> old_gap(old_claims.size(), 0);
  std::vector<std::size_t> new_gap(new_claims.size(), 0);
  for (const auto& [key, info] : alignment.getSes().getSequence()) {
    if (info.type == dtl::SES_COMMON) {
      ++result.unchanged;
    } else if (info.type == dtl::SES_DELETE) {
      removed.push_back(static_cast<std::size_t>(info.beforeIdx - 1));
      old_gap[removed.back()] = result.unchanged;
    } else {
      added.push_back(static_cast<std::size_t>(info.afterIdx - 1));
      new_gap[added.back()] = result.unchanged;
    }
  }

  // The same claim removed in one place and added in another has moved.
  std::unordered_multimap<std::string, std::size_t> added_by_key;
  for (std::size_t index : added) {
    added_by_key.emplace(new_claims[index].key, index);
  }
  std::vector<bool> old_done(old_claims.size(), false);
  std::vector<bool> new_done(new_claims.size(), false);
  for (std::size_t index : removed) {
    auto it = added_by_key.find(old_claims[index].key);
    if (it != added_by_key.end()) {
      old_done[index] = true;
      new_done[it->second] = true;
      added_by_key.erase(it);
      ++result.moved;
    }
  }
  std::erase_if(removed, [&](std::size_t index) { return old_done[index]; });
  std::erase_if(added, [&](std::size_t index) { return new_done[index]; });

  // Pair what is left by similarity, best pairs first.
  struct Candidate {
    double score;
    std::size_t old_index;
    std::size_t new_index;
  };
  WordIds word_ids;
  std::vector<std::vector<std::uint32_t>> old_words(old_claims.size());
  std::vector<std::vector<std::uint32_t>> new_words(new_claims.size());
  for (std::size_t index : removed) {
    old_words[index] = key_words(old_claims[index].key, word_ids);
  }
  for (std::size_t index : added) {
    new_words[index] = key_words(new_claims[index].key, word_ids);
  }
  const bool limit_to_nearby = removed.size() * added.size() > k_max_pairings;
  std::vector<Candidate> candidates;
  for (std::size_t r = 0; r < removed.size(); ++r) {
    for (std::size_t a = 0; a < added.size(); ++a) {
      if (limit_to_nearby && (r > a + k_nearby || a > r + k_nearby)) {
        continue;
      }
      const double score = similarity(old_words[removed[r]], new_words[added[a]]);
      const bool in_place = old_gap[removed[r]] == new_gap[added[a]];
      if (score >= (in_place ? k_min_in_place_similarity : k_min_pair_similarity)) {
        candidates.push_back(Candidate{score, removed[r], added[a]});
      }
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
  std::vector<std::size_t> partner_of_new(new_claims.size(), old_claims.size());
  for (const Candidate& candidate : candidates) {
    if (!old_done[candidate.old_index] && !new_done[candidate.new_index]) {
      old_done[candidate.old_index] = true;
      new_done[candidate.new_index] = true;
      partner_of_new[candidate.new_index] = candidate.old_index;
    }
  }

  // Emit in the new version's order; a removed claim goes before the first new claim that
  // followed it in the old version.
  std::vector<bool> is_added(new_claims.size(), false);
  for (std::size_t index : added) {
    is_added[index] = true;
  }
  std::vector<std::size_t> unpaired_removed;
  for (std::size_t index : removed) {
    if (!old_done[index]) {
      unpaired_removed.push_back(index);
    }
  }
  std::size_t next_removed = 0;
  // Read on the first change: a version without changes costs nothing more.
  std::optional<VersionReading> old_version;
  std::optional<VersionReading> new_version;
  const auto make_change = [&](ChangeKind kind, const Claim* before, const Claim* after) {
    if (!old_version) {
      old_version.emplace(old_claims);
      new_version.emplace(new_claims);
    }
    result.changes.push_back(graded_change(kind, old_version->words_of(before), new_version->words_of(after),
                                           old_version->facts, new_version->facts, options));
  };
  // Where each new claim sits in the old version: the old index of an unchanged claim or of
  // a modified claim's partner. An added claim sits at the next such anchor, so that the
  // claims it replaced are listed (removed) before it, as diff(1) lists '-' before '+'.
  std::vector<std::size_t> anchor(new_claims.size(), old_claims.size());
  for (const auto& [key, info] : alignment.getSes().getSequence()) {
    if (info.type == dtl::SES_COMMON) {
      anchor[static_cast<std::size_t>(info.afterIdx - 1)] = static_cast<std::size_t>(info.beforeIdx - 1);
    }
  }
  for (std::size_t index = 0; index < new_claims.size(); ++index) {
    if (partner_of_new[index] < old_claims.size()) {
      anchor[index] = partner_of_new[index];
    }
  }
  std::size_t next_anchor = old_claims.size();
  for (std::size_t index = new_claims.size(); index-- > 0;) {
    if (anchor[index] < old_claims.size()) {
      next_anchor = anchor[index];
    } else {
      anchor[index] = next_anchor;
    }
  }
  for (std::size_t index = 0; index < new_claims.size(); ++index) {
    while (next_removed < unpaired_removed.size() && unpaired_removed[next_removed] < anchor[index]) {
      make_change(ChangeKind::removed, &old_claims[unpaired_removed[next_removed]], nullptr);
      ++next_removed;
    }
    if (!is_added[index]) {
      continue;
    }
    if (partner_of_new[index] < old_claims.size()) {
      make_change(ChangeKind::modified, &old_claims[partner_of_new[index]], &new_claims[index]);
    } else if (!new_done[index]) {
      make_change(ChangeKind::added, nullptr, &new_claims[index]);
    }
  }
  for (; next_removed < unpaired_removed.size(); ++next_removed) {
    make_change(ChangeKind::removed, &old_claims[unpaired_removed[next_removed]], nullptr);
  }
  weigh_among_others(result.changes, options);
  return result;
}

void add_headline_change(ClaimDiff& diff, const Claim& old_headline, const Claim& new_headline,
                         const std::vector<Claim>& old_claims, const std::vector<Claim>& new_claims,
                         const DiffOptions& options) {
  add_page_field_change(diff, old_headline, new_headline, old_claims, new_claims, options);
}

void add_page_field_change(ClaimDiff& diff, const Claim& old_field, const Claim& new_field,
                           const std::vector<Claim>& old_claims, const std::vector<Claim>& new_claims,
                           const DiffOptions& options) {
  if (old_field.key.empty() || new_field.key.empty() || old_field.key == new_field.key) {
    return;
  }
  // A new standfirst that is the body's opening, as many pages' descriptions are, says nothing
  // the body does not: the body's own changes are the news.
  if (new_field.field == claims::PageField::standfirst && opens_body(new_field, new_claims)) {
    return;
  }
  // A figure the field states is new only if the body does not state it either.
  const ClaimWords old_words = read_words(old_field);
  const ClaimWords new_words = read_words(new_field);
  ClaimChange change = graded_change(ChangeKind::modified, &old_words, &new_words, VersionReading(old_claims).facts,
                                     VersionReading(new_claims).facts, options);
  change.evidence.copy_edit_share = copy_edit_share(diff.changes);
  regrade(change, options);
  if (new_field.field == claims::PageField::byline) {
    // Who the report is by: a change of the people credited is one of its attribution, never
    // high (the story's facts did not move), never low (a name changed: the key differs).
    change.aspects = {Aspect::attribution};
    change.significance = Significance::medium;
  }
  // Fields come first, in the order the page shows them: headline, standfirst, byline.
  const auto after = std::find_if(diff.changes.begin(), diff.changes.end(), [&](const ClaimChange& other) {
    return other.new_claim == nullptr || other.new_claim->field == claims::PageField::body ||
           other.new_claim->field > new_field.field;
  });
  diff.changes.insert(after, std::move(change));
}

}  // namespace tracker::diff
