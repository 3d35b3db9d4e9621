"""The home page section this app contributes (pages.home_sections): the strategic goals."""

from caching.view_restrictions import public

from .models import StrategicGoalPage, StrategicPlanPage


def goals(request, count):
    return list(public(StrategicGoalPage.objects.live()).order_by("path")[:count])


def plan(request):
    return public(StrategicPlanPage.objects.live()).first()
