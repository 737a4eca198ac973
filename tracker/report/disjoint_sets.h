#pragma once

#include <cstddef>
#include <vector>

namespace tracker::report {

// Disjoint sets over 0..n-1 (union-find with path halving): which figures a selection's
// grouping steps have joined.
class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : m_parent(n) {
    for (std::size_t i = 0; i < n; ++i) {
      m_parent[i] = i;
    }
  }
  std::size_t root(std::size_t i) {
    while (m_parent[i] != i) {
      i = m_parent[i] = m_parent[m_parent[i]];
    }
    return i;
  }
  void join(std::size_t a, std::size_t b) { m_parent[root(b)] = root(a); }

 private:
  std::vector<std::size_t> m_parent;
};

}  // namespace tracker::report
