"""The weekly digest: the coming week's dates, last week's news and today's notices of what a
follower follows, in their language, with the week's `.ics` attached.

Built once per (language, selection) (`Follower.selection()`), never once per follower: the
lists, the rendered text and HTML and the calendar file are made for the group, with stand-ins
where the personal links go; each follower's message only swaps in their own manage and
unsubscribe links (`personalise`). Sending N followers of one selection costs the queries of one
build plus `deliver()`'s own per follower.

What is shown is what the public may see (portal/core/visibility.py), each page in the
follower's language where translated, else its source (initiatives/queries.py
`pages_for_keys`); the dates are the event occurrences (not an initiative's opening hours,
which would fill the digest with a desk's every morning) that start from Monday to Sunday of
the coming week (Europe/Rome), not cancelled; the news are those dated in the seven days before
that Monday; the notices those shown now.

A follower with nothing to read that week (no date, no news, no notice) is skipped without a
`Delivery` row: a digest sent again later that week (content published meanwhile) still
reaches them. Each message goes through `deliver()` with the key `digest:<ISO year>-W<week>`,
so a job run twice sends nothing twice.
"""

import datetime
import secrets
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.core.mail import get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from initiatives.feeds import prepare_for_calendar
from initiatives.ical import calendar_for_pages, calendar_name
from initiatives.models import EventPage, Occurrence
from initiatives.occurrences import make_local_aware, zone
from initiatives.queries import attach_pages, pages_for_keys
from portal.core.absolute_urls import page_url
from portal.core.directory import get_directory
from portal.core.i18n import content_language, language_direction, local_date
from portal.core.visibility import public_occurrences, under, without_restricted

from ..models import Follower, NewsPage, Notice
from ..notices import all_entries, district_keys_with_house, in_district, localized, showing
from .delivery import deliver
from .links import manage_url, unsubscribe_url
from .mail import assemble

TEMPLATE = "districts/follow/emails/digest"
MAX_DATES = 200  # a digest is a week's reading, not the whole calendar
MAX_NEWS = 20
BATCH = 500  # followers per background task


# --- The week ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    """Monday to Sunday, in the events' time zone."""

    monday: datetime.date

    @classmethod
    def coming(cls, today=None):
        """The week after `today` (Europe/Rome): from a Sunday, tomorrow's; from a Monday, next."""
        today = today or timezone.localdate(timezone=zone())
        return cls(today + datetime.timedelta(days=7 - today.weekday()))

    @classmethod
    def of(cls, day):
        """The week that holds `day`."""
        return cls(day - datetime.timedelta(days=day.weekday()))

    @property
    def sunday(self):
        return self.monday + datetime.timedelta(days=6)

    @property
    def start(self):
        return make_local_aware(datetime.datetime.combine(self.monday, datetime.time(0, 0)))

    @property
    def end(self):
        return make_local_aware(
            datetime.datetime.combine(self.sunday + datetime.timedelta(days=1), datetime.time())
        )

    @property
    def label(self):
        """ "2026-W50", the ISO week."""
        year, week, _day = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def dedupe_key(self):
        return f"digest:{self.label}"


# --- One digest, built once per language and selection ------------------------------------------


@dataclass
class Digest:
    """The content of one (language, selection) for one week, rendered with link stand-ins."""

    language: str
    subject: str = ""
    text: str = ""
    html: str = ""
    ics: bytes = b""
    filename: str = ""
    dates: int = 0
    news: int = 0
    notices: int = 0
    markers: dict = field(default_factory=dict)  # stand-in -> function of the follower

    @property
    def empty(self):
        return not (self.dates or self.news or self.notices)

    def personalise(self, follower):
        """(text, html) with `follower`'s own links in place of the stand-ins."""
        text, html = self.text, self.html
        for marker, link_for in self.markers.items():
            url = link_for(follower)
            text, html = text.replace(marker, url), html.replace(marker, url)
        return text, html

    def message(self, follower, connection=None):
        text, html = self.personalise(follower)
        attachments = [(self.filename, self.ics, "text/calendar")] if self.ics else []
        email = assemble(follower, self.subject, text, html, attachments=attachments)
        email.connection = connection
        return email


def district_keys(values):
    """The followed districts' translation keys as UUIDs (a malformed one is dropped)."""
    keys = []
    for value in values:
        try:
            keys.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return keys


def week_dates(week, keys, categories, audiences, locale):
    """The public, not cancelled event dates of `week` matching the selection, with their page
    in `locale` (Listed items, initiatives/queries.py): three queries at most."""
    rows = Occurrence.objects.filter(
        kind=Occurrence.Kind.EVENT, cancelled=False, start__gte=week.start, start__lt=week.end
    )
    if keys is not None:
        rows = rows.filter(district_key__in=keys)
    if categories:
        rows = rows.filter(category_slug__in=categories)
    if audiences:
        # As the occurrences API filters: the events that name one of the audiences.
        chosen = EventPage.objects.filter(audiences__slug__in=audiences).order_by().values("translation_key")
        rows = rows.filter(translation_key__in=chosen)
    rows = public_occurrences(rows).order_by("start", "pk")[:MAX_DATES]
    return attach_pages(rows, locale)


def week_news(week, district_paths, locale):
    """The public news dated in the seven days before `week`, of the followed districts (every
    language's copy of them: `district_paths`; None for all), in `locale`, newest first."""
    news = NewsPage.objects.live().filter(
        date__gte=week.monday - datetime.timedelta(days=7), date__lt=week.monday
    )
    if district_paths is not None:
        if not district_paths:
            return []
        news = news.filter(under(district_paths))
    keys = set(without_restricted(news).order_by().values_list("translation_key", flat=True).distinct())
    pages = pages_for_keys(keys, locale, NewsPage)
    return sorted(pages.values(), key=lambda page: (page.date, page.pk), reverse=True)[:MAX_NEWS]


def current_notices(keys, locale_id, directory, now=None):
    """The notices shown now that concern the followed districts (the portal's too), in `locale_id`."""
    entries = showing(all_entries(), now)
    if keys is not None:
        houses = district_keys_with_house(directory)
        wanted = [str(key) for key in keys]
        entries = [
            entry
            for entry in entries
            if entry.scope == Notice.Scope.PORTAL
            or any(in_district(entry, key, houses.get(key), directory) for key in wanted)
        ]
    return localized(entries, locale_id, directory)


def place_name(names):
    if not names:
        return _("the neighbourhoods")
    if len(names) == 1:
        return names[0]
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def week_span(week):
    return _("%(start)s – %(end)s") % {
        "start": local_date(week.monday, "month_day"),
        "end": local_date(week.sunday, "month_day"),
    }


def build(selection, week, now=None):
    """The digest of `selection` (`Follower.selection()`) for `week`."""
    language, districts, categories, audiences = selection
    directory = get_directory()
    locale = (
        directory.locales.get(directory.locale_id_for(language))
        or directory.locales[directory.default_locale_id]
    )
    keys = district_keys(districts) if districts else None
    district_paths = None
    names = []
    if keys is not None:
        district_paths = [page.path for page in directory.districts if page.translation_key in keys]
        for key in keys:
            page = directory.districts.for_key(key, locale.pk)
            if page is not None:
                names.append(page.title)
    digest = Digest(language=language)
    dates = week_dates(week, keys, categories, audiences, locale)
    news = week_news(week, district_paths, locale)
    notices = current_notices(keys, locale.pk, directory, now)
    digest.dates, digest.news, digest.notices = len(dates), len(news), len(notices)
    if digest.empty:
        return digest
    with translation.override(language):
        place = place_name(names)
        span = week_span(week)
        digest.subject = _("What's on in %(place)s, %(dates)s") % {"place": place, "dates": span}
        pages = list({item.page.pk: item.page for item in dates}.values())
        prepare_for_calendar(pages)
        calendar = calendar_for_pages(calendar_name(place), pages)
        digest.ics = calendar.to_ical()
        digest.filename = f"quartieri-{week.label}.ics"
        digest.markers = {
            f"quartieri-manage-{secrets.token_hex(8)}": manage_url,
            f"quartieri-unsubscribe-{secrets.token_hex(8)}": unsubscribe_url,
        }
        manage_marker, unsubscribe_marker = digest.markers
        context = {
            "subject": digest.subject,
            "place": place,
            "span": span,
            "language": language,
            "direction": language_direction(language),
            "days": days_of(dates),
            "news": [news_item(page) for page in news],
            "notices": notices,
            "manage_url": manage_marker,
            "unsubscribe_url": unsubscribe_marker,
        }
        digest.text = render_to_string(f"{TEMPLATE}.txt", context)
        digest.html = render_to_string(f"{TEMPLATE}.html", context)
    return digest


def days_of(listed):
    """[(the day in words, [{title, url, time, summary}])] in the active language."""
    days = []
    for day, items in groupby(listed, key=lambda item: timezone.localtime(item.row.start, zone()).date()):
        entries = [
            {
                "title": item.page.title,
                "url": page_url(item.page),
                "summary": item.page.summary,
                "time": "" if item.row.all_day else local_time(item.row.start),
                **written_in(item.page),
            }
            for item in items
        ]
        days.append((local_date(day, "weekday_day"), entries))
    return days


def local_time(value):
    return timezone.localtime(value, zone()).strftime("%H:%M")


def news_item(page):
    return {
        "title": page.title,
        "url": page_url(page),
        "summary": page.summary,
        "date": local_date(page.date),
        **written_in(page),
    }


def written_in(page):
    """The language and direction of a page's words: an alias (a page not translated yet, in a
    synchronised tree) shows its Italian source's."""
    language = content_language(settings.LANGUAGE_CODE) if page.alias_of_id else page.locale.language_code
    return {"lang": language, "dir": language_direction(language)}


# --- Sending -----------------------------------------------------------------------------------


@dataclass
class Report:
    """What one run did: the followers read, the digests built, the messages sent, the empty
    ones skipped and those already sent (or failed)."""

    followers: int = 0
    builds: int = 0
    sent: int = 0
    empty: int = 0
    not_sent: int = 0

    def add(self, other):
        for name in ("followers", "builds", "sent", "empty", "not_sent"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def as_dict(self):
        return {name: getattr(self, name) for name in ("followers", "builds", "sent", "empty", "not_sent")}


def digest_followers():
    """The confirmed e-mail followers who asked for the weekly digest."""
    return (
        Follower.objects.confirmed()
        .filter(kind=Follower.Kind.EMAIL, weekly_digest=True)
        .exclude(email="")
        .order_by("pk")
    )


def grouped(followers):
    """{selection: [followers]}, in the order first met."""
    groups = defaultdict(list)
    for follower in followers:
        groups[follower.selection()].append(follower)
    return groups


def send_to(followers, week, *, dry_run=False, now=None):
    """Build each selection's digest once and send it to its followers. A `Report`."""
    report = Report()
    groups = grouped(followers)
    connection = None if dry_run else get_connection()
    for selection, members in groups.items():
        report.followers += len(members)
        digest = build(selection, week, now)
        report.builds += 1
        if digest.empty:
            report.empty += len(members)
            continue
        if dry_run:
            report.sent += len(members)
            continue
        for follower in members:
            outcome = deliver(
                follower,
                "email",
                "digest",
                week.dedupe_key,
                lambda follower=follower, digest=digest: digest.message(follower, connection).send(),
                districts=follower.districts,
                subject=digest.subject,
            )
            if outcome.sent:
                report.sent += 1
            else:
                report.not_sent += 1
    if connection is not None:
        connection.close()
    return report


def send_digests(week, *, dry_run=False, now=None):
    """Every digest follower's digest of `week`, in this process (the management command)."""
    return send_to(digest_followers(), week, dry_run=dry_run, now=now)


@task(backend="background")
def send_weekly_digests(week_of=None):
    """Queue the digests of the week after today (or of the week holding `week_of`, an ISO
    date): one `send_digest_batch` per selection, split in batches of `BATCH` followers."""
    week = Week.of(datetime.date.fromisoformat(week_of)) if week_of else Week.coming()
    pairs = digest_followers().values_list("pk", "language", "districts", "categories", "audiences")
    groups = defaultdict(list)
    for pk, language, districts, categories, audiences in pairs:
        selection = Follower(
            language=language, districts=districts, categories=categories, audiences=audiences
        ).selection()
        groups[selection].append(pk)
    batches = 0
    for ids in groups.values():
        for first in range(0, len(ids), BATCH):
            send_digest_batch.enqueue(week.monday.isoformat(), ids[first : first + BATCH])
            batches += 1
    return batches


@task(backend="background")
def send_digest_batch(monday, follower_ids):
    """Send the digest of the week starting `monday` to these followers (still subscribed)."""
    week = Week.of(datetime.date.fromisoformat(monday))
    return send_to(digest_followers().filter(pk__in=follower_ids), week).as_dict()
