"""Cooperation & Transformation: partner snippets, the cooperation page, its filters and
partner pages, in both languages, checked against partnerships/content/cooperation.yaml."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.content_loader import read_data
from partnerships.models import CollaborationArea, Partner, PartnerKind
from tests.support.helpers import (
    LANGS,
    PREFIX,
    alternates,
    folded,
    form_fields,
    soup,
    switcher_links,
    text_of,
)

pytestmark = pytest.mark.django_db
DATA = read_data()
LANG_CODE = {"en": "en", "zh_hans": "zh-hans"}
SOURCE_NAMES = {
    "international": [
        "Johns Hopkins University",
        "MIT McGovern Institute for Brain Research",
        "Cornell University School of Medicine",
        "University of Pittsburgh School of Medicine",
        "Duke University Global Medical Alliance",
        "UC Berkeley",
        "University of Washington",
        "University of Melbourne School of Medicine",
    ],
    "enterprise": [
        "Bayer Healthcare",
        "RAAS",
        "Gates Foundation",
        "GE Healthcare",
        "IDG",
        "GSK",
        "Janssen",
        "Pfizer",
        "Siemens",
        "Philips",
        "FEI",
        "Roche",
        "BMS",
        "Johnson & Johnson",
    ],
}
# Not in the source document: Tsinghua University's affiliated hospitals ("four affiliated
# hospitals" in the strategic plan), the three whose names are certain from the public record.
AFFILIATED_HOSPITALS = [
    "Beijing Tsinghua Changgung Hospital",
    "Beijing Huaxin Hospital",
    "Tsinghua University Yuquan Hospital",
]
PARTNER_COUNT = 25
PARTNER_LIST = reverse("wagtailsnippets_partnerships_partner:list")
PARTNER_ADD = reverse("wagtailsnippets_partnerships_partner:add")


def index_url(lang):
    return f"{PREFIX[lang]}{DATA['page']['slug'][lang]}/"


def partner_url(slug, lang):
    return f"{index_url(lang)}partners/{slug}/"


def card_names(html, kind=None):
    scope = f"#{kind} " if kind else ""
    return [folded(n.get_text()) for n in html.select(f"{scope}.partner-card__name")]


def data_names(kind, lang):
    return [p["name"][lang] for p in DATA["partners"] if p["kind"] == kind]


@pytest.fixture
def tagged():
    """Tag partners with areas, as an editor would: the seed tags none (the source names the
    areas only for whole groups of partners), so the area filters are tested on these."""
    md_education = CollaborationArea.objects.get(slug="md-education")
    research_centre = CollaborationArea.objects.get(slug="research-centre")
    for kind, area in [
        (PartnerKind.INTERNATIONAL, md_education),
        (PartnerKind.ENTERPRISE, research_centre),
    ]:
        for partner in Partner.objects.filter(kind=kind):
            partner.areas.add(area)
            partner.save()


def make_partner(slug, **fields):
    partner = Partner(
        slug=slug,
        kind=fields.pop("kind", PartnerKind.INTERNATIONAL),
        name_en=fields.pop("name_en", f"Test partner {slug}"),
        name_zh_hans=fields.pop("name_zh_hans", f"测试伙伴 {slug}"),
        country="FR",
        **fields,
    )
    partner.save()
    return partner


# The seed content ----------------------------------------------------------------------------


def test_the_source_document_lists_are_all_in_the_data():
    """The data file carries exactly the source's partners (with the JHU spelling fixed)."""
    for kind, names in SOURCE_NAMES.items():
        assert data_names(kind, "en") == names
    assert data_names("hospital", "en") == AFFILIATED_HOSPITALS
    assert Partner.objects.filter(live=True, visible=True).count() == PARTNER_COUNT


def test_the_seed_tags_no_partner_with_areas_the_source_names_only_for_a_group(client):
    assert not any("areas" in partner for partner in DATA["partners"])
    assert not Partner.objects.filter(areas__isnull=False).exists()
    html = soup(client.get(index_url("en")))
    assert not html.select(".tag-list")
    # The areas are said once, for the whole group, in the section's introduction.
    international = html.select_one("section#international .rich-text").get_text()
    assert "MD education, postdoctoral training, academic exchange and research" in international


def test_idg_keeps_the_seeds_bare_name_with_no_invented_facts():
    idg = next(p for p in DATA["partners"] if p["slug"] == "idg")
    assert idg["name"] == {"en": "IDG", "zh_hans": "IDG"}
    assert not {"website", "country", "city", "short_name"} & set(idg)
    assert "Capital" not in str(idg) and "资本" not in str(idg) and "invest" not in str(idg)


@pytest.mark.parametrize("lang", LANGS)
def test_every_partner_appears_under_its_kind(client, lang):
    response = client.get(index_url(lang))
    assert response.status_code == 200
    html = soup(response)
    for kind in [*SOURCE_NAMES, "hospital"]:
        assert card_names(html, kind) == data_names(kind, lang)
    assert len(card_names(html, "hospital")) == len(AFFILIATED_HOSPITALS)
    if lang == "zh_hans":
        assert "约翰斯·霍普金斯大学" in card_names(html, "international")
        assert "北京清华长庚医院" in card_names(html, "hospital")
        assert "IDG" in card_names(html, "enterprise")


@pytest.mark.parametrize("lang", LANGS)
def test_page_carries_every_text_of_the_source(client, lang):
    response = client.get(index_url(lang))
    text = text_of(response)
    for paragraph in DATA["page"]["intro"][lang]:
        assert folded(paragraph) in text
    html = soup(response)
    assert len(html.find_all("h1")) == 1
    assert html.h1.get_text(strip=True) == DATA["page"]["title"][lang]
    headings = [h.get_text(strip=True) for h in html.select("section.coop-section > h2")]
    assert headings == [s["heading"][lang] for s in DATA["sections"]]
    for section in DATA["sections"]:
        for paragraph in section["intro"][lang]:
            assert folded(paragraph) in text
    assert "John Hopkins" not in text
    if lang == "zh_hans":
        assert "“健康中国”国家战略" in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "You are here: Home > Cooperation & Transformation > Overview"),
        ("zh_hans", "当前位置： 首页 > 合作与转化 > 概况"),
    ],
)
def test_breadcrumb_reads_like_the_original_page(client, lang, expected):
    nav = soup(client.get(index_url(lang))).select_one("nav.breadcrumbs")
    lead = nav.select_one(".breadcrumbs__lead").get_text(strip=True)
    crumbs = " > ".join(li.get_text(strip=True) for li in nav.select("li"))
    assert f"{lead} {crumbs}" == expected
    assert nav.select_one("[aria-current=page]").get_text(strip=True) == expected.split("> ")[-1]


@pytest.mark.parametrize("lang", LANGS)
def test_partner_cards_show_place_areas_and_website(client, tagged, lang):
    html = soup(client.get(index_url(lang)))
    jhu = next(
        card
        for card in html.select(".partner-card")
        if card.select_one(".partner-card__name").get_text(strip=True)
        == DATA["partners"][0]["name"][lang]
    )
    place = jhu.select_one(".partner-card__place").get_text()
    # Large to small in Chinese, no separator: a language-aware format, not a template comma.
    assert place == {"en": "Baltimore, United States of America", "zh_hans": "美国巴尔的摩"}[lang]
    areas = [a.get_text(strip=True) for a in jhu.select(".tag-list a")]
    names = {a["slug"]: a["name"][lang] for a in DATA["areas"]}
    assert areas == [names["md-education"]]
    assert jhu.select_one('a[rel~="external"]')["href"] == "https://www.jhu.edu/"
    detail = jhu.select_one(".partner-card__name a")["href"]
    assert detail == partner_url("johns-hopkins-university", lang)


def test_page_is_in_the_menu_under_home_with_the_loader_key(client):
    from seeding.models import ContentRecord

    record = ContentRecord.objects.get(key="page:cooperation")
    html = soup(client.get("/zh-hans/"))
    menu = [a["href"] for a in html.select(".site-nav a")]
    assert index_url("zh_hans") in menu
    assert record.object_id


# Drafts and hidden partners ------------------------------------------------------------------


@pytest.fixture
def unseen_partners():
    """A hidden published partner, a never-published draft, and a published partner
    whose later draft changes must not show either."""
    hidden = make_partner("hidden-one", name_en="Hidden Institute", name_zh_hans="隐藏研究所")
    hidden.visible = False
    hidden.save_revision().publish()

    draft = make_partner("draft-one", name_en="Draft Institute", name_zh_hans="草稿研究所")
    draft.live = False
    draft.save()
    draft.save_revision()

    jhu = Partner.objects.get(slug="johns-hopkins-university")
    jhu.name_en = "Unpublished New Name"
    jhu.name_zh_hans = "未发布的新名称"
    jhu.save_revision()  # a draft: the live row keeps its published name
    return {"Hidden Institute", "隐藏研究所", "Draft Institute", "草稿研究所", "未发布的新名称"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("query", ["", "?kind=international", "?area=md-education"])
def test_hidden_and_draft_partners_never_appear(client, tagged, unseen_partners, lang, query):
    text = text_of(client.get(index_url(lang) + query))
    for name in unseen_partners | {"Unpublished New Name"}:
        assert name not in text
    assert DATA["partners"][0]["name"][lang] in text


@pytest.mark.parametrize("slug", ["hidden-one", "draft-one", "no-such-partner"])
@pytest.mark.parametrize("lang", LANGS)
def test_partner_page_is_404_for_hidden_draft_and_unknown(client, unseen_partners, slug, lang):
    assert client.get(partner_url(slug, lang)).status_code == 404


def test_public_helper_returns_only_live_visible_partners(tagged, unseen_partners):
    slugs = set(Partner.objects.public().values_list("slug", flat=True))
    assert "hidden-one" not in slugs and "draft-one" not in slugs
    assert len(slugs) == PARTNER_COUNT
    enterprise = Partner.objects.public(kind=PartnerKind.ENTERPRISE)
    assert enterprise.count() == 14
    area = CollaborationArea.objects.get(slug="md-education")
    assert Partner.objects.public(area=area).count() == 8
    assert Partner.objects.public(area="md-education").count() == 8


# Filters -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_filter_by_kind(client, tagged, lang):
    html = soup(client.get(index_url(lang) + "?kind=enterprise"))
    assert [s["id"] for s in html.select("section.coop-section")] == ["enterprise"]
    assert card_names(html) == data_names("enterprise", lang)
    current = html.select(".partner-filters a[aria-current]")
    assert [a.get_text(strip=True) for a in current] == [
        DATA["sections"][2]["heading"][lang],
        {"en": "All areas", "zh_hans": "全部领域"}[lang],
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_filter_by_area_and_combined(client, tagged, lang):
    html = soup(client.get(index_url(lang) + "?area=md-education"))
    assert card_names(html) == data_names("international", lang)
    assert [s["id"] for s in html.select("section.coop-section")] == ["international"]

    html = soup(client.get(index_url(lang) + "?area=research-centre&kind=international"))
    assert card_names(html) == []
    assert html.select_one(".partner-filters__empty")
    status = html.select_one("[role=status]").get_text(" ", strip=True)
    assert "0" in status


@pytest.mark.parametrize("lang", LANGS)
def test_filter_links_are_plain_links_that_keep_the_other_filter(client, tagged, lang):
    html = soup(client.get(index_url(lang) + "?area=research-centre"))
    kind_links = [a["href"] for a in html.select(".partner-filters ul")[0].select("a")]
    assert f"{index_url(lang)}?kind=enterprise&area=research-centre" in kind_links
    assert kind_links[0] == f"{index_url(lang)}?area=research-centre"
    # Areas with no public partner are not offered (nothing would match).
    area_links = " ".join(a["href"] for a in html.select(".partner-filters a"))
    assert "translational-medicine" not in area_links


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "query",
    [
        "?kind=bogus",
        "?area=no-such-area",
        "?kind=",
        "?kind=enterprise%00&area=%ff%fe",
        "?area=" + "x" * 5000,
        "?kind=<script>alert(1)</script>",
        "?kind[]=enterprise&area=md-education&area=joint-research",
    ],
)
def test_bad_filter_values_are_ignored_never_500(client, lang, query):
    response = client.get(index_url(lang) + query)
    assert response.status_code == 200
    html = soup(response)
    assert len(card_names(html)) >= 8
    assert b"<script>alert" not in response.content


def test_bad_values_fall_back_to_the_full_list(client):
    html = soup(client.get(index_url("en") + "?kind=bogus&area=nope"))
    assert len(card_names(html)) == PARTNER_COUNT
    assert not html.select("[role=status]")


# Partner pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_partner_page_and_its_language_versions(client, lang):
    partner = DATA["partners"][0]
    response = client.get(partner_url(partner["slug"], lang))
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == partner["name"][lang]
    assert partner["description"][lang] in text_of(response)
    crumbs = [li.get_text(strip=True) for li in html.select("nav.breadcrumbs li")]
    assert crumbs[-2:] == [DATA["page"]["title"][lang], partner["name"][lang]]
    other = "en" if lang == "zh_hans" else "zh_hans"
    assert switcher_links(response)[LANG_CODE[other]] == partner_url(partner["slug"], other)
    assert alternates(response)[LANG_CODE[other]].endswith(partner_url(partner["slug"], other))
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in html.select(".partner-detail__facts dt")
    }
    place = {"en": "Baltimore, United States of America", "zh_hans": "美国巴尔的摩"}[lang]
    assert facts[{"en": "Location", "zh_hans": "所在地"}[lang]] == place


@pytest.mark.parametrize(
    ("lang", "label", "alias"),
    [("en", "Also known as", "Weill Cornell Medicine"), ("zh_hans", "又称", "威尔康奈尔医学院")],
)
def test_partner_page_shows_the_other_name_in_the_page_language(client, lang, label, alias):
    html = soup(client.get(partner_url("cornell-university-school-of-medicine", lang)))
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in html.select(".partner-detail__facts dt")
    }
    assert facts[label] == alias
    assert "简称" not in html.get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_a_partner_without_a_place_shows_none(client, lang):
    html = soup(client.get(partner_url("idg", lang)))
    assert html.h1.get_text(strip=True) == "IDG"
    assert not html.select(".partner-detail__facts dt")  # no place, website or other name


@pytest.mark.parametrize(
    ("language", "city", "country", "expected"),
    [
        ("en", "Baltimore", "United States", "Baltimore, United States"),
        ("zh-hans", "巴尔的摩", "美国", "美国巴尔的摩"),
        ("zh-hans", "马萨诸塞州剑桥", "美国", "美国马萨诸塞州剑桥"),
        ("en", "", "Germany", "Germany"),
        ("zh-hans", "北京", "", "北京"),
        ("en", "", "", ""),
    ],
)
def test_places_are_formatted_for_the_language(language, city, country, expected):
    from django.utils import translation

    from partnerships.places import format_place

    assert format_place(city, country, language) == expected
    with translation.override(language):
        assert format_place(city, country) == expected


# Admin -------------------------------------------------------------------------------------


def test_admin_menu_has_a_partnerships_group(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Partnerships" in html
    assert PARTNER_LIST in html


def test_admin_partner_list_filters_and_searches(admin_client):
    response = admin_client.get(PARTNER_LIST)
    assert response.status_code == 200
    assert "Johns Hopkins University" in response.content.decode()

    enterprise = admin_client.get(PARTNER_LIST, {"kind": "enterprise"}).content.decode()
    assert "Bayer Healthcare" in enterprise and "Johns Hopkins University" not in enterprise

    australia = admin_client.get(PARTNER_LIST, {"country": "AU"}).content.decode()
    assert "University of Melbourne School of Medicine" in australia
    assert "Johns Hopkins University" not in australia

    for query in ("霍普金斯", "Hopkins"):
        found = admin_client.get(PARTNER_LIST, {"q": query}).content.decode()
        assert "Johns Hopkins University" in found, query
        assert "Bayer Healthcare" not in found, query


def test_admin_area_list_loads(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_partnerships_collaborationarea:list"))
    assert response.status_code == 200
    assert "MD education" in response.content.decode()


def test_admin_partner_edit_view_shows_both_languages(admin_client):
    partner = Partner.objects.get(slug="johns-hopkins-university")
    response = admin_client.get(
        reverse("wagtailsnippets_partnerships_partner:edit", args=[partner.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("name", "short_name", "city", "description", "logo_alt"):
        assert f'name="{field}_en"' in html
        assert f'name="{field}_zh_hans"' in html
    assert "约翰斯·霍普金斯大学" in html


def new_partner_form(admin_client, **changes):
    data = form_fields(admin_client.get(PARTNER_ADD))
    data.update(
        {
            "name_en": "Karolinska Institutet",
            "name_zh_hans": "卡罗林斯卡学院",
            "short_name_en": "KI",
            "short_name_zh_hans": "KI",
            "slug": "karolinska-institutet",
            "kind": "international",
            "country": "SE",
            "city_en": "Stockholm",
            "city_zh_hans": "斯德哥尔摩",
            "website": "https://ki.se/",
            "description_en": "Medical university in Stockholm.",
            "description_zh_hans": "位于斯德哥尔摩的医科大学。",
            "areas": [str(CollaborationArea.objects.get(slug="joint-research").pk)],
            "visible": "on",
            **changes,
        }
    )
    return data


@pytest.mark.parametrize("lang", LANGS)
def test_publishing_a_partner_in_the_admin_puts_it_on_the_page(admin_client, client, lang):
    response = admin_client.post(
        PARTNER_ADD, {**new_partner_form(admin_client), "action-publish": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    partner = Partner.objects.get(slug="karolinska-institutet")
    assert partner.live

    name = {"en": "Karolinska Institutet", "zh_hans": "卡罗林斯卡学院"}[lang]
    html = soup(client.get(index_url(lang)))
    assert name in card_names(html, "international")
    assert name in card_names(soup(client.get(index_url(lang) + "?area=joint-research")))
    assert client.get(partner_url("karolinska-institutet", lang)).status_code == 200


def test_saving_a_draft_in_the_admin_does_not_publish_it(admin_client, client):
    response = admin_client.post(PARTNER_ADD, new_partner_form(admin_client))
    assert response.status_code == 302
    assert not Partner.objects.get(slug="karolinska-institutet").live
    assert "Karolinska Institutet" not in text_of(client.get(index_url("en")))


def test_admin_rejects_an_invalid_website(admin_client):
    data = new_partner_form(admin_client, website="not a url", **{"action-publish": "1"})
    response = admin_client.post(PARTNER_ADD, data)
    assert response.status_code == 200
    assert not Partner.objects.filter(slug="karolinska-institutet").exists()


def test_admin_preview_renders_the_partner_card(admin_client):
    preview = reverse("wagtailsnippets_partnerships_partner:preview_on_add")
    data = new_partner_form(admin_client)
    assert admin_client.post(preview, data).json()["is_valid"]
    response = admin_client.get(preview)
    assert response.status_code == 200
    html = soup(response)
    assert html.select_one(".partner-card__name").get_text(strip=True) == "Karolinska Institutet"


# Queries -----------------------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("lang", LANGS)
def test_index_queries_do_not_grow_with_partners_or_areas(client, lang):
    url = index_url(lang)
    client.get(url)  # warm per-process caches (site root paths, content types)
    before = count_queries(client, url)
    areas = [
        CollaborationArea.objects.create(slug=f"extra-{i}", name_en=f"Extra {i}", sort_order=10 + i)
        for i in range(3)
    ]
    for i in range(10):
        partner = make_partner(f"extra-{i}", kind=PartnerKind.HOSPITAL)
        partner.areas.set(areas)
        partner.save()
    assert len(card_names(soup(client.get(url)))) == PARTNER_COUNT + 10
    after = count_queries(client, url)
    assert after == before, (before, after)
    assert after <= 10  # 9 measured: 5 for the page frame, 4 for sections, areas, partners


# Page cache --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_publishing_or_hiding_a_partner_purges_the_cached_page(client, settings, lang):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    url = index_url(lang)
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"

    partner = make_partner("cache-test", name_en="Cache Institute", name_zh_hans="缓存研究所")
    partner.save_revision().publish()
    name = {"en": "Cache Institute", "zh_hans": "缓存研究所"}[lang]
    assert name in card_names(soup(client.get(url)))

    jhu = Partner.objects.get(slug="johns-hopkins-university")
    jhu.visible = False
    jhu.save_revision().publish()
    assert DATA["partners"][0]["name"][lang] not in card_names(soup(client.get(url)))
    cache.clear()
