#pragma once
// What sentences.cc's splitter knows about the words and characters around a period: the
// abbreviation lists and the judgements made with them. Internal to the splitter; everything
// else calls split_sentences (sentences.h).

#include <cstddef>
#include <string_view>

namespace tracker::text::sentence_words {

inline bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

enum class CharKind { upper, lower, digit, other, end };

// The character at `text[pos]`, coarsely, and its `length` in bytes; caseless letters (CJK,
// Arabic) count as upper case because they can start a sentence. Ill-formed UTF-8 reads as one
// byte of `other`.
CharKind char_kind(std::string_view text, std::size_t pos, std::size_t& length);

enum class WordKind { plain, title, joining, numbering, ambiguous, time_of_day };

// What kind of word a period ends; `word` is without the period and opening punctuation.
WordKind classify(std::string_view word);

// What follows a candidate sentence end, past spaces and opening quotes or brackets.
struct NextToken {
  CharKind kind = CharKind::end;
  std::string_view word;    // the ASCII letters it starts with
  bool is_initial = false;  // a single letter and a period: "J. R. R. Tolkien"
};

// Whether a period after a word of kind `before` ends the sentence, given what follows and the
// sentence up to the word (`so_far`, which only a time of day needs: see time_opens_sentence).
bool ends_sentence(WordKind before, const NextToken& next, std::string_view so_far = {});

// Whether the sentence so far is a time phrase that opens it ("At 5 a.m", "Shortly after 6
// p.m"): the clause it belongs to is still to come.
bool time_opens_sentence(std::string_view so_far);

// The length of the full date with its weekday that starts `text` ("Saturday, January 31,
// 2009", "Thursday, 12 January 2006"), or 0. News pages print one as a dateline of its own,
// and text joined from them glues it to the line before or the sentence after.
std::size_t dateline_length(std::string_view text);

// The length of the caption label that starts `text` ("Figure 1.5", "Fig. 3", "Table 2") when
// the caption follows it after a space, or 0: the label is a unit of its own, like a heading.
std::size_t caption_label_length(std::string_view text);

// Whether a lower-case `word` before a full date makes the date part of its sentence ("on",
// "until", "since", "published", "is"...): a function word (text::is_function_word), or one of
// the few others that take a bare date as their time.
bool leads_into_date(std::string_view word);

// Whether `text`, what follows a quoted question or exclamation past its spaces, opens with
// the quote's speech tag: a few words naming the speaker and then a verb of speech ('"Why?"
// Pete asked.', '"Sorry!" I said, laughing'). The tag belongs to the quote, and a claim keeps
// its speaker, so the sentence goes on.
bool opens_speech_tag(std::string_view text);

// Whether `text` opens with a caption's credit: a bracket with a credit's label after a
// sentence's end ("(credit: NASA)", "(photo: AP)", "(image by ...)", not "(photos were not
// released)"), or a capitalised label and a colon after a caption ("Image: NASA", "Photo:
// Reuters"), which text joined from a page glues to it. The credit is a unit of its own.
bool opens_credit_bracket(std::string_view text);
bool opens_credit_line(std::string_view text);

// The inside of a citation marker: a footnote number ("6"), a note letter ("a"), "note 3",
// "nb 2" or "citation needed".
bool is_citation_marker(std::string_view inside);

}  // namespace tracker::text::sentence_words
