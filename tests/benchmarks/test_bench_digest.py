"""Benchmark (`make bench`): the weekly digest for many followers.

`BENCH_FOLLOWERS` (default 5,000) confirmed followers over the seven languages and every choice
of the three districts (56 selections), a week of events; the digest built once per selection,
sent through `deliver()` (a `Delivery` row each) to Django's in-memory mail backend, so the figure
is ours and not an SMTP server's. Reported: the time per follower, the builds, the queries per
follower, the memory at peak (the in-memory outbox included). Targets: every follower served,
one build per selection, at most 25 ms and 6 queries per follower on SQLite.
"""

import datetime
import itertools
import os
import time
import tracemalloc

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from districts.follow.digest import Week, send_digests
from districts.models import Delivery, Follower
from tests.factories import CategoryFactory, EventPageFactory, local_datetime

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

FOLLOWERS = int(os.environ.get("BENCH_FOLLOWERS", "5000"))


def selections(district_keys):
    """Every non-empty choice of districts, and every district (empty), in every language."""
    choices = [[]] + [
        sorted(choice) for size in (1, 2, 3) for choice in itertools.combinations(district_keys, size)
    ]
    return [(code, choice) for code, _name in settings.LANGUAGES for choice in choices]


def test_the_weekly_digest_for_many_followers(settings, home, district, other_district, public_base):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    week = Week.coming()
    category = CategoryFactory(slug="courses")
    for number, parent in enumerate([district, other_district] * 15):
        day = week.monday + datetime.timedelta(days=number % 7)
        start = local_datetime(day.year, day.month, day.day, 9 + number % 10, 0)
        EventPageFactory(
            parent=parent,
            title=f"Incontro {number}",
            slug=f"incontro-{number}",
            category=category,
            start=start,
            end=start + datetime.timedelta(hours=1),
        )
    keys = [
        str(district.translation_key),
        str(other_district.translation_key),
        "00000000-0000-4000-8000-000000000003",
    ]
    choices = selections(keys)
    now = timezone.now()
    Follower.objects.bulk_create(
        Follower(
            email=f"residente{number}@example.org",
            language=choices[number % len(choices)][0],
            districts=choices[number % len(choices)][1],
            consent_text="Sì",
            confirmed_at=now,
        )
        for number in range(FOLLOWERS)
    )
    mail.outbox = []
    tracemalloc.start()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        report = send_digests(week)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    per_follower_ms = elapsed * 1000 / FOLLOWERS
    per_follower_queries = len(queries) / FOLLOWERS
    print(
        f"\ndigest: {FOLLOWERS} followers, {report.builds} builds, {report.sent} sent, {report.empty} empty "
        f"in {elapsed:.1f} s ({per_follower_ms:.1f} ms and {per_follower_queries:.2f} queries a follower), "
        f"memory at peak {peak / 2**20:.0f} MiB"
    )
    # Followers of the third (empty) district alone have nothing to read that week.
    assert report.sent + report.empty == report.followers == FOLLOWERS
    assert report.builds == len(choices)
    assert len(mail.outbox) == report.sent == Delivery.objects.filter(status="sent").count()
    assert per_follower_queries <= 6
    assert per_follower_ms <= 25
