#pragma once
// The word lists attribution.cc reads a speaker with: reporting verbs and the words around a
// subject. Lower-case, as text::Token::lower holds them.

#include <array>
#include <string_view>

namespace tracker::claims::attribution_words {

// Verbs that report speech or a position, in the forms news copy uses.
inline constexpr std::array<std::string_view, 131> k_reporting_verbs = {
    "acknowledged", "acknowledges", "added", "adds", "admits", "admitted",
    "agreed", "agrees", "alleged", "alleges", "announced", "announces",
    "argued", "argues", "asserted", "asserts", "believe", "believed",
    "believes", "briefed", "claim", "claimed", "claims", "commented",
    "concluded", "conceded", "confirmed", "confirms", "contended", "countered",
    "declared", "declares", "denied", "denies", "disclosed", "emphasised",
    "emphasized", "estimated", "estimates", "explained", "explains", "indicated",
    "insisted", "insists", "maintained", "noted", "notes", "observed",
    "pledged", "predicted", "promised", "quoted", "recalled", "remarked",
    "replied", "reported", "reports", "responded", "revealed", "reveals",
    "said", "say", "saying", "says", "stated", "states",
    "stressed", "stresses", "suggested", "testified", "tell", "tells",
    "thinks", "told", "tweeted", "underlined", "urged", "vowed",
    "warned", "warns", "wrote", "writes", "write", "confirm",
    "demanded", "speculated", "confessed", "accused", "requested", "blamed",
    "continued", "cited", "adding", "claiming", "stating", "announcing",
    "warning", "explaining", "arguing", "insisting", "telling", "allege",
    "deny", "admit", "argue", "warn", "insist", "suggest",
    "acknowledge", "agree", "announce", "speculate", "maintain", "reiterated",
    "reaffirmed", "affirmed", "assured", "clarified", "recounted", "speculates",
    "predicts", "forecast", "contend", "contends", "assert", "signalled",
    "signaled", "lamented", "laments", "boasted", "joked"};

// Verbs that report only when "that" follows: "the study found that", "officials state that",
// "the union complained that"; elsewhere they find things, name states, or praise or condemn
// something without reporting a claim ("welcomed the move").
inline constexpr std::array<std::string_view, 37> k_that_verbs = {
    "found",       "finds",      "state",      "note",        "welcomed",  "praised",
    "condemned",   "criticised", "criticized", "questioned",  "protested", "objected",
    "complained",  "mentioned",  "mentions",   "recommended", "proposed",  "advised",
    "highlighted", "hinted",     "cautioned",  "repeated",    "described", "describes",
    "expressed",   "posted",     "estimate",   "report",      "hopes",     "hoped",
    "fears",       "feared",     "expects",    "disputed",    "doubted",   "doubts",
    "worried"};

// Verbs that give an estimate when a figure follows "at" ("the agency put the toll at 14") or
// "to" ("police raised the death toll to 43", "the government increased its package to ...").
inline constexpr std::array<std::string_view, 4> k_estimate_at_verbs = {"put", "puts", "placed",
                                                                        "places"};
inline constexpr std::array<std::string_view, 10> k_estimate_to_verbs = {
    "raised", "raises",    "revised",   "revises", "lowered",
    "lowers", "increased", "increases", "updated", "updates"};

// Words that open a figure after "at": "at about 3,600", "at least 14", "at some 12,000".
inline constexpr std::array<std::string_view, 12> k_figure_openers = {
    "about",   "around", "least",         "more",   "some", "nearly",
    "roughly", "over",   "approximately", "almost", "up",   "between"};

// Participles that report for the sentence's subject: "Police issued a statement, saying ...".
inline constexpr std::array<std::string_view, 10> k_participles = {
    "saying", "adding", "claiming", "stating", "announcing", "warning", "explaining", "arguing",
    "insisting", "telling"};

// Reporting verbs that, followed by "to", describe or act rather than report: "a crowd
// estimated to number 100,000", "is believed to have", "has agreed to step aside", "continued
// to rise", "a computer failure added to the disruption".
inline constexpr std::array<std::string_view, 12> k_raising_verbs = {
    "estimated", "believed", "reported", "alleged",   "claimed", "expected",
    "agreed",    "agrees",   "agree",    "continued", "added",   "adds"};

// Forms of "be": before a reporting verb they make it passive ("is said to", "was reported").
inline constexpr std::array<std::string_view, 7> k_be_forms = {"is", "are", "was", "were", "be", "been", "being"};

// Words between a subject and its verb that are not part of the subject ("Seoul has
// previously said").
inline constexpr std::array<std::string_view, 57> k_auxiliaries = {
    "has",      "have",       "had",    "is",         "was",      "were",  "are",   "been",
    "also",     "later",      "earlier", "previously", "again",   "repeatedly", "publicly",
    "officially", "would",    "will",   "once",       "reportedly", "separately", "further",
    "still",    "recently",   "now",    "already",    "initially", "could", "can",  "may",
    "might",    "must",       "should", "did",        "does",     "do",    "not",   "never",
    "couldn't", "didn't",     "won't",  "wouldn't",   "can't",    "cannot", "doesn't", "don't",
    "allegedly", "apparently", "subsequently", "immediately", "privately", "openly", "formally",
    "flatly",   "strongly",   "explicitly"};

// Common irregular past tenses: with "-ed" forms and auxiliaries, they end a sentence's
// opening noun phrase ("Officials gave a briefing, saying ...").
inline constexpr std::array<std::string_view, 40> k_irregular_pasts = {
    "gave",  "made",  "took",   "held",  "went",  "came",    "sent",   "led",    "left",  "won",
    "lost",  "began", "spoke",  "wrote", "brought", "put",   "kept",   "ran",    "met",   "saw",
    "found", "got",   "struck", "hit",   "fled",  "sought",  "paid",   "built",  "heard", "rose",
    "fell",  "became", "drew",  "broke", "chose", "knew",    "thought", "stood", "sold",  "spent"};

// Words that start a clause: a subject never reaches back past them.
inline constexpr std::array<std::string_view, 17> k_clause_starts = {
    "that", "which", "who", "what", "after", "before", "but", "while", "when", "because",
    "as", "if", "although", "since", "though", "where", "whom"};

// Words a speaker's name does not start with: "including a commander", "however ...".
inline constexpr std::array<std::string_view, 16> k_not_subject_starts = {
    "including", "however", "meanwhile", "then", "so", "also", "such", "yet", "still",
    "instead", "thus", "nor", "or", "than", "to", "for"};

// Determiners, possessives and quantifiers a speaker's noun phrase may start with ("Those
// against the bid", "Some").
inline constexpr std::array<std::string_view, 17> k_determiners = {
    "the",   "a",     "an",   "his",  "her",   "its",     "their",   "our",  "both",
    "those", "these", "some", "many", "several", "most", "other", "another"};

// Quantifiers that stand for people on their own: "Some speculate that ...".
inline constexpr std::array<std::string_view, 6> k_quantifier_pronouns = {"some", "many", "several", "most",
                                                                   "others", "few"};

// Words that end a speaker named after its verb: "said X on Tuesday", "said X in a statement".
inline constexpr std::array<std::string_view, 18> k_after_subject_stops = {
    "on", "in", "at", "during", "after", "before", "that", "who", "which", "when", "while",
    "to", "told", "adding", "saying", "last", "this", "as"};

// Reporting verbs whose -s form is also a plural noun.
inline constexpr std::array<std::string_view, 5> k_plural_nouns = {"claims", "reports", "estimates", "notes",
                                                            "states"};

// Prepositions after which a reporting word is a noun: "amid reports", "despite claims".
inline constexpr std::array<std::string_view, 9> k_prepositions = {"amid", "despite", "about", "over", "of",
                                                            "with", "following", "against", "on"};

// Words that join a reporting verb to an earlier verb of the same subject.
inline constexpr std::array<std::string_view, 2> k_coordinators = {"and", "but"};

// Labels that a colon and a quotation follow without naming who speaks ("Update: “...”",
// "Watch: “...”", "Quote of the day: “...”"): their first word.
inline constexpr std::array<std::string_view, 16> k_label_words = {
    "update",  "updated",  "correction", "clarification", "note",  "editor's",
    "editors", "watch",    "read",       "listen",        "video", "photos",
    "quote",   "breaking", "live",       "exclusive"};

inline constexpr std::array<std::string_view, 5> k_pronouns = {"it", "he", "she", "they", "we"};

// Time words that open a sentence before its subject ("Earlier this week officials said").
inline constexpr std::array<std::string_view, 26> k_time_lead_words = {
    "earlier", "later", "on", "this", "last", "next", "week", "month", "year", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "in", "morning", "evening", "moreover", "furthermore", "additionally", "now", "tonight"};

}  // namespace tracker::claims::attribution_words
