#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

#include "tracker/extract/html_document.h"
#include "tracker/pipeline/document_version.h"
#include "tracker/pipeline/run_stages.h"
#include "tracker/pipeline/takedown.h"
#include "tracker/pipeline/worker_pool.h"
#include "tracker/text/server_text.h"

// process_pages: each page as soon as it is here. The run's thread fetches, reads what the
// store holds of the page's document, and stores; the work between (extraction, claims, the
// diff) runs on the worker pool while other pages download and are stored. With one worker
// it all runs on the run's thread, page after page. Each body is freed once stored.

namespace tracker::pipeline {
namespace {

using Clock = RunBudget::Clock;

// What became of a page that came back from its fetch.
enum class PageOutcome {
  done,        // stored, unchanged, or an error of the page's own (its fetch state is recorded)
  not_stored,  // came back whole but could not be stored: fetched whole next time
  left,        // given up at the source's or the run's deadline, its fetch state untouched
  gone,        // the story is gone (store_takedown): fetched whole next time, to see it come back
};

// A page on its way through the pool: handed to a worker with what the store held of its
// document, and back with the work done.
// Shared, so that its address holds while it moves between threads (`page` points into
// `result`).
struct PageTask {
  std::size_t job = 0;
  net::FetchResult result;
  FetchedPage page;  // as its worker sees it (PageStage::worker_page)
  StoredBase stored;
  tl::expected<PageWork, PageError> work = tl::make_unexpected(PageError{});
};
using SharedTask = std::shared_ptr<PageTask>;

// Pages handed to the pool and not yet stored, per worker: enough to keep every worker busy
// while the run's thread stores, few enough that memory stays flat whatever the run's size.
constexpr std::size_t k_pages_per_worker = 2;

std::size_t worker_count(const config::Settings& settings) {
  if (settings.workers != 0) {
    return settings.workers;
  }
  return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, config::k_max_workers);
}

class PageStage {
 public:
  explicit PageStage(RunState& run) : m_run(run), m_workers(worker_count(run.settings)), m_extractor(run.lexicon) {
    m_deadlines.all = run.budget.run_deadline();
    if (m_workers > 1) {
      extract::prepare_parser_for_threads();
      for (std::size_t i = 0; i < m_workers; ++i) {
        m_worker_extractors.push_back(std::make_unique<claims::ClaimExtractor>(run.lexicon));
      }
      m_pool = std::make_unique<WorkerPool<SharedTask>>(m_workers, [this] { m_wakeup.wake(); });
    }
  }

  void run() {
    std::vector<net::FetchRequest> requests;
    std::vector<std::size_t> request_jobs;
    for (std::size_t j = 0; j < m_run.jobs.size(); ++j) {
      PageJob& job = m_run.jobs[j];
      if (job.prefetched != nullptr) {  // a page source, fetched with the sources
        net::FetchResult result = std::move(*job.prefetched);
        job.prefetched = nullptr;
        arrived(j, std::move(result));
      } else {
        requests.push_back(conditional_request(m_run.store, job));
        request_jobs.push_back(j);
        m_deadlines.each.push_back(m_run.budget.source_deadline(job.source));
      }
    }
    m_run.source_results.clear();  // feeds and page sources are done with
    m_run.source_results.shrink_to_fit();
    m_run.fetcher.fetch_each(
        requests,
        [&](net::FetchResult&& result) {
          const std::size_t j = request_jobs[result.index];
          arrived(j, std::move(result));
          take_finished();
        },
        m_deadlines, m_pool ? &m_wakeup : nullptr);
    while (m_pool) {
      std::optional<SharedTask> task = m_pool->take();
      if (!task) {
        break;
      }
      finish(**task);
    }
  }

 private:
  // A page's result is in: stored or handed on, or left.
  void arrived(std::size_t j, net::FetchResult&& result) {
    const PageJob& job = m_run.jobs[j];
    // Abandoned at a deadline, or here after one: its fetch state stays as it was.
    if (auto refused = m_run.budget.refusal(job.source); refused || result.outcome == net::FetchOutcome::abandoned) {
      m_run.budget.skip(job.source, refused.value_or("given up at a deadline"), job.url);
      page_done(j);
      return;
    }
    if (result.outcome == net::FetchOutcome::not_modified) {
      ++m_run.summary.pages_not_modified;
      recorded(j, result, PageOutcome::done);
      return;
    }
    if (auto reason = takedown_reason(result, job.url)) {
      if (auto outcome = taken_down(j, result, std::move(*reason))) {
        recorded(j, result, *outcome);
        return;
      }
    }
    if (result.outcome != net::FetchOutcome::ok) {
      recorded(j, result, fetch_failed(j, result));
      return;
    }
    ++m_run.summary.pages_fetched;
    auto task = std::make_shared<PageTask>();
    task->job = j;
    task->result = std::move(result);
    auto stored = read_stored_base(m_run.store, fetched_page(j, task->result));
    if (!stored) {
      recorded(j, task->result, page_failed(j, std::move(stored.error())));
      return;
    }
    task->stored = std::move(*stored);
    if (!m_pool) {
      task->work = work_on_page(m_extractor, fetched_page(j, task->result), task->stored);
      finish(*task);
      return;
    }
    task->page = worker_page(j, task->result);
    m_pool->submit([this, task](std::size_t worker) {
      task->work = work_on_page(*m_worker_extractors[worker], task->page, task->stored);
      return task;
    });
    // A bounded queue between the fetches and the workers: past it, store before taking more.
    while (m_pool->in_flight() >= k_pages_per_worker * m_workers) {
      if (std::optional<SharedTask> done = m_pool->take()) {
        finish(**done);
      }
    }
  }

  void take_finished() {
    while (m_pool) {
      std::optional<SharedTask> done = m_pool->try_take();
      if (!done) {
        return;
      }
      finish(**done);
    }
  }

  // A page back from its work: stored, or why not.
  void finish(PageTask& task) {
    const std::size_t j = task.job;
    PageOutcome outcome = PageOutcome::done;
    if (auto refused = m_run.budget.storing_refusal()) {
      // The run stopped storing (a full disk, the claims budget) while the page was worked
      // on: left, like the pages not fetched yet. (Time is the work's to watch: a page
      // worked on in time is stored.)
      m_run.budget.skip(m_run.jobs[j].source, std::move(*refused), m_run.jobs[j].url);
      outcome = PageOutcome::left;
    } else if (!task.work) {
      outcome = page_failed(j, std::move(task.work.error()));
    } else {
      auto version = store_page_work(m_run.store, m_extractor, fetched_page(j, task.result), task.stored,
                                     std::move(*task.work));
      outcome = version ? page_stored(j, std::move(*version)) : page_failed(j, std::move(version.error()));
    }
    recorded(j, task.result, outcome);
  }

  // A story gone (store_takedown), or nullopt when tracker never stored a version of it: then
  // the answer is an error, or a page, like any other.
  std::optional<PageOutcome> taken_down(std::size_t j, const net::FetchResult& result, std::string reason) {
    auto takedown = store_takedown(m_run.store, m_extractor, fetched_page(j, result), std::move(reason));
    if (!takedown) {
      return page_failed(j, std::move(takedown.error()));
    }
    if (takedown->version) {
      m_run.documents.emplace_back(j, std::move(takedown->version));
      return PageOutcome::gone;
    }
    if (takedown->already_gone) {
      return PageOutcome::gone;  // said once, when it went: the fetch state backs off as for any failure
    }
    return std::nullopt;
  }

  PageOutcome fetch_failed(std::size_t j, const net::FetchResult& result) {
    const PageJob& job = m_run.jobs[j];
    // The URL came from a feed: the feed's text, like the server's in the error. The source
    // is named, so that a reader of the log knows which watch entry to look at.
    m_run.page_errors.emplace_back(
        j, source_label(m_run.settings.sources[job.source]) + text::server_text(job.url) + ": " +
               describe_failure(result) +
               (result.outcome == net::FetchOutcome::too_large
                    ? " (over [limits] max_body_bytes = " + std::to_string(m_run.settings.max_body_bytes) + ")"
                    : ""));
    return PageOutcome::done;  // a failed fetch: record_fetch keeps the old validators and backs off
  }

  PageOutcome page_stored(std::size_t j, std::unique_ptr<DocumentVersion> version) {
    const PageJob& job = m_run.jobs[j];
    if (!job.feed_link) {
      m_run.source_problems[job.source] = "";
    }
    m_run.budget.add_stored_bytes(job.source, version->stored_bytes);
    if (m_run.budget.add_claims(version->claim_count)) {
      stop_pages();  // the pages still to come are left for the next run
    }
    if (version->diff.changes.empty()) {
      // Nothing for the report but the claim count: do not keep every page's claims.
      version->old_claims = {};
      version->new_claims = {};
    }
    m_run.documents.emplace_back(j, std::move(version));
    return PageOutcome::done;
  }

  PageOutcome page_failed(std::size_t j, PageError error) {
    const PageJob& job = m_run.jobs[j];
    if (error.out_of_time) {
      m_run.budget.skip(job.source, m_run.budget.refusal(job.source).value_or("given up at a deadline"), job.url);
      return PageOutcome::left;
    }
    if (error.left_for_later) {
      // Like a page left at a deadline: reported once per source, fetch state untouched.
      m_run.budget.skip(job.source, std::move(error.message), job.url);
      return PageOutcome::left;
    }
    if (error.store_failed) {
      if (m_run.summary.store_error.empty()) {
        // No other page could be stored either: stop here, and leave them for the next run.
        m_run.summary.store_error = std::move(error.message);
        m_run.budget.stop("the store failed");
        stop_pages();
      }
      return PageOutcome::not_stored;
    }
    const config::SourceConfig& source = m_run.settings.sources[job.source];
    m_run.page_errors.emplace_back(j, source_label(source) + text::server_text(error.message));  // names the URL
    if (!job.feed_link) {  // a page source: its own page is unusable ("no article found")
      m_run.source_problems[job.source] = text::server_text(error.message);
    }
    return PageOutcome::not_stored;
  }

  // After the page's own transaction, its fetch state: a run killed in between fetches the
  // page again next time instead of taking a 304 for a page it never stored. A page left
  // keeps its old state. A page source's own fetch was recorded with the sources.
  void recorded(std::size_t j, const net::FetchResult& result, PageOutcome outcome) {
    const PageJob& job = m_run.jobs[j];
    if (outcome != PageOutcome::left) {
      const bool stored = outcome == PageOutcome::done;
      if (job.feed_link) {
        record_fetch(m_run.store, result, m_run.options.now, m_run.settings.sources[job.source].interval, stored);
      }
      if (!stored ||
          (result.outcome != net::FetchOutcome::ok && result.outcome != net::FetchOutcome::not_modified)) {
        m_run.read_feed_again[job.source] = true;
      }
    }
    page_done(j);
  }

  void page_done(std::size_t j) {
    if (m_run.options.on_page_done) {
      m_run.options.on_page_done(++m_pages_done, m_run.jobs.size(), m_run.settings.sources[m_run.jobs[j].source].name);
    }
  }

  // No page may start or be stored any more: fetches end, workers give their pages up.
  void stop_pages() {
    m_deadlines.all = Clock::now();
    m_stopped.store(true);
  }

  FetchedPage fetched_page(std::size_t j, const net::FetchResult& result) {
    const PageJob& job = m_run.jobs[j];
    const config::SourceConfig& source = m_run.settings.sources[job.source];
    RunBudget& budget = m_run.budget;
    const std::size_t index = job.source;
    return FetchedPage{job.source_id,
                       source.name,
                       job.key,
                       job.url,
                       job.title,
                       &result,
                       source.topics,
                       m_run.settings.max_body_bytes,
                       m_run.options.now,
                       {m_run.settings.max_dom_elements, m_run.settings.max_dom_depth,
                        m_run.settings.max_attributes_per_element},
                       {m_run.settings.max_sentences_per_page, {}},
                       // The deadlines bound the page's parsing and claims too, not only
                       // its transfer: a hostile page must not hold the run past them.
                       [&budget, index] { return budget.refusal(index).has_value(); },
                       [&budget, index](std::size_t bytes) { return budget.storage_refusal(index, bytes); }};
  }

  // The page as a worker sees it: no budget (the run's thread owns it), only the time it has
  // and whether the run has stopped taking pages.
  FetchedPage worker_page(std::size_t j, const net::FetchResult& result) {
    FetchedPage page = fetched_page(j, result);
    const Clock::time_point deadline =
        std::min(m_run.budget.run_deadline(), m_run.budget.source_deadline(m_run.jobs[j].source));
    page.out_of_time = [deadline, stopped = &m_stopped] { return stopped->load() || Clock::now() >= deadline; };
    page.storage_refusal = nullptr;
    return page;
  }

  RunState& m_run;
  const std::size_t m_workers;
  claims::ClaimExtractor m_extractor;  // the run's thread's: takedowns, and work done again at store time
  std::vector<std::unique_ptr<claims::ClaimExtractor>> m_worker_extractors;  // one per worker
  net::FetchDeadlines m_deadlines;
  net::FetchWakeup m_wakeup{[this] { take_finished(); }};  // a worker's page is stored while others download
  std::atomic<bool> m_stopped = false;
  std::size_t m_pages_done = 0;
  std::unique_ptr<WorkerPool<SharedTask>> m_pool;  // null with one worker: all on the run's thread
};

}  // namespace

void process_pages(RunState& run) { PageStage(run).run(); }

}  // namespace tracker::pipeline
