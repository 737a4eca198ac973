#include "tracker/pipeline/run_budget.h"

#include <algorithm>

namespace tracker::pipeline {
namespace {

// "30m", "90s", "1500ms": a [limits] duration as one would write it.
std::string format_duration(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  if (ms % 60'000 == 0) {
    return std::to_string(ms / 60'000) + "m";
  }
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + "s" : std::to_string(ms) + "ms";
}

}  // namespace

RunBudget::RunBudget(const config::Settings& settings, Clock::time_point started)
    : m_settings(settings),
      m_started(started),
      m_run_deadline(started + settings.run_timeout),
      m_source_deadlines(settings.sources.size(), feed_deadline()),
      m_skipped(settings.sources.size()),
      m_stored_bytes(settings.sources.size(), 0) {}

RunBudget::Clock::time_point RunBudget::feed_deadline() const {
  return std::min(m_run_deadline, m_started + m_settings.source_timeout);
}

void RunBudget::start_source(std::size_t source, Clock::time_point first_sent) {
  const Clock::time_point start = first_sent == Clock::time_point{} ? m_started : first_sent;
  m_source_deadlines[source] = std::min(m_run_deadline, start + m_settings.source_timeout);
}

std::optional<std::string> RunBudget::storing_refusal() const {
  if (!m_stopped.empty()) {
    return m_stopped;
  }
  if (m_claims >= m_settings.max_claims_per_run) {
    return "the run reached [limits] max_claims_per_run = " + std::to_string(m_settings.max_claims_per_run) +
           " claims";
  }
  return std::nullopt;
}

std::optional<std::string> RunBudget::refusal(std::size_t source) const {
  if (auto refused = storing_refusal()) {
    return refused;
  }
  const Clock::time_point now = Clock::now();
  if (now >= m_run_deadline) {
    return "the run went past [limits] run_timeout = " + format_duration(m_settings.run_timeout);
  }
  if (now >= m_source_deadlines[source]) {
    return "the source went past [limits] source_timeout = " + format_duration(m_settings.source_timeout);
  }
  return std::nullopt;
}

bool RunBudget::add_claims(std::size_t count) {
  m_claims += count;
  return m_claims >= m_settings.max_claims_per_run;
}

std::optional<std::string> RunBudget::storage_refusal(std::size_t source, std::size_t bytes) const {
  // Room left rather than a sum, so that no total can overflow.
  const std::size_t source_bound = m_settings.max_stored_bytes_per_source_run;
  if (bytes > source_bound - std::min(m_stored_bytes[source], source_bound)) {
    return "the source reached [limits] max_stored_bytes_per_source_run = " +
           std::to_string(source_bound) + " bytes";
  }
  const std::size_t run_bound = m_settings.max_stored_bytes_per_run;
  if (bytes > run_bound - std::min(m_run_stored_bytes, run_bound)) {
    return "the run reached [limits] max_stored_bytes_per_run = " + std::to_string(run_bound) +
           " bytes";
  }
  return std::nullopt;
}

void RunBudget::add_stored_bytes(std::size_t source, std::size_t bytes) {
  m_stored_bytes[source] += bytes;
  m_run_stored_bytes += bytes;
}

void RunBudget::skip(std::size_t source, std::string reason, const std::string& url) {
  Skipped& skipped = m_skipped[source];
  if (skipped.reason.empty()) {
    skipped.reason = std::move(reason);
  }
  if (skipped.urls.size() < k_urls_named) {
    skipped.urls.push_back(url);
  }
  ++skipped.count;
}

std::string RunBudget::skipped_pages(std::size_t source) const {
  const Skipped& skipped = m_skipped[source];
  if (skipped.count == 0) {
    return {};
  }
  std::string line = skipped.reason + ": " + std::to_string(skipped.count) +
                     (skipped.count == 1 ? " page" : " pages") + " left for the next run: ";
  for (std::size_t i = 0; i < skipped.urls.size(); ++i) {
    line += (i == 0 ? "" : ", ") + skipped.urls[i];
  }
  if (skipped.count > skipped.urls.size()) {
    line += " and " + std::to_string(skipped.count - skipped.urls.size()) + " more";
  }
  return line;
}

}  // namespace tracker::pipeline
