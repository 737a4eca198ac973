#pragma once

#include <string>

namespace tracker::syndication {

// Why a document could not be read as a feed or an OPML list. The message names the problem
// and, for XML errors, the line: "not a feed: root element <html>", "XML error at line 12:
// mismatched closing tag </item>". The caller adds which source it was.
struct FeedError {
  std::string message;
};

}  // namespace tracker::syndication
