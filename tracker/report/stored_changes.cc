#include "tracker/report/stored_changes.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

namespace tracker::report {
namespace {

std::optional<diff::WordEdit::Op> word_op(const nlohmann::json& op) {
  if (!op.is_string()) {
    return std::nullopt;
  }
  const std::string& name = op.get_ref<const std::string&>();
  if (name == "equal") {
    return diff::WordEdit::Op::equal;
  }
  if (name == "removed") {
    return diff::WordEdit::Op::removed;
  }
  if (name == "added") {
    return diff::WordEdit::Op::added;
  }
  return std::nullopt;
}

// The "words" array of a stored detail; nullopt when it is missing or not as diff_json writes it.
std::optional<std::vector<diff::WordEdit>> detail_words(const nlohmann::json& detail) {
  if (!detail.is_object() || !detail.contains("words") || !detail["words"].is_array()) {
    return std::nullopt;
  }
  std::vector<diff::WordEdit> words;
  for (const nlohmann::json& item : detail["words"]) {
    if (!item.is_object() || !item.contains("text") || !item["text"].is_string()) {
      return std::nullopt;
    }
    auto op = word_op(item.value("op", nlohmann::json()));
    if (!op) {
      return std::nullopt;
    }
    words.push_back({*op, item["text"].get<std::string>()});
  }
  return words;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

}  // namespace

namespace {

CorrectionFlags flags_of(const nlohmann::json& detail) {
  const auto flag = [&](const char* name) {
    if (!detail.is_object()) {
      return false;
    }
    const auto found = detail.find(name);
    return found != detail.end() && found->is_boolean() && found->get<bool>();
  };
  CorrectionFlags flags{flag("possible_correction"), flag("correction_note"), {}, {}};
  if (detail.is_object() && detail.contains("story") && detail["story"].is_object()) {
    const nlohmann::json& story = detail["story"];
    flags.story_event = story.value("event", nlohmann::json("")).is_string() ? story.value("event", "") : "";
    flags.story_reason = story.value("reason", nlohmann::json("")).is_string() ? story.value("reason", "") : "";
  }
  return flags;
}

}  // namespace

CorrectionFlags correction_flags(std::string_view detail_json) {
  return flags_of(nlohmann::json::parse(detail_json, nullptr, false));
}

CorrectionFlags correction_flags(const diff::ClaimChange& change) {
  return {change.possible_correction, change.correction_note,
          change.story_event == diff::StoryEvent::none ? std::string() : std::string(diff::kind_name(change)),
          change.story_reason};
}

std::vector<std::string> correction_notes(const CorrectionFlags& flags) {
  std::vector<std::string> notes;
  if (flags.story_event == "taken_down") {
    notes.push_back("The story was taken down: " + flags.story_reason + ".");
  } else if (flags.story_event == "restored") {
    notes.emplace_back("The story is back after being taken down.");
  }
  if (flags.possible_correction) {
    notes.emplace_back("A count went down: possible correction.");
  }
  if (flags.correction_note) {
    notes.emplace_back("The outlet added a correction or editor's note.");
  }
  return notes;
}

StoredChange to_stored_change(store::Change change) {
  StoredChange stored;
  const nlohmann::json detail = nlohmann::json::parse(change.detail_json, nullptr, false);
  stored.flags = flags_of(detail);
  if (change.old_text && change.new_text) {
    auto words = detail_words(detail);
    stored.words = words ? std::move(*words) : diff::word_diff(*change.old_text, *change.new_text);
  }
  stored.change = std::move(change);
  return stored;
}

store::StoreResult<ChangeSet> read_change_set(store::SnapshotStore& store,
                                              const store::ChangeQuery& query) {
  auto changes = store.changes(query);
  if (!changes) {
    return tl::make_unexpected(changes.error());
  }
  ChangeSet set;
  std::map<store::SourceId, std::string> source_names;
  for (store::Change& change : *changes) {
    if (!set.documents.contains(change.document_id)) {
      auto document = store.document(change.document_id);
      if (!document) {
        return tl::make_unexpected(document.error());
      }
      ChangedDocument changed;
      if (*document) {
        changed.document = std::move(**document);
      } else {  // the store's foreign keys forbid this; show the change rather than fail
        changed.document.id = change.document_id;
      }
      const store::SourceId source_id = changed.document.source_id;
      if (!source_names.contains(source_id)) {
        auto source = store.source(source_id);
        if (!source) {
          return tl::make_unexpected(source.error());
        }
        source_names[source_id] = *source ? (*source)->name : std::string();
      }
      changed.source_name = source_names[source_id];
      set.documents.emplace(change.document_id, std::move(changed));
    }
    set.changes.push_back(to_stored_change(std::move(change)));
  }
  return set;
}

std::vector<diff::WordEdit> one_side(const std::vector<diff::WordEdit>& words,
                                     diff::WordEdit::Op keep) {
  std::vector<diff::WordEdit> out;
  std::copy_if(words.begin(), words.end(), std::back_inserter(out),
               [&](const diff::WordEdit& edit) {
                 return edit.op == diff::WordEdit::Op::equal || edit.op == keep;
               });
  return out;
}

std::string utc_time(store::UnixSeconds seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  char text[32] = "";
  if (::gmtime_r(&time, &parts) == nullptr || parts.tm_year < -1900 ||
      parts.tm_year > 9999 - 1900 ||
      std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts) == 0) {
    return "1970-01-01T00:00:00Z";  // not a four-digit year: a damaged value, never one a run
                                    // stored
  }
  return text;
}

std::string kind_label(std::string_view kind) {
  return kind == "added"      ? "new claim"
         : kind == "removed"  ? "claim removed"
         : kind == "modified" ? "claim changed"
         : kind == "headline" ? "headline changed"
         : kind == "standfirst" ? "standfirst changed"
         : kind == "byline" ? "byline changed"
         : kind == "taken_down" ? "story taken down"
         : kind == "restored" ? "story back"
                              : std::string(kind);
}

std::string_view web_link(std::string_view url) {
  if (starts_with_ignoring_case(url, "http://") || starts_with_ignoring_case(url, "https://")) {
    // No control characters or spaces: a browser would strip them and could read another URL.
    const bool clean = std::none_of(url.begin(), url.end(), [](char c) {
      return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
    });
    if (clean) {
      return url;
    }
  }
  return {};
}

}  // namespace tracker::report
