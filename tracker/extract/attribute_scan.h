#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tracker::extract {

// A start tag with too many attributes.
struct CrowdedTag {
  std::string name;        // lower-case: "div"
  std::size_t offset = 0;  // of its '<' in the scanned text
};

// The first start tag of the HTML `text` with more than `limit` attributes, or nothing.
//
// Run before libxml2 sees the page, in one linear pass: libxml2 compares each attribute with
// all those before it in the tag, and appends it by walking the list of the others, both
// before any callback of ours runs, so one <div> with 250,000 attributes took eight minutes.
// Tags are read as libxml2 reads them (a '<' and a letter; quoted values may hold '>';
// <script> and <style> hold raw text up to their end tag; comments are skipped only when
// closed); anything that is not a clean attribute still counts as one, so that a page
// libxml2 would find crowded is never missed.
std::optional<CrowdedTag> find_crowded_tag(std::string_view text, std::size_t limit);

}  // namespace tracker::extract
