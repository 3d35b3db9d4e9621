"""Places as each language writes them.

English goes small to large with a comma ("Baltimore, United States"); Chinese goes large to
small with no separator (美国巴尔的摩). Templates show ``Partner.place`` and never join the
parts with a comma of their own.
"""

from django.utils.translation import get_language


def format_place(city, country_name, language=None):
    """``city`` and ``country_name`` in ``language`` (default: the active language)."""
    language = language or get_language() or "en"
    parts = [str(part) for part in (city, country_name) if part]
    if language.lower().startswith("zh"):
        return "".join(reversed(parts))
    return ", ".join(parts)
