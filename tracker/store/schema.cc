#include "tracker/store/schema.h"

#include <array>

namespace tracker::store {
namespace {

// Append only. A released migration is never edited: stores in the wild have run it. Version
// N+1 goes at the end with ALTER TABLE / CREATE TABLE ... and a copy, as SQLite allows.
// Times are Unix seconds (records.h); hashes lowercase hex.
constexpr std::array k_migrations = {
    Migration{1, R"sql(
CREATE TABLE sources (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  url  TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL
);
CREATE TABLE documents (
  id         INTEGER PRIMARY KEY,
  source_id  INTEGER NOT NULL REFERENCES sources(id),
  key        TEXT NOT NULL UNIQUE,
  url        TEXT NOT NULL,
  title      TEXT NOT NULL,
  first_seen INTEGER NOT NULL
);
CREATE INDEX documents_by_url ON documents(url);
CREATE TABLE snapshots (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id),
  fetched_at    INTEGER NOT NULL,
  http_status   INTEGER NOT NULL,
  etag          TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  raw_sha256    TEXT NOT NULL,
  text_sha256   TEXT NOT NULL,
  raw_size      INTEGER NOT NULL,
  raw_zlib      BLOB NOT NULL,
  text          TEXT NOT NULL,
  claims_json   TEXT NOT NULL
);
CREATE INDEX snapshots_by_document ON snapshots(document_id, id);
CREATE TABLE changes (
  id                   INTEGER PRIMARY KEY,
  document_id          INTEGER NOT NULL REFERENCES documents(id),
  snapshot_id          INTEGER NOT NULL REFERENCES snapshots(id),
  previous_snapshot_id INTEGER REFERENCES snapshots(id),
  kind                 TEXT NOT NULL,
  significance         TEXT NOT NULL,
  topics               TEXT NOT NULL CHECK (json_valid(topics) AND json_type(topics) = 'array'),
  aspects              TEXT NOT NULL CHECK (json_valid(aspects) AND json_type(aspects) = 'array'),
  old_text             TEXT,
  new_text             TEXT,
  detail_json          TEXT NOT NULL,
  created_at           INTEGER NOT NULL
);
CREATE INDEX changes_by_time ON changes(created_at, id);
CREATE INDEX changes_by_snapshot ON changes(snapshot_id);
CREATE TABLE fetch_state (
  url                  TEXT PRIMARY KEY,
  etag                 TEXT NOT NULL,
  last_modified        TEXT NOT NULL,
  last_fetch           INTEGER,
  last_status          INTEGER NOT NULL,
  last_error           TEXT NOT NULL,
  consecutive_failures INTEGER NOT NULL,
  next_due             INTEGER
);
PRAGMA application_id = 1953655666;
PRAGMA user_version = 1;
)sql"},
    // Alerts: each rule's progress through the changes, and the outbox of composed messages.
    Migration{2, R"sql(
CREATE TABLE alert_rules (
  rule_key       TEXT PRIMARY KEY,
  last_change_id INTEGER NOT NULL
);
CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY,
  message_id   TEXT NOT NULL UNIQUE,
  rule_key     TEXT NOT NULL,
  recipients   TEXT NOT NULL CHECK (json_valid(recipients) AND json_type(recipients) = 'array'),
  subject      TEXT NOT NULL,
  message      BLOB NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts     INTEGER NOT NULL,
  next_attempt INTEGER NOT NULL,
  last_error   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  sent_at      INTEGER,
  change_ids   TEXT NOT NULL CHECK (json_valid(change_ids) AND json_type(change_ids) = 'array')
);
CREATE INDEX outbox_by_status ON outbox(status, next_attempt);
PRAGMA user_version = 2;
)sql"},
    // When each URL was last fetched with success (200 or 304), for `tracker status`: the
    // other columns only say how the last attempt went. Triggers keep it, so that every
    // writer of fetch_state does without knowing; a success is a row with no failure in a row.
    Migration{3, R"sql(
ALTER TABLE fetch_state ADD COLUMN last_success INTEGER;
UPDATE fetch_state SET last_success = last_fetch
  WHERE consecutive_failures = 0 AND last_fetch IS NOT NULL;
CREATE TRIGGER fetch_state_success_on_insert AFTER INSERT ON fetch_state
  WHEN NEW.consecutive_failures = 0 AND NEW.last_fetch IS NOT NULL
BEGIN
  UPDATE fetch_state SET last_success = NEW.last_fetch WHERE url = NEW.url;
END;
CREATE TRIGGER fetch_state_success_on_update AFTER UPDATE OF last_fetch, consecutive_failures
  ON fetch_state
  WHEN NEW.consecutive_failures = 0 AND NEW.last_fetch IS NOT NULL
BEGIN
  UPDATE fetch_state SET last_success = NEW.last_fetch WHERE url = NEW.url;
END;
PRAGMA user_version = 3;
)sql"},
    // A document belongs to the source that published it: a feed item's GUID names a document
    // only within its source, so another feed reusing the GUID gets a document of its own
    // (SqliteStore::find_document decides when two feeds share one). SQLite cannot drop the
    // old UNIQUE (key), so the table is rebuilt, ids kept; migrate() turns foreign keys off
    // around it.
    Migration{4, R"sql(
CREATE TABLE documents_v4 (
  id         INTEGER PRIMARY KEY,
  source_id  INTEGER NOT NULL REFERENCES sources(id),
  key        TEXT NOT NULL,
  url        TEXT NOT NULL,
  title      TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  UNIQUE (source_id, key)
);
INSERT INTO documents_v4 (id, source_id, key, url, title, first_seen)
  SELECT id, source_id, key, url, title, first_seen FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v4 RENAME TO documents;
CREATE INDEX documents_by_url ON documents(url);
CREATE INDEX documents_by_key ON documents(key);
PRAGMA user_version = 4;
)sql"},
    // A random id for the store, made once and never changed: Message-IDs carry it, so that
    // two stores (a rebuilt one, a second installation) never reuse each other's. SQLite's
    // randomblob reads the operating system's randomness. An id already there stays.
    Migration{5, R"sql(
CREATE TABLE IF NOT EXISTS store_identity (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  store_id TEXT NOT NULL CHECK (length(store_id) = 32)
);
INSERT OR IGNORE INTO store_identity (id, store_id) VALUES (1, lower(hex(randomblob(16))));
PRAGMA user_version = 5;
)sql"},
    // The page's headline, tracked with its text: a version whose headline alone changed is a
    // new snapshot. Empty for versions stored before headlines were kept.
    Migration{6, R"sql(
ALTER TABLE snapshots ADD COLUMN headline TEXT NOT NULL DEFAULT '';
PRAGMA user_version = 6;
)sql"},
    // What a source's content gave at its last fetch that worked: empty when it was usable, else
    // why not (a feed that does not parse, a page with no article), so that `status` does not
    // call a source "ok" because its server answered.
    Migration{7, R"sql(
ALTER TABLE fetch_state ADD COLUMN problem TEXT NOT NULL DEFAULT '';
PRAGMA user_version = 7;
)sql"},
    // A story that went away (a 404 or 410, or a redirect to a front page) is stored as a
    // snapshot that says why, so that history shows it, the change it made has a snapshot to
    // belong to, and a story that comes back is a new version. Empty for every real version.
    Migration{8, R"sql(
ALTER TABLE snapshots ADD COLUMN gone TEXT NOT NULL DEFAULT '';
PRAGMA user_version = 8;
)sql"},
    // What the page says about itself besides its headline (records.h, PageFields), as one JSON
    // object: standfirst, byline, published and modified. Empty for versions stored before.
    Migration{9, R"sql(
ALTER TABLE snapshots ADD COLUMN page_fields TEXT NOT NULL DEFAULT '';
PRAGMA user_version = 9;
)sql"},
    // Pages are stored as Zstandard frames from here on (page_compression.h): 2.8x faster to
    // pack than zlib, for fewer bytes. The pages stored before stay zlib streams and are read
    // as such; the column is renamed for what it now holds, and a tracker older than this
    // refuses the store (a newer schema) instead of calling its new pages damaged.
    Migration{10, R"sql(
ALTER TABLE snapshots RENAME COLUMN raw_zlib TO raw_compressed;
PRAGMA user_version = 10;
)sql"},
    // Figure-ledger alerts (`events = [...]`): each such rule's progress through the snapshots,
    // since a ledger event comes from a new version, not from a stored change. Kept apart from
    // alert_rules, whose numbers are change ids.
    Migration{11, R"sql(
CREATE TABLE ledger_alert_rules (
  rule_key         TEXT PRIMARY KEY,
  last_snapshot_id INTEGER NOT NULL
);
PRAGMA user_version = 11;
)sql"},
    // A document's story terms (report/stories.h), found in its newest version: what story
    // grouping reads of it, kept so that grouping a store's documents need not read every text.
    // Stored with each new version; `format` tells terms found by older rules apart.
    Migration{12, R"sql(
CREATE TABLE story_terms (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  format      INTEGER NOT NULL,
  terms       TEXT NOT NULL
);
PRAGMA user_version = 12;
)sql"},
    // Each document's story (report/stories.h), placed once by the run that first grouped it, so
    // that stories keep their documents as the store grows and `--story` need not regroup the
    // store: the story's id (its first document's) and its pin name ('' for a grouped story).
    // story_grouping holds the settings they were grouped with (terms format, options, pins);
    // other settings regroup every document.
    Migration{13, R"sql(
CREATE TABLE story_members (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  story_id    INTEGER NOT NULL,
  pin         TEXT NOT NULL
);
CREATE INDEX story_members_by_story ON story_members(story_id);
CREATE TABLE story_grouping (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  settings TEXT NOT NULL
);
PRAGMA user_version = 13;
)sql"},
};

static_assert(k_migrations.back().version == k_schema_version,
              "the last migration must produce k_schema_version");
static_assert(k_application_id == 1953655666, "the first migration writes the application id");

}  // namespace

std::span<const Migration> migrations() {
  return k_migrations;
}

}  // namespace tracker::store
