"""The project package as a small app: operational hooks (upload limits, backup commands)."""

import warnings

from django.apps import AppConfig
from django.conf import settings


class OpsConfig(AppConfig):
    name = "tsinghua_med"
    verbose_name = "Operations"

    def ready(self):
        from PIL import Image

        # Pillow's own decompression-bomb guard, tied to the pixel limit Wagtail enforces on
        # upload: a file claiming more pixels fails instead of being decoded into memory.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        warnings.simplefilter("error", Image.DecompressionBombWarning)

        from tsinghua_med import cdn_purge

        cdn_purge.connect()
