"""Running a visitor's query: pages and registered sources (sources.py), in relevance
order, with snippets.

All words must match; when nothing does, the same terms are tried with "any word" and the
page says so. Snippets are cut from the current language's text around the first match.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from translations import i18n

from . import sources
from .fields import readable_text, related_names
from .segmentation import highlight_terms, query_terms

MAX_RESULTS = 200
SNIPPET_CHARS = {"en": 220, "zh-hans": 110}


@dataclass
class Result:
    title: str
    url: str
    snippet: str
    kind: str  # "page", or the kind of a registered source ("partner")
    label: str  # what the result is, when not a page
    title_falls_back: bool
    score: float


def run(query, request):
    """``(results, matched_all)``: every result for ``query`` (pages and sources), best
    first; ``matched_all`` is False when only some of the words could be found."""
    terms = query_terms(query)
    if not terms:
        return [], True
    hits = _hits(terms, "and", request)
    if not hits and len(terms) > 1:
        return _hits(terms, "or", request), False
    return hits, True


def present(hits, query, request):
    """Turn one page of hits into Results (titles, URLs, highlighted snippets)."""
    language = get_language()
    marks = highlight_terms(query)
    objects = _load(hits)
    url_finders = {}
    results = []
    for model, pk, score in hits:
        obj = objects.get((model, pk))
        if obj is None:
            continue
        if issubclass(model, Page):
            url, kind, label, title_field = obj.get_url(request=request), "page", "", "title"
        else:
            source = sources.for_model(model)
            if source.kind not in url_finders:
                url_finders[source.kind] = source.url_finder(request)
            url = url_finders[source.kind](obj)
            kind, label, title_field = source.kind, str(source.label), source.title_field
        if not url:
            continue
        text = readable_text(obj, language, skip=("title", title_field))
        results.append(
            Result(
                title=getattr(obj, title_field, ""),
                url=url,
                snippet=snippet(text, marks, SNIPPET_CHARS.get(language, 200)),
                kind=kind,
                label=label,
                title_falls_back=i18n.falls_back(obj, title_field),
                score=score,
            )
        )
    return results


def snippet(text, marks, length):
    """About ``length`` characters of ``text`` around the first match, escaped, with every
    match wrapped in <mark>."""
    pattern = _mark_pattern(marks)
    start = 0
    best = _best_match(text, pattern, length) if pattern else None
    if best is not None:
        start = max(0, best - length // 3)
        # Start on a word boundary in alphabetic text.
        if start and " " in text[start:best]:
            start = text.index(" ", start, best) + 1
    end = min(len(text), start + length)
    piece = text[start:end]
    pieces, last = [], 0
    if pattern:
        for found in pattern.finditer(piece):
            pieces.append(escape(piece[last : found.start()]))
            pieces.append(f"<mark>{escape(found.group(0))}</mark>")
            last = found.end()
    pieces.append(escape(piece[last:]))
    html = "".join(pieces)
    if start > 0:
        html = "…" + html
    if end < len(text):
        html += "…"
    return mark_safe(html)  # noqa: S308 - every piece of text is escaped above


def _best_match(text, pattern, length):
    """Where the window shows the most different query words (the earliest such place)."""
    matches = [(m.start(), m.group(0).lower()) for m in pattern.finditer(text)][:200]
    best, best_count = None, 0
    for position, _word in matches:
        window_end = position + length * 2 // 3
        count = len({word for start, word in matches if position <= start < window_end})
        if count > best_count:
            best, best_count = position, count
    return best


def _mark_pattern(marks):
    if not marks:
        return None
    # Longest first so "医学院" wins over "医学"; English words match as prefixes
    # ("collaboration" marks "collaborations").
    alternatives = [
        re.escape(m) if re.search(r"[^\x00-\x7f]", m) else rf"\b{re.escape(m)}\w*"
        for m in sorted(marks, key=len, reverse=True)
    ]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _hits(terms, operator, request):
    query = PlainText(" ".join(terms), operator=operator)
    hits = []
    site = Site.find_for_request(request)
    pages = Page.objects.live().public()
    if site is not None:
        pages = pages.in_site(site)
    for page in pages.search(query).annotate_score("_score")[:MAX_RESULTS]:
        hits.append((page.specific_class or Page, page.pk, _relevance(page._score)))
    for source in sources.all_sources():
        queryset = source.queryset().order_by()
        found = get_search_backend().search(query, queryset).annotate_score("_score")
        for obj in found[:MAX_RESULTS]:
            hits.append((queryset.model, obj.pk, _relevance(obj._score)))
    hits.sort(key=lambda hit: hit[2], reverse=True)
    return hits[:MAX_RESULTS]


def _relevance(score):
    """Higher is better. SQLite's bm25() is negative, lower meaning better; PostgreSQL's
    ts_rank is positive. Pages and other sources are merged on this common scale."""
    score = score or 0.0
    return -score if connection.vendor == "sqlite" else score


def _load(hits):
    """Fetch the hits' objects with the relations their snippets read: a fixed number of
    queries per model, whatever the number of hits."""
    by_model = {}
    for model, pk, _score in hits:
        by_model.setdefault(model, []).append(pk)
    objects = {}
    for model, pks in by_model.items():
        queryset = model._default_manager.filter(pk__in=pks).prefetch_related(*related_names(model))
        for obj in queryset:
            objects[(model, obj.pk)] = obj
    return objects
