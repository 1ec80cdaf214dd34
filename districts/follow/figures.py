"""The figures of following for the Community Managers (the admin's Followers report and its
dashboard panel): how many residents follow each district they publish in, and what was sent.

Counts only, and the kind, channel, time and error of failed messages: a manager never sees a
resident's address, and the errors are shown with any e-mail address or URL in them masked (an
SMTP server quotes the refused address, a push service the endpoint). Each figure is one
aggregate query, whatever the number of districts, followers or messages: a district's
followers are matched by its quoted translation key in their JSON list, which works on SQLite
and PostgreSQL alike (`Follower.objects.following_district`).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.utils import timezone

from ..editorial import PUBLISHING_ACTIONS, districts_for_user
from ..models import Delivery, Follower

WINDOW_DAYS = 30
FAILURES_LIMIT = 20
FAILED = (Delivery.Status.FAILED, Delivery.Status.GONE)
EMAIL_ADDRESS = re.compile(r"[^\s<>\"'(),;:]+@[^\s<>\"'(),;:]+")
URL = re.compile(r"\b(?:https?|wss?)://\S+")
EVERYWHERE = Q(districts=[])


def naming(key):
    """Followers or deliveries that name the district with translation key `key`."""
    return Q(districts__icontains=f'"{key}"')


def visible_districts(user):
    """[(translation key as a string, title)] of the districts `user` publishes in (all for a
    superuser), by title; a district's title is that of its first copy (the source)."""
    titles = {}
    rows = districts_for_user(user, PUBLISHING_ACTIONS).order_by("pk").values_list("translation_key", "title")
    for key, title in rows:
        titles.setdefault(str(key), title)
    return sorted(titles.items(), key=lambda item: item[1])


def in_scope(keys):
    """Rows about any of `keys`, or about every district (an empty list)."""
    scope = EVERYWHERE
    for key in keys:
        scope |= naming(key)
    return scope


@dataclass
class Followers:
    """The followers of one district (or of every district, `key` None)."""

    key: str | None
    title: str
    email: int = 0
    devices: int = 0
    digest: int = 0
    alerts: int = 0
    pending: int = 0


def follower_counts(districts):
    """[Followers] of each of `districts` ([(key, title)]), then of all districts, and the number
    of confirmed followers of any of them (each counted once): one query."""
    confirmed = Q(confirmed_at__isnull=False)
    aggregates = {"total": Count("pk", filter=confirmed & in_scope([key for key, _title in districts]))}
    groups = [*districts, (None, None)]
    for index, (key, _title) in enumerate(groups):
        where = EVERYWHERE if key is None else naming(key)
        aggregates.update(
            {
                f"d{index}_email": Count("pk", filter=where & confirmed & Q(kind=Follower.Kind.EMAIL)),
                f"d{index}_devices": Count("pk", filter=where & confirmed & Q(kind=Follower.Kind.DEVICE)),
                f"d{index}_digest": Count("pk", filter=where & confirmed & Q(weekly_digest=True)),
                f"d{index}_alerts": Count("pk", filter=where & confirmed & Q(alerts=True)),
                f"d{index}_pending": Count("pk", filter=where & ~confirmed),
            }
        )
    found = Follower.objects.aggregate(**aggregates)
    rows = []
    for index, (key, title) in enumerate(groups):
        counts = {
            name: found[f"d{index}_{name}"] for name in ("email", "devices", "digest", "alerts", "pending")
        }
        rows.append(Followers(key=key, title=title, **counts))
    return rows, found["total"]


@dataclass
class Sent:
    """What was sent about one district (or portal-wide, `key` None): {kind: {status: count}}."""

    key: str | None
    title: str
    counts: dict = field(default_factory=dict)

    def table(self):
        """[(kind label, [count per status of STATUSES])] of the kinds sent."""
        return [
            (label, [self.counts.get(kind, {}).get(status, 0) for status, _label in Delivery.Status.choices])
            for kind, label in Delivery.Kind.choices
            if kind in self.counts
        ]


def deliveries_by_district(districts, since):
    """[Sent] of each of `districts`, then portal-wide, since `since`: one grouped query."""
    keys = [key for key, _title in districts]
    annotations = {f"d{index}": Count("pk", filter=naming(key)) for index, key in enumerate(keys)}
    rows = (
        Delivery.objects.filter(in_scope(keys), created_at__gte=since)
        .values("kind", "status")
        .annotate(everywhere=Count("pk", filter=EVERYWHERE), **annotations)
        .order_by()
    )
    sent = [Sent(key, title) for key, title in districts] + [Sent(None, "")]
    for row in rows:
        for index, entry in enumerate(sent):
            count = row["everywhere"] if entry.key is None else row[f"d{index}"]
            if count:
                entry.counts.setdefault(row["kind"], {})[row["status"]] = count
    return sent


def delivery_summary(keys, since):
    """{"last_digest": when the last digest was sent, "failures": failed messages since `since`}."""
    return Delivery.objects.filter(in_scope(keys)).aggregate(
        last_digest=Max("sent_at", filter=Q(kind=Delivery.Kind.DIGEST, status=Delivery.Status.SENT)),
        failures=Count("pk", filter=Q(status__in=FAILED, created_at__gte=since)),
    )


def masked(error):
    """An error message without the e-mail addresses and URLs it quotes."""
    return URL.sub("[URL]", EMAIL_ADDRESS.sub("[address]", error))


def recent_failures(districts, since, limit=FAILURES_LIMIT):
    """The latest failed messages about `districts` or every district: kind, channel, status,
    time, the districts' titles and the masked error; never the follower."""
    titles = dict(districts)
    rows = (
        Delivery.objects.filter(in_scope(list(titles)), created_at__gte=since, status__in=FAILED)
        .order_by("-created_at")
        .values("kind", "channel", "status", "created_at", "districts", "error")[:limit]
    )
    kinds, channels, statuses = (
        dict(choices.choices) for choices in (Delivery.Kind, Delivery.Channel, Delivery.Status)
    )
    return [
        {
            "kind": kinds.get(row["kind"], row["kind"]),
            "channel": channels.get(row["channel"], row["channel"]),
            "status": statuses.get(row["status"], row["status"]),
            "created_at": row["created_at"],
            "districts": [titles[key] for key in row["districts"] if key in titles],
            "error": masked(row["error"]),
        }
        for row in rows
    ]


def since_window(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=WINDOW_DAYS)
