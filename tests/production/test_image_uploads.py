"""Image uploads through the admin: limited in bytes and pixels with a clear form error, and
stored without the EXIF location a phone writes into every photo."""

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE = 0x010F


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redazione", "redazione@example.org", "password")
    client.force_login(user)
    return client


def photo_with_location(size=(320, 240), image_format="JPEG"):
    """A photo as a phone writes it: GPS position of Turin, camera make, rotated 90°."""
    image = PILImage.new("RGB", size, (180, 60, 40))
    exif = PILImage.Exif()
    exif[ORIENTATION] = 6
    exif[MAKE] = "Fotofonino"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (45.0, 3.0, 52.0), 3: "E", 4: (7.0, 40.0, 48.0)})
    output = BytesIO()
    image.save(output, image_format, exif=exif, **({"quality": 90} if image_format == "JPEG" else {}))
    data = output.getvalue()
    assert PILImage.open(BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the test photo has a location
    return data


def png(size):
    output = BytesIO()
    PILImage.new("RGB", size, (20, 120, 200)).save(output, "PNG")
    return output.getvalue()


def stored_exif(file):
    file.open("rb")
    try:
        with PILImage.open(BytesIO(file.read())) as image:
            return image.getexif()
    finally:
        file.close()


def assert_no_location(exif):
    assert GPS_IFD not in exif
    assert not exif.get_ifd(GPS_IFD)
    assert MAKE not in exif


def test_the_admin_add_view_stores_a_photo_without_its_location(admin_client):
    upload = SimpleUploadedFile("piazza.jpg", photo_with_location(), content_type="image/jpeg")
    response = admin_client.post(reverse("wagtailimages:add"), {"title": "Piazza", "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]

    image = get_image_model().objects.get(title="Piazza")
    exif = stored_exif(image.file)
    assert_no_location(exif)
    assert exif[ORIENTATION] == 6  # kept: the picture stays upright
    assert (image.width, image.height) == (320, 240)
    # Size and hash describe the stored file (Wagtail's duplicate check and ETags read them).
    image.file.open("rb")
    stored = image.file.read()
    image.file.close()
    assert image.file_size == len(stored)
    from wagtail.utils.file import hash_filelike

    assert image.file_hash == hash_filelike(BytesIO(stored))

    rendition = image.get_rendition("width-100")
    assert_no_location(stored_exif(rendition.file))


def test_the_multiple_uploader_stores_a_photo_without_its_location(admin_client):
    """The admin's "Add images" page, which is how editors upload."""
    upload = SimpleUploadedFile("giardino.webp", photo_with_location(image_format="WEBP"), "image/webp")
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"), {"title": "Giardino", "files[]": upload}
    )
    assert response.status_code == 200
    assert response.json()["success"], response.json()
    image = get_image_model().objects.get(title="Giardino")
    exif = stored_exif(image.file)
    assert_no_location(exif)
    assert exif[ORIENTATION] == 6


def test_a_picture_without_metadata_is_stored_untouched(admin_client):
    data = png((40, 30))
    upload = SimpleUploadedFile("schema.png", data, content_type="image/png")
    response = admin_client.post(reverse("wagtailimages:add"), {"title": "Schema", "file": upload})
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Schema")
    image.file.open("rb")
    assert image.file.read() == data
    image.file.close()


def test_an_image_with_too_many_pixels_gets_a_clear_form_error(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    upload = SimpleUploadedFile("poster.png", png((1200, 1000)), content_type="image/png")
    response = admin_client.post(reverse("wagtailimages:add"), {"title": "Poster", "file": upload})
    assert response.status_code == 200
    # Wagtail's message, in the editor's language (the admin speaks Italian by default).
    (error,) = response.context["form"].errors.as_data()["file"]
    assert error.code == "file_too_many_pixels"
    assert "(1200000)" in error.messages[0] and "1000000" in error.messages[0]
    assert error.messages[0] in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_image_too_large_in_bytes_gets_a_clear_form_error(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1_536
    upload = SimpleUploadedFile("foto.jpg", photo_with_location(), content_type="image/jpeg")
    assert upload.size > 1_536
    response = admin_client.post(reverse("wagtailimages:add"), {"title": "Foto", "file": upload})
    assert response.status_code == 200
    (error,) = response.context["form"].errors.as_data()["file"]
    assert error.code == "file_too_large"
    assert re.search(r"1[.,]5\xa0KB\.$", error.messages[0])  # the limit, in the editor's format
    assert error.messages[0] in response.content.decode()
    assert not get_image_model().objects.exists()
