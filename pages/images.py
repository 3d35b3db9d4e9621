"""An image on a page: the image itself plus alt text in both languages.

Alt text is required when an image is chosen (validation in ``clean``): every image a page
carries says what it shows. The Chinese alt text may be left for the translator; until it is
filled the English one is used (modeltranslation's fallback), like every other field.
Renditions use ``fill-`` operations, which crop around the focal point an editor sets.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images.models import SourceImageIOError

IMAGE = "wagtailimages.Image"
logger = logging.getLogger(__name__)


def rendition_url(image, spec):
    """The URL of a rendition, or None when the original file is lost or unreadable: that
    costs the picture (as in Wagtail's own image tags), never the page."""
    try:
        return image.get_rendition(spec).url
    except SourceImageIOError:
        logger.warning("Image %s: its original file cannot be read", image.pk)
        return None


def image_field():
    return models.ForeignKey(
        IMAGE,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=pgettext_lazy("site", "image"),
    )


def image_alt_field():
    return models.CharField(
        _("image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )


class PageImageMixin(models.Model):
    """``image`` + translated ``image_alt`` (register ``image_alt`` in translation.py)."""

    image = image_field()
    image_alt = image_alt_field()

    class Meta:
        abstract = True

    @classmethod
    def image_panel(cls):
        return MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt")], heading=pgettext_lazy("site", "Image")
        )

    def clean(self):
        super().clean()
        check_image_alt(self)


def check_image_alt(obj):
    # The English column is the source (modeltranslation names it image_alt_en).
    alt = getattr(obj, "image_alt_en", None)
    if alt is None:
        alt = getattr(obj, "image_alt", "")
    if obj.image_id and not (alt or "").strip():
        field = "image_alt_en" if hasattr(obj, "image_alt_en") else "image_alt"
        raise ValidationError({field: _("Describe the image: alt text is required with an image.")})
