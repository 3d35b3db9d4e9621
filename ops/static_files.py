"""WhiteNoise without ``staticfiles.json``: the manifest maps every static file to its hashed
name, a ready-made inventory of the admin's and the site's scripts for anyone who asks. The
site never needs it over HTTP (templates resolve names on the server)."""

from whitenoise.middleware import WhiteNoiseMiddleware

HIDDEN_NAMES = ("staticfiles.json",)


def _hidden(url):
    return url.rsplit("/", 1)[-1] in HIDDEN_NAMES


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    def add_file_to_dictionary(self, url, path, stat_cache=None):
        if not _hidden(url):
            super().add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def find_file(self, url):  # with WHITENOISE_AUTOREFRESH (development)
        return None if _hidden(url) else super().find_file(url)
