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

// The first words of a page's standfirst, and the search for them in a text. Texts are
// compared in one form: ASCII letters lower-cased, each run of characters that are neither
// letters nor digits one space (bytes of other scripts count as letters, so any language
// works). A match is whole words. The search streams (a KMP automaton), so that a paragraph's
// text nodes are searched where they lie, without being copied.
class StandfirstAnchor {
 public:
  // Empty (matching nothing) when the standfirst is too short to tell one paragraph from
  // another.
  explicit StandfirstAnchor(std::string_view standfirst);

  bool empty() const { return m_pattern.empty(); }
  // The compared form of the anchor's words, without the spaces that bound them.
  std::string_view words() const;

  bool found_in(std::string_view text) const;
  bool found_in(const std::vector<ContentBlock>& blocks) const;
  bool found_in(const xmlNode* element) const;  // its text nodes, in document order

 private:
  class Search;
  std::string m_pattern;         // " " + the words + " "
  std::vector<int> m_fallback;   // KMP failure function of m_pattern
};

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
AnchoredChoice anchored_candidate(const xmlNode* top, const xmlNode* body,
                                  const StandfirstAnchor& anchor);

}  // namespace tracker::extract
