"""Translated (en / zh-hans) fields of the strategic plan."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    EnablingCapability,
    KeyPriority,
    MissionCommitment,
    StrategicGoalPage,
    StrategicPillar,
    StrategicPlanPage,
)


@register(StrategicPlanPage)
class StrategicPlanPageTranslation(TranslationOptions):
    fields = (
        "vision_heading",
        "vision_headline",
        "vision_statement",
        "mission_heading",
        "mission_lead",
        "approach_heading",
        "goals_heading",
        "capabilities_heading",
        "closing_heading",
        "closing_text",
        "quote_lead",
        "quote",
        "quote_attribution",
        "menu_title",
        "image_alt",
    )


@register(MissionCommitment)
class MissionCommitmentTranslation(TranslationOptions):
    fields = ("text",)


@register(StrategicPillar)
class StrategicPillarTranslation(TranslationOptions):
    fields = ("name", "subtitle", "description")


@register(EnablingCapability)
class EnablingCapabilityTranslation(TranslationOptions):
    fields = ("title", "text")


@register(StrategicGoalPage)
class StrategicGoalPageTranslation(TranslationOptions):
    fields = ("lead", "image_alt")


@register(KeyPriority)
class KeyPriorityTranslation(TranslationOptions):
    fields = ("text",)
