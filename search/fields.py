"""Search fields for translated content, and the readable text result snippets show.

Wagtail keeps one index document per object, so each translated field indexes both of its
language columns (``TranslatedSearchField``), Chinese segmented (segmentation.py);
presentation then picks the current language.
"""

import html

from django.core.exceptions import FieldDoesNotExist
from django.db.models.fields.related import RelatedField
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index

from translations import i18n

from .segmentation import segment_for_index


def plain_text(value):
    """A field value (text, rich text, StreamField searchable content) as plain text."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return join_fields(text for text in (plain_text(item) for item in value) if text)
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


# Between two fields: a sentence that ends is followed by a space; a heading, a list item or a
# name (no closing punctuation) by a middle dot, so "Vision Mission" never runs together.
FIELD_SEPARATOR = " · "
_SENTENCE_END = tuple('.!?;:"')
_CJK_SENTENCE_END = tuple("。！？；：…”’）")


def readable_text(obj, language, skip=("title",)):
    """The object's indexed text in ``language`` (with the page's own fallback), readable,
    for result snippets. Walks the same search fields the index uses."""
    return join_fields(_readable_parts(obj, obj.get_search_fields(), language, skip))


def join_fields(parts):
    text = ""
    for part in parts:
        if not text:
            text = part
        elif text.endswith(_CJK_SENTENCE_END):
            text += part
        elif text.endswith(_SENTENCE_END):
            text += " " + part
        else:
            text += FIELD_SEPARATOR + part
    return text


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
    return (
        Page.search_fields
        + [
            TranslatedSearchField("title", boost=2),
            TranslatedSearchField("search_description"),
        ]
        + translated_search_fields(*names)
    )
