"""The page parts rendered once per generation ({% fragment %}, the language versions): the
header, footer, breadcrumbs, <head> and each page type's content follow every change on the
next request, in both languages, and nothing a visitor or the clock decides is kept."""

import datetime

import pytest
from django.template import defaulttags
from django.utils import timezone
from wagtail.models import Site

from pages.content_loader import read_data
from pages.models import SiteSettings, StandardPage
from strategy.content_loader import read_data as plan_data
from strategy.models import StrategicPlanPage
from tests.support.helpers import LANGS, PREFIX, soup

pytestmark = pytest.mark.django_db
SITE = read_data()
PLAN = plan_data()
RENAMED = {"en": "Renamed", "zh_hans": "更名"}
FIELDS = ("title", "menu_title")


def about_url(lang):
    return f"{PREFIX[lang]}{SITE['about']['slug'][lang]}/"


def goal_url(lang):
    return f"{PREFIX[lang]}{PLAN['plan']['slug'][lang]}/{PLAN['goals'][0]['slug'][lang]}/"


def rename(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.mark.parametrize("lang", LANGS)
def test_breadcrumbs_and_the_menu_follow_a_renamed_parent(client, lang):
    client.get(goal_url(lang))
    plan = StrategicPlanPage.objects.get()
    labels = {f"{field}_{code}": f"{RENAMED[code]} plan" for code in LANGS for field in FIELDS}
    rename(plan, **labels)
    page = soup(client.get(goal_url(lang)))
    expected = f"{RENAMED[lang]} plan"
    assert expected in [a.get_text(strip=True) for a in page.select(".breadcrumbs a")]
    assert expected in [a.get_text(strip=True) for a in page.select(".site-nav a")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_head_follows_the_pages_seo_title(client, lang):
    client.get(about_url(lang))
    about = StandardPage.objects.get(slug_en=SITE["about"]["slug"]["en"])
    rename(about, seo_title_en="Renamed SEO title", seo_title_zh_hans="更名的搜索标题")
    page = soup(client.get(about_url(lang)))
    expected = {"en": "Renamed SEO title", "zh_hans": "更名的搜索标题"}[lang]
    assert page.select_one('meta[property="og:title"]')["content"] == expected


def test_the_language_links_follow_the_other_languages_new_address(client):
    client.get(about_url("en"))
    about = StandardPage.objects.get(slug_en=SITE["about"]["slug"]["en"])
    rename(about, slug_zh_hans="guanyu-xueyuan")
    page = soup(client.get(about_url("en")))
    assert page.select_one('.lang-switch a[hreflang="zh-hans"]')["href"] == (
        "/zh-hans/guanyu-xueyuan/"
    )
    assert page.select_one('link[hreflang="zh-hans"]')["href"].endswith("/zh-hans/guanyu-xueyuan/")


def test_the_language_links_keep_the_query_string_they_were_asked_with(client):
    """A filtered list stays filtered in the other language: never taken from memory."""
    cooperation = f"{PREFIX['en']}cooperation/"
    client.get(cooperation)
    page = soup(client.get(cooperation + "?kind=hospital"))
    assert page.select_one('.lang-switch a[hreflang="zh-hans"]')["href"].endswith("?kind=hospital")


@pytest.mark.parametrize("lang", LANGS)
def test_the_footer_follows_the_site_settings(client, lang):
    client.get(about_url(lang))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.footer_text_en = "A renamed footer."
    settings.footer_text_zh_hans = "更名的页脚。"
    settings.save()
    footer = soup(client.get(about_url(lang))).select_one(".site-footer").get_text()
    assert {"en": "A renamed footer.", "zh_hans": "更名的页脚。"}[lang] in footer


@pytest.mark.parametrize("lang", LANGS)
def test_the_footer_year_follows_the_clock(client, lang, monkeypatch):
    client.get(about_url(lang))
    next_year = timezone.now().replace(month=6, day=1) + datetime.timedelta(days=366)

    class NextYear(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return next_year

    monkeypatch.setattr(defaulttags, "datetime", NextYear)  # what {% now %} reads
    legal = soup(client.get(about_url(lang))).select_one(".site-footer__legal").get_text()
    assert f"© {next_year.year}" in legal
