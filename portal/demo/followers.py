"""The demo's followers: residents of each district following it by e-mail in their languages
(one still unconfirmed), with last Friday's digest recorded as sent and one alert that failed, so
the Community Managers' Followers report and `send_digests --dry-run` have something to show.
Addresses are at example.org (RFC 2606): nothing sent in development reaches anyone. Found again
by address, so a second run adds nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from districts.models import Delivery, DistrictPage, Follower

from . import dates

CONSENT = (
    "Voglio ricevere per e-mail le novità dei quartieri che ho scelto. Posso cancellarmi in ogni "
    "momento con il link in fondo a ogni messaggio."
)


@dataclass(frozen=True)
class FollowerSpec:
    email: str
    language: str
    districts: tuple[str, ...]  # Italian slugs of the districts; empty: every district
    categories: tuple[str, ...] = ()
    weekly_digest: bool = True
    alerts: bool = True
    confirmed: bool = True


FOLLOWERS = (
    FollowerSpec("amina@example.org", "ar", ("barriera-di-milano",), categories=("courses",)),
    FollowerSpec("ioana@example.org", "ro", ("barriera-di-milano",)),
    FollowerSpec("giulia@example.org", "it", ("san-salvario",)),
    FollowerSpec(
        "li.wei@example.org", "zh-hans", ("san-salvario", "barriera-di-milano"), weekly_digest=False
    ),
    FollowerSpec("marc@example.org", "fr", ("mirafiori-sud",)),
    FollowerSpec("lucia@example.org", "es", ()),
    FollowerSpec("franco@example.org", "it", ("mirafiori-sud",), alerts=False),
    FollowerSpec("nuovo@example.org", "en", ("san-salvario",), confirmed=False),
)


def last_friday(today):
    return today - datetime.timedelta(days=(today.weekday() - 4) % 7 or 7)


def ensure_followers(today, created):
    """Each follower of FOLLOWERS, created if missing, with the deliveries of last week."""
    keys = dict(
        DistrictPage.objects.filter(locale__language_code="it").values_list("slug", "translation_key")
    )
    friday = dates.aware(last_friday(today), datetime.time(17, 0))
    week = friday.date().isocalendar()
    for spec in FOLLOWERS:
        if Follower.objects.filter(kind=Follower.Kind.EMAIL, email=spec.email).exists():
            continue
        joined = friday - datetime.timedelta(days=20)
        follower = Follower.objects.create(
            email=spec.email,
            language=spec.language,
            districts=sorted(str(keys[slug]) for slug in spec.districts),
            categories=list(spec.categories),
            weekly_digest=spec.weekly_digest,
            alerts=spec.alerts,
            consent_text=CONSENT,
            consent_at=joined,
            created_at=joined if spec.confirmed else timezone.now(),
            confirmed_at=joined + datetime.timedelta(minutes=7) if spec.confirmed else None,
        )
        created["follower"] += 1
        if spec.confirmed and spec.weekly_digest:
            Delivery.objects.create(
                follower=follower,
                channel=Delivery.Channel.EMAIL,
                kind=Delivery.Kind.DIGEST,
                dedupe_key=f"digest:{week.year}-W{week.week:02d}",
                language=spec.language,
                districts=follower.districts,
                status=Delivery.Status.SENT,
                attempts=1,
                created_at=friday,
                sent_at=friday + datetime.timedelta(seconds=3),
            )
    if not Delivery.objects.filter(status=Delivery.Status.FAILED).exists():
        follower = Follower.objects.filter(email="marc@example.org").first()
        if follower is not None:
            Delivery.objects.create(
                follower=follower,
                channel=Delivery.Channel.EMAIL,
                kind=Delivery.Kind.ALERT,
                dedupe_key="alert:demo",
                language=follower.language,
                districts=follower.districts,
                status=Delivery.Status.FAILED,
                attempts=3,
                error="SMTPServerDisconnected: Connection unexpectedly closed",
                created_at=friday + datetime.timedelta(days=1),
            )
