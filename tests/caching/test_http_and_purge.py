"""What leaves the site for browsers and CDNs: the early cache hit, validators (ETag, 304),
cache headers, compression; purges after commit (the CDN's URL set, once; the replica's
read-from-primary window); the cached sitemap; every purge path seen on the next request."""

import gzip

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from caching import cdn, generations
from ops import db_routing
from pages.content_loader import read_data
from pages.models import SiteSettings, StandardPage
from partnerships.content_loader import read_data as cooperation_data
from partnerships.models import CooperationIndexPage, Partner
from strategy.content_loader import read_data as plan_data
from strategy.models import StrategicGoalPage, StrategicPlanPage
from tests.support.helpers import LANGS, PREFIX, soup, text_of

pytestmark = pytest.mark.django_db
SITE = read_data()
PLAN = plan_data()
COOPERATION = cooperation_data()


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def about_url(lang):
    return f"{PREFIX[lang]}{SITE['about']['slug'][lang]}/"


def plan_url(lang):
    return f"{PREFIX[lang]}{PLAN['plan']['slug'][lang]}/"


def cooperation_url(lang):
    return f"{PREFIX[lang]}{COOPERATION['page']['slug'][lang]}/"


# The early hit -----------------------------------------------------------------------------


def test_a_hit_replays_the_security_headers_with_a_fresh_request_id(client):
    miss = client.get("/en/")
    hit = client.get("/en/")
    assert (miss["X-Cache"], hit["X-Cache"]) == ("MISS", "HIT")
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options"):
        assert hit[header] == miss[header], header
    assert hit["X-Request-ID"] and hit["X-Request-ID"] != miss["X-Request-ID"]
    assert hit.content == miss.content


def test_a_hit_runs_no_other_middleware(client, monkeypatch):
    client.get("/en/")
    from ops.request_log import RequestLogMiddleware

    def fail(*args, **kwargs):
        raise AssertionError("the stack ran for a cache hit")

    monkeypatch.setattr(RequestLogMiddleware, "__call__", fail)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/")["X-Cache"] == "HIT"
    assert len(queries) == 0


def test_plain_http_and_https_are_cached_apart(client):
    client.get("/en/")
    assert client.get("/en/", secure=True)["X-Cache"] == "MISS"


def test_editors_and_previews_are_never_served_a_hit(client, admin_client):
    client.get(about_url("en"))
    assert "X-Cache" not in admin_client.get(about_url("en"))
    page = StandardPage.objects.get(slug_en=SITE["about"]["slug"]["en"])
    preview = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert preview.status_code == 200 and "X-Cache" not in preview


# Validators, headers, compression ----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_etag_and_304_on_miss_and_hit(lang):
    client = Client()
    first = client.get(about_url(lang))
    etag = first["ETag"]
    assert etag.startswith('W/"')
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=600"
    for _ in range(2):
        revalidated = client.get(about_url(lang), HTTP_IF_NONE_MATCH=etag)
        assert revalidated.status_code == 304
        assert revalidated["ETag"] == etag and not revalidated.content
    assert client.get(about_url(lang), HTTP_IF_NONE_MATCH='W/"other"').status_code == 200
    # The other language is another page: another ETag.
    other = "zh_hans" if lang == "en" else "en"
    assert client.get(about_url(other))["ETag"] != etag


def test_a_publish_changes_the_etag(client):
    etag = client.get(about_url("en"))["ETag"]
    page = StandardPage.objects.get(slug_en=SITE["about"]["slug"]["en"])
    page.intro_en = "A new introduction."
    page.save_revision().publish()
    assert client.get(about_url("en"), HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("cached", [True, False])
def test_pages_are_gzipped_for_clients_that_accept_it(client, settings, cached):
    settings.PAGE_CACHE_SECONDS = 600 if cached else 0
    plain = client.get(plan_url("zh_hans"))
    for _ in range(2):  # miss, then hit
        packed = client.get(plan_url("zh_hans"), HTTP_ACCEPT_ENCODING="gzip")
        assert packed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in packed["Vary"]
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content) / 3
    assert "Content-Encoding" not in plain


def test_cached_pages_keep_a_brotli_copy(client):
    import brotli

    plain = client.get(about_url("en")).content
    for _ in range(2):
        packed = client.get(about_url("en"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert packed["Content-Encoding"] == "br"
        assert brotli.decompress(packed.content) == plain


def test_sitemap_and_api_are_gzipped(client):
    for url in ("/sitemap.xml", "/api/v2/pages/?format=json"):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        if response.status_code == 200:
            assert response["Content-Encoding"] == "gzip", url


def test_admin_and_pages_with_a_csrf_token_are_not_compressed(admin_client):
    response = admin_client.get("/admin/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and "Content-Encoding" not in response
    # The admin login form carries a CSRF token (BREACH).
    login = Client().get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in login


@pytest.mark.parametrize("path", ["/en/no-such-page/", "/zh-hans/no-such-page/"])
def test_errors_are_not_stored_anywhere(client, path):
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Cache-Control"] == "no-store"
        assert "X-Cache" not in response


# Sitemap -----------------------------------------------------------------------------------


def test_sitemap_is_built_once_and_rebuilt_after_a_publish(client):
    first = client.get("/sitemap.xml").content
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").content == first
    assert len(queries) == 0
    page = StandardPage.objects.get(slug_en=SITE["about"]["slug"]["en"])
    page.slug_en = "about-the-school"
    page.save_revision().publish()
    assert b"/en/about-the-school/" in client.get("/sitemap.xml").content


# After commit ------------------------------------------------------------------------------


def test_generations_are_bumped_again_on_commit(client, django_capture_on_commit_callbacks):
    page = StandardPage.objects.get(slug_en=SITE["about"]["slug"]["en"])
    with django_capture_on_commit_callbacks() as callbacks:
        page.intro_en = "Committed introduction."
        page.save_revision().publish()
        # Before the commit another worker renders the page (from data that, with a
        # replica or another connection, may still be the old rows) and caches it.
        client.get(about_url("en"))
        assert client.get(about_url("en"))["X-Cache"] == "HIT"
    assert callbacks
    for callback in callbacks:
        callback()
    # The bump on commit discards that copy.
    assert client.get(about_url("en"))["X-Cache"] == "MISS"


def test_replica_reads_pause_after_a_committed_purge(
    rf, settings, django_capture_on_commit_callbacks
):
    settings.DATABASE_ROUTERS = ["ops.db_routing.PrimaryReplicaRouter"]
    request = rf.get("/en/")
    assert db_routing.may_read_from_replica(request)
    with django_capture_on_commit_callbacks(execute=True):
        generations.bump(generations.SITE_SCOPE)
    assert not db_routing.may_read_from_replica(request)
    assert cache.ttl(db_routing.RECENT_WRITE_KEY) <= 5 if hasattr(cache, "ttl") else True
    cache.delete(db_routing.RECENT_WRITE_KEY)
    assert db_routing.may_read_from_replica(request)


def test_no_replica_no_window(rf, settings):
    settings.DATABASE_ROUTERS = []
    db_routing.note_write()
    assert cache.get(db_routing.RECENT_WRITE_KEY) is None


# CDN purge ---------------------------------------------------------------------------------


@pytest.fixture
def cdn_purges(settings, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {"proxy": {"BACKEND": "x", "LOCATION": "http://cdn"}}
    calls = []
    monkeypatch.setattr(cdn, "purge_urls_from_cache", lambda urls: calls.append(set(urls)))
    return calls


def live_urls(page):
    return {url for url in page_urls(page) if url}


def page_urls(page):
    from translations import i18n

    return i18n.page_urls_by_language(page.specific, full=True).values()


def test_cdn_purge_of_a_goal_covers_its_section_and_home_once(
    cdn_purges, django_capture_on_commit_callbacks
):
    goal = StrategicGoalPage.objects.live().first()
    plan = StrategicPlanPage.objects.get()
    home = Page.objects.get(depth=2)
    with django_capture_on_commit_callbacks(execute=True):
        goal.save_revision().publish()
    assert len(cdn_purges) == 1
    expected = {"http://localhost/sitemap.xml"} | live_urls(plan) | live_urls(home)
    for sibling in StrategicGoalPage.objects.live():
        expected |= live_urls(sibling)
    assert cdn_purges[0] == expected


def test_cdn_purge_of_a_partner_covers_every_partner_address(
    cdn_purges, django_capture_on_commit_callbacks
):
    partner = Partner.objects.public().first()
    with django_capture_on_commit_callbacks(execute=True):
        partner.save_revision().publish()
    assert len(cdn_purges) == 1
    urls = cdn_purges[0]
    index = CooperationIndexPage.objects.get()
    assert live_urls(index) <= urls
    for lang_prefix in ("/en/", "/zh-hans/"):
        partner_urls = [u for u in urls if lang_prefix in u and "/partners/" in u]
        assert len(partner_urls) == Partner.objects.public().count()
    assert not any("/strategic-plan/" in url for url in urls)


def test_cdn_purge_of_settings_covers_every_page(cdn_purges, django_capture_on_commit_callbacks):
    settings_row = SiteSettings.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.footer_text_en = "New footer"
        settings_row.save()
    assert len(cdn_purges) == 1
    for page in Page.objects.live().filter(depth__gt=1):
        assert live_urls(page) <= cdn_purges[0]


def test_no_cdn_configured_no_purge(settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    monkeypatch.setattr(cdn, "purge_urls_from_cache", lambda urls: pytest.fail("purged"))
    with django_capture_on_commit_callbacks(execute=True):
        generations.bump(generations.SITE_SCOPE)


# Every purge path, on the next request, in both languages ---------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_partner_card_changes_with_its_partner(client, lang):
    url = cooperation_url(lang)
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    partner = Partner.objects.public().first()
    partner.name_en = "Renamed Partner Institute"
    partner.name_zh_hans = "更名伙伴研究所"
    partner.save_revision().publish()
    names = [n.get_text(strip=True) for n in soup(client.get(url)).select(".partner-card__name")]
    assert {"en": "Renamed Partner Institute", "zh_hans": "更名伙伴研究所"}[lang] in names


@pytest.mark.parametrize("lang", LANGS)
def test_the_menu_follows_a_renamed_page(client, lang):
    url = plan_url(lang)
    client.get(url)
    client.get(about_url(lang))
    about = StandardPage.objects.get(slug_en=SITE["about"]["slug"]["en"])
    about.title_en = "About the School"
    about.title_zh_hans = "学院概况（新）"
    about.save_revision().publish()
    expected = {"en": "About the School", "zh_hans": "学院概况（新）"}[lang]
    # A page in another section shows the new title in its menu on the next request.
    assert expected in text_of(client.get(url))


def test_an_area_change_reaches_the_cooperation_page(client):
    from partnerships.models import CollaborationArea, Partner

    # The seed tags no partner with an area: tag one, so the area shows as a filter.
    area = CollaborationArea.objects.get(slug="md-education")
    partner = Partner.objects.public().first()
    partner.areas.add(area)
    partner.save()
    for lang in LANGS:
        client.get(cooperation_url(lang))
    # Publishing the area's new name (the row is the live version).
    area.name_en = "Renamed area"
    area.name_zh_hans = "更名领域"
    area.save()
    assert "Renamed area" in text_of(client.get(cooperation_url("en")))
    assert "更名领域" in text_of(client.get(cooperation_url("zh_hans")))


def test_a_catalogue_edit_purges_every_page(client):
    from translations.signals import catalogue_saved

    client.get("/en/")
    assert client.get("/en/")["X-Cache"] == "HIT"
    catalogue_saved.send(sender=None)
    assert client.get("/en/")["X-Cache"] == "MISS"
