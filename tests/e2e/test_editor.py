"""An editor in a real browser: logs in, changes a page's Chinese title, publishes; the
public Chinese page shows it at once (the page cache is purged) and English is unchanged."""

from pages.content_loader import read_data as site_data

from .conftest import new_page

ABOUT = site_data()["about"]


def log_in(page, site):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(site.username)
    page.locator("#id_password").fill(site.password)
    page.locator("form button[type='submit']").click()
    page.wait_for_url("**/admin/")


def test_editor_publishes_a_chinese_title(browser, site):
    public = new_page(browser, site)  # an anonymous visitor, whose views are cached
    zh_url, en_url = f"/zh-hans/{ABOUT['slug']['zh_hans']}/", f"/en/{ABOUT['slug']['en']}/"
    for url in (zh_url, en_url, zh_url):
        public.goto(url)
    assert public.locator("h1").inner_text() == ABOUT["title"]["zh_hans"]

    editor = new_page(browser, site)
    log_in(editor, site)
    editor.goto(f"/admin/pages/search/?q={ABOUT['title']['en']}")
    editor.get_by_role("link", name=ABOUT["title"]["en"], exact=True).first.click()
    title_zh = editor.locator("input[name='title_zh_hans']")
    title_zh.wait_for()
    assert editor.locator("input[name='title_en']").input_value() == ABOUT["title"]["en"]
    new_title = "关于清华医学（编辑已更新）"
    title_zh.fill(new_title)
    editor.locator("footer [data-w-dropdown-target='toggle']").last.click()
    editor.locator("button[name='action-publish']").click()
    editor.wait_for_url("**/admin/pages/*/")
    assert editor.locator(".messages").inner_text().strip()

    public.goto(zh_url)
    assert public.locator("h1").inner_text() == new_title
    public.goto(en_url)
    assert public.locator("h1").inner_text() == ABOUT["title"]["en"]
    for page in (public, editor):
        page.context.close()
