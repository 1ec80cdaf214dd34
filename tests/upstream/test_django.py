"""Django's parts the portal relies on beyond its documented API (portal.core.upstream, "Django")."""

from io import BytesIO

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import DisallowedHost
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from portal.core import upstream


def jpeg_bytes():
    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), (200, 80, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_new_file_is_not_committed_until_it_is_stored():
    image = get_image_model()(title="Nuova")
    image.file = ContentFile(jpeg_bytes(), name="nuova.jpg")
    assert upstream.file_is_committed(image.file) is False
    image.file.save("nuova.jpg", ContentFile(jpeg_bytes()), save=False)
    assert upstream.file_is_committed(image.file) is True


def test_the_host_is_read_without_the_allowed_hosts_check(rf, settings):
    settings.ALLOWED_HOSTS = ["quartieri.example"]
    request = rf.get("/", HTTP_HOST="elsewhere.example:8000")
    with pytest.raises(DisallowedHost):
        request.get_host()
    assert upstream.request_hostname(request) == "elsewhere.example"
    assert upstream.request_hostname(rf.get("/", HTTP_HOST="quartieri.example")) == "quartieri.example"


def test_a_database_cache_is_told_apart_and_routed_by_its_app_label():
    cache = DatabaseCache("portal_upstream_cache", {})
    assert upstream.is_database_cache(cache)
    assert not upstream.is_database_cache(LocMemCache("upstream", {}))
    # The model Django's router is asked about: its app label, and LOCATION as its table.
    entry = cache.cache_model_class
    assert entry._meta.app_label == upstream.DATABASE_CACHE_APP_LABEL
    assert entry._meta.db_table == "portal_upstream_cache"


def test_the_redis_cache_keeps_its_servers():
    cache = RedisCache("redis://one:6379/0,redis://two:6379/0", {})
    assert upstream.redis_cache_servers(cache) == ["redis://one:6379/0", "redis://two:6379/0"]
    assert upstream.redis_cache_servers(RedisCache("redis://one:6379/0", {})) == ["redis://one:6379/0"]


def test_the_top_level_lookups_are_read_from_the_where_clause():
    pages = Page.objects.all()

    def read(queryset):
        lookups = upstream.top_level_lookups(queryset)
        return [(field.model, field.attname, values) for field, values in lookups]

    assert read(pages.filter(locale_id=3)) == [(Page, "locale_id", [3])]
    assert read(pages.filter(locale__in=[3, 4])) == [(Page, "locale_id", [3, 4])]
    assert read(pages.filter(locale__language_code="en")) == [(Locale, "language_code", ["en"])]
    # Nested AND groups count; other lookups are skipped.
    assert read(pages.filter(locale_id=3).filter(depth__gte=2, slug="casa")) == [
        (Page, "locale_id", [3]),
        (Page, "slug", ["casa"]),
    ]
    # Negated or OR-ed conditions do not hold for every row.
    assert read(pages.exclude(locale_id=3)) == []
    from django.db.models import Q

    assert read(pages.filter(Q(locale_id=3) | Q(locale_id=4))) == []
    assert read(pages) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_callbacks_queued_on_commit_are_the_ones_django_runs():
    from django.db import connection, transaction

    ran = []

    def first():
        ran.append("first")

    def second():
        ran.append("second")

    with transaction.atomic():
        transaction.on_commit(first)
        transaction.on_commit(second)
        assert upstream.queued_on_commit(connection) == [first, second]
    assert ran == ["first", "second"]
    assert upstream.queued_on_commit(connection) == []
