"""Sections of the home page that show content of other apps (goals, news, partners …).

The home page's StreamField has one "content section" block whose choice lists the
sections content apps register here from their ``AppConfig.ready()``::

    home_sections.register(
        "latest_news", _("Latest news"), "news/home/latest_news.html", latest_news
    )

``items(request, count)`` returns what the template lists (in a bounded number of queries);
the template gets ``items``, ``heading`` and ``section``. The pages app never imports
content apps: it only knows this registry.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomeSection:
    key: str
    label: str
    template: str
    items: Callable
    more: Callable | None = None  # request -> the page listing all of them, or None


_sections = {}


def register(key, label, template, items, more=None):
    _sections[key] = HomeSection(key, label, template, items, more)


def get(key):
    return _sections.get(key)


def choices():
    """For the block's ChoiceBlock: a callable, so migrations do not freeze the list."""
    return [(section.key, section.label) for section in _sections.values()]
