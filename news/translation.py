"""Translated (en / zh-hans) fields of news and events."""

from modeltranslation.translator import TranslationOptions, register

from .models import Category, EventIndexPage, EventPage, NewsIndexPage, NewsPage


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(NewsIndexPage)
class NewsIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(EventIndexPage)
class EventIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(NewsPage)
class NewsPageTranslation(TranslationOptions):
    fields = ("summary", "body", "image_alt")


@register(EventPage)
class EventPageTranslation(TranslationOptions):
    fields = ("summary", "body", "image_alt", "location")
