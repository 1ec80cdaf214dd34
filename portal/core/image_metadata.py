"""Uploaded images are stored without their metadata, above all where the photo was taken.

A phone photo carries its GPS position in EXIF (often again in XMP), and Wagtail stores and
serves the original file exactly as uploaded (`/media/original_images/…`, the API's
`download_url`); the renditions are made from it. One `pre_save` hook on the image model, for
every way an image arrives (the admin's upload forms, the multiple uploader, code), writes the
picture again before it is stored: in its own format, a JPEG with its own quantisation tables
(no visible loss), keeping only the EXIF orientation (so the picture stays upright) and the
colour profile. EXIF (GPS, camera serial number, owner, dates), XMP, IPTC, comments and PNG text
chunks are dropped. A file with nothing to drop is stored untouched, byte for byte.
"""

import logging
import os
from io import BytesIO

from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from PIL import Image as PILImage
from PIL import JpegImagePlugin, UnidentifiedImageError
from wagtail.images import get_image_model

from . import upstream

logger = logging.getLogger(__name__)

ORIENTATION = 0x0112
# Where Pillow puts metadata other than EXIF, by format: XMP, IPTC/Photoshop, comments.
METADATA_KEYS = ("xmp", "XML:com.adobe.xmp", "photoshop", "iptc", "comment", "comments")
# Formats written again, and how: JPEG with its own tables, the others at high quality.
REWRITTEN_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "AVIF"}


def has_private_metadata(image):
    """Whether the opened `image` carries anything but its orientation and colour profile."""
    if any(tag != ORIENTATION for tag in image.getexif()):
        return True
    if any(key in image.info for key in METADATA_KEYS):
        return True
    if getattr(image, "text", None):  # PNG tEXt/iTXt/zTXt chunks (ImageMagick keeps EXIF there)
        return True
    # The extra pictures of a multi-picture JPEG (depth maps, previews) have their own EXIF.
    return image.format == "MPO" and getattr(image, "n_frames", 1) > 1


def save_options(image):
    """Pillow's save() arguments that rewrite `image` in its own format with nothing but its
    orientation and colour profile."""
    options = {}
    orientation = image.getexif().get(ORIENTATION)
    if orientation is not None:
        kept = PILImage.Exif()
        kept[ORIENTATION] = orientation
        options["exif"] = kept.tobytes()
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if image.format in ("JPEG", "MPO"):
        options.update(
            format="JPEG",
            qtables=image.quantization,
            subsampling=JpegImagePlugin.get_sampling(image),
            progressive=bool(image.info.get("progressive") or image.info.get("progression")),
            optimize=True,
        )
    elif image.format == "PNG":
        options.update(format="PNG", optimize=True, save_all=getattr(image, "is_animated", False))
    else:
        options.update(format=image.format, quality=90, save_all=getattr(image, "is_animated", False))
    return options


def without_metadata(data):
    """The picture in `data` written again without its metadata; None when there is nothing to
    drop, or when it is not a picture this module rewrites (Wagtail's form judges those)."""
    try:
        with PILImage.open(BytesIO(data)) as image:
            if image.format not in REWRITTEN_FORMATS or not has_private_metadata(image):
                return None
            options = save_options(image)
            output = BytesIO()
            image.save(output, **options)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        logger.warning("Could not remove the metadata of an uploaded image: %s.", type(error).__name__)
        return None
    return output.getvalue()


def strip_metadata_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save of the image model: a new file is written again without its metadata."""
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    file = instance.file
    if not file or (upstream.file_is_committed(file) and not instance._state.adding):
        return  # no new file: a title, tags or focal point changed
    file.open("rb")
    try:
        file.seek(0)
        data = file.read()
        file.seek(0)
    finally:
        if upstream.file_is_committed(file):
            file.close()
    cleaned = without_metadata(data)
    if cleaned is None:
        return
    name = os.path.basename(file.name)
    if upstream.file_is_committed(file):
        # Wagtail's multiple uploader stores the file before it saves the image.
        file.storage.delete(file.name)
    # A named ContentFile: Django reads the new width and height from it.
    file.save(name, ContentFile(cleaned, name=name), save=False)
    instance.file_size = len(cleaned)
    instance.file_hash = upstream.file_hash(BytesIO(cleaned))


def connect():
    pre_save.connect(
        strip_metadata_before_save, sender=get_image_model(), dispatch_uid="portal-image-metadata"
    )
