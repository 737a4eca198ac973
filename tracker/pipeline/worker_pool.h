#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

namespace tracker::pipeline {

// A fixed set of threads that run tasks and hand their results back to the thread that owns
// the pool, in the order they finish. The owner submits, and takes results when it is ready
// for them: nothing a task does reaches shared state except through its result, so the owner
// stays the only writer of everything else (the store above all).
//
// Tasks get the index of the thread that runs them, for state of their own per thread (a
// claim extractor). An exception a task throws is rethrown by the take that would have
// returned its result.
template <typename Result>
class WorkerPool {
 public:
  using Task = std::function<Result(std::size_t worker)>;

  // `on_done`, when given, is called on the worker's thread after each result is ready to take
  // (to wake the owner).
  explicit WorkerPool(std::size_t threads, std::function<void()> on_done = {}) : m_on_done(std::move(on_done)) {
    m_threads.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) {
      m_threads.emplace_back([this, i] { work(i); });
    }
  }

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Tasks not started are dropped; running ones finish, and their results with them.
  ~WorkerPool() {
    {
      std::lock_guard lock(m_mutex);
      m_stopping = true;
      m_tasks.clear();
    }
    m_task_ready.notify_all();
    for (std::thread& thread : m_threads) {
      thread.join();
    }
  }

  void submit(Task task) {
    {
      std::lock_guard lock(m_mutex);
      m_tasks.push_back(std::move(task));
      ++m_in_flight;
    }
    m_task_ready.notify_one();
  }

  // Tasks submitted whose results have not been taken.
  std::size_t in_flight() const {
    std::lock_guard lock(m_mutex);
    return m_in_flight;
  }

  // A finished task's result, or nothing when none has finished yet.
  std::optional<Result> try_take() {
    std::unique_lock lock(m_mutex);
    return take_locked(lock);
  }

  // Waits for a task to finish and returns its result; nothing when none is in flight.
  std::optional<Result> take() {
    std::unique_lock lock(m_mutex);
    m_result_ready.wait(lock, [this] { return !m_results.empty() || m_in_flight == 0; });
    return take_locked(lock);
  }

 private:
  using Outcome = std::variant<Result, std::exception_ptr>;

  std::optional<Result> take_locked(std::unique_lock<std::mutex>& lock) {
    if (m_results.empty()) {
      return std::nullopt;
    }
    Outcome outcome = std::move(m_results.front());
    m_results.pop_front();
    --m_in_flight;
    lock.unlock();
    if (auto* error = std::get_if<std::exception_ptr>(&outcome)) {
      std::rethrow_exception(*error);
    }
    return std::move(std::get<Result>(outcome));
  }

  void work(std::size_t worker) {
    for (;;) {
      Task task;
      {
        std::unique_lock lock(m_mutex);
        m_task_ready.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
        if (m_tasks.empty()) {
          return;  // stopping, with nothing left to run
        }
        task = std::move(m_tasks.front());
        m_tasks.pop_front();
      }
      Outcome outcome = run(task, worker);
      {
        std::lock_guard lock(m_mutex);
        m_results.push_back(std::move(outcome));
      }
      m_result_ready.notify_one();
      if (m_on_done) {
        m_on_done();
      }
    }
  }

  static Outcome run(Task& task, std::size_t worker) {
    try {
      return Outcome(std::in_place_index<0>, task(worker));
    } catch (...) {
      return Outcome(std::in_place_index<1>, std::current_exception());
    }
  }

  std::function<void()> m_on_done;
  mutable std::mutex m_mutex;
  std::condition_variable m_task_ready;
  std::condition_variable m_result_ready;
  std::deque<Task> m_tasks;
  std::deque<Outcome> m_results;
  std::size_t m_in_flight = 0;  // submitted, result not yet taken
  bool m_stopping = false;
  std::vector<std::thread> m_threads;  // last: started once everything above exists
};

}  // namespace tracker::pipeline
