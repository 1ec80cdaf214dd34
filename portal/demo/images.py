"""Demo pictures drawn with Pillow (nothing is downloaded) and stored as Wagtail images.

Pictures carry no words except proper names (a district, a person's initials), so they suit
every language. Drawing is seeded by the picture's key: the same key gives the same picture.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

from portal.core import upstream

WIDE = (1200, 675)
SQUARE = (600, 600)
JPEG_QUALITY = 80


@dataclass(frozen=True)
class Picture:
    """What to draw: a `motif` in a `palette` (dark, light, accent), optionally a `label`."""

    key: str
    title: str
    description: str
    motif: str
    palette: tuple[str, str, str]
    label: str = ""


def _rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _gradient(size, start, end, angle_degrees=35.0):
    """A smooth diagonal gradient, computed small and scaled up."""
    width, height = size
    small_w, small_h = max(2, width // 10), max(2, height // 10)
    angle = math.radians(angle_degrees)
    dx, dy = math.cos(angle), math.sin(angle)
    span = abs(dx) * small_w + abs(dy) * small_h
    mask = PILImage.new("L", (small_w, small_h))
    mask.putdata([int(255 * (x * dx + y * dy) / span) for y in range(small_h) for x in range(small_w)])
    mask = mask.resize(size, PILImage.Resampling.BICUBIC)
    return PILImage.composite(PILImage.new("RGB", size, end), PILImage.new("RGB", size, start), mask)


def _with_alpha(colour, alpha):
    return (*colour, alpha)


def _draw_motif(draw, motif, size, rnd, light, accent):
    width, height = size
    if motif == "cultural-events":
        # Spotlights with rings, and confetti.
        for _ in range(3):
            cx, cy, r = rnd.randint(0, width), rnd.randint(0, height), rnd.randint(160, 320)
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_with_alpha(light, 40))
            for radius in (r - 50, r - 100):
                draw.ellipse(
                    (cx - radius, cy - radius, cx + radius, cy + radius),
                    outline=_with_alpha(light, 90),
                    width=5,
                )
        for _ in range(70):
            x, y, s = rnd.randint(0, width), rnd.randint(0, height), rnd.randint(12, 28)
            colour = accent if rnd.random() < 0.5 else light
            draw.rectangle((x, y, x + s, y + s // 3), fill=_with_alpha(colour, 190))
    elif motif == "counselling":
        # Speech bubbles.
        for _ in range(6):
            w, h = rnd.randint(180, 360), rnd.randint(100, 180)
            x, y = rnd.randint(-40, width - w // 2), rnd.randint(-20, height - h // 2)
            colour = accent if rnd.random() < 0.35 else light
            draw.rounded_rectangle((x, y, x + w, y + h), radius=40, fill=_with_alpha(colour, 120))
            tail_x = x + rnd.randint(40, w - 60)
            draw.polygon(
                [(tail_x, y + h), (tail_x + 40, y + h), (tail_x + 10, y + h + 45)],
                fill=_with_alpha(colour, 120),
            )
    elif motif == "catering":
        # Plates seen from above.
        for _ in range(7):
            cx, cy, r = rnd.randint(60, width - 60), rnd.randint(60, height - 60), rnd.randint(70, 140)
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_with_alpha(light, 150))
            inner = int(r * 0.62)
            draw.ellipse(
                (cx - inner, cy - inner, cx + inner, cy + inner), outline=_with_alpha(accent, 200), width=6
            )
    elif motif == "workshops":
        # Tiles and tools: triangles, squares and circles on a grid.
        step = 150
        for gx in range(0, width + step, step):
            for gy in range(0, height + step, step):
                if rnd.random() < 0.45:
                    continue
                colour = _with_alpha(accent if rnd.random() < 0.3 else light, rnd.randint(70, 170))
                shape = rnd.choice(["triangle", "square", "circle"])
                x, y, s = gx + 20, gy + 20, step - 40
                if shape == "triangle":
                    draw.polygon([(x, y + s), (x + s // 2, y), (x + s, y + s)], fill=colour)
                elif shape == "square":
                    draw.rounded_rectangle((x, y, x + s, y + s), radius=14, fill=colour)
                else:
                    draw.ellipse((x, y, x + s, y + s), fill=colour)
    elif motif == "courses":
        # Books on shelves.
        shelf_y = height // 3
        for row in range(3):
            base = shelf_y * (row + 1) - 20
            x = rnd.randint(-20, 40)
            while x < width:
                w, h = rnd.randint(28, 60), rnd.randint(110, shelf_y - 40)
                colour = accent if rnd.random() < 0.25 else light
                draw.rounded_rectangle(
                    (x, base - h, x + w, base), radius=6, fill=_with_alpha(colour, rnd.randint(110, 200))
                )
                x += w + rnd.randint(4, 14)
            draw.rectangle((0, base, width, base + 10), fill=_with_alpha(light, 200))
    elif motif == "sport":
        # Running tracks and a ball.
        for lane in range(6):
            offset = lane * 55
            draw.arc(
                (-200 + offset, 120 + offset, width + 200 - offset, height * 2 - offset),
                180,
                360,
                fill=_with_alpha(light, 160),
                width=8,
            )
        cx, cy, r = rnd.randint(width // 2, width - 150), rnd.randint(120, height // 2), 70
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_with_alpha(accent, 230))
    elif motif == "house":
        # A front with windows and a door, in a park.
        left, right, top, ground = width // 4, width * 3 // 4, height // 4, height - 90
        draw.rectangle((0, ground, width, height), fill=_with_alpha(light, 110))
        draw.rectangle((left, top, right, ground), fill=_with_alpha(light, 210))
        draw.polygon(
            [(left - 30, top), (width // 2, top - 110), (right + 30, top)], fill=_with_alpha(accent, 230)
        )
        for row in range(2):
            for col in range(4):
                x = left + 45 + col * ((right - left - 90) // 4)
                y = top + 45 + row * 130
                draw.rounded_rectangle((x, y, x + 70, y + 90), radius=8, fill=_with_alpha(accent, 150))
        door_x = width // 2 - 45
        draw.rounded_rectangle(
            (door_x, ground - 150, door_x + 90, ground), radius=12, fill=_with_alpha(accent, 240)
        )
        for _ in range(5):
            cx = rnd.choice([rnd.randint(30, left - 60), rnd.randint(right + 60, width - 30)])
            r = rnd.randint(45, 80)
            draw.ellipse((cx - r, ground - 2 * r - 40, cx + r, ground - 40), fill=_with_alpha(accent, 140))
            draw.rectangle((cx - 8, ground - 45, cx + 8, ground), fill=_with_alpha(accent, 180))
    elif motif == "district":
        # A skyline under a big sun.
        sun_x, sun_y, r = rnd.randint(width // 2, width - 160), rnd.randint(110, 220), 95
        draw.ellipse((sun_x - r, sun_y - r, sun_x + r, sun_y + r), fill=_with_alpha(accent, 220))
        for layer, alpha in ((0, 110), (1, 200)):
            x = -rnd.randint(0, 40)
            while x < width:
                w = rnd.randint(60, 150)
                h = rnd.randint(140, 330) - layer * 70
                top = height - h
                draw.rectangle((x, top, x + w, height), fill=_with_alpha(light, alpha))
                if layer == 1:
                    for wy in range(top + 20, height - 30, 38):
                        for wx in range(x + 14, x + w - 20, 30):
                            if rnd.random() < 0.55:
                                draw.rectangle((wx, wy, wx + 12, wy + 18), fill=_with_alpha(accent, 160))
                x += w + rnd.randint(0, 12)
    else:
        raise ValueError(f"Unknown motif: {motif}")


def _font(size):
    return ImageFont.load_default(size=size)


def _label(image, text, colour):
    """Write `text` on a soft dark band at the bottom left."""
    overlay = PILImage.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    font = _font(72)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    pad = 36
    x, y = 56, image.size[1] - (bottom - top) - 2 * pad - 48
    draw.rounded_rectangle(
        (x - pad, y - pad + top, x + (right - left) + pad, y + (bottom - top) + pad + top),
        radius=24,
        fill=(0, 0, 0, 120),
    )
    draw.text((x - left, y), text, font=font, fill=_with_alpha(colour, 255))
    return PILImage.alpha_composite(image, overlay)


def render_wide(picture: Picture) -> bytes:
    """A 1200 × 675 illustration for a district, a house, a category or an activity."""
    dark, light, accent = (_rgb(colour) for colour in picture.palette)
    rnd = random.Random(picture.key)
    image = _gradient(
        WIDE,
        dark,
        tuple(int(d * 0.55 + li * 0.45) for d, li in zip(dark, light, strict=True)),
        rnd.uniform(15, 60),
    )
    image = image.convert("RGBA")
    overlay = PILImage.new("RGBA", WIDE, (0, 0, 0, 0))
    _draw_motif(ImageDraw.Draw(overlay), picture.motif, WIDE, rnd, light, accent)
    image = PILImage.alpha_composite(image, overlay.filter(ImageFilter.GaussianBlur(0.8)))
    if picture.label:
        image = _label(image, picture.label, (255, 255, 255))
    return _jpeg(image)


def render_portrait(picture: Picture) -> bytes:
    """A 600 × 600 avatar: initials in a ring on a gradient."""
    dark, light, accent = (_rgb(colour) for colour in picture.palette)
    image = _gradient(SQUARE, dark, accent, 50).convert("RGBA")
    overlay = PILImage.new("RGBA", SQUARE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    cx, cy, r = SQUARE[0] // 2, SQUARE[1] // 2, 210
    draw.ellipse(
        (cx - r, cy - r, cx + r, cy + r),
        fill=_with_alpha(light, 60),
        outline=_with_alpha(light, 230),
        width=10,
    )
    font = _font(190)
    initials = picture.label
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    draw.text(
        (cx - (right - left) / 2 - left, cy - (bottom - top) / 2 - top),
        initials,
        font=font,
        fill=(255, 255, 255, 255),
    )
    return _jpeg(PILImage.alpha_composite(image, overlay))


def _jpeg(image) -> bytes:
    buffer = BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def render(picture: Picture) -> bytes:
    return render_portrait(picture) if picture.motif == "portrait" else render_wide(picture)


# --- Wagtail images --------------------------------------------------------------------------


def _file_present(image) -> bool:
    try:
        return bool(image.file.name) and image.file.storage.exists(image.file.name)
    except (OSError, ValueError):
        return False


def ensure_image(picture: Picture):
    """(image, status): the Wagtail image titled `picture.title`, drawn and stored if missing.

    `status` is "created", "restored" (the image existed but its file had gone, e.g. a wiped
    media folder) or "" when nothing was written.
    """
    image_model = get_image_model()
    image = image_model.objects.filter(title=picture.title).order_by("pk").first()
    if image is not None and _file_present(image):
        return image, ""

    data = render(picture)
    status = "restored" if image is not None else "created"
    if image is None:
        image = image_model(
            title=picture.title,
            description=picture.description,
            collection=Collection.get_first_root_node(),
        )
    else:
        image.renditions.all().delete()
    image.file = ImageFile(
        BytesIO(data), name=f"{slugify(picture.key.replace(':', '-').replace('/', '-'))}.jpg"
    )
    image.file_size = len(data)
    image.file_hash = upstream.file_hash(BytesIO(data))
    image.save()
    return image, status
