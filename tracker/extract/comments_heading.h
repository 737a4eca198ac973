#pragma once

#include <string_view>
#include <vector>

#include "tracker/extract/content.h"

namespace tracker::extract {

// Whether a heading's text opens a page's reader comments or trackbacks: "Comments",
// "12 Comments", "Leave a Reply", "107 Responses to "Title"", "TrackBack", and the same in a few
// other languages ("Kommentare", "Comentarios", "Commentaires", "Commenti", "Reacties",
// "Komentarze").
bool is_comments_heading(std::string_view text);

// Whether lower-case `words` are one of the names such a heading gives the comments ("comments",
// "kommentare", "comentarios", "reacties", "leave a reply"): what a count of them names too
// ("12 Kommentare", "Kommentare (3)").
bool names_the_comments(std::string_view words);

// Old blog engines (Movable Type, early TypePad, Blogger) put readers' comments as bare
// paragraphs in the post's own container, under a heading and nothing else. Everything from
// such a heading on is cut, once the article has said enough (500 bytes) for the heading not to
// be a comment count under the headline; so are the headings right before it. A heading is such
// a heading by its words or by its id or class (ContentBlock::opens_comments); one named only by
// its id or class is removed even where it does not cut.
void cut_at_comments_heading(std::vector<ContentBlock>& blocks);

}  // namespace tracker::extract
