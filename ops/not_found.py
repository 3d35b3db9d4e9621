"""The 404 page: the site's frame, but nothing a search engine should index or follow as an
address of the page (no canonical URL, no hreflang alternates)."""

from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def page_not_found(request, exception=None):
    context = {"request_path": request.path, "noindex": True, "error_page": True}
    return render(request, "404.html", context, status=404)
