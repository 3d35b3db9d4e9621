"""Translated (en / zh-hans) fields of the partnerships app, via modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import CollaborationArea, CooperationIndexPage, CooperationSection, Partner


@register(CollaborationArea)
class CollaborationAreaTranslation(TranslationOptions):
    fields = ("name",)


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("name", "short_name", "city", "logo_alt", "description")


@register(CooperationIndexPage)
class CooperationIndexPageTranslation(TranslationOptions):
    fields = ("intro", "menu_title")


@register(CooperationSection)
class CooperationSectionTranslation(TranslationOptions):
    fields = ("heading", "intro")
