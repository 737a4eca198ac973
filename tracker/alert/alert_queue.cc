#include "tracker/alert/alert_queue.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "tracker/alert/ledger_alerts.h"
#include "tracker/alert/ledger_message.h"
#include "tracker/alert/message.h"
#include "tracker/store/sha256.h"

namespace tracker::alert {
namespace {

// The part of an address after '@': Message-IDs end with the sender's own domain, as RFC 5322
// asks, so that they are unique worldwide.
std::string id_domain(const std::string& from) {
  const std::size_t at = from.rfind('@');
  std::string domain = at == std::string::npos ? std::string() : from.substr(at + 1);
  for (const char c : domain) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-';
    if (!ok) {
      return "tracker.invalid";
    }
  }
  return domain.empty() ? "tracker.invalid" : domain;
}

// Looks up what an alert shows about a change's document and source, once per document.
class ChangeContext {
 public:
  explicit ChangeContext(store::SnapshotStore& store) : m_store(store) {}

  struct Where {
    std::string source_name;
    std::string document_title;
    std::string document_url;
  };

  store::StoreResult<Where> where(store::DocumentId id) {
    if (const auto found = m_known.find(id); found != m_known.end()) {
      return found->second;
    }
    auto document = m_store.document(id);
    if (!document) {
      return tl::make_unexpected(document.error());
    }
    Where where;
    if (document->has_value()) {
      const store::Document& d = **document;
      where.document_title = d.title;
      where.document_url = d.url;
      auto source = m_store.source(d.source_id);
      if (!source) {
        return tl::make_unexpected(source.error());
      }
      if (source->has_value()) {
        where.source_name = (*source)->name;
      }
    }
    m_known.emplace(id, where);
    return where;
  }

 private:
  store::SnapshotStore& m_store;
  std::map<store::DocumentId, Where> m_known;
};

struct Composer {
  const AlertRule& rule;
  const std::string& key;
  const QueueOptions& options;
  std::string domain;
  std::string store_id;  // SnapshotStore::store_id: no other store makes the same Message-IDs

  store::OutboxMessage compose(const std::vector<AlertedChange>& changes, const std::vector<std::string>& to,
                               const std::string& id_part, std::vector<std::string> references) const {
    Envelope envelope;
    envelope.from = options.from;
    envelope.to = to;
    envelope.message_id = "<tracker." + store_id + "." + key + "." + id_part + "@" + domain + ">";
    envelope.references = std::move(references);
    envelope.date = options.now;
    store::OutboxMessage message;
    message.message_id = envelope.message_id;
    message.rule_key = key;
    message.recipients = to;
    message.subject = alert_subject(changes);
    message.message = compose_alert(envelope, changes);
    message.status = store::OutboxStatus::pending;
    message.next_attempt = options.now;
    message.created_at = options.now;
    for (const AlertedChange& change : changes) {
      message.change_ids.push_back(change.change.id);
    }
    return message;
  }

  store::OutboxMessage compose_ledger(const std::vector<report::LedgerEntry>& events, const std::string& id_part,
                                      std::vector<std::string> references) const {
    store::OutboxMessage message;
    message.message_id = "<tracker." + store_id + "." + key + "." + id_part + "@" + domain + ">";
    const Envelope envelope{options.from, rule.to, message.message_id, std::move(references), options.now};
    message.rule_key = key;
    message.recipients = rule.to;
    message.subject = ledger_alert_subject(events);
    message.message = compose_ledger_alert(envelope, events);
    message.status = store::OutboxStatus::pending;
    message.next_attempt = options.now;
    message.created_at = options.now;
    return message;
  }

  // The thread every alert about one document refers to (a never-sent root), so mail clients
  // that thread by References show a document's alerts together; the store's id keeps another
  // store's document of the same id out of the thread.
  std::string thread_of(store::DocumentId document) const {
    const std::string root = store_id + "/" + std::to_string(document);
    return "<tracker.document." + store::sha256_hex(root).substr(0, 20) + "@" + domain + ">";
  }
};

// The changes after `last` that `rule` alerts about, with their documents, oldest first, and
// the newest change it looked at (its progress after this run).
struct Matches {
  std::vector<AlertedChange> changes;
  store::ChangeId newest = 0;
};

store::StoreResult<Matches> matching_changes(store::SnapshotStore& store, ChangeContext& context,
                                             const AlertRule& rule, store::ChangeId last) {
  store::ChangeQuery query;
  query.after_id = last;
  auto changes = store.changes(query);
  if (!changes) {
    return tl::make_unexpected(changes.error());
  }
  auto in_story = story_documents(store, rule);
  if (!in_story) {
    return tl::make_unexpected(in_story.error());
  }
  Matches matches;
  matches.newest = last;
  for (store::Change& change : *changes) {
    matches.newest = std::max(matches.newest, change.id);
    if (!rule.story.empty() && !in_story->contains(change.document_id)) {
      continue;
    }
    auto where = context.where(change.document_id);
    if (!where) {
      return tl::make_unexpected(where.error());
    }
    if (rule_matches(rule, change, where->source_name)) {
      matches.changes.push_back(
          AlertedChange{where->source_name, where->document_title, where->document_url, std::move(change)});
    }
  }
  return matches;
}

// Which changes each address has been given by the rules before, in this run: an address that
// two rules name gets each change once, from the first rule (in the configuration's order)
// that matches it.
using Deliveries = std::set<std::pair<std::string, store::ChangeId>>;

// An address as mail systems compare it for delivery: case does not matter in practice.
std::string address_key(const std::string& address) {
  std::string key = address;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

// The rule's addresses grouped by the changes each still needs (those no earlier rule gave it),
// in the rule's order of addresses; records those changes as given. Usually one group: all
// addresses, all changes.
std::vector<std::pair<std::vector<std::string>, std::vector<AlertedChange>>> recipient_groups(
    const AlertRule& rule, const std::vector<AlertedChange>& changes, Deliveries& delivered) {
  std::vector<std::pair<std::vector<std::string>, std::vector<AlertedChange>>> groups;
  std::map<std::vector<store::ChangeId>, std::size_t> group_of;
  std::vector<std::pair<std::string, store::ChangeId>> given;
  for (const std::string& address : rule.to) {
    std::vector<store::ChangeId> needed;
    std::vector<AlertedChange> needed_changes;
    for (const AlertedChange& change : changes) {
      if (!delivered.contains({address_key(address), change.change.id})) {
        needed.push_back(change.change.id);
        needed_changes.push_back(change);
        given.emplace_back(address_key(address), change.change.id);
      }
    }
    if (needed.empty()) {
      continue;
    }
    const auto [found, added] = group_of.try_emplace(needed, groups.size());
    if (added) {
      groups.emplace_back(std::vector<std::string>{}, std::move(needed_changes));
    }
    groups[found->second].first.push_back(address);
  }
  delivered.insert(given.begin(), given.end());
  return groups;
}

// The messages of one group of addresses: one per new version of a document, or one digest.
// A group that is not the rule's whole list of addresses gets Message-IDs of its own.
void compose_messages(const Composer& composer, const std::vector<std::string>& to,
                      const std::vector<AlertedChange>& changes, std::vector<store::OutboxMessage>& composed) {
  std::string addresses;
  for (const std::string& address : to) {
    addresses += address + "\n";
  }
  const std::string group = to == composer.rule.to ? std::string() : "." + store::sha256_hex(addresses).substr(0, 12);
  if (composer.rule.digest) {
    const std::string id_part = "digest." + std::to_string(changes.front().change.id) + "-" +
                                std::to_string(changes.back().change.id) + group;
    composed.push_back(composer.compose(changes, to, id_part, {}));
    return;
  }
  // Per new version (snapshot) of a document, in the order found.
  std::map<store::SnapshotId, std::vector<AlertedChange>> by_version;
  for (const AlertedChange& change : changes) {
    by_version[change.change.snapshot_id].push_back(change);
  }
  for (const auto& [snapshot, version_changes] : by_version) {
    const std::string thread = composer.thread_of(version_changes.front().change.document_id);
    composed.push_back(
        composer.compose(version_changes, to, "snapshot." + std::to_string(snapshot) + group, {thread}));
  }
}

// The messages of a figure-ledger rule's events: one per new version, or one digest.
void compose_ledger_messages(const Composer& composer, const std::vector<report::LedgerEntry>& events,
                             std::vector<store::OutboxMessage>& composed) {
  if (events.empty()) {
    return;
  }
  if (composer.rule.digest) {
    const std::string id_part = "ledger.digest." + std::to_string(events.front().figure.first_snapshot) + "-" +
                                std::to_string(events.back().figure.first_snapshot);
    composed.push_back(composer.compose_ledger(events, id_part, {}));
    return;
  }
  std::map<store::SnapshotId, std::vector<report::LedgerEntry>> by_version;
  for (const report::LedgerEntry& event : events) {
    by_version[event.figure.first_snapshot].push_back(event);
  }
  for (const auto& [snapshot, version_events] : by_version) {
    composed.push_back(composer.compose_ledger(version_events, "ledger.snapshot." + std::to_string(snapshot),
                                               {composer.thread_of(version_events.front().figure.document_id)}));
  }
}

// Where a rule's progress starts when the store has not seen it: at the newest change, or for
// a figure-ledger rule at the newest snapshot.
store::StoreResult<std::int64_t> newest_for(store::SnapshotStore& store, const AlertRule& rule) {
  return rule.ledger() ? store.last_snapshot_id() : store.last_change_id();
}

store::StoreResult<std::optional<std::int64_t>> progress_of(store::SnapshotStore& store, const AlertRule& rule,
                                                            const std::string& key) {
  return rule.ledger() ? store.ledger_alert_progress(key) : store.alert_progress(key);
}

store::StoreResult<void> set_progress(store::SnapshotStore& store, const AlertRule& rule, const std::string& key,
                                      std::int64_t last) {
  return rule.ledger() ? store.set_ledger_alert_progress(key, last) : store.set_alert_progress(key, last);
}

}  // namespace

store::StoreResult<void> start_rules(store::SnapshotStore& store, const std::vector<AlertRule>& rules) {
  auto transaction = store.begin();
  if (!transaction) {
    return tl::make_unexpected(transaction.error());
  }
  for (const AlertRule& rule : rules) {
    const std::string key = rule_key(rule);
    auto progress = progress_of(store, rule, key);
    if (!progress) {
      return tl::make_unexpected(progress.error());
    }
    if (!progress->has_value()) {
      auto last = newest_for(store, rule);
      if (!last) {
        return tl::make_unexpected(last.error());
      }
      if (auto set = set_progress(store, rule, key, *last); !set) {
        return set;
      }
    }
  }
  return transaction->commit();
}

store::StoreResult<std::vector<store::OutboxMessage>> queue_alerts(
    store::SnapshotStore& store, const std::vector<AlertRule>& rules, const QueueOptions& options) {
  std::vector<store::OutboxMessage> composed;
  auto transaction = store.begin();
  if (!transaction) {
    return tl::make_unexpected(transaction.error());
  }
  ChangeContext context(store);
  const std::string domain = id_domain(options.from);
  auto store_id = store.store_id();
  if (!store_id) {
    return tl::make_unexpected(store_id.error());
  }
  Deliveries delivered;
  std::optional<report::MeasureLexicon> lexicon;  // read once, for the first ledger rule
  for (const AlertRule& rule : rules) {
    const std::string key = rule_key(rule);
    auto progress = progress_of(store, rule, key);
    if (!progress) {
      return tl::make_unexpected(progress.error());
    }
    // A rule start_rules has not seen looks at nothing before now.
    auto last = progress->has_value() ? store::StoreResult<std::int64_t>(**progress) : newest_for(store, rule);
    if (!last) {
      return tl::make_unexpected(last.error());
    }
    const std::size_t first_of_rule = composed.size();
    const Composer composer{rule, key, options, domain, *store_id};
    std::int64_t newest = *last;
    if (rule.ledger()) {
      if (options.measures == nullptr) {
        return tl::make_unexpected(store::StoreError{store::StoreErrorKind::failed, rule.origin + ": no measure lexicon to read ledger events with"});
      }
      if (!lexicon) {
        lexicon.emplace(*options.measures);
      }
      auto matched = ledger_events_after(store, rule, *lexicon, *last);
      if (!matched) {
        return tl::make_unexpected(matched.error());
      }
      newest = matched->newest;
      if (options.mode != QueueMode::skip) {
        compose_ledger_messages(composer, matched->events, composed);
      }
    } else {
      auto matched = matching_changes(store, context, rule, *last);
      if (!matched) {
        return tl::make_unexpected(matched.error());
      }
      newest = matched->newest;
      if (options.mode != QueueMode::skip) {
        for (const auto& [to, changes] : recipient_groups(rule, matched->changes, delivered)) {
          compose_messages(composer, to, changes, composed);
        }
      }
    }
    if (options.mode == QueueMode::queue) {
      for (std::size_t i = first_of_rule; i < composed.size(); ++i) {
        auto added = store.add_outbox_message(composed[i]);
        if (!added) {
          return tl::make_unexpected(added.error());
        }
        if (added->has_value()) {
          composed[i].id = **added;
        }
      }
    }
    if (auto moved = set_progress(store, rule, key, newest); !moved) {
      return tl::make_unexpected(moved.error());
    }
  }
  if (auto committed = transaction->commit(); !committed) {
    return tl::make_unexpected(committed.error());
  }
  return composed;
}

}  // namespace tracker::alert
