"""Seed content of the partnerships app: the cooperation page, the areas of collaboration
and the partners of cooperation-overview.txt (data in content/cooperation.yaml)."""

from pathlib import Path

import yaml

from seeding.sync import translated, translated_paragraphs

from .models import CollaborationArea, CooperationIndexPage, Partner

DATA_FILE = Path(__file__).parent / "content" / "cooperation.yaml"
NO_TEXT = {"en": "", "zh_hans": ""}


def read_data():
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def load(sync):
    data = read_data()
    _page(sync, data)
    areas = {
        area["slug"]: sync.snippet(
            f"area:{area['slug']}",
            CollaborationArea,
            {"slug": area["slug"], "sort_order": position, **translated("name", area["name"])},
            publish=True,
        )
        for position, area in enumerate(data["areas"])
    }
    for position, partner in enumerate(data["partners"]):
        # An area an editor deleted stays deleted; the partner simply loses it.
        partner_areas = [
            areas[slug] for slug in partner.get("areas", []) if areas[slug] is not None
        ]
        sync.snippet(
            f"partner:{partner['slug']}",
            Partner,
            _partner_fields(partner, position),
            m2m={"areas": partner_areas},
            publish=True,
        )


def _page(sync, data):
    page = data["page"]
    return sync.page(
        "page:cooperation",
        sync.get("page:home"),
        CooperationIndexPage,
        {
            **translated("title", page["title"]),
            **translated("slug", page["slug"]),
            **translated("search_description", page["search_description"]),
            **translated_paragraphs("intro", page["intro"]),
            "show_in_menus": True,
        },
        {
            "sections": [
                {
                    "kind": section["kind"],
                    **translated("heading", section["heading"]),
                    **translated_paragraphs("intro", section["intro"]),
                }
                for section in data["sections"]
            ]
        },
    )


def _partner_fields(partner, position):
    return {
        "slug": partner["slug"],
        "kind": partner["kind"],
        "country": partner.get("country", ""),
        "website": partner.get("website", ""),
        "since_year": partner.get("since_year"),
        "featured": partner.get("featured", False),
        "visible": True,
        "sort_order": position,
        **translated("name", partner["name"]),
        **translated("short_name", partner.get("short_name", NO_TEXT)),
        **translated("city", partner.get("city", NO_TEXT)),
        **translated("description", partner["description"]),
    }
