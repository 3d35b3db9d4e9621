"""The plain-socket generation reader (caching/generation_reader.py) against a real Redis:
the values Django's Redis backend stores, missing keys, and every failure answered None
(the hit then goes to Django) without breaking the next read."""

import os
import socket

import pytest
from django.core.cache import cache

from caching.generation_reader import GenerationReader, reader

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(
    not REDIS_URL.startswith("redis://"), reason="REDIS_URL names no Redis (CI sets it)"
)


@pytest.fixture
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    client.delete(cache.make_key("pagecache:gen:test-a"), cache.make_key("pagecache:gen:test-b"))


@needs_redis
def test_reads_the_integers_django_redis_stores_and_none_for_missing(redis_client):
    redis_client.set(cache.make_key("pagecache:gen:test-a"), 1795637048159893466)
    found = GenerationReader(REDIS_URL).read(["pagecache:gen:test-a", "pagecache:gen:test-b"])
    assert found == [1795637048159893466, None]


@needs_redis
def test_a_value_that_is_not_an_integer_is_no_answer_and_the_next_read_reconnects(
    redis_client,
):
    reader_ = GenerationReader(REDIS_URL)
    redis_client.set(cache.make_key("pagecache:gen:test-a"), b"\x80pickled")
    assert reader_.read(["pagecache:gen:test-a"]) is None
    redis_client.set(cache.make_key("pagecache:gen:test-a"), 7)
    assert reader_.read(["pagecache:gen:test-a"]) == [7]


def test_an_unreachable_redis_is_no_answer():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert GenerationReader(f"redis://127.0.0.1:{port}/0").read(["pagecache:gen:x"]) is None


@pytest.mark.parametrize("url", ["", "rediss://cache.example:6380/0", "unix:///run/redis.sock"])
def test_other_transports_are_left_to_the_cache(url):
    assert GenerationReader(url).read(["pagecache:gen:x"]) is None


def test_only_a_redis_cache_is_read_directly(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not reader().usable
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://h:1/2"}
    }
    assert reader().usable and reader().address == ("h", 1) and reader().db == 2
