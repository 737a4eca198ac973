#include "tracker/pipeline/document_version.h"

#include "tracker/pipeline/takedown.h"

#include <nlohmann/json.hpp>

#include "tracker/report/claim_json.h"
#include "tracker/report/diff_report.h"
#include "tracker/store/sha256.h"

namespace tracker::pipeline {

std::vector<store::ChangeInput> change_records(const diff::ClaimDiff& diff, store::DocumentId document,
                                               store::SnapshotId snapshot,
                                               std::optional<store::SnapshotId> previous,
                                               store::UnixSeconds now) {
  std::vector<store::ChangeInput> records;
  for (const diff::ClaimChange& change : diff.changes) {
    store::ChangeInput record;
    record.document_id = document;
    record.snapshot_id = snapshot;
    record.previous_snapshot_id = previous;
    record.kind = diff::kind_name(change);
    record.significance = diff::to_string(change.significance);
    record.topics = change.topics;
    for (diff::Aspect aspect : change.aspects) {
      record.aspects.emplace_back(diff::to_string(aspect));
    }
    if (change.old_claim != nullptr) {
      record.old_text = change.old_claim->text;
    }
    if (change.new_claim != nullptr) {
      record.new_text = change.new_claim->text;
    }
    record.detail_json =
        report::change_to_json(change).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    record.created_at = now;
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<std::string> paragraphs_of(const std::string& text) {
  std::vector<std::string> paragraphs;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string::npos) {
      end = text.size();
    }
    if (end > start) {
      paragraphs.push_back(text.substr(start, end - start));
    }
    start = end + 2;
  }
  return paragraphs;
}

namespace {

// How many claims a stored claims_json ({"claims": [{...}, ...]}, report::claims_json) holds,
// counted by a SAX pass without building them: the objects two levels down. 0 for a damaged
// value (the run's count is informative).
std::size_t stored_claim_count(const std::string& claims_json) {
  struct Counter : nlohmann::json_sax<nlohmann::json> {
    std::size_t depth = 0;
    std::size_t claims = 0;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
      claims += depth == 2 ? 1 : 0;
      ++depth;
      return true;
    }
    bool key(string_t&) override { return true; }
    bool end_object() override {
      --depth;
      return true;
    }
    bool start_array(std::size_t) override {
      ++depth;
      return true;
    }
    bool end_array() override {
      --depth;
      return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
  } counter;
  return nlohmann::json::sax_parse(claims_json, &counter) ? counter.claims : 0;
}

// The document's newest snapshot that is a version, not a takedown; nullopt when none is.
store::StoreResult<std::optional<store::Snapshot>> last_version_of(store::SnapshotStore& store,
                                                                   store::DocumentId document) {
  auto snapshots = store.document_snapshots(document);
  if (!snapshots) {
    return tl::make_unexpected(std::move(snapshots.error()));
  }
  const auto index = last_version_before(*snapshots, snapshots->size());
  return index ? std::optional(std::move((*snapshots)[*index])) : std::nullopt;
}

}  // namespace

tl::expected<std::unique_ptr<DocumentVersion>, PageError> store_page_version(
    store::SnapshotStore& store, claims::ClaimExtractor& extractor, const FetchedPage& page) {
  const net::FetchResult& fetch = *page.fetch;
  PageClaimsOptions options;
  options.url = page.url;
  options.content_type = fetch.content_type;
  options.max_page_bytes = page.max_page_bytes;
  options.dom_limits = page.dom_limits;
  options.claim_limits = page.claim_limits;
  options.out_of_time = page.out_of_time;
  const auto out_of_time = [&] { return page.out_of_time && page.out_of_time(); };
  // Relative links resolve against where the page really came from; messages name the URL
  // the run asked for.
  auto read = read_page_text(fetch.body, options, fetch.effective_url.empty() ? page.url : fetch.effective_url);
  if (!read) {
    // Whatever stopped the page, once its time is up it is left for the next run.
    return tl::make_unexpected(PageError{read.error(), false, out_of_time(), false});
  }
  auto version = std::make_unique<DocumentVersion>();
  version->source_name = page.source_name;
  version->url = page.url;
  version->title = page.title.empty() ? read->title : page.title;

  // Any store error here is the store's, not the page's: a full disk, a damaged file.
  const auto fail = [&](const store::StoreError& error) {
    return tl::make_unexpected(PageError{page.url + ": " + error.message, true, false, false});
  };
  auto transaction = store.begin();
  if (!transaction) {
    return fail(transaction.error());
  }
  auto document = store.ensure_document({page.source_id, page.key, page.url, version->title, page.now});
  if (!document) {
    return fail(document.error());
  }
  version->document_id = *document;
  auto previous = store.latest_snapshot(*document);
  if (!previous) {
    return fail(previous.error());
  }
  store::SnapshotInput input;
  input.fetched_at = page.now;
  input.http_status = static_cast<int>(fetch.status);
  input.etag = fetch.etag;
  input.last_modified = fetch.last_modified;
  input.raw = fetch.body;
  input.text = std::move(read->text);
  input.headline = stored_headline(*read);
  // As add_snapshot decides: a new text, or a new headline where the last one had any.
  const bool changed = !previous->has_value() || (*previous)->text_sha256 != store::sha256_hex(input.text) ||
                       (!(*previous)->headline.empty() && (*previous)->headline != input.headline);
  if (changed) {
    if (auto claimed = add_page_claims(*read, extractor, options); !claimed) {
      return tl::make_unexpected(PageError{claimed.error(), false, out_of_time(), false});  // rolled back
    }
    version->new_claims = std::move(read->claims);
    version->new_headline = std::move(read->headline);
    version->claim_count = version->new_claims.size();
    input.claims_json = report::claims_json(version->new_claims);
  } else {
    // The text is the stored version's: its claims are those stored, not worth computing again
    // (a page re-served with a new clock or ad in its chrome costs its extraction only).
    version->claim_count = stored_claim_count((*previous)->claims_json);
  }
  if (out_of_time()) {  // the last check before the store: storing and diffing are not preempted
    return tl::make_unexpected(PageError{page.url + ": out of time before storing", false, true, false});
  }
  const std::size_t bytes =
      changed ? input.raw.size() + input.text.size() + input.claims_json.size() : 0;
  if (changed && page.storage_refusal) {
    if (auto refused = page.storage_refusal(bytes)) {
      return tl::make_unexpected(PageError{std::move(*refused), false, false, true});  // rolled back
    }
  }
  // A story back after a takedown is compared with its last version before it (read before
  // this version is added, or it would be that version).
  const bool returning = previous->has_value() && !(*previous)->gone.empty();
  auto base = returning ? last_version_of(store, *document)
                        : store::StoreResult<std::optional<store::Snapshot>>(*previous);
  if (!base) {
    return fail(base.error());
  }
  auto snapshot = store.add_snapshot(*document, input);
  if (!snapshot) {
    return fail(snapshot.error());
  }
  version->snapshot_id = *snapshot;
  version->stored_bytes = version->snapshot_id ? bytes : 0;
  version->first_version = !previous->has_value();
  if (version->snapshot_id && previous->has_value()) {
    if (*base) {
      version->old_claims = extractor.extract(paragraphs_of((*base)->text));
      diff::DiffOptions diff_options;
      diff_options.watched_topics = page.watched_topics;
      version->diff = diff::diff_claims(version->old_claims, version->new_claims, diff_options);
      version->old_headline = extractor.headline_of((*base)->headline, version->old_claims);
      diff::add_headline_change(version->diff, version->old_headline, version->new_headline, version->old_claims,
                                version->new_claims, diff_options);
    }
    if (returning) {
      version->diff.changes.insert(version->diff.changes.begin(),
                                   restored_change(version->new_claims, version->new_headline));
    }
    auto stored = store.add_changes(change_records(version->diff, version->document_id, *version->snapshot_id,
                                                   *base ? (*base)->id : (*previous)->id, page.now));
    if (!stored) {
      return fail(stored.error());
    }
  }
  if (auto committed = transaction->commit(); !committed) {
    return fail(committed.error());
  }
  return version;
}

}  // namespace tracker::pipeline
