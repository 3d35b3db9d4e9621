"""SQL queries and HTML size of each page, rendered in-process with the production settings
(page cache off). Prints JSON: {url: {"status", "queries", "html_bytes", "assets"}}.

Run by benchmarks/page_speed.py with the benchmark's environment; not meant to be run alone.
"""

import json
import sys
from html.parser import HTMLParser

import django


class AssetParser(HTMLParser):
    """Static assets a browser fetches for the page: stylesheets, scripts, images."""

    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "preload"):
            self.assets.append(attrs.get("href"))
        elif tag in ("script", "img") and attrs.get("src"):
            self.assets.append(attrs["src"])


def main(urls):
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    figures = {}
    for url in urls:
        client.get(url)  # warm per-process caches, as a long-running worker has them
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        parser = AssetParser()
        parser.feed(response.content.decode())
        figures[url] = {
            "status": response.status_code,
            "queries": len(queries),
            "html_bytes": len(response.content),
            "assets": sorted({a for a in parser.assets if a and a.startswith("/")}),
        }
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
