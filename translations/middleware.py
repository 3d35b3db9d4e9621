from django.conf import settings
from django.conf.locale import LANG_INFO
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_vary_headers

SUPPORTED = {code for code, _name in settings.LANGUAGES}
# Base codes of every language Django knows ("zh", "fr", "de" …), to recognise a language prefix.
KNOWN_LANGUAGE_BASES = {code.split("-")[0] for code in LANG_INFO}


def looks_like_language_prefix(segment):
    segment = segment.lower()
    return segment in LANG_INFO or segment.split("-")[0] in KNOWN_LANGUAGE_BASES


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, plus two rules.

    * ``/fr/…`` or ``/zh/…`` (a language we do not publish) is a plain 404, instead of a
      redirect to ``/en/fr/…`` that would only 404 one hop later.
    * Redirects chosen from ``Accept-Language`` vary on it, so no shared cache hands a
      Chinese reader the English redirect.
    """

    def process_response(self, request, response):
        first_segment = request.path_info.lstrip("/").split("/", 1)[0]
        if (
            response.status_code == 404
            and first_segment not in SUPPORTED
            and looks_like_language_prefix(first_segment)
        ):
            return response
        response = super().process_response(request, response)
        if response.status_code in (301, 302):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
