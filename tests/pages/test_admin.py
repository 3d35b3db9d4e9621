"""The Wagtail admin: login page, and edit views showing both languages side by side."""

import pytest

from pages.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_admin_login_page_loads(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("model", [HomePage, StandardPage])
def test_page_edit_view_shows_english_and_chinese_fields(admin_client, model):
    page = model.objects.first()
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("title", "slug", "intro"):
        assert f'name="{field}_en"' in html
        assert f'name="{field}_zh_hans"' in html


def test_site_settings_edit_view_shows_both_languages(admin_client):
    response = admin_client.get("/admin/settings/pages/sitesettings/")
    if response.status_code == 302:
        response = admin_client.get(response["Location"])
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="institution_name_en"' in html
    assert 'name="institution_name_zh_hans"' in html
