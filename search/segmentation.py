"""Bilingual full-text search on Wagtail's database backend, Chinese included.

Chinese is written without spaces, so both SQLite FTS5 and PostgreSQL's text parser see a
whole sentence ("清华大学医学院…") as one token and never find "医学" inside it. We
index Chinese the way Lucene's CJK analyser does: every run of Han characters becomes its
overlapping character bigrams (plus the single characters, for one-character queries),
and the query is split the same way. A query then matches when every bigram of it occurs
in the page: the substring semantics readers expect, identical on SQLite and PostgreSQL,
without a dictionary to maintain.

The search fields that feed this into Wagtail's index are in fields.py.
"""

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{HAN}]+")
# What a query is made of: runs of Han characters, or words of letters and digits.
# Everything else (quotes, operators, punctuation, markup) is dropped, so nothing a
# visitor types reaches the full-text query syntax.
_QUERY_TOKEN = re.compile(rf"[{HAN}]+|[^\W_{HAN}]+", re.UNICODE)

# Kept tiny on purpose: SQLite has no stop words, PostgreSQL's "english" has; dropping the
# commonest ones from queries makes an all-words match behave the same on both.
ENGLISH_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)
MAX_QUERY_TERMS = 32


def han_bigrams(run):
    """``"医学院"`` -> ``["医学", "学院"]``; a single character stays as it is."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def english_stem(word):
    """Plural to singular ("hospitals" -> "hospital", "studies" -> "study").

    SQLite's FTS5 does not stem and PostgreSQL's "english" configuration does; indexing
    both forms and querying the singular makes "hospital" find "hospitals" on both."""
    word = word.lower()
    if len(word) <= 3 or not word.isascii():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_WORD = re.compile(r"[A-Za-z]{4,}")


def segment_for_index(text):
    """Text as the index should see it: Han runs replaced by their characters and bigrams,
    English plurals followed by their singular, the rest left to the database's tokeniser."""
    if not text:
        return ""
    stems = {english_stem(w) for w in _WORD.findall(text)} - {
        w.lower() for w in _WORD.findall(text)
    }
    if stems:
        text = text + " " + " ".join(sorted(stems))

    def expand(match):
        run = match.group(0)
        grams = list(run) + han_bigrams(run) if len(run) > 1 else [run]
        return " " + " ".join(grams) + " "

    return _HAN_RUN.sub(expand, text)


def query_terms(query):
    """The terms a query is searched with: Han bigrams and lower-cased words, in order,
    without duplicates or stop words, at most MAX_QUERY_TERMS."""
    terms = []
    for token in _QUERY_TOKEN.findall(query or ""):
        if _HAN_RUN.fullmatch(token):
            terms.extend(han_bigrams(token))
        else:
            word = token.lower()
            if word not in ENGLISH_STOP_WORDS:
                terms.append(english_stem(word))
    return list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]


def highlight_terms(query):
    """What to mark in a snippet: whole Han runs and words as typed (not their bigrams)."""
    marks = []
    for token in _QUERY_TOKEN.findall(query or ""):
        if _HAN_RUN.fullmatch(token):
            marks.append(token)
        elif token.lower() not in ENGLISH_STOP_WORDS:
            marks.append(english_stem(token))
    return list(dict.fromkeys(marks))
