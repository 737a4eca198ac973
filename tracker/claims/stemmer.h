#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sb_stemmer;

namespace tracker::claims {

// Snowball's English stemmer (Debian libstemmer): "killed", "killing" and "kills" all stem to
// "kill". One instance per thread: Snowball stemmers keep state between calls.
class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // The stem of one lower-case word.
  std::string stem(std::string_view word) const;

 private:
  struct Delete {
    void operator()(sb_stemmer* stemmer) const;
  };
  std::unique_ptr<sb_stemmer, Delete> m_stemmer;
  // News prose repeats its words: each is stemmed once per stemmer (bounded, see stem()).
  mutable std::unordered_map<std::string, std::string> m_cache;
};

}  // namespace tracker::claims
