#include "tracker/pipeline/document_version.h"

#include "tracker/pipeline/takedown.h"

#include <nlohmann/json.hpp>

#include "tracker/report/claim_json.h"
#include "tracker/report/diff_report.h"
#include "tracker/report/stories.h"
#include "tracker/store/page_compression.h"
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

// Any store error here is the store's, not the page's: a full disk, a damaged file.
PageError store_failure(const FetchedPage& page, const store::StoreError& error) {
  return PageError{page.url + ": " + error.message, true, false, false};
}

// What the store holds of `document` now (nullopt: a document not stored yet).
tl::expected<StoredBase, PageError> stored_base_of(store::SnapshotStore& store, const FetchedPage& page,
                                                   std::optional<store::DocumentId> document) {
  StoredBase stored;
  if (!document) {
    return stored;
  }
  auto previous = store.latest_snapshot(*document);
  if (!previous) {
    return tl::make_unexpected(store_failure(page, previous.error()));
  }
  stored.previous = std::move(*previous);
  stored.latest_id = stored.previous ? std::optional(stored.previous->id) : std::nullopt;
  // A story back after a takedown is compared with its last version before it.
  if (stored.previous && !stored.previous->gone.empty()) {
    auto base = store.latest_version(*document);
    if (!base) {
      return tl::make_unexpected(store_failure(page, base.error()));
    }
    stored.base = std::move(*base);
  } else {
    stored.base = stored.previous;
  }
  return stored;
}

PageClaimsOptions page_claims_options(const FetchedPage& page) {
  PageClaimsOptions options;
  options.url = page.url;
  options.content_type = page.fetch->content_type;
  options.max_page_bytes = page.max_page_bytes;
  options.dom_limits = page.dom_limits;
  options.claim_limits = page.claim_limits;
  options.out_of_time = page.out_of_time;
  return options;
}

// The new version's diff against the version it follows; a story back after a takedown says
// so first.
// `version.old_claims` are the base's, read already.
void diff_with_previous(claims::ClaimExtractor& extractor, const FetchedPage& page, const StoredBase& stored,
                        const store::PageFields& new_fields, DocumentVersion& version) {
  if (stored.base) {
    diff::DiffOptions diff_options;
    diff_options.watched_topics = page.watched_topics;
    version.diff = diff::diff_claims(version.old_claims, version.new_claims, diff_options);
    version.old_headline = extractor.headline_of(stored.base->headline, version.old_claims);
    diff::add_headline_change(version.diff, version.old_headline, version.new_headline, version.old_claims,
                              version.new_claims, diff_options);
    // A version stored before page fields were kept has none to compare.
    if (stored.base->fields) {
      add_page_field_changes(extractor, *stored.base->fields, new_fields, version.old_claims, version.new_claims,
                             version.field_claims, version.diff, diff_options);
    }
  }
  if (!stored.previous->gone.empty()) {
    version.diff.changes.insert(version.diff.changes.begin(),
                                restored_change(version.new_claims, version.new_headline));
  }
}

// The claims of the stored version the new one is compared with (into `version.old_claims`),
// then the new version's (into `read`): the stored version is read through a memo of its
// paragraphs, so the new version reads only the paragraphs that changed.
tl::expected<void, std::string> claim_both_versions(claims::ClaimExtractor& extractor, const StoredBase& stored,
                                                    const PageClaimsOptions& options, PageClaims& read,
                                                    DocumentVersion& version) {
  claims::ParagraphMemo memo;
  if (stored.base) {
    version.old_claims = *extractor.extract(paragraphs_of(stored.base->text), claims::ClaimLimits{}, memo);
  }
  return add_page_claims(read, extractor, options, &memo);
}

}  // namespace

tl::expected<StoredBase, PageError> read_stored_base(store::SnapshotStore& store, const FetchedPage& page) {
  auto document = store.find_document(page.source_id, page.key, page.url);
  if (!document) {
    return tl::make_unexpected(store_failure(page, document.error()));
  }
  return stored_base_of(store, page, *document ? std::optional((*document)->id) : std::nullopt);
}

tl::expected<PageWork, PageError> work_on_page(claims::ClaimExtractor& extractor, const FetchedPage& page,
                                               const StoredBase& stored) {
  const net::FetchResult& fetch = *page.fetch;
  const PageClaimsOptions options = page_claims_options(page);
  const auto out_of_time = [&] { return page.out_of_time && page.out_of_time(); };
  // Relative links resolve against where the page really came from; messages name the URL
  // the run asked for.
  auto read = read_page_text(fetch.body, options, fetch.effective_url.empty() ? page.url : fetch.effective_url);
  if (!read) {
    // Whatever stopped the page, once its time is up it is left for the next run.
    return tl::make_unexpected(PageError{read.error(), false, out_of_time(), false});
  }
  PageWork work;
  work.version = std::make_unique<DocumentVersion>();
  DocumentVersion& version = *work.version;
  version.source_name = page.source_name;
  version.url = page.url;
  version.title = page.title.empty() ? read->title : page.title;
  version.first_version = !stored.previous.has_value();
  store::SnapshotInput& input = work.input;
  input.fetched_at = page.now;
  input.http_status = static_cast<int>(fetch.status);
  input.etag = fetch.etag;
  input.last_modified = fetch.last_modified;
  input.text = std::move(read->text);
  input.headline = stored_headline(*read);
  input.fields = read->fields;
  // As add_snapshot decides: a new text, or a new headline, standfirst or byline.
  const std::optional<store::Snapshot>& previous = stored.previous;
  work.changed = !previous || previous->text_sha256 != store::sha256_hex(input.text) ||
                 !store::same_version(previous->headline, previous->fields, input);
  if (!work.changed) {
    // The text is the stored version's: its claims are those stored, not worth computing again
    // (a page re-served with a new clock or ad in its chrome costs its extraction only).
    version.claim_count = stored_claim_count(previous->claims_json);
  } else if (auto claimed = claim_both_versions(extractor, stored, options, *read, version); !claimed) {
    return tl::make_unexpected(PageError{claimed.error(), false, out_of_time(), false});
  } else {
    version.new_claims = std::move(read->claims);
    version.new_headline = std::move(read->headline);
    version.claim_count = version.new_claims.size();
    input.claims_json = report::claims_json(version.new_claims);
    // Stored with the version, so that a document's terms are never older than its text. One
    // without a headline is found by the run's last step, from the document's title.
    if (!input.headline.empty()) {
      input.story_terms = report::stored_story_terms(input.headline, input.text);
      input.story_terms_format = report::k_story_terms_format;
    }
    // Compressing the page is most of storing it: done here, off the thread that stores.
    if (auto prepared = store::prepare_raw(fetch.body)) {
      input.prepared_raw = std::move(*prepared);
    }
    if (previous) {
      diff_with_previous(extractor, page, stored, input.fields, version);
    }
  }
  if (out_of_time()) {  // the last check before the store: storing is not preempted
    return tl::make_unexpected(PageError{page.url + ": out of time before storing", false, true, false});
  }
  return work;
}

namespace {

// store_page_work's transaction: nullopt, with nothing stored, when the document has moved on
// since `stored` was read.
tl::expected<std::optional<std::unique_ptr<DocumentVersion>>, PageError> store_if_current(
    store::SnapshotStore& store, const FetchedPage& page, const StoredBase& stored, PageWork& work,
    std::size_t bytes) {
  auto transaction = store.begin();
  if (!transaction) {
    return tl::make_unexpected(store_failure(page, transaction.error()));
  }
  DocumentVersion& version = *work.version;
  auto document = store.ensure_document({page.source_id, page.key, page.url, version.title, page.now});
  if (!document) {
    return tl::make_unexpected(store_failure(page, document.error()));
  }
  auto latest = store.latest_snapshot_id(*document);
  if (!latest) {
    return tl::make_unexpected(store_failure(page, latest.error()));
  }
  if (*latest != stored.latest_id) {
    return std::nullopt;  // rolled back
  }
  version.document_id = *document;
  if (!work.input.prepared_raw) {
    work.input.raw = page.fetch->body;
  }
  auto snapshot = store.add_snapshot(*document, work.input);
  if (!snapshot) {
    return tl::make_unexpected(store_failure(page, snapshot.error()));
  }
  version.snapshot_id = *snapshot;
  version.stored_bytes = version.snapshot_id ? bytes : 0;
  if (!version.snapshot_id) {
    version.diff = {};
  } else if (stored.previous) {
    const store::SnapshotId compared = stored.base ? stored.base->id : stored.previous->id;
    auto records = store.add_changes(change_records(version.diff, version.document_id, *version.snapshot_id,
                                                    compared, page.now));
    if (!records) {
      return tl::make_unexpected(store_failure(page, records.error()));
    }
  }
  if (auto committed = transaction->commit(); !committed) {
    return tl::make_unexpected(store_failure(page, committed.error()));
  }
  return std::optional(std::move(work.version));
}

}  // namespace

tl::expected<std::unique_ptr<DocumentVersion>, PageError> store_page_work(store::SnapshotStore& store,
                                                                          claims::ClaimExtractor& extractor,
                                                                          const FetchedPage& page,
                                                                          const StoredBase& stored,
                                                                          PageWork work) {
  std::optional<StoredBase> reread;  // what the store holds now, when it moved on since `stored`
  for (;;) {
    const std::size_t bytes =
        work.changed ? page.fetch->body.size() + work.input.text.size() + work.input.claims_json.size() : 0;
    if (work.changed && page.storage_refusal) {
      if (auto refused = page.storage_refusal(bytes)) {
        return tl::make_unexpected(PageError{std::move(*refused), false, false, true});
      }
    }
    auto result = store_if_current(store, page, reread ? *reread : stored, work, bytes);
    if (!result) {
      return tl::make_unexpected(std::move(result.error()));
    }
    if (*result) {
      return std::move(**result);
    }
    // Another version of the document was stored since it was read (the same story twice in
    // one run): this one follows that, not the one the work compared with.
    auto now_stored = read_stored_base(store, page);
    if (!now_stored) {
      return tl::make_unexpected(std::move(now_stored.error()));
    }
    reread = std::move(*now_stored);
    auto again = work_on_page(extractor, page, *reread);
    if (!again) {
      return tl::make_unexpected(std::move(again.error()));
    }
    work = std::move(*again);
  }
}

tl::expected<std::unique_ptr<DocumentVersion>, PageError> store_page_version(
    store::SnapshotStore& store, claims::ClaimExtractor& extractor, const FetchedPage& page) {
  auto stored = read_stored_base(store, page);
  if (!stored) {
    return tl::make_unexpected(std::move(stored.error()));
  }
  auto work = work_on_page(extractor, page, *stored);
  if (!work) {
    return tl::make_unexpected(std::move(work.error()));
  }
  return store_page_work(store, extractor, page, *stored, std::move(*work));
}

}  // namespace tracker::pipeline
