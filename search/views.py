"""The public search page: /en/search/?q=… and /zh-hans/search/?q=…"""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from . import results as search_results

RESULTS_PER_PAGE = 10
# Longer input is cut, not refused: a pasted paragraph still searches for its beginning.
MAX_QUERY_LENGTH = 200

# Offered when nothing matches: searches that do find something on this site.
SUGGESTIONS = [
    _("strategic plan"),
    _("international collaborations"),
    _("AI"),
    _("precision medicine"),
    _("medical education"),
]


@require_safe
def search(request):
    query = " ".join(request.GET.get("q", "")[: MAX_QUERY_LENGTH * 2].split())
    query = query[:MAX_QUERY_LENGTH]
    results_page, matched_all = None, True
    if query:
        hits, matched_all = search_results.run(query, request)
        paginator = Paginator(hits, RESULTS_PER_PAGE)
        # Anything that is not a page number shows page 1; past the end shows the last page.
        results_page = paginator.get_page(request.GET.get("page"))
        results_page.results = search_results.present(
            list(results_page.object_list), query, request
        )
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results_page": results_page,
            "matched_all": matched_all,
            "suggestions": [str(s) for s in SUGGESTIONS],
            "noindex": True,
        },
    )
