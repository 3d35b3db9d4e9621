"""The home page section this app contributes (pages.home_sections): the strategic goals."""

from .models import StrategicGoalPage, StrategicPlanPage


def goals(request, count):
    items = (
        StrategicGoalPage.objects.live()
        .public()
        .select_related("image")
        .prefetch_related("image__renditions")
        .order_by("path")
    )
    return list(items[:count])


def plan(request):
    return StrategicPlanPage.objects.live().public().first()
