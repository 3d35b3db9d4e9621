"""What besides pages visitors can find: the registration point for snippets.

A content app registers each searchable model from its ``AppConfig.ready()``::

    sources.register(SearchSource(
        kind="partner",
        label=_("Partner"),
        queryset=lambda: Partner.objects.public(),
        url_finder=partner_url_finder,   # request -> (obj -> URL or None)
        title_field="name",
    ))

``queryset`` returns only what the public may see; ``url_finder(request)`` is called once per
results page and returns the function that gives each object's public address.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SearchSource:
    kind: str
    label: Any
    queryset: Any
    url_finder: Any
    title_field: str = "name"


_sources = {}


def register(source):
    _sources[source.kind] = source


def all_sources():
    return list(_sources.values())


def for_model(model):
    return next((s for s in _sources.values() if s.queryset().model is model), None)
