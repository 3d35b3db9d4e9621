"""Translated (en / zh-hans) fields of the pages app, via modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import HomeFeaturedLink, HomePage, SiteSettings, SocialLink, StandardPage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("hero_heading", "hero_text", "intro", "body", "image_alt")


@register(HomeFeaturedLink)
class HomeFeaturedLinkTranslation(TranslationOptions):
    fields = ("title", "text")


@register(StandardPage)
class StandardPageTranslation(TranslationOptions):
    fields = ("intro", "body", "menu_title", "image_alt")


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = ("institution_name", "institution_full_name", "footer_text", "address")


@register(SocialLink)
class SocialLinkTranslation(TranslationOptions):
    fields = ("label",)
