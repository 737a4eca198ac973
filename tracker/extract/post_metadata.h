#pragma once

#include <string_view>
#include <vector>

#include "tracker/extract/content.h"

namespace tracker::extract {

// Whether a block is a blog or newspaper engine's line about the post rather than text of it:
// - the print line of a newspaper ("A version of this article appeared in print on July 25,
//   2012, on page A10 of the New York edition");
// - WordPress's "This entry was posted on ... and is filed under ...";
// - a filing or dating line: "Posted in News", "Filed under: Leadership", "Posted on November 9,
//   2012 at 6:41 AM • 7 Comments", "Categories: Ideas", unless it ends a sentence with nothing
//   else to mark it (a soldier "posted in Kabul" writes a sentence);
// - "Posted by NAME" only with a permalink or a comments link ("Posted by Kathy on April 6, 2007
//   | Permalink"); alone it is the byline, which outlets count as the article's.
// At most 300 bytes. The words are English: the engines' own default strings.
bool is_post_metadata(const ContentBlock& block);

// Removes such blocks wherever they are. Their numbers (a date, a page, a count of comments that
// grows by the hour) would otherwise become the story's claims and changes.
void drop_post_metadata(std::vector<ContentBlock>& blocks);

}  // namespace tracker::extract
