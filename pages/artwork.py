"""Original artwork for the demo content: abstract patterns in the brand palette.

The project ships no photograph or emblem it does not own. Every image the seed content
uses is drawn here, deterministically (same variant -> same pixels), with Pillow: flat
shapes in a few colours, so renditions stay small. Editors replace them with photography.

``image(variant)`` returns the Wagtail image of a variant, creating it (in the "Generated
artwork" collection) the first time only: a loader run twice makes no duplicate.
"""

import io
import random

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

from seeding.sync import ContentSync

COLLECTION = "Generated artwork"
SIZE = (1600, 900)
# static/css/site.css: --purple, --purple-dark, --purple-light, and two tints between.
PURPLE, PURPLE_DARK, PURPLE_LIGHT = "#660874", "#4a0554", "#f5eef7"
MID, SOFT = "#82378f", "#b98cc2"

STYLES = {
    "circles": {
        "en": "Abstract pattern of overlapping circles in shades of purple",
        "zh_hans": "由深浅不一的紫色圆形交叠而成的抽象图案",
    },
    "arcs": {
        "en": "Abstract pattern of concentric arcs in purple and white",
        "zh_hans": "由紫色与白色同心弧线构成的抽象图案",
    },
    "bands": {
        "en": "Abstract pattern of diagonal bands in shades of purple",
        "zh_hans": "由深浅不一的紫色斜向条带构成的抽象图案",
    },
}
STYLE_ORDER = ("circles", "arcs", "bands")


def style_of(variant):
    return STYLE_ORDER[(variant - 1) % len(STYLE_ORDER)]


def alt_text(variant):
    """``{"en": ..., "zh_hans": ...}``: what the artwork shows."""
    return STYLES[style_of(variant)]


def draw(variant, size=SIZE):
    """The PNG bytes of one variant."""
    rng = random.Random(f"tsinghua-med-artwork-{variant}")  # noqa: S311 (art, not secrets)
    width, height = size
    light = variant % 2 == 0
    canvas = PILImage.new("RGB", size, PURPLE_LIGHT if light else PURPLE)
    pen = ImageDraw.Draw(canvas)
    palette = [PURPLE, PURPLE_DARK, MID, SOFT] if light else [PURPLE_DARK, MID, SOFT]
    style = style_of(variant)
    if style == "circles":
        for _ in range(7):
            r = rng.randint(height // 5, height // 2)
            x, y = rng.randint(-r // 2, width), rng.randint(-r // 2, height)
            pen.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(palette))
    elif style == "arcs":
        cx, cy = rng.randint(width // 2, width), rng.randint(height // 3, height)
        colours = [*palette, PURPLE_LIGHT if not light else PURPLE]
        for step, r in enumerate(range(int(width * 1.1), 40, -rng.randint(70, 110))):
            pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colours[step % len(colours)])
    else:
        offset = rng.randint(0, 200)
        band = rng.randint(110, 180)
        for step, x in enumerate(range(-height - offset, width + height, band)):
            colour = palette[(step + variant) % len(palette)]
            pen.polygon(
                [(x, 0), (x + band, 0), (x + band + height, height), (x + height, height)],
                fill=colour,
            )
    buffer = io.BytesIO()
    canvas.quantize(colors=8).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION).first()
    return existing or root.add_child(name=COLLECTION)


@transaction.atomic
def image(variant, sync=None):
    """The Wagtail image of ``variant``, made once (remembered by the loader's records)."""
    sync = sync or ContentSync()
    key = f"image:artwork:{variant}"
    if sync.has_record(key):
        # Made before: that image, or None if an editor deleted it (not made again).
        return sync.get(key)
    image_model = get_image_model()
    title = f"Generated artwork {variant}: {alt_text(variant)['en']}"
    obj = image_model(
        title=title,
        file=ImageFile(io.BytesIO(draw(variant)), name=f"generated-artwork-{variant}.png"),
        collection=_collection(),
    )
    obj.save()
    obj.tags.add("generated-artwork")
    sync.remember(key, obj)
    return obj
