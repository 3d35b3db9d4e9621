"""Bilingual full-text search on Wagtail's database backend, Chinese included.

Chinese is written without spaces, so both SQLite FTS5 and PostgreSQL's text parser see a
whole sentence ("清华大学医学院…") as one token and never find "医学" inside it. We
index Chinese the way Lucene's CJK analyser does: every run of Han characters becomes its
overlapping character bigrams (plus the single characters, for one-character queries),
and the query is split the same way. A query then matches when every bigram of it occurs
in the page: the substring semantics readers expect, identical on SQLite and PostgreSQL,
without a dictionary to maintain.

Wagtail keeps one index document per object, so each translated field indexes both of its
language columns (``TranslatedSearchField``); presentation then picks the current language.
"""

import html
import re

from django.core.exceptions import FieldDoesNotExist
from django.db.models.fields.related import RelatedField
from django.utils.html import strip_tags
from wagtail.search import index

from . import i18n

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


def plain_text(value):
    """A field value (text, rich text, StreamField searchable content) as plain text."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(plain_text(item) for item in value)
    return " ".join(html.unescape(strip_tags(str(value))).split())


class TranslatedSearchField(index.SearchField):
    """Indexes every language column of a translated field, whatever language is active.

    A plain ``SearchField("title")`` would index only the language active while saving
    (and the word "None" for an empty column). Keeping the field name means Wagtail still
    treats ``title`` as the title (boosted) column.
    """

    def get_value(self, obj):
        parts = [
            language_text(obj, self.field_name, code, fallback=False)
            for code in i18n.LANGUAGE_CODES
        ]
        return segment_for_index(" ".join(part for part in parts if part))


def language_text(obj, field_name, language, fallback=True):
    """Plain text of one language column of ``obj.field_name``; with ``fallback``, the
    source language when that column is empty (what the page shows)."""
    column = i18n.localized_field_name(field_name, language)
    text = _column_text(obj, column)
    if not text and fallback and language != i18n.SOURCE_LANGUAGE:
        text = _column_text(obj, i18n.localized_field_name(field_name, i18n.SOURCE_LANGUAGE))
    return text


def _column_text(obj, column):
    try:
        field = obj._meta.get_field(column)
    except FieldDoesNotExist:
        return ""
    value = field.value_from_object(obj)
    if hasattr(field, "get_searchable_content") and not isinstance(field, RelatedField):
        value = field.get_searchable_content(value)
    return plain_text(value)


def related_names(model):
    """Child relations a model indexes (to prefetch them when building snippets)."""
    return [
        field.field_name
        for field in model.get_search_fields()
        if isinstance(field, index.RelatedFields)
    ]


def readable_text(obj, language, skip=("title",)):
    """The object's indexed text in ``language`` (with the page's own fallback), readable,
    for result snippets. Walks the same search fields the index uses."""
    return " ".join(_readable_parts(obj, obj.get_search_fields(), language, skip))


def _readable_parts(obj, fields, language, skip):
    for field in fields:
        if isinstance(field, TranslatedSearchField) and field.field_name not in skip:
            text = language_text(obj, field.field_name, language)
            if text:
                yield text
        elif isinstance(field, index.RelatedFields):
            related = getattr(obj, field.field_name, None)
            if related is None:
                continue
            for child in related.all() if hasattr(related, "all") else [related]:
                yield from _readable_parts(child, field.fields, language, skip)


def translated_search_fields(*names, boosts=None):
    boosts = boosts or {}
    return [TranslatedSearchField(name, boost=boosts.get(name)) for name in names]


def page_search_fields(*names):
    """``Page.search_fields`` (kept whole: Wagtail's checks and admin rely on them) plus the
    title and SEO description in both languages and the model's own translated fields.
    Wagtail's own ``SearchField("title")`` indexes one language only; ours adds the other."""
    from wagtail.models import Page

    return (
        Page.search_fields
        + [
            TranslatedSearchField("title", boost=2),
            TranslatedSearchField("search_description"),
        ]
        + translated_search_fields(*names)
    )
