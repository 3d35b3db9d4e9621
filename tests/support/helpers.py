"""Small helpers the tests share: parse HTML, find links, read the seed data."""

from bs4 import BeautifulSoup

LANGS = ("en", "zh_hans")
PREFIX = {"en": "/en/", "zh_hans": "/zh-hans/"}


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(response):
    """Visible text with whitespace folded, for "does this sentence appear" checks."""
    return " ".join(soup(response).get_text(" ").split())


def folded(value):
    return " ".join(value.split())


def alternates(response):
    return {
        link["hreflang"]: link["href"]
        for link in soup(response).select('link[rel="alternate"][hreflang]')
    }


def switcher_links(response):
    return {a["hreflang"]: a["href"] for a in soup(response).select(".lang-switch a[hreflang]")}


def form_fields(response, form_selector="form#page-edit-form, form[data-edit-form]"):
    """Every field of an admin edit form as the browser would submit it (unchanged)."""
    html = soup(response)
    form = html.select_one(form_selector) or html.select("form[method=post]")[-1]
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        kind = field.get("type", "").lower()
        if field.has_attr("disabled") or kind in {"submit", "button", "file"}:
            continue
        if kind in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
            continue
        if field.name == "textarea":
            value = field.string or ""
        elif field.name == "select":
            selected = field.select("option[selected]")
            if field.has_attr("multiple"):
                data[name] = [o.get("value", "") for o in selected]
                continue
            option = selected[0] if selected else field.select_one("option")
            value = option.get("value", "") if option else ""
        else:
            value = field.get("value", "")
        data[name] = value
    # A StreamField is drawn by JavaScript: it posts back as empty (its blocks deleted).
    # Tests that post such a form empty the field first (see clear_stream_fields).
    for stream in form.select('[data-controller="w-block"][id]'):
        data.setdefault(f"{stream['id']}-count", "0")
    return data


def clear_stream_fields(page, *names):
    """Empty a page's StreamFields (all languages) and publish, so its edit form posts back
    as plain HTML fields (form_fields)."""
    for name in names:
        for lang in LANGS:
            setattr(page, f"{name}_{lang}", [])
    page.save_revision().publish()
    return page
