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
  const sb_symbol* stemmed = sb_stemmer_stem(
      m_stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (stemmed == nullptr) {
    return std::string(word);  // out of memory inside Snowball: the word itself still matches
  }
  return std::string(reinterpret_cast<const char*>(stemmed),
                     static_cast<std::size_t>(sb_stemmer_length(m_stemmer.get())));
}

}  // namespace tracker::claims
