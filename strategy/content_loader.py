"""Seed content of the strategic plan: the plan page and its six goal pages."""

from pathlib import Path

import yaml

from pages import artwork
from seeding.sync import translated

from .models import StrategicGoalPage, StrategicPlanPage
from .translation import StrategicPlanPageTranslation

DATA_FILE = Path(__file__).parent / "content" / "strategic_plan.yaml"
# Every translated text field of the plan page is in the data file, in both languages.
PLAN_TEXT_FIELDS = tuple(f for f in StrategicPlanPageTranslation.fields if f != "image_alt")
# Generated artwork variants (pages/artwork.py): the plan's, then one per goal.
PLAN_ARTWORK = 3
GOAL_ARTWORK = 4


def read_data():
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def _page_fields(data):
    fields = {
        **translated("title", data["title"]),
        **translated("slug", data["slug"]),
        **translated("search_description", data["search_description"]),
    }
    if "seo_title" in data:
        fields.update(translated("seo_title", data["seo_title"]))
    if "menu_title" in data:
        fields.update(translated("menu_title", data["menu_title"]))
    return fields


def _artwork(sync, variant):
    """Generated artwork (pages/artwork.py) and its alt text, when the data names one."""
    if not variant:
        return {}
    image = artwork.image(variant, sync)
    if image is None:
        return {}
    return {"image": image, **translated("image_alt", artwork.alt_text(variant))}


def load(sync):
    data = read_data()
    plan_data = data["plan"]
    home = sync.get("page:home")
    plan = sync.page(
        "page:strategic-plan",
        home,
        StrategicPlanPage,
        {
            **_page_fields(plan_data),
            **{
                k: v
                for name in PLAN_TEXT_FIELDS
                for k, v in translated(name, plan_data[name]).items()
            },
            "about_page": sync.get("page:about"),
            "show_in_menus": True,
            **_artwork(sync, PLAN_ARTWORK),
        },
        {
            "commitments": [translated("text", c) for c in plan_data["commitments"]],
            "pillars": [
                {
                    **translated("name", p["name"]),
                    **translated("subtitle", p["subtitle"]),
                    **translated("description", p["description"]),
                }
                for p in plan_data["pillars"]
            ],
            "capabilities": [
                {**translated("title", c["title"]), **translated("text", c["text"])}
                for c in plan_data["capabilities"]
            ],
        },
    )
    for number, goal in enumerate(data["goals"]):
        sync.page(
            f"page:goal:{goal['slug']['en']}",
            plan,
            StrategicGoalPage,
            {
                **_page_fields(goal),
                **translated("lead", goal["lead"]),
                **_artwork(sync, GOAL_ARTWORK + number),
            },
            {"priorities": [translated("text", p) for p in goal["priorities"]]},
        )
