"""Translator mode, enforced on the server: a translator's crafted POST that changes the
English, a slug, a URL, an e-mail address, "show in menus" or the rows of an inline panel
changes nothing of those, on pages, orderables, snippets and settings, while their Chinese
goes through. Other roles keep editing everything."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import Site

from pages.models import HomePage, SiteSettings
from tests.support.helpers import form_fields, soup

pytestmark = pytest.mark.django_db


def member(django_user_model, client, group_name):
    user = django_user_model.objects.create_user(
        group_name.lower(), f"{group_name.lower()}@example.com", "pw-test-123"
    )
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


def crafted_home_post(client, home):
    edit_url = f"/admin/pages/{home.pk}/edit/"
    response = client.get(edit_url)
    assert response.status_code == 200
    data = form_fields(response)
    data.update(
        {
            "title_en": "Phishing title",
            "slug_en": "hacked",
            "seo_title_en": "Phishing SEO",
            "hero_heading_en": "Phishing heading",
            "show_in_menus": "on" if not home.show_in_menus else "",
            "featured_links-0-title_en": "Phishing link",
            "featured_links-0-link_page": str(home.pk),
            "hero_heading_zh_hans": "新的主标题",
            "featured_links-0-title_zh_hans": "新的栏目名",
        }
    )
    return edit_url, data


def test_translator_sees_english_read_only(client, django_user_model):
    home = HomePage.objects.get()
    member(django_user_model, client, "Translators")
    html = soup(client.get(f"/admin/pages/{home.pk}/edit/"))
    for name in ("title_en", "slug_en", "hero_heading_en", "featured_links-0-title_en"):
        field = html.select_one(f'[name="{name}"]')
        assert field.has_attr("disabled") and field["data-translator-readonly"] == "true", name
    for name in ("title_zh_hans", "hero_heading_zh_hans", "featured_links-0-title_zh_hans"):
        assert not html.select_one(f'[name="{name}"]').has_attr("disabled"), name


def test_translator_page_post_changes_only_chinese(client, django_user_model):
    home = HomePage.objects.get()
    link = home.featured_links.first()
    before = (home.title_en, home.slug_en, home.seo_title_en, home.hero_heading_en)
    menus = home.show_in_menus
    member(django_user_model, client, "Translators")
    edit_url, data = crafted_home_post(client, home)
    assert client.post(edit_url, data).status_code == 302
    home.refresh_from_db()
    draft = home.get_latest_revision_as_object()
    assert (draft.title_en, draft.slug_en, draft.seo_title_en, draft.hero_heading_en) == before
    assert draft.show_in_menus == menus
    assert draft.hero_heading_zh_hans == "新的主标题"
    row = next(r for r in draft.featured_links.all() if r.pk == link.pk)
    assert row.title_en == link.title_en and row.link_page_id == link.link_page_id
    assert row.title_zh_hans == "新的栏目名"


def test_editor_page_post_still_changes_english(client, django_user_model):
    home = HomePage.objects.get()
    member(django_user_model, client, "Editors")
    edit_url, data = crafted_home_post(client, home)
    assert client.post(edit_url, data).status_code == 302
    home.refresh_from_db()
    assert home.get_latest_revision_as_object().hero_heading_en == "Phishing heading"


def test_translator_cannot_add_or_remove_orderable_rows(client, django_user_model):
    home = HomePage.objects.get()
    count = home.featured_links.count()
    member(django_user_model, client, "Translators")
    edit_url, data = crafted_home_post(client, home)
    revisions = home.revisions.count()
    added = dict(data)
    added.update(
        {
            "featured_links-TOTAL_FORMS": str(count + 1),
            f"featured_links-{count}-id": "",
            f"featured_links-{count}-ORDER": str(count + 1),
            f"featured_links-{count}-link_page": str(home.pk),
            f"featured_links-{count}-title_en": "Injected",
            f"featured_links-{count}-title_zh_hans": "注入",
        }
    )
    response = client.post(edit_url, added)
    assert response.status_code == 200  # the form comes back with an error
    assert "Translators can change the Chinese of existing rows only." in response.content.decode()
    assert home.revisions.count() == revisions
    # Removing a row: the DELETE flag is ignored, every row stays.
    removed = dict(data, **{"featured_links-0-DELETE": "on"})
    assert client.post(edit_url, removed).status_code == 302
    home.refresh_from_db()
    assert len(home.get_latest_revision_as_object().featured_links.all()) == count


def test_translator_snippet_post_changes_only_chinese(client, django_user_model):
    partner = apps.get_model("partnerships", "Partner").objects.filter(live=True).first()
    before = (partner.name_en, partner.slug, partner.website, partner.kind, partner.featured)
    member(django_user_model, client, "Translators")
    edit_url = f"/admin/snippets/partnerships/partner/edit/{partner.pk}/"
    data = form_fields(client.get(edit_url))
    data.update(
        {
            "name_en": "Phishing University",
            "slug": "phishing",
            "website": "https://phish.example/",
            "featured": "on" if not partner.featured else "",
            "name_zh_hans": "新的中文名称",
        }
    )
    assert client.post(edit_url, data).status_code == 302
    partner.refresh_from_db()
    draft = partner.get_latest_revision_as_object()
    assert (draft.name_en, draft.slug, draft.website, draft.kind, draft.featured) == before
    assert draft.name_zh_hans == "新的中文名称"
    assert partner.website == before[2]  # nothing went live either


def test_translator_settings_post_changes_only_chinese(client, django_user_model):
    """Site settings are for moderators (editorial roles); should a site still let a
    translator open them, the form keeps them to the Chinese."""
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    link = settings.social_links.first()
    before = (settings.contact_email, settings.footer_text_en, settings.institution_name_en)
    translator = member(django_user_model, client, "Translators")
    edit_url = f"/admin/settings/pages/sitesettings/{site.pk}/"
    assert client.get(edit_url).status_code == 302  # the role itself has no access
    translator.user_permissions.add(
        Permission.objects.get(content_type__app_label="pages", codename="change_sitesettings")
    )
    response = client.get(edit_url)
    assert response.status_code == 200
    data = form_fields(response)
    data.update(
        {
            "contact_email": "phish@evil.example",
            "footer_text_en": "Phishing footer",
            "institution_name_en": "Phishing Institute",
            "social_links-0-url": "https://phish.example/",
            "social_links-0-label_en": "Phish",
            "footer_text_zh_hans": "新的页脚文字",
            "social_links-0-label_zh_hans": "新链接",
        }
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302
    settings.refresh_from_db()
    link.refresh_from_db()
    assert (settings.contact_email, settings.footer_text_en, settings.institution_name_en) == before
    assert link.url != "https://phish.example/" and link.label_en != "Phish"
    assert settings.footer_text_zh_hans == "新的页脚文字" and link.label_zh_hans == "新链接"
    # The public English page never shows the phishing URL.
    assert "phish.example" not in client.get("/en/").content.decode()


def test_moderator_settings_post_changes_english(client, django_user_model):
    site = Site.objects.get(is_default_site=True)
    member(django_user_model, client, "Moderators")
    edit_url = f"/admin/settings/pages/sitesettings/{site.pk}/"
    data = form_fields(client.get(edit_url))
    data["contact_email"] = "office@example.org"
    assert client.post(edit_url, data).status_code == 302
    assert SiteSettings.for_site(site).contact_email == "office@example.org"
