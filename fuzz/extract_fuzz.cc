// libFuzzer target: any bytes through the whole extraction (charset detection, libxml2 parse,
// metadata, content finder). Beyond not crashing, the output must be valid UTF-8.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tracker/extract/extractor.h"
#include "tracker/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto article = tracker::extract::extract_article(bytes);
  if (article) {
    const std::string text = article->text();
    if (!tracker::text::is_valid_utf8(text) || !tracker::text::is_valid_utf8(article->metadata.title)) {
      std::abort();
    }
  }
  return 0;
}
