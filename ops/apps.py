"""Running the site: upload limits, security headers, request log, health, backups."""

import warnings

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = _("Operations")

    def ready(self):
        # Pillow's own decompression-bomb guard, tied to the pixel limit Wagtail enforces on
        # upload: a file claiming more pixels fails instead of being decoded into memory.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        warnings.simplefilter("error", Image.DecompressionBombWarning)
