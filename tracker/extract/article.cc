#include "tracker/extract/article.h"

namespace tracker::extract {

std::string Article::text() const {
  std::string out;
  for (const ContentBlock& block : blocks) {
    if (!out.empty()) {
      out += "\n\n";
    }
    out += block.text;
  }
  return out;
}

}  // namespace tracker::extract
