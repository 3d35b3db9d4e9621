"""/media/ is served by the app only in development or when SERVE_MEDIA asks for it."""

import importlib

import pytest
from django.urls import clear_url_caches

import tsinghua_med.urls


@pytest.fixture
def reload_urls():
    yield
    clear_url_caches()
    importlib.reload(tsinghua_med.urls)


def media_routes():
    return [str(p.pattern) for p in tsinghua_med.urls.urlpatterns if "media" in str(p.pattern)]


@pytest.mark.parametrize("serve", [False, True])
def test_media_route_only_when_asked(settings, reload_urls, serve):
    settings.DEBUG = False
    settings.SERVE_MEDIA = serve
    clear_url_caches()
    importlib.reload(tsinghua_med.urls)
    assert bool(media_routes()) is serve
