"""The three roles in one cycle, in a real browser: an editor changes a partner's English and
submits it, a moderator approves it, the translator finds the Chinese marked outdated and
confirms it is still correct, and the Chinese partner page shows the Chinese."""

import json
import secrets

from ops.local_stack import manage

from .conftest import new_page

PARTNER = "johns-hopkins-university"
NEW_ENGLISH = "Private research university in Baltimore, Maryland."

USERS = """
import json
from django.contrib.auth.models import Group, User
from partnerships.models import Partner
for name, group in {roles}:
    user, _ = User.objects.get_or_create(username=name, defaults={{"email": name + "@example.com"}})
    user.set_password({password!r})
    user.save()
    user.groups.set([Group.objects.get(name=group)])
partner = Partner.objects.get(slug={partner!r})
print(json.dumps({{"pk": partner.pk, "zh": partner.description_zh_hans}}))
"""


def log_in(page, username, password):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type='submit']").click()
    page.wait_for_url("**/admin/")


def test_english_change_approved_then_chinese_confirmed(browser, site):
    password = secrets.token_urlsafe(12)
    roles = [("cycle-editor", "Editors"), ("cycle-moderator", "Moderators"),
             ("cycle-translator", "Translators")]  # fmt: skip
    code = USERS.format(roles=roles, password=password, partner=PARTNER)
    output = manage("shell", "--no-imports", "-c", code, env=site.env)
    partner = json.loads(output.strip().splitlines()[-1])
    edit_url = f"/admin/snippets/partnerships/partner/edit/{partner['pk']}/"

    # The editor changes the English and submits it for review.
    editor = new_page(browser, site)
    log_in(editor, "cycle-editor", password)
    editor.goto(edit_url)
    editor.locator("[name='description_en']").fill(NEW_ENGLISH)
    editor.locator("footer [data-w-dropdown-target='toggle']").last.click()
    editor.locator("button[name='action-submit']").click()
    editor.wait_for_load_state()
    assert editor.locator(".messages").inner_text().strip()

    # The moderator approves it ("Approve and publish", without a comment).
    moderator = new_page(browser, site)
    log_in(moderator, "cycle-moderator", password)
    moderator.goto(edit_url)
    moderator.locator("footer [data-w-dropdown-target='toggle']").last.click()
    approve = "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    moderator.locator(approve).click()
    moderator.wait_for_load_state()
    visitor = new_page(browser, site)
    visitor.goto(f"/en/cooperation/partners/{PARTNER}/")
    assert NEW_ENGLISH in visitor.content()

    # The translator sees the Chinese marked outdated in the edit form and in the report,
    # and confirms it is still correct.
    translator = new_page(browser, site)
    log_in(translator, "cycle-translator", password)
    translator.goto(edit_url)
    marker = translator.locator("[data-translation-outdated='description_zh_hans']")
    assert "Maryland" in marker.inner_text()  # the English change, as a diff
    translator.goto("/admin/translation-status/")
    row = translator.locator("tr[data-translation-outdated$=':description']").first
    assert row.is_visible()
    row.locator("button.translation-confirm").click()
    translator.wait_for_load_state()
    assert translator.locator("tr[data-translation-outdated$=':description']").count() == 0

    # The Chinese page shows the Chinese description (not the English fallback).
    visitor.goto(f"/zh-hans/hezuo-yu-zhuanhua/partners/{PARTNER}/")
    page_text = visitor.content()
    assert partner["zh"] in page_text and NEW_ENGLISH not in page_text
    for page in (editor, moderator, translator, visitor):
        page.context.close()
