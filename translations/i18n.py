"""Language helpers shared by templates, views and the sitemap."""

import re

from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
LANGUAGE_NAMES = dict(settings.LANGUAGES)
SOURCE_LANGUAGE = settings.LANGUAGE_CODE
_PREFIX = re.compile(r"^/({})(?=/|$)".format("|".join(re.escape(c) for c in LANGUAGE_CODES)))


def localized_field_name(field, language):
    return f"{field}_{language.replace('-', '_')}"


def falls_back(obj, field, language=None):
    """True when ``obj.field`` shown in ``language`` is really the English source text."""
    language = language or translation.get_language()
    if language == SOURCE_LANGUAGE:
        return False
    own = getattr(obj, localized_field_name(field, language), None)
    source = getattr(obj, localized_field_name(field, SOURCE_LANGUAGE), None)
    return is_empty(own) and not is_empty(source)


def is_empty(value):
    """Empty in the sense a reader sees: no text, empty rich text, no stream blocks."""
    if value is None:
        return True
    if isinstance(value, str):
        return not strip_tags(value).replace("&nbsp;", " ").strip()
    try:
        return len(value) == 0
    except TypeError:
        return False


def has_language_prefix(path):
    return bool(_PREFIX.match(path))


def swap_language_prefix(path, language):
    """``/en/search/?q=x`` -> ``/zh-hans/search/?q=x``; adds a prefix when the path has none."""
    if _PREFIX.match(path):
        return _PREFIX.sub("/" + language, path, count=1)
    return "/" + language + path


def page_urls_by_language(page, request=None, full=False):
    """The page's own URL in every language (translated slugs included); ``full``: with
    scheme and host."""
    urls = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            urls[code] = page.get_full_url(request) if full else page.get_url(request=request)
    return urls
