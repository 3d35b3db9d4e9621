"""The two generations a cache hit needs, read from Redis over a plain socket.

redis-py spends about 90-130 µs of CPU on one MGET (its connection pool, instrumentation
and reply parser), as much as the rest of a fast-path hit together; the same command over
a socket costs about 20 µs. This reader does exactly one thing: ``MGET`` of generation
keys, whose values Django's Redis backend stores as plain integers. Anything unusual (no
Redis, TLS or a Unix socket, a connection error, a reply it does not expect) makes it
answer None, and the hit goes to Django, which reads through the regular cache.

One connection per process, opened on first use (gunicorn forks workers from a master that
has imported the app: a socket opened there would be shared).
"""

import contextlib
import os
import socket
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import cache

TIMEOUT_SECONDS = 0.5  # as the cache's own socket timeouts (settings)


def _command(*parts):
    encoded = [part if isinstance(part, bytes) else str(part).encode() for part in parts]
    return b"*%d\r\n" % len(encoded) + b"".join(
        b"$%d\r\n%s\r\n" % (len(part), part) for part in encoded
    )


class GenerationReader:
    def __init__(self, url):
        self.url = url
        parts = urlsplit(url or "")
        self.usable = parts.scheme == "redis" and bool(parts.hostname)
        if self.usable:
            self.address = (parts.hostname, parts.port or 6379)
            self.password = unquote(parts.password) if parts.password else None
            self.username = unquote(parts.username) if parts.username else None
            self.db = int(parts.path.strip("/") or 0)
        self._socket = self._file = None
        self._pid = None

    def read(self, names):
        """Integer values of the cache keys ``names`` (None where missing), or None."""
        if not self.usable:
            return None
        command = _command(b"MGET", *(cache.make_key(name) for name in names))
        try:
            self._connect()
            self._socket.sendall(command)
            return self._array(len(names))
        except (OSError, ValueError):
            self.close()
            return None

    def close(self):
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.close()
        self._socket = self._file = None

    def _connect(self):
        if self._socket is not None and self._pid == os.getpid():
            return
        self._socket = socket.create_connection(self.address, timeout=TIMEOUT_SECONDS)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._file = self._socket.makefile("rb")
        self._pid = os.getpid()
        setup = []
        if self.password is not None:
            auth = (self.username, self.password) if self.username else (self.password,)
            setup.append(_command(b"AUTH", *auth))
        if self.db:
            setup.append(_command(b"SELECT", self.db))
        if setup:
            self._socket.sendall(b"".join(setup))
            for _ in setup:
                if not self._file.readline().startswith(b"+OK"):
                    raise ValueError("Redis refused the connection setup")

    def _array(self, length):
        header = self._file.readline()
        if header != b"*%d\r\n" % length:
            raise ValueError(f"unexpected reply {header[:40]!r}")
        values = []
        for _ in range(length):
            line = self._file.readline()
            if line == b"$-1\r\n":
                values.append(None)
                continue
            if not line.startswith(b"$"):
                raise ValueError(f"unexpected reply {line[:40]!r}")
            size = int(line[1:])
            values.append(int(self._file.read(size + 2)[:-2]))
        return values


_reader = None


def reader():
    """This process's reader for the default cache's Redis (none for another backend)."""
    global _reader
    default = settings.CACHES["default"]
    url = default.get("LOCATION") if "redis" in default.get("BACKEND", "").lower() else ""
    if _reader is None or _reader.url != url:
        _reader = GenerationReader(url)
    return _reader
