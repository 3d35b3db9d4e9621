"""A test client whose requests pass the WSGI fast path first, as under gunicorn
(tsinghua_med/wsgi.py): a current cache hit is answered there, anything else by Django."""

from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse, HttpResponseNotModified
from django.test import Client
from django.test.client import ClientHandler

from caching.fast_path import FastHits


class FastPathHandler(ClientHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fast_hits = FastHits(app=None)
        self.answered = 0  # how many requests the fast path answered

    def __call__(self, environ):
        started = {}

        def start_response(status, headers):
            started.update(status=int(status[:3]), headers=headers)

        body = self.fast_hits.serve(environ, start_response)
        if body is None:
            return super().__call__(environ)
        self.answered += 1
        status = started["status"]
        content = b"".join(body)
        response = (
            HttpResponseNotModified() if status == 304 else HttpResponse(content, status=status)
        )
        for name, value in started["headers"]:
            response[name] = value
        response.wsgi_request = WSGIRequest(environ)
        return response


def fast_path_client(**defaults):
    client = Client(**defaults)
    client.handler = FastPathHandler(enforce_csrf_checks=False)
    return client
