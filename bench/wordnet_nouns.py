"""Whether two English nouns name one kind of thing in WordNet: the mirror of
tracker/text/wordnet_nouns.cc for bench/train_ledger_grouping.py. Change both together.

Reads Debian's wordnet-base (/usr/share/wordnet): index.noun and noun.exc whole (the script reads
them once), data.noun by seeking to a synset's offset. Two words are related when they share a
synset among the first three senses of each, or a synset of one is a direct hypernym (or
instance hypernym) of a synset of the other. A word is looked up as written, as noun.exc's base
form of it, and as the first plural ending (-ies, -ches, -shes, -xes, -ses, -men, -s) whose stem
is an entry. Without the database every pair is unrelated (available() says so).
"""
import functools
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
SENSES = 3
PLURALS = (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("ses", "s"), ("men", "man"), ("s", ""))


@functools.lru_cache(None)
def _database():
    """(index {lemma: synset offsets}, exceptions {word: base form}, data.noun file), or None."""
    try:
        index = {}
        for line in (WORDNET / "index.noun").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue  # the licence
            fields = line.split()
            pointers = int(fields[3])
            index[fields[0]] = [int(offset) for offset in fields[6 + pointers:]]
        exceptions = {}
        for line in (WORDNET / "noun.exc").read_text(encoding="latin-1").splitlines():
            fields = line.split()
            if len(fields) > 1:
                exceptions.setdefault(fields[0], fields[1])
        return index, exceptions, open(WORDNET / "data.noun", "rb")
    except OSError:
        return None


def available():
    return _database() is not None


@functools.lru_cache(None)
def _synsets(word):
    index, exceptions, _ = _database()
    lemmas = []
    if word in exceptions:
        lemmas.append(exceptions[word])
    if word in index:
        lemmas.append(word)
    for ending, replacement in PLURALS:
        if word.endswith(ending) and word[:-len(ending)] + replacement in index:
            lemmas.append(word[:-len(ending)] + replacement)
            break
    return tuple(offset for lemma in lemmas for offset in index.get(lemma, [])[:SENSES])


@functools.lru_cache(None)
def _hypernyms(offset):
    data = _database()[2]
    data.seek(offset)
    fields = data.readline().decode("latin-1").split(" | ")[0].split()
    at = 4 + 2 * int(fields[3], 16)
    found = []
    for i in range(at + 1, at + 1 + 4 * int(fields[at]), 4):
        if fields[i] in ("@", "@i") and fields[i + 2] == "n":
            found.append(int(fields[i + 1]))
    return tuple(found)


def related(a, b):
    if not available():
        return False
    of_a, of_b = set(_synsets(a)), set(_synsets(b))
    if not of_a or not of_b:
        return False
    if of_a & of_b:
        return True
    return any(set(_hypernyms(s)) & of_b for s in of_a) or any(set(_hypernyms(s)) & of_a for s in of_b)
