#pragma once

#include <string>
#include <vector>

#include "tracker/extract/content.h"
#include "tracker/extract/metadata.h"

namespace tracker::extract {

// The text of one news page with what the page says about itself.
struct Article {
  PageMetadata metadata;
  std::vector<ContentBlock> blocks;  // in document order
  std::string charset;               // how the page's bytes were decoded

  // The blocks' text, separated by one blank line, without a trailing newline.
  std::string text() const;
};

}  // namespace tracker::extract
