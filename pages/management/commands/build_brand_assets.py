"""Draw the project's default brand images into static/img/: the favicon set (ICO with 16,
32 and 48 px, a 32 px PNG, the 180 px Apple touch icon) and the 1200 × 630 share image.

The mark is the one in static/img/logo.svg and favicon.svg (a white cross in a purple disc):
an original, neutral mark, not the university's emblem. Site settings can replace each image.
Re-run after changing the mark or the wording: ``manage.py build_brand_assets``.
Needs Debian's fonts-noto-cjk and fonts-dejavu-core (.ci/system-packages).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from PIL import Image, ImageDraw, ImageFont

PURPLE = (102, 8, 116)
PURPLE_DARK = (58, 4, 66)
WHITE = (255, 255, 255)
LATIN_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
LATIN = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
CJK_SC_INDEX = 2  # Noto Sans CJK SC in the collection (JP, KR, SC, TC, HK)
# The cross in favicon.svg's 32-unit box: M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z
CROSS = [(13, 7), (19, 7), (19, 13), (25, 13), (25, 19), (19, 19), (19, 25), (13, 25), (13, 19),
         (7, 19), (7, 13), (13, 13)]  # fmt: skip


def draw_mark(draw, left, top, size, disc=PURPLE, cross=WHITE):
    draw.ellipse([left, top, left + size - 1, top + size - 1], fill=disc)
    scale = size / 32
    draw.polygon([(left + x * scale, top + y * scale) for x, y in CROSS], fill=cross)


def icon(size, square=False):
    """The mark at ``size`` px, drawn 4× larger and scaled down for smooth edges."""
    big = size * 4
    image = Image.new("RGBA", (big, big), PURPLE + (255,) if square else (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if square:  # Apple touch icons fill their square; the system rounds the corners.
        scale = big / 32 * 0.8
        offset = big * 0.1
        draw.polygon([(offset + x * scale, offset + y * scale) for x, y in CROSS], fill=WHITE)
    else:
        draw_mark(draw, 0, 0, big)
    return image.resize((size, size), Image.LANCZOS)


def share_image(width=1200, height=630):
    image = Image.new("RGB", (width, height), PURPLE)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a diagonal-ish gradient, dark at the bottom
        t = y / height
        colour = tuple(round(a + (b - a) * t) for a, b in zip(PURPLE, PURPLE_DARK, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    draw_mark(draw, 96, 150, 150, disc=WHITE, cross=PURPLE)
    latin_bold = ImageFont.truetype(LATIN_BOLD, 72)
    latin = ImageFont.truetype(LATIN, 30)
    cjk = ImageFont.truetype(CJK, 64, index=CJK_SC_INDEX)
    cjk_small = ImageFont.truetype(CJK, 30, index=CJK_SC_INDEX)
    draw.text((290, 148), "Tsinghua Medicine", font=latin_bold, fill=WHITE)
    draw.text((292, 242), "清华医学", font=cjk, fill=WHITE)
    draw.line([(96, 400), (1104, 400)], fill=(255, 255, 255), width=2)
    draw.text((96, 430), "Tsinghua University School of Medicine", font=latin, fill=WHITE)
    draw.text((96, 482), "清华大学医学院", font=cjk_small, fill=WHITE)
    return image


class Command(BaseCommand):
    help = "Draw the default favicon set and share image into static/img/."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "static" / "img"))

    def handle(self, *args, output, **options):
        for font in (LATIN_BOLD, LATIN, CJK):
            if not Path(font).exists():
                raise CommandError(f"Font {font} is missing: see .ci/system-packages")
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        icon(32).save(folder / "favicon-32.png", optimize=True)
        icon(180, square=True).convert("RGB").save(folder / "apple-touch-icon.png", optimize=True)
        icon(48).save(folder / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        share_image().save(folder / "share-default.png", optimize=True)
        self.stdout.write(f"Brand images written to {folder}")
