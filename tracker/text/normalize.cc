#include "tracker/text/normalize.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iterator>
#include <memory>

#include "tracker/text/tokens.h"
#include "tracker/text/utf8.h"

namespace tracker::text {
namespace {

// NFKC plus dropping default-ignorable and control characters; see normalize_text.
constexpr int k_compat_options =
    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_IGNORE | UTF8PROC_STRIPCC;

enum class FoldKind { keep, space, drop, replace, unknown };

struct Fold {
  FoldKind kind;
  std::string_view replacement;  // for FoldKind::replace
};

// Decodes the code point at `text[pos]`; an ill-formed byte reads as U+FFFD of length 1.
char32_t decode(std::string_view text, std::size_t pos, std::size_t& length) {
  utf8proc_int32_t code_point = 0;
  const utf8proc_ssize_t read =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                       static_cast<utf8proc_ssize_t>(text.size() - pos), &code_point);
  if (read <= 0) {
    length = 1;
    return 0xFFFD;
  }
  length = static_cast<std::size_t>(read);
  return static_cast<char32_t>(code_point);
}

// Characters NFKC must not touch: fractions, superscripts and subscripts change a number's
// value when flattened ("2½" -> "21⁄2"), and spacing diacritics become a space plus a mark.
bool is_protected(char32_t cp) {
  return cp == 0xA8 || cp == 0xAF || cp == 0xB2 || cp == 0xB3 || cp == 0xB8 || cp == 0xB9 ||
         (cp >= 0xBC && cp <= 0xBE) || (cp >= 0x2D8 && cp <= 0x2DD) ||
         (cp >= 0x2070 && cp <= 0x209F) || (cp >= 0x2150 && cp <= 0x215F) || cp == 0x2189;
}

// Non-ASCII characters that NFKC leaves alone in any context (precomposed Latin letters
// never combine with what precedes them), so text made of them needs no utf8proc pass.
bool is_nfkc_stable(char32_t cp) {
  if (cp >= 0xA1 && cp <= 0xBF) {
    return cp != 0xAA && cp != 0xB4 && cp != 0xB5 && cp != 0xBA;
  }
  if (cp >= 0xC0 && cp <= 0x17F) {
    return cp != 0x132 && cp != 0x133 && cp != 0x13F && cp != 0x140 && cp != 0x149 && cp != 0x17F;
  }
  return cp == 0x20AC || cp == 0x2022;  // euro sign, bullet
}

using enum FoldKind;

// What normalize_text does beyond NFKC, by code point range, sorted.
struct FoldRange {
  char32_t first;
  char32_t last;
  FoldKind kind;
  std::string_view replacement;
};

// clang-format off
constexpr auto k_folds = std::to_array<FoldRange>({
    {0x0085, 0x0085, space, ""},       // next line
    {0x00A0, 0x00A0, space, ""},       // no-break space
    {0x00AB, 0x00AB, replace, "\""},   // «
    {0x00AD, 0x00AD, drop, ""},        // soft hyphen
    {0x00B4, 0x00B4, replace, "'"},    // ´ written as an apostrophe
    {0x00BB, 0x00BB, replace, "\""},   // »
    {0x02BC, 0x02BC, replace, "'"},    // ʼ modifier letter apostrophe
    {0x1680, 0x1680, space, ""},       // ogham space mark
    {0x2000, 0x200A, space, ""},       // en quad .. hair space
    {0x200B, 0x200F, drop, ""},        // zero-width space, joiners, direction marks
    {0x2010, 0x2015, replace, "-"},    // hyphen, non-breaking hyphen, figure/en/em dash, bar
    {0x2018, 0x201B, replace, "'"},    // ‘ ’ ‚ ‛
    {0x201C, 0x201F, replace, "\""},   // “ ” „ ‟
    {0x2026, 0x2026, replace, "..."},  // …
    {0x2028, 0x2029, space, ""},       // line and paragraph separators
    {0x202A, 0x202E, drop, ""},        // bidi embeddings and overrides
    {0x202F, 0x202F, space, ""},       // narrow no-break space
    {0x2032, 0x2032, replace, "'"},    // ′
    {0x2033, 0x2033, replace, "\""},   // ″
    {0x2035, 0x2035, replace, "'"},    // ‵
    {0x2036, 0x2036, replace, "\""},   // ‶
    {0x2039, 0x203A, replace, "'"},    // ‹ ›
    {0x205F, 0x205F, space, ""},       // medium mathematical space
    {0x2060, 0x2064, drop, ""},        // word joiner, invisible operators
    {0x2212, 0x2212, replace, "-"},    // minus sign
    {0x2E3A, 0x2E3B, replace, "-"},    // two- and three-em dashes
    {0x3000, 0x3000, space, ""},       // ideographic space
    {0x301D, 0x301F, replace, "\""},   // 〝 〞 〟
    {0xFE58, 0xFE58, replace, "-"},    // small em dash
    {0xFE63, 0xFE63, replace, "-"},    // small hyphen-minus
    {0xFEFF, 0xFEFF, drop, ""},        // byte order mark
    {0xFF0D, 0xFF0D, replace, "-"},    // full-width hyphen-minus
});
// clang-format on
static_assert(std::is_sorted(k_folds.begin(), k_folds.end(),
                             [](const FoldRange& a, const FoldRange& b) {
                               return a.last < b.first;
                             }));

// What normalize_text does with one non-ASCII code point beyond NFKC. Everything dropped here
// is default-ignorable, so utf8proc's IGNORE drops the same on the slow path.
Fold fold(char32_t cp) {
  const auto after =
      std::upper_bound(k_folds.begin(), k_folds.end(), cp,
                       [](char32_t c, const FoldRange& range) { return c < range.first; });
  if (after != k_folds.begin() && cp <= std::prev(after)->last) {
    return {std::prev(after)->kind, std::prev(after)->replacement};
  }
  if (is_protected(cp) || is_nfkc_stable(cp)) {
    return {keep, {}};
  }
  return {unknown, {}};
}

// Applies the one-character folds before utf8proc decomposes, so that "″" becomes '"' and not
// the two primes NFKC would make of it, and so line breaks become spaces, not removals.
utf8proc_int32_t fold_for_utf8proc(utf8proc_int32_t code_point, void* /*unused*/) {
  if (code_point == '\t' || code_point == '\n' || code_point == '\v' || code_point == '\f' ||
      code_point == '\r') {
    return ' ';
  }
  const Fold folded = fold(static_cast<char32_t>(code_point));
  if (folded.kind == FoldKind::space) {
    return ' ';
  }
  if (folded.kind == FoldKind::replace && folded.replacement.size() == 1) {
    return static_cast<unsigned char>(folded.replacement[0]);
  }
  return code_point;
}

enum class OnUnknown { bail, keep };

// Appends `text` to `out` folded, without control characters and with whitespace collapsed
// and trimmed. With OnUnknown::bail, returns false at the first character that needs NFKC.
bool fold_and_collapse(std::string_view text, std::string& out, OnUnknown on_unknown) {
  bool pending_space = false;
  const auto put = [&](std::string_view piece) {
    if (pending_space && !out.empty()) {
      out.push_back(' ');
    }
    pending_space = false;
    out.append(piece);
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    // Printable ASCII, most of any article, is copied a run at a time.
    std::size_t run = pos;
    while (run < text.size() && text[run] > ' ' && text[run] < 0x7F) {
      ++run;
    }
    if (run > pos) {
      put(text.substr(pos, run - pos));
      pos = run;
      continue;
    }
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      if (byte == ' ' || (byte >= '\t' && byte <= '\r')) {
        pending_space = true;
      }
      ++pos;  // other control characters and DEL are dropped
      continue;
    }
    std::size_t length = 1;
    const Fold folded = fold(decode(text, pos, length));
    switch (folded.kind) {
      case FoldKind::keep:
        put(text.substr(pos, length));
        break;
      case FoldKind::space:
        pending_space = true;
        break;
      case FoldKind::drop:
        break;
      case FoldKind::replace:
        put(folded.replacement);
        break;
      case FoldKind::unknown:
        if (on_unknown == OnUnknown::bail) {
          return false;
        }
        put(text.substr(pos, length));
        break;
    }
    pos += length;
  }
  return true;
}

// Appends NFKC of the valid UTF-8 `run`, with the folds applied first, to `out`.
void append_compatible(std::string_view run, std::string& out) {
  if (run.empty()) {
    return;
  }
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length = utf8proc_map_custom(
      reinterpret_cast<const utf8proc_uint8_t*>(run.data()),
      static_cast<utf8proc_ssize_t>(run.size()), &mapped,
      static_cast<utf8proc_option_t>(k_compat_options), &fold_for_utf8proc, nullptr);
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  if (length < 0) {
    out.append(run);  // only out of memory: the run is valid UTF-8
    return;
  }
  out.append(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

// NFKC of valid UTF-8 `text`, leaving protected characters as they are.
std::string compose_compatible(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t run_start = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    std::size_t length = 1;
    const char32_t cp = decode(text, pos, length);
    if (is_protected(cp)) {
      append_compatible(text.substr(run_start, pos - run_start), out);
      out.append(text.substr(pos, length));
      run_start = pos + length;
    }
    pos += length;
  }
  append_compatible(text.substr(run_start), out);
  return out;
}

}  // namespace

std::string normalize_text(std::string_view utf8) {
  std::string repaired;
  std::string_view text = utf8;
  if (!is_valid_utf8(utf8)) {
    repaired = repair_utf8(utf8);
    text = repaired;
  }
  std::string out;
  out.reserve(text.size());
  // Fast path: ASCII plus the common quotes, dashes, spaces and Latin letters, for which the
  // folds alone give the NFKC result.
  if (fold_and_collapse(text, out, OnUnknown::bail)) {
    return out;
  }
  out.clear();
  fold_and_collapse(compose_compatible(text), out, OnUnknown::keep);
  return out;
}

std::string comparison_key(std::string_view normalized) {
  std::string out;
  out.reserve(normalized.size());
  bool pending_space = false;
  const auto put = [&](const char* bytes, std::size_t count) {
    if (pending_space && !out.empty()) {
      out.push_back(' ');
    }
    pending_space = false;
    out.append(bytes, count);
  };
  const auto next_is_digit = [&](std::size_t after) {
    return after < normalized.size() && is_ascii_digit(normalized[after]);
  };
  std::size_t pos = 0;
  while (pos < normalized.size()) {
    const char c = normalized[pos];
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      if ((c >= 'a' && c <= 'z') || is_ascii_digit(c)) {
        put(&c, 1);
      } else if (c >= 'A' && c <= 'Z') {
        const char lower = static_cast<char>(c - 'A' + 'a');
        put(&lower, 1);
      } else if (c == '\'') {
        // Apostrophes join: "Russia's" and "Russias" are one key.
      } else if ((c == '.' || c == ',' || c == ':' || c == '/') && !pending_space && !out.empty() &&
                 is_ascii_digit(out.back()) && next_is_digit(pos + 1)) {
        put(&c, 1);  // inside a number: "10,000", "2.7", "3:30", "1/2"
      } else if (c == '-' && next_is_digit(pos + 1) && (pending_space || out.empty())) {
        put(&c, 1);  // a sign: "-5" is not "5"
      } else if (c == '$' || c == '%' || c == '&' || c == '#' || c == '@' || c == '+' || c == '<' ||
                 c == '=' || c == '>' || c == '^' || c == '|' || c == '~') {
        put(&c, 1);  // symbols carry meaning: "3.5%" is not "3.5"
      } else if (byte > ' ' && byte != 0x7F) {
        pending_space = true;  // other punctuation separates words
      } else if (byte == ' ' || (byte >= '\t' && byte <= '\r')) {
        pending_space = true;
      }
      ++pos;
      continue;
    }
    std::size_t length = 1;
    const char32_t cp = decode(normalized, pos, length);
    pos += length;
    const utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (cp == 0x2019 || cp == 0x02BC) {
      continue;  // apostrophes in text that skipped normalize_text
    }
    if (cp == 0x2030 || cp == 0x2031) {
      put(reinterpret_cast<const char*>(normalized.data() + pos - length), length);  // ‰ ‱
      continue;
    }
    if (category >= UTF8PROC_CATEGORY_PC && category <= UTF8PROC_CATEGORY_PO) {
      pending_space = true;
      continue;
    }
    if (category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
        category == UTF8PROC_CATEGORY_ZP) {
      pending_space = true;
      continue;
    }
    if (category == UTF8PROC_CATEGORY_CC || category == UTF8PROC_CATEGORY_CF) {
      continue;
    }
    // Case-fold one character at a time into a stack buffer: no allocation per character.
    utf8proc_int32_t folded[8];
    int boundclass = 0;
    utf8proc_ssize_t count = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), folded, 8,
                                                     UTF8PROC_CASEFOLD, &boundclass);
    if (count <= 0 || count > 8) {
      folded[0] = static_cast<utf8proc_int32_t>(cp);
      count = 1;
    }
    for (utf8proc_ssize_t i = 0; i < count; ++i) {
      utf8proc_uint8_t encoded[4];
      const utf8proc_ssize_t bytes = utf8proc_encode_char(folded[i], encoded);
      put(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(bytes));
    }
  }
  return out;
}

}  // namespace tracker::text
