#include "tracker/claims/stemmer.h"

#include <libstemmer.h>

#include <stdexcept>

namespace tracker::claims {

void Stemmer::Delete::operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }

Stemmer::Stemmer() : m_stemmer(sb_stemmer_new("english", "UTF_8")) {
  if (!m_stemmer) {
    throw std::runtime_error("the Snowball English stemmer is not available");
  }
}

Stemmer::~Stemmer() = default;
Stemmer::Stemmer(Stemmer&&) noexcept = default;
Stemmer& Stemmer::operator=(Stemmer&&) noexcept = default;

std::string Stemmer::stem(std::string_view word) const {
  constexpr std::size_t k_max_cached_words = 100'000;  // a long run must not grow without bound
  const std::string key(word);
  if (const auto it = m_cache.find(key); it != m_cache.end()) {
    return it->second;
  }
  if (m_cache.size() >= k_max_cached_words) {
    m_cache.clear();
  }
  const sb_symbol* stemmed = sb_stemmer_stem(
      m_stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (stemmed == nullptr) {
    return std::string(word);  // out of memory inside Snowball: the word itself still matches
  }
  std::string result(reinterpret_cast<const char*>(stemmed),
                     static_cast<std::size_t>(sb_stemmer_length(m_stemmer.get())));
  m_cache.emplace(key, result);
  return result;
}

}  // namespace tracker::claims
