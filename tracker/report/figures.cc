#include "tracker/report/figures.h"

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "tracker/claims/attribution.h"
#include "tracker/report/figure_setter.h"
#include "tracker/text/tokens.h"

namespace tracker::report {
namespace {

// What makes two versions' figures one: the same count of the same thing, said by the same.
using FigureKey = std::tuple<std::string, std::string, std::string, std::string>;

std::string string_or_empty(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::optional<double> number_or_none(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_number() ? std::optional(found->get<double>())
                                                     : std::nullopt;
}

FigureKey key_of(const Figure& figure) {
  const auto number = [](const std::optional<double>& value) {
    return value ? nlohmann::json(*value).dump() : std::string();
  };
  // A vague figure has no value: its words tell "many" from "dozens".
  return {figure.measure,
          figure.value ? number(figure.value) + "-" + number(figure.upper) : figure.text,
          figure.qualifier, figure.attribution};
}

// The clause of `sentence` around byte `at`: the sentence cut where a contrast or a second
// clause joins it (", while ", ", whereas ", ", but ", ", and ", ", as ", "; ").
std::string_view clause_around(std::string_view sentence, std::size_t at) {
  static constexpr std::array<std::string_view, 6> k_joints = {", while ", ", whereas ", ", but ",
                                                               ", and ",   ", as ",      "; "};
  std::size_t begin = 0;
  std::size_t end = sentence.size();
  for (std::string_view joint : k_joints) {
    for (std::size_t found = sentence.find(joint); found != std::string_view::npos;
         found = sentence.find(joint, found + 1)) {
      if (found < at) {
        begin = std::max(begin, found + joint.size());
      } else {
        end = std::min(end, found);
      }
    }
  }
  return sentence.substr(begin, end - begin);
}

// Who gives the number at byte `at` of a claim: the speaker of its own clause when that clause
// names one ("Aeronord said 112 had stopped work, while the union put the number at about 160"
// gives the union's figure to the union), else the claim's speaker; with neither, the maker of
// an offer, a pledge or an estimate in its clause (figure_setter.h).
std::string speaker_of_number(std::string_view sentence, std::size_t at,
                              const std::string& claim_speaker) {
  const std::string_view clause = clause_around(sentence, at);
  const bool own_clause = clause.size() != sentence.size();
  if (!own_clause && !claim_speaker.empty()) {
    return claim_speaker;  // the common case: nothing to read
  }
  const std::vector<text::Token> tokens = text::tokenize(clause);  // read once, for all below
  const std::size_t at_in_clause = at - static_cast<std::size_t>(clause.data() - sentence.data());
  // "while the fire service's own count stood at": read only when the clause names no speaker,
  // and then at most once, for the clause and the fallback.
  std::optional<std::string> owner_read;
  const auto owner = [&]() -> const std::string& {
    if (!owner_read) {
      owner_read = count_owner(clause, tokens, at_in_clause);
    }
    return *owner_read;
  };
  std::string speaker = claim_speaker;
  if (own_clause) {
    std::string own = claims::find_attribution(clause, tokens);
    if (own.empty()) {
      own = owner();
    }
    if (!own.empty() && !claims::is_pronoun(own)) {
      speaker = std::move(own);
    }
  }
  if (!speaker.empty()) {
    return speaker;
  }
  return owner().empty() ? figure_setter(clause, tokens, at_in_clause) : owner();
}

// The figures of one stored version, keyed; nullopt when its claims do not read.
std::optional<std::map<FigureKey, Figure>> version_figures(const store::DocumentSummary& document,
                                                           const store::Snapshot& snapshot) {
  std::map<FigureKey, Figure> figures;
  const nlohmann::json parsed = nlohmann::json::parse(snapshot.claims_json, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("claims") || !parsed["claims"].is_array()) {
    return std::nullopt;
  }
  std::string last_named;  // the last speaker a claim of this version named, for "he added"
  for (const nlohmann::json& claim : parsed["claims"]) {
    if (!claim.is_object()) {
      continue;
    }
    std::string speaker = string_or_empty(claim, "attribution");
    if (claims::is_pronoun(speaker) && !last_named.empty()) {
      speaker = last_named;
    } else if (!speaker.empty() && !claims::is_pronoun(speaker)) {
      last_named = speaker;
    }
    if (!claim.contains("numbers") || !claim["numbers"].is_array()) {
      continue;
    }
    const std::string sentence = string_or_empty(claim, "text");
    // A claim in a language the rules do not read names no speaker: none is read per clause.
    const bool analysed = string_or_empty(claim, "language").empty();
    std::size_t next = 0;  // where to look for the next number: they come in order
    for (const nlohmann::json& number : claim["numbers"]) {
      if (!number.is_object()) {
        continue;
      }
      Figure figure;
      figure.measure = string_or_empty(number, "noun");
      figure.text = string_or_empty(number, "text");
      figure.value = number_or_none(number, "value");
      figure.upper = number_or_none(number, "upper");
      figure.qualifier = string_or_empty(number, "qualifier");
      const std::size_t at =
          figure.text.empty() ? std::string::npos : sentence.find(figure.text, next);
      figure.attribution = speaker;
      if (at != std::string::npos) {
        next = at + figure.text.size();
        figure.attribution = analysed ? speaker_of_number(sentence, at, speaker) : speaker;
      }
      figure.certainty = string_or_empty(claim, "certainty");
      if (claim.contains("topics") && claim["topics"].is_array()) {
        for (const nlohmann::json& topic : claim["topics"]) {
          if (topic.is_string()) {
            figure.topics.push_back(topic.get<std::string>());
          }
        }
      }
      figure.claim = sentence;
      figure.document_id = document.document.id;
      figure.title = document.document.title;
      figure.url = document.document.url;
      figure.source = document.source_name;
      figure.first_snapshot = snapshot.id;
      figure.first_seen = snapshot.fetched_at;
      figure.last_snapshot = snapshot.id;
      figures.try_emplace(key_of(figure), std::move(figure));  // a figure said twice is one
    }
  }
  return figures;
}

}  // namespace

std::vector<Figure> document_figures(const store::DocumentSummary& document,
                                     const std::vector<store::Snapshot>& snapshots) {
  std::vector<Figure> ended;
  std::map<FigureKey, Figure> current;
  for (const store::Snapshot& snapshot : snapshots) {
    std::map<FigureKey, Figure> here;  // a takedown has none: every figure ends with it
    if (snapshot.gone.empty()) {
      auto read = version_figures(document, snapshot);
      if (!read) {
        continue;  // claims that do not read say nothing of what the version dropped
      }
      here = std::move(*read);
    }
    for (auto it = current.begin(); it != current.end();) {
      if (const auto kept = here.find(it->first); kept != here.end()) {
        it->second.last_snapshot = snapshot.id;
        it->second.certainty = kept->second.certainty;
        here.erase(kept);
        ++it;
      } else {
        it->second.until = snapshot.fetched_at;
        ended.push_back(std::move(it->second));
        it = current.erase(it);
      }
    }
    for (auto& [key, figure] : here) {
      current.emplace(key, std::move(figure));
    }
  }
  for (auto& [key, figure] : current) {
    ended.push_back(std::move(figure));
  }
  return ended;
}

}  // namespace tracker::report
