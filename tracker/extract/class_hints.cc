#include "tracker/extract/class_hints.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace tracker::extract {
namespace {

// Substrings of a lower-cased "class id" string.
constexpr std::array<std::string_view, 10> k_positive = {
    "article", "body", "content", "entry", "h-entry", "main", "page", "post", "text", "story"};

constexpr std::array<std::string_view, 25> k_negative = {
    "-ad-",    "hidden",   "banner",  "combx",   "comment", "com-",       "contact",
    "footer",  "gdpr",     "masthead", "media",  "meta",    "outbrain",   "promo",
    "related", "scroll",   "share",   "shoutbox", "sidebar", "skyscraper", "sponsor",
    "shopping", "tags",    "widget",  "taboola"};

constexpr std::array<std::string_view, 33> k_unlikely = {
    "-ad-",      "ad-break", "agegate", "ai2html",  "banner",   "breadcrumb", "combx",
    "comment",   "community", "cover-wrap", "disqus", "extra",  "footer",     "gdpr",
    "header",    "legends",  "menu",    "related",  "remark",   "replies",    "rss",
    "shoutbox",  "sidebar",  "skyscraper", "social", "sponsor", "supplemental", "pagination",
    "pager",     "popup",    "yom-remote", "navbar", "masthead"};

constexpr std::array<std::string_view, 7> k_maybe_content = {
    "article", "body", "column", "content", "main", "shadow", "story"};

// clang-format off
constexpr std::array<std::string_view, 59> k_boilerplate = {
    "copyright", "trackback", "about-author", "author-info", "author-box", "authorbox",
    "share", "sharing", "social", "related", "newsletter", "comment",
    "cookie", "consent", "gdpr", "advert", "adslot", "ad-slot",
    "ad-container", "ad-wrapper", "ad-unit", "dfp-", "promo", "recommend",
    "most-read", "mostread", "most-popular", "mostpopular", "popular-", "trending",
    "outbrain", "taboola", "subscribe", "signup", "sign-up", "sidebar",
    "breadcrumb", "more-stories", "also-read", "next-article", "tag-list", "taglist",
    "author-bio", "disqus", "paywall-", "recent-post", "postauthor", "post-author",
    "entry-footer", "post-footer", "post-meta", "entry-meta", "postmeta", "post-info",
    "pullquote", "authorinfo", "author-description", "about-the-author", "yarpp"};
// clang-format on

// The same chrome named in other languages, for sites whose templates are not written in English
// (German, Spanish, French, Italian, Portuguese, Dutch, Polish). Each list adds to the lists its
// English words are in: a German "kommentare" block is dropped as a "comments" one is. Not the
// singular "kommentar": German news calls an opinion piece a Kommentar.
// clang-format off
constexpr std::array<std::string_view, 5> k_other_comments = {  // negative, unlikely, boilerplate
    "kommentare", "leserkommentar", "comentario", "reactie", "komentarz"};
constexpr std::array<std::string_view, 11> k_other_related = {  // negative, unlikely, boilerplate
    "verwandte", "weitere-artikel", "mehr-zum-thema", "relacionad", "lire-aussi", "meme-sujet",
    "-correlat", "leia-tambem", "gerelateerd", "powiazane", "seitenleiste"};
constexpr std::array<std::string_view, 15> k_other_chrome = {  // negative, boilerplate
    "teilen", "compartir", "partage", "condividi", "compartilhar", "werbung", "anzeige",
    "publicidad", "publicite", "pubblicita", "publicidade", "reclame", "advertentie", "reklama",
    "fusszeile"};
constexpr std::array<std::string_view, 3> k_other_subscribe = {  // boilerplate
    "abonnieren", "suscrib", "abonnez"};
// clang-format on

constexpr std::array<std::string_view, 6> k_invisible = {
    "sr-only", "visually-hidden", "visuallyhidden", "screen-reader", "skip-link", "element-invisible"};

// Whole words, compared after splitting on '-', '_' and spaces: too short to search as substrings.
constexpr std::array<std::string_view, 10> k_boilerplate_words = {
    "ad", "ads", "nav", "tags", "byline", "caption", "credit", "credits", "hid", "bio"};

constexpr std::array<std::string_view, 17> k_article_body = {
    "article-body", "articlebody",  "article__body", "article_body", "story-body",
    "storybody",    "story__body",  "entry-content", "post-content", "article-content",
    "articlecontent", "story-content", "post-body",  "postbody",     "body-text",
    "article-text", "articletext"};

// What an outlet's note about its own change is named with (names_editorial_note reads the
// words; these only tell the one scan that it is worth reading them).
constexpr std::array<std::string_view, 4> k_editorial_note = {"correction", "clarification", "editor", "editorsnote"};

// PatternIndex::scan tests a pattern's second byte before the rest.
template <std::size_t N>
constexpr bool two_bytes_or_more(const std::array<std::string_view, N>& list) {
  return std::all_of(list.begin(), list.end(),
                     [](std::string_view text) { return text.size() >= 2; });
}
static_assert(two_bytes_or_more(k_positive) && two_bytes_or_more(k_negative) &&
              two_bytes_or_more(k_unlikely) && two_bytes_or_more(k_maybe_content) &&
              two_bytes_or_more(k_boilerplate) && two_bytes_or_more(k_invisible) &&
              two_bytes_or_more(k_article_body) && two_bytes_or_more(k_editorial_note) &&
              two_bytes_or_more(k_other_comments) && two_bytes_or_more(k_other_related) &&
              two_bytes_or_more(k_other_chrome) && two_bytes_or_more(k_other_subscribe));

// Which of the lists above a pattern belongs to, as bits.
enum ListBit : std::uint8_t {
  k_in_positive = 1,
  k_in_negative = 2,
  k_in_unlikely = 4,
  k_in_maybe_content = 8,
  k_in_boilerplate = 16,
  k_in_invisible = 32,
  k_in_article_body = 64,
  k_in_editorial_note = 128,
};

struct Pattern {
  std::string_view text;
  std::uint8_t lists = 0;
};

// Every pattern once, indexed by its first byte, so one scan over "class id" tests them all
// at each position instead of searching the string once per pattern.
class PatternIndex {
 public:
  PatternIndex() {
    add(k_positive, k_in_positive);
    add(k_negative, k_in_negative);
    add(k_unlikely, k_in_unlikely);
    add(k_maybe_content, k_in_maybe_content);
    add(k_boilerplate, k_in_boilerplate);
    add(k_invisible, k_in_invisible);
    add(k_article_body, k_in_article_body);
    add(k_editorial_note, k_in_editorial_note);
    add(k_other_comments, k_in_negative | k_in_unlikely | k_in_boilerplate);
    add(k_other_related, k_in_negative | k_in_unlikely | k_in_boilerplate);
    add(k_other_chrome, k_in_negative | k_in_boilerplate);
    add(k_other_subscribe, k_in_boilerplate);
  }

  // The lists with a pattern occurring in `text`, separately for matches that start before
  // `split` (the class) and after it (the id). Boilerplate names are written with '_' as often
  // as with '-' ("author_info", "post_meta"), so a '-' of a pattern also matches a '_' there,
  // for the boilerplate list only: the other lists are readability's, which reads
  // "com_content" (Joomla's article) as it is.
  void scan(std::string_view text, std::size_t split, std::uint8_t& before,
            std::uint8_t& after) const {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const std::string_view rest = text.substr(i);
      for (const Pattern& pattern : m_by_first[static_cast<unsigned char>(text[i])]) {
        // The second byte first (every pattern has two or more): most candidates fail there,
        // without a call to compare the rest.
        if (rest.size() < pattern.text.size() || !same_byte(rest[1], pattern.text[1])) {
          continue;
        }
        if (rest.starts_with(pattern.text)) {
          (i < split ? before : after) |= pattern.lists;
        } else if ((pattern.lists & k_in_boilerplate) != 0 && matches_with_underscores(rest, pattern.text)) {
          (i < split ? before : after) |= k_in_boilerplate;
        }
      }
    }
  }

 private:
  static bool same_byte(char text, char pattern) {
    return text == pattern || (pattern == '-' && text == '_');
  }

  static bool matches_with_underscores(std::string_view text, std::string_view pattern) {
    return std::equal(pattern.begin(), pattern.end(), text.begin(), [](char p, char t) { return same_byte(t, p); });
  }

  template <std::size_t N>
  void add(const std::array<std::string_view, N>& list, std::uint8_t bit) {
    for (std::string_view text : list) {
      std::vector<Pattern>& bucket = m_by_first[static_cast<unsigned char>(text[0])];
      auto it = std::find_if(bucket.begin(), bucket.end(),
                             [&](const Pattern& pattern) { return pattern.text == text; });
      if (it != bucket.end()) {
        it->lists |= bit;
      } else {
        bucket.push_back(Pattern{text, bit});
      }
    }
  }

  std::array<std::vector<Pattern>, 256> m_by_first;
};

const PatternIndex& pattern_index() {
  static const PatternIndex index;  // immutable once built; C++ makes the first call thread-safe
  return index;
}

// Calls `visit` with each word of a lower-cased class/id string, split on '-', '_' and spaces,
// until it returns true; says whether it did.
template <typename Visit>
bool any_word(std::string_view s, Visit visit) {
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = start;
    while (end < s.size() && s[end] != ' ' && s[end] != '-' && s[end] != '_') {
      ++end;
    }
    if (visit(s.substr(start, end - start))) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

// "comments", "commentlist", "comment", "disqus", "disqus_thread", and in other languages
// "kommentare", "leserkommentare", "comentarios", "commenti", "commentaires", "reacties",
// "komentarze"; not "commentary" (an opinion section, which is article text), nor German's
// singular "kommentar" (one too).
bool names_comments(std::string_view s) {
  return any_word(s, [](std::string_view w) {
    return (w.starts_with("comment") && !w.starts_with("commentar")) || w.starts_with("disqus") ||
           std::any_of(k_other_comments.begin(), k_other_comments.end(),
                       [w](std::string_view other) { return w.starts_with(other); });
  });
}

// "correction", "corrections", "clarification", "editors-note", "editor_note", "editorsnote".
bool names_editorial_note(std::string_view s) {
  bool editor = false;  // the word before was "editor", "editors" or "editorial"
  return any_word(s, [&editor](std::string_view w) {
    const bool note = w == "correction" || w == "corrections" || w == "clarification" || w == "editorsnote" ||
                      w == "editornote" || (editor && (w == "note" || w == "notes"));
    editor = w == "editor" || w == "editors" || w == "editorial";
    return note;
  });
}

// Lower-cases "class id" into a stack buffer: this runs for every element of every page, so
// it must not allocate. Class lists longer than the buffer are cut; chrome words come early.
class LoweredAttributes {
 public:
  LoweredAttributes(std::string_view class_attr, std::string_view id_attr) {
    append_classes(class_attr);
    m_class_end = m_size;
    append(" ");
    append(id_attr);
  }
  std::string_view both() const { return {m_buffer.data(), m_size}; }
  std::string_view class_part() const { return {m_buffer.data(), m_class_end}; }
  std::string_view id_part() const {
    return m_class_end < m_size ? both().substr(m_class_end + 1) : std::string_view();
  }

 private:
  // A blog post's element carries the post's own tags and categories as classes
  // (WordPress's post_class: "tag-tax-credits", "category-social-media"): words of the story,
  // not of the element's role. Read as hints, they dropped a whole post as "credits" or
  // "social". Such classes are left out.
  static bool names_a_taxonomy(std::string_view token) {
    // WordPress's, then TypePad's ("entry-category-social_media").
    constexpr std::array<std::string_view, 5> k_prefixes = {"tag-", "category-", "tag_",
                                                            "entry-category-", "entry-tag-"};
    return std::any_of(k_prefixes.begin(), k_prefixes.end(), [&](std::string_view prefix) {
      return token.size() > prefix.size() &&
             std::equal(prefix.begin(), prefix.end(), token.begin(), [](char a, char b) {
               return a == ((b >= 'A' && b <= 'Z') ? static_cast<char>(b - 'A' + 'a') : b);
             });
    });
  }

  void append_classes(std::string_view classes) {
    std::size_t at = 0;
    while (at < classes.size()) {
      const std::size_t end = std::min(classes.find_first_of(" \t\n\r\f", at), classes.size());
      const std::string_view token = classes.substr(at, end - at);
      if (!token.empty() && !names_a_taxonomy(token)) {
        if (m_size > 0) {
          append(" ");
        }
        append(token);
      }
      at = end + 1;
    }
  }

  void append(std::string_view s) {
    for (char c : s) {
      if (m_size == m_buffer.size()) {
        return;
      }
      m_buffer[m_size++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  std::array<char, 512> m_buffer{};
  std::size_t m_size = 0;
  std::size_t m_class_end = 0;
};

}  // namespace

int weight_of(std::uint8_t lists) {
  return ((lists & k_in_positive) != 0 ? 25 : 0) - ((lists & k_in_negative) != 0 ? 25 : 0);
}

ClassHints class_hints(std::string_view class_attr, std::string_view id_attr) {
  ClassHints hints;
  if (class_attr.empty() && id_attr.empty()) {
    return hints;
  }
  const LoweredAttributes lowered(class_attr, id_attr);
  const std::string_view both = lowered.both();
  std::uint8_t in_class = 0;
  std::uint8_t in_id = 0;
  pattern_index().scan(both, lowered.class_part().size(), in_class, in_id);
  const std::uint8_t anywhere = in_class | in_id;
  hints.weight = weight_of(in_class) + weight_of(in_id);
  hints.unlikely = (anywhere & k_in_unlikely) != 0 && (anywhere & k_in_maybe_content) == 0;
  hints.invisible = (anywhere & k_in_invisible) != 0;
  hints.article_body = (anywhere & k_in_article_body) != 0;
  // "comment" and "disqus" are boilerplate phrases: a name without one names no comments.
  const bool names_the_comments = (anywhere & k_in_boilerplate) != 0 && names_comments(both);
  hints.comments = (anywhere & k_in_maybe_content) == 0 && names_the_comments;
  hints.editorial_note = (anywhere & k_in_editorial_note) != 0 && names_editorial_note(both);
  if (hints.editorial_note) {
    hints.unlikely = false;
    hints.weight = std::max(hints.weight, 0);
  }
  hints.furniture = (anywhere & k_in_boilerplate) != 0 && !hints.editorial_note && !names_the_comments;
  hints.boilerplate = hints.invisible || (anywhere & k_in_boilerplate) != 0;
  if (!hints.boilerplate && !hints.editorial_note) {
    // One pass over the words, each looked for in the short list.
    hints.boilerplate = any_word(both, [](std::string_view word) {
      return std::find(k_boilerplate_words.begin(), k_boilerplate_words.end(), word) !=
             k_boilerplate_words.end();
    });
  }
  return hints;
}

}  // namespace tracker::extract
