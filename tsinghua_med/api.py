"""The read API's routers: every endpoint the apps registered (pages.api.register_endpoint),
at /api/v2/ (language from ?lang=) and under each language prefix. A URL namespace must be
unique, hence two routers."""

from pages.api import build_router

api_router = build_router("wagtailapi")
localized_api_router = build_router("wagtailapi_localized")
