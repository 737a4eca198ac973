#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

#include "tracker/extract/content.h"

// The page's own description as a check on the chosen block. A news page's standfirst (its
// og:description or JSON-LD description) is usually its first paragraph or opens with it; a
// chosen block that does not hold it, while a paragraph elsewhere on the page does, is likely
// the wrong block (a photo gallery, an author's box, another product's text). Internal to the
// content finder.
namespace tracker::extract {

// The first words of `standfirst` in the form `holds_anchor` compares: ASCII letters
// lower-cased, each run of characters that are neither letters nor digits one space (bytes of
// other scripts count as letters, so any language works). Empty when the standfirst is too
// short to tell one paragraph from another.
std::string standfirst_anchor(std::string_view standfirst);

// Whether `text`, compared in that form, holds `anchor` as whole words (never, for an empty
// anchor).
bool holds_anchor(std::string_view text, std::string_view anchor);
bool blocks_hold_anchor(const std::vector<ContentBlock>& blocks, std::string_view anchor);

struct AnchoredChoice {
  const xmlNode* candidate = nullptr;    // null: keep the top candidate
  const xmlNode* passed_over = nullptr;  // the top candidate, when inside `candidate` but not story
};

// The article as the standfirst places it: the first kept, mostly unlinked paragraph under
// `body` that holds `anchor`, lifted to the best of its credited ancestors as
// pick_top_candidate lifts the top one. No candidate when there is no such paragraph, when that
// leads back to `top`, when it is a list of teasers (this story's among them), or when it only
// adds a dek around `top` without more prose. When the candidate holds `top` and the paragraph
// opens a run of the story's paragraphs beside `top`, `top` (a gallery) is to be passed over. Reads the
// NodeStats of a ContentFinder's current attempt; only valid while it runs.
AnchoredChoice anchored_candidate(const xmlNode* top, const xmlNode* body, std::string_view anchor);

}  // namespace tracker::extract
