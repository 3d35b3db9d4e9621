"""The "Translation status" report and ``manage.py translation_status``: they find empty
translated fields anywhere (pages, orderables, snippets) and show 100 % on the seed content."""

import io

import pytest
from django.core.management import call_command
from wagtail.users.models import UserProfile

from pages.models import StandardPage
from strategy.models import KeyPriority
from tests.support.helpers import soup, text_of
from translations.status import build_report

pytestmark = pytest.mark.django_db


def run_status(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("translation_status", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def plant_gaps():
    """Empty Chinese on a page field and on an orderable of another app (found generically)."""
    about = StandardPage.objects.get(slug_en="about")
    StandardPage.objects.filter(pk=about.pk).update(intro_zh_hans="")
    priority = KeyPriority.objects.select_related("page").first()
    KeyPriority.objects.filter(pk=priority.pk).update(text_zh_hans="")
    return about, priority


def test_seeded_site_is_complete():
    report = build_report()
    assert report.gaps == []
    assert report.percent == 100.0
    # Pages, orderables and snippets of every app are counted, without being named in code.
    assert {"pages.StandardPage", "strategy.KeyPriority", "partnerships.Partner"} <= set(
        report.counts
    )
    assert report.counts["pages.HomePage"].values >= 4  # title/slug come from Page as well


def test_report_finds_planted_empty_chinese_fields():
    about, priority = plant_gaps()
    report = build_report()
    found = {(type(g.owner).__name__, g.owner.pk, g.field) for g in report.gaps}
    assert ("StandardPage", about.pk, "intro_zh_hans") in found
    # The orderable is reported under the page that owns it, where it is edited.
    assert (type(priority.page).__name__, priority.page_id, "text_zh_hans") in found
    assert all(g.language == "zh_hans" and g.public for g in report.gaps)
    assert report.percent < 100.0
    assert report.counts["pages.StandardPage"].percent < 100.0


def test_report_finds_missing_english_too():
    about = StandardPage.objects.get(slug_en="about")
    StandardPage.objects.filter(pk=about.pk).update(intro_en="")
    report = build_report()
    assert [(g.owner.pk, g.field) for g in report.gaps] == [(about.pk, "intro_en")]


def test_unpublished_pages_are_reported_but_not_public():
    about = StandardPage.objects.get(slug_en="about")
    StandardPage.objects.filter(pk=about.pk).update(intro_zh_hans="", live=False)
    gaps = build_report().gaps
    assert len(gaps) == 1 and gaps[0].public is False
    code, _out, _err = run_status()
    assert code == 0  # only public gaps fail CI


def test_command_passes_on_seeded_site():
    code, out, _err = run_status()
    assert code == 0
    assert "Overall completeness: 100.0 %" in out
    assert "MISSING" not in out


def test_command_fails_and_links_each_gap():
    about, priority = plant_gaps()
    code, out, err = run_status()
    assert code == 1
    assert f"/admin/pages/{about.pk}/edit/" in out
    assert f"/admin/pages/{priority.page_id}/edit/" in out
    assert "MISSING zh_hans" in out and "intro_zh_hans" in out and "text_zh_hans" in out
    assert "2 missing, 2 of them public; 0 outdated" in err


def test_command_language_filter():
    plant_gaps()
    code, out, _err = run_status("--language", "en")
    assert code == 0 and "MISSING" not in out


@pytest.mark.parametrize(
    ("language", "heading", "missing_label"),
    [("en", "Translation status", "Missing Chinese"), ("zh-hans", "翻译状态", "缺少中文")],
)
def test_admin_report_lists_gaps_with_edit_links(
    admin_client, django_user_model, language, heading, missing_label
):
    user = django_user_model.objects.get(username="root")
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language=language
    )
    about, priority = plant_gaps()
    response = admin_client.get("/admin/translation-status/")
    assert response.status_code == 200
    text = text_of(response)
    assert heading in text and missing_label in text
    links = {a["href"] for a in soup(response).select("table a[href]")}
    assert {f"/admin/pages/{about.pk}/edit/", f"/admin/pages/{priority.page_id}/edit/"} <= links
    assert soup(response).select_one('[data-testid="missing-zh"]').get_text() == "2"


def test_admin_report_shows_100_percent_on_seeded_site(admin_client):
    response = admin_client.get("/admin/translation-status/")
    assert response.status_code == 200
    assert "Overall completeness: 100.0 %" in text_of(response)
    assert soup(response).select_one('[data-testid="missing-zh"]').get_text() == "0"


def test_admin_report_query_count_is_bounded(admin_client, django_assert_max_num_queries):
    # One query per translatable model plus admin furniture (22 measured), not one per object.
    with django_assert_max_num_queries(30):
        admin_client.get("/admin/translation-status/")


def test_report_is_in_the_admin_menu(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "/admin/translation-status/" in html
    assert "/admin/interface-strings/files/project/" in html


def test_report_requires_admin_login(client):
    response = client.get("/admin/translation-status/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_public_page_falls_back_to_english_marked_lang_en(client):
    about = StandardPage.objects.get(slug_en="about")
    StandardPage.objects.filter(pk=about.pk).update(intro_zh_hans="")
    response = client.get("/zh-hans/" + about.slug_zh_hans + "/")
    assert response.status_code == 200
    marked = [el.get_text(" ", strip=True) for el in soup(response).select('main [lang="en"]')]
    assert any(about.intro_en.strip()[:30] in text for text in marked)


def test_pages_of_a_type_without_own_translated_fields_are_covered():
    """A page type nobody registered still has Page's translated title/slug columns."""
    from wagtail.models import Page

    home = Page.objects.get(depth=2)
    plain = home.add_child(instance=Page(title_en="Plain page", slug_en="plain", live=True))
    Page.objects.filter(pk=plain.pk).update(title_zh_hans="")
    report = build_report()
    assert (plain.pk, "title_zh_hans") in {(g.owner.pk, g.field) for g in report.gaps}
    # Registered page types are not counted twice under "Page".
    assert report.counts["wagtailcore.Page"].objects == 1


def test_admin_report_in_chinese_uses_chinese_punctuation(admin_client, django_user_model):
    user = django_user_model.objects.get(username="root")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    response = admin_client.get("/admin/translation-status/")
    main = soup(response).select_one(".translation-status")
    overall = main.select_one(".translation-status__overall").get_text().strip()
    assert overall.startswith("总体完成度：100.0%")
    assert "（共" in overall and overall.endswith("项可翻译文本）")
    assert [li.get_text(strip=True) for li in main.select("ul")[0].select("li")] == [
        "缺少中文：0",
        "缺少英文：0",
        "中文已过时：0",
    ]
    # Completeness, then the outdated count, end each row of the per-type table.
    percents = [row.select("td")[-2].get_text(strip=True) for row in main.select("tbody tr")]
    assert percents and all(p.endswith("%") and " " not in p for p in percents)

    plant_gaps()
    cells = soup(admin_client.get("/admin/translation-status/")).select("tbody td code")
    assert cells and all("（" in code.parent.get_text() for code in cells)
    assert all(" (" not in code.parent.get_text() for code in cells)
