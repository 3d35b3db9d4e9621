"""Seed content of news and events: the two index pages, categories and news items."""

import datetime
import json
from pathlib import Path

import yaml

from pages import artwork
from seeding.sync import paragraphs_html, translated

from .models import Category, EventIndexPage, NewsIndexPage, NewsPage

DATA_FILE = Path(__file__).parent / "content" / "news.yaml"
LANGS = ("en", "zh_hans")


def read_data():
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def _index_fields(data):
    return {
        **translated("title", data["title"]),
        **translated("slug", data["slug"]),
        **translated("search_description", data["search_description"]),
        **translated("intro", data["intro"]),
        "show_in_menus": True,
    }


def _body(sync, item):
    """The item's paragraphs, then a call to action to the page it is about (when the
    loader made that page)."""
    target = sync.get(f"page:{item['link']}") if item.get("link") else None
    body = {}
    for lang in LANGS:
        blocks = [("paragraph", paragraphs_html([p])) for p in item["body"][lang]]
        if target is not None:
            blocks.append(
                (
                    "call_to_action",
                    {
                        "text": getattr(target, f"title_{lang}") or target.title,
                        "button_label": item["link_label"][lang],
                        "page": target.pk,
                        "url": "",
                    },
                )
            )
        body[f"body_{lang}"] = [{"type": kind, "value": value} for kind, value in blocks]
    return body


def load(sync):
    data = read_data()
    home = sync.get("page:home")
    news_index = sync.page("page:news", home, NewsIndexPage, _index_fields(data["news_index"]))
    sync.page("page:events", home, EventIndexPage, _index_fields(data["events_index"]))
    categories = {
        entry["slug"]: sync.snippet(
            f"category:{entry['slug']}",
            Category,
            {"slug": entry["slug"], "sort_order": position, **translated("name", entry["name"])},
        )
        for position, entry in enumerate(data["categories"])
    }
    for item in data["news"]:
        image = artwork.image(item["image"], sync) if item.get("image") else None
        fields = {
            **translated("title", item["title"]),
            **translated("slug", item["slug"]),
            **translated("summary", item["summary"]),
            "date": datetime.date.fromisoformat(str(item["date"])),
            "image": image,
            **(translated("image_alt", artwork.alt_text(item["image"])) if image else {}),
            **{name: _stream_json(value) for name, value in _body(sync, item).items()},
        }
        sync.page(
            f"page:news:{item['key']}",
            news_index,
            NewsPage,
            fields,
            m2m={"categories": [categories[slug] for slug in item["categories"]]},
        )


def _stream_json(blocks):
    return json.dumps(blocks, ensure_ascii=False)
