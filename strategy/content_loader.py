"""Seed content of the strategic plan: the plan page and its six goal pages."""

from pathlib import Path

import yaml

from seeding.sync import translated

from .models import StrategicGoalPage, StrategicPlanPage
from .translation import StrategicPlanPageTranslation

DATA_FILE = Path(__file__).parent / "content" / "strategic_plan.yaml"
# Every translated text field of the plan page is in the data file, in both languages.
PLAN_TEXT_FIELDS = StrategicPlanPageTranslation.fields


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
    for goal in data["goals"]:
        sync.page(
            f"page:goal:{goal['slug']['en']}",
            plan,
            StrategicGoalPage,
            {**_page_fields(goal), **translated("lead", goal["lead"])},
            {"priorities": [translated("text", p) for p in goal["priorities"]]},
        )
