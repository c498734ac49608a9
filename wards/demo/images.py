"""Illustrations for the demo content, drawn here so the demo needs no downloaded files."""

import hashlib
import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter

PALETTES = [
    ((165, 14, 14), (242, 183, 5)),
    ((11, 79, 156), (120, 200, 230)),
    ((25, 110, 70), (200, 230, 120)),
    ((90, 40, 120), (240, 160, 90)),
    ((20, 90, 110), (250, 220, 160)),
]


def illustration_bytes(seed_text, size=(1600, 900)):
    """A deterministic abstract picture (sky, hills, sea, sun) seeded by `seed_text`, as JPEG."""
    seed = int(hashlib.sha256(seed_text.encode()).hexdigest()[:12], 16)
    rng = random.Random(seed)
    top, accent = PALETTES[seed % len(PALETTES)]
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, (245, 240, 230), strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    sun_x, sun_y, radius = rng.randint(200, width - 200), rng.randint(120, 350), rng.randint(60, 130)
    draw.ellipse([sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=accent)
    for layer in range(3):
        base = int(height * (0.55 + 0.12 * layer))
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base - rng.randint(0, 160 - 40 * layer)))
        points.append((width, height))
        shade = 60 + 45 * layer
        draw.polygon(points, fill=(shade // 2, shade, shade // 2 + 20 * layer))
    image = image.filter(ImageFilter.GaussianBlur(1))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def emblem_bytes(size=256):
    """A plain red disc with a gold star: a logo placeholder a ward replaces with its own."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([4, 4, size - 4, size - 4], fill=(200, 16, 46), outline=(242, 183, 5), width=10)
    cx = cy = size / 2
    outer, inner = size * 0.34, size * 0.14
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        r = outer if i % 2 == 0 else inner
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=(255, 205, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def save_image(title, data, filename, caption=""):
    from images.models import PortalImage

    existing = PortalImage.objects.filter(title=title).first()
    if existing:
        return existing
    return PortalImage.objects.create(title=title, caption=caption, file=ImageFile(io.BytesIO(data), name=filename))
