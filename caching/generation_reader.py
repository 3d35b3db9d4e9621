"""The two generations a cache hit needs, read from Redis over a plain socket, and kept in
the worker's memory for as long as Redis says they have not changed.

redis-py spends about 90-130 µs of CPU on one MGET (its connection pool, instrumentation
and reply parser); the same command over a socket costs about 20 µs. Even that round trip
was most of what separated a hit from a raw WSGI app: the worker's loopback send and
receive (about 0.2 ms of kernel time under load) and Redis's own CPU, on the same cores.

So the connection asks Redis to track what it reads (RESP3 ``CLIENT TRACKING``, Redis 6 or
later): when any client changes or deletes a key this connection read, Redis pushes an
``invalidate`` message down the connection, and a flush of the database pushes a null one.
Each read first takes in whatever Redis pushed (one ``poll``, no round trip) and forgets the
keys named; only keys it does not know are read. Redis queues the push while it runs the
command that changes the key, in the same pass of its event loop as the reply to the writer,
so the purge is here before the editor's response that caused it can leave the app server:
a publish is still seen on the next request. A closed connection forgets everything.

This reader does exactly one thing: ``MGET`` of generation keys, whose values Django's
Redis backend stores as plain integers. Anything unusual (no Redis, TLS or a Unix socket, a
connection error, a reply it does not expect) makes it answer None, and the hit goes to
Django, which reads through the regular cache. A Redis without RESP3 is read every time.

One connection per process, opened on first use (gunicorn forks workers from a master that
has imported the app: a socket opened there would be shared).
"""

import contextlib
import os
import select
import socket
import threading
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import cache

TIMEOUT_SECONDS = 0.5  # as the cache's own socket timeouts (settings)
# Generations are one per section; a flood of random addresses must not grow this forever.
MAX_KNOWN = 4096


def _command(*parts):
    encoded = [part if isinstance(part, bytes) else str(part).encode() for part in parts]
    return b"*%d\r\n" % len(encoded) + b"".join(
        b"$%d\r\n%s\r\n" % (len(part), part) for part in encoded
    )


class RedisError(ValueError):
    """An error reply."""


class Push(list):
    """An out-of-band message (RESP3 ``>``), as opposed to the reply to a command."""


class GenerationReader:
    cache_settings = None

    def __init__(self, url):
        self.url = url
        parts = urlsplit(url or "")
        self.usable = parts.scheme == "redis" and bool(parts.hostname)
        if self.usable:
            self.address = (parts.hostname, parts.port or 6379)
            self.password = unquote(parts.password) if parts.password else None
            self.username = unquote(parts.username) if parts.username else None
            self.db = int(parts.path.strip("/") or 0)
        self._socket = self._pending = None
        self._pid = None
        self._buffer = b""
        self.tracking = False
        self.known = {}  # full cache key -> generation, while Redis tracks it for us
        self._keys = {}  # name -> full cache key (the cache's prefix and version)
        self._lock = threading.Lock()

    def read(self, names):
        """Integer values of the cache keys ``names`` (None where missing), or None."""
        if not self.usable:
            return None
        keys = [self._keys.get(name) or self._key(name) for name in names]
        with self._lock:  # one conversation at a time (gunicorn's threaded workers)
            return self._read(keys)

    def _read(self, keys):
        try:
            self._connect()
            if not self.tracking:
                return self._mget(keys)
            self._take_pushes()
            missing = [key for key in keys if key not in self.known]
            if missing:
                self._remember(missing, self._mget(missing))
            return [self.known.get(key) for key in keys]
        except (OSError, ValueError):
            self.close()
            return None

    def _key(self, name):
        if len(self._keys) >= MAX_KNOWN:
            self._keys.clear()
        key = self._keys[name] = cache.make_key(name)
        return key

    def close(self):
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.close()
        self._socket = None
        self._buffer = b""
        self.known.clear()

    def _mget(self, keys):
        self._socket.sendall(_command(b"MGET", *keys))
        values = [None if value is None else int(value) for value in self._reply()]
        if len(values) != len(keys):
            raise ValueError(f"{len(values)} values for {len(keys)} keys")
        return values

    def _remember(self, keys, values):
        if len(self.known) + len(keys) > MAX_KNOWN:
            self.known.clear()  # Redis still tracks them: stray pushes are harmless
        # A missing key is not kept: the request goes to Django, which starts it.
        self.known.update(
            (key, value) for key, value in zip(keys, values, strict=True) if value is not None
        )

    def _connect(self):
        if self._socket is not None and self._pid == os.getpid():
            return
        self._socket = None
        self.known.clear()
        self._buffer = b""
        self._socket = socket.create_connection(self.address, timeout=TIMEOUT_SECONDS)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._pending = select.poll()
        self._pending.register(self._socket, select.POLLIN)
        self._pid = os.getpid()
        self.tracking = self._hello()
        if self.db:
            self._socket.sendall(_command(b"SELECT", self.db))
            self._reply()
        if self.tracking:
            self._socket.sendall(_command(b"CLIENT", b"TRACKING", b"ON"))
            self._reply()

    def _hello(self):
        """Switch to RESP3 (authenticating in the same command); False where the server
        speaks only RESP2, which then is authenticated the old way."""
        auth = []
        if self.password is not None:
            auth = [b"AUTH", self.username or "default", self.password]
        self._socket.sendall(_command(b"HELLO", b"3", *auth))
        try:
            self._reply()
            return True
        except RedisError as refused:
            if "NOAUTH" in str(refused) or "WRONGPASS" in str(refused):
                raise
        if self.password is not None:
            credentials = (self.username, self.password) if self.username else (self.password,)
            self._socket.sendall(_command(b"AUTH", *credentials))
            self._reply()
        return False

    def _take_pushes(self):
        """Forget the keys Redis says changed since the last read, without waiting."""
        while self._buffer or self._pending.poll(0):
            self._forget(self._frame())

    def _forget(self, push):
        if not isinstance(push, Push) or not push or push[0] != b"invalidate":
            raise ValueError(f"unexpected message {push!r:.60}")
        if push[1] is None:  # the database was flushed
            self.known.clear()
        else:
            for key in push[1]:
                self.known.pop(key.decode(), None)

    def _reply(self):
        """The reply to the command just sent, taking in pushes that come before it."""
        while isinstance(frame := self._frame(), Push):
            self._forget(frame)
        return frame

    def _frame(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind in (b"+", b":"):
            return rest
        if kind == b"-":
            raise RedisError(rest.decode(errors="replace"))
        if kind == b"_":
            return None
        if kind == b"$":
            size = int(rest)
            return None if size < 0 else self._exactly(size)
        if kind in (b"*", b">", b"%", b"~"):
            count = int(rest) * (2 if kind == b"%" else 1)
            items = None if count < 0 else [self._frame() for _ in range(count)]
            return Push(items) if kind == b">" else items
        raise ValueError(f"unexpected reply {line[:40]!r}")

    def _line(self):
        while (end := self._buffer.find(b"\r\n")) < 0:
            self._receive()
        line, self._buffer = self._buffer[:end], self._buffer[end + 2 :]
        return line

    def _exactly(self, size):
        while len(self._buffer) < size + 2:
            self._receive()
        data, self._buffer = self._buffer[:size], self._buffer[size + 2 :]
        return data

    def _receive(self):
        chunk = self._socket.recv(65536)
        if not chunk:
            raise ConnectionError("Redis closed the connection")
        self._buffer += chunk


_reader = None


def reader():
    """This process's reader for the default cache's Redis (none for another backend)."""
    global _reader
    default = settings.CACHES["default"]
    if _reader is None or _reader.cache_settings is not default:  # new, or overridden (tests)
        url = default.get("LOCATION") if "redis" in default.get("BACKEND", "").lower() else ""
        _reader = GenerationReader(url)
        _reader.cache_settings = default
    return _reader
