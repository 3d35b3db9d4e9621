"""The plain-socket generation reader (caching/generation_reader.py) against a real Redis:
the values Django's Redis backend stores, missing keys, and every failure answered None
(the hit then goes to Django) without breaking the next read."""

import os
import socket
import threading

import pytest
from django.core.cache import cache

from caching import generations
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


# Kept generations (CLIENT TRACKING) ------------------------------------------------------


def no_round_trip(*args):
    raise AssertionError("asked Redis for a generation it keeps")


@needs_redis
def test_a_generation_read_once_is_kept_without_asking_again(redis_client, monkeypatch):
    redis_client.set(cache.make_key("pagecache:gen:test-a"), 11)
    reader_ = GenerationReader(REDIS_URL)
    assert reader_.read(["pagecache:gen:test-a"]) == [11]
    assert reader_.tracking
    monkeypatch.setattr(reader_, "_mget", no_round_trip)
    assert reader_.read(["pagecache:gen:test-a"]) == [11]


@needs_redis
@pytest.mark.parametrize("change", ["set", "delete", "expire"])
def test_a_change_by_another_client_is_seen_on_the_next_read(redis_client, change):
    key = cache.make_key("pagecache:gen:test-a")
    redis_client.set(key, 1)
    reader_ = GenerationReader(REDIS_URL)
    assert reader_.read(["pagecache:gen:test-a"]) == [1]
    if change == "set":
        redis_client.set(key, 2)
    elif change == "delete":
        redis_client.delete(key)
    else:
        redis_client.pexpire(key, 1)
        while redis_client.exists(key):  # reading it makes Redis delete it
            pass
    redis_client.ping()  # as a purge does: generations.py
    assert reader_.read(["pagecache:gen:test-a"]) == [{"set": 2}.get(change)]


@needs_redis
def test_every_purge_is_seen_by_the_very_next_read(settings):
    """Through the purge the site runs (generations.py), many times over: the next read
    never returns the generation the purge replaced."""
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL},
    }
    scopes = ("*", "en:test-purge")
    generations.read(scopes)
    keys = ["pagecache:gen:*", "pagecache:gen:en:test-purge"]
    reader_ = GenerationReader(REDIS_URL)
    try:
        for _ in range(200):
            before = reader_.read(keys)
            generations._bump_now({"en:test-purge"})
            after = reader_.read(keys)
            assert None not in before and before[1] != after[1] and before[0] == after[0]
            assert after == [int(value) for value in cache.get_many(keys).values()]
    finally:
        cache.delete_many(["pagecache:gen:en:test-purge", "pagecache:gen:#"])


@needs_redis
def test_a_closed_connection_forgets_what_it_kept(redis_client):
    key = cache.make_key("pagecache:gen:test-a")
    redis_client.set(key, 1)
    reader_ = GenerationReader(REDIS_URL)
    assert reader_.read(["pagecache:gen:test-a"]) == [1]
    host, port = reader_._socket.getsockname()[:2]
    redis_client.client_kill(f"{host}:{port}")
    redis_client.set(key, 3)  # the push has no connection to go down
    assert reader_.read(["pagecache:gen:test-a"]) in (None, [3])  # None: Django answers
    assert reader_.read(["pagecache:gen:test-a"]) == [3]


@needs_redis
def test_a_flush_forgets_everything(redis_client):
    """A flush of the database is one push with no keys (tested on a database of its own)."""
    url = REDIS_URL.rsplit("/", 1)[0] + "/13"
    other = redis_client.from_url(url)
    other.set(cache.make_key("pagecache:gen:test-a"), 5)
    reader_ = GenerationReader(url)
    assert reader_.read(["pagecache:gen:test-a"]) == [5]
    other.flushdb()
    other.ping()
    assert reader_.read(["pagecache:gen:test-a"]) == [None]


def test_a_redis_without_resp3_is_asked_every_time():
    """Redis before 6 (no HELLO, no tracking): every read is a round trip, never a guess."""
    replies = {b"HELLO": b"-ERR unknown command 'HELLO'\r\n", b"MGET": b"*1\r\n$1\r\n7\r\n"}
    asked = []

    def serve(listener):
        connection, _ = listener.accept()
        with connection, connection.makefile("rb") as commands:
            while header := commands.readline():
                parts = []
                for _ in range(int(header[1:])):
                    size = int(commands.readline()[1:])
                    parts.append(commands.read(size + 2)[:-2])
                asked.append(parts[0])
                connection.sendall(replies[parts[0]])

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        thread = threading.Thread(target=serve, args=(listener,), daemon=True)
        thread.start()
        reader_ = GenerationReader(f"redis://127.0.0.1:{listener.getsockname()[1]}/0")
        assert reader_.read(["pagecache:gen:x"]) == [7]
        assert reader_.read(["pagecache:gen:x"]) == [7]
        assert not reader_.tracking and asked == [b"HELLO", b"MGET", b"MGET"]
        reader_.close()


def test_an_unexpected_message_is_no_answer():
    """Anything but a reply or an invalidation ends the connection: Django answers."""

    def serve(listener):
        connection, _ = listener.accept()
        with connection:
            connection.recv(1024)  # HELLO
            connection.sendall(b"%1\r\n+server\r\n+redis\r\n")
            connection.recv(1024)  # CLIENT TRACKING ON
            connection.sendall(b"+OK\r\n>2\r\n$7\r\nmessage\r\n$1\r\nx\r\n")
            connection.recv(1024)

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        threading.Thread(target=serve, args=(listener,), daemon=True).start()
        reader_ = GenerationReader(f"redis://127.0.0.1:{listener.getsockname()[1]}/0")
        assert reader_.read(["pagecache:gen:x"]) is None
