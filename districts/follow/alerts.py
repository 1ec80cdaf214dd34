"""Immediate alerts: a date of an event or an initiative cancelled or moved, the whole activity
withdrawn, an urgent notice shown. One message per follower and change, in the follower's
language, by e-mail (an address) or push (a device), each at most once (`deliver()`'s
`dedupe_key`).

Dates: initiatives, the floor below, sends `dates_changed` after the commit of a rebuild that
cancelled or moved future dates (initiatives/changes.py); `queue_date_alerts` hands it to the
worker (`send_date_alerts`). The recipients are the followers with alerts on who saved the
activity, or who follow its district and its category and one of its audiences (an empty
choice: all), read in two queries however many they are.

Urgent notices: on publication, when the window has begun (`queue_notice_alert`, Wagtail's
`published` signal), and every few minutes for those whose window begins later
(`send_due_notice_alerts`, run by the scheduler). A portal notice goes to every follower, a
district's, a house's or an initiative's to the followers of that district.
"""

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Locale, Page

from initiatives.closures import closure_reasons
from initiatives.models import EventPage, InitiativePage, OccurrenceChange
from initiatives.occurrences import zone
from portal.core.absolute_urls import absolute_url, page_url
from portal.core.i18n import language_direction, local_date

from ..models import Delivery, Follower, Notice, SavedEvent
from . import mail, push
from .delivery import deliver

logger = logging.getLogger("districts.follow")

TEMPLATE = "districts/follow/emails/alert"
DATED_MODELS = (EventPage, InitiativePage)


@dataclass
class Words:
    """An alert as one language reads it."""

    subject: str
    heading: str
    lead: str
    reason: str = ""
    url: str = ""
    why: str = ""


# --- Recipients --------------------------------------------------------------------------------


def alert_followers():
    return Follower.objects.confirmed().filter(alerts=True)


def matches(chosen, offered):
    """A follower's choice (slugs; empty: all) against what an activity offers (empty: for all)."""
    return not chosen or not offered or bool(set(chosen) & set(offered))


def event_recipients(translation_key, district_key, category, audiences):
    """The followers to alert of a change of the activity: those who saved it, and those who
    follow its district, its category and one of its audiences. Two queries."""
    saved = SavedEvent.objects.filter(follower=OuterRef("pk"), translation_key=translation_key)
    wanted = Q(has_saved=True)
    if district_key:
        wanted |= Q(pk__in=Follower.objects.following_district(district_key).values("pk"))
    followers = (
        alert_followers()
        .annotate(has_saved=Exists(saved))
        .filter(wanted)
        .prefetch_related("endpoints")
        .order_by("pk")
    )
    return [
        follower
        for follower in followers
        if follower.has_saved
        or (
            (not follower.categories or category in follower.categories)
            and matches(follower.audiences, audiences)
        )
    ]


def district_recipients(district_keys):
    """The followers to alert of a notice: of every district (`district_keys` None), or of
    those districts. Two queries."""
    followers = alert_followers()
    if district_keys is not None:
        wanted = Q(pk__in=[])
        for key in district_keys:
            wanted |= Q(pk__in=Follower.objects.following_district(key).values("pk"))
        followers = followers.filter(wanted)
    return list(followers.prefetch_related("endpoints").order_by("pk"))


# --- Sending -----------------------------------------------------------------------------------


def channel_of(follower):
    return Delivery.Channel.EMAIL if follower.kind == Follower.Kind.EMAIL else Delivery.Channel.PUSH


def done_for(dedupe_key):
    """The followers this alert needs no more attempt for (sent, being sent, gone, or failed
    too often): read once, so that a job run again costs one query, not one per follower."""
    retry = Q(status=Delivery.Status.FAILED, attempts__lt=settings.FOLLOW_MAX_ATTEMPTS)
    return set(
        Delivery.objects.filter(dedupe_key=dedupe_key, follower__isnull=False)
        .exclude(retry)
        .values_list("follower_id", flat=True)
    )


def send_one(follower, dedupe_key, words, districts=()):
    """One alert to one follower on its channel, through `deliver()` (at most once)."""
    channel = channel_of(follower)
    if channel == Delivery.Channel.EMAIL:

        def send():
            mail.message(follower, words.subject, TEMPLATE, {"alert": words}).send()

    else:
        payload = {
            "title": words.subject,
            "body": " ".join(part for part in (words.lead, words.reason) if part),
            "url": words.url,
            "tag": dedupe_key,
            "lang": follower.language,
            "dir": language_direction(follower.language),
        }

        def send():
            push.send_to_follower(follower, payload)

    return deliver(
        follower, channel, Delivery.Kind.ALERT, dedupe_key, send, districts=districts, subject=words.subject
    )


def send_to_all(followers, dedupe_key, words_for, districts=()):
    """Send the alert `dedupe_key` to each of `followers` not yet reached; `words_for(language)`
    composes it, once per language. Returns how many were sent now."""
    done = done_for(dedupe_key)
    composed = {}
    sent = 0
    for follower in followers:
        if follower.pk in done:
            continue
        if follower.language not in composed:
            with translation.override(follower.language):
                composed[follower.language] = words_for(follower.language)
        sent += send_one(follower, dedupe_key, composed[follower.language], districts).sent
    return sent


# --- Words -------------------------------------------------------------------------------------


def when(value, all_day=False):
    """A date (and time) in the active language, in the events' time zone."""
    local = value.astimezone(zone())
    day = local_date(local, "weekday_date")
    if all_day:
        return day
    return _("%(day)s at %(time)s") % {"day": day, "time": formats.time_format(local, "TIME_FORMAT")}


def parse(value):
    return datetime.datetime.fromisoformat(value) if value else None


class Activity:
    """An event or initiative in every language: its pages (live first), its category and
    audiences (the source's), the reasons of its changes."""

    def __init__(self, translation_key):
        self.key = str(translation_key)
        pages = list(
            Page.objects.filter(translation_key=translation_key)
            .select_related("locale")
            .order_by("-live", "pk")
            .specific()
        )
        pages = [page for page in pages if isinstance(page, DATED_MODELS)]
        self.by_language = {}
        for page in pages:
            self.by_language.setdefault(page.locale.language_code, page)
        default = Locale.get_default()
        self.source = next(
            (page for page in pages if page.locale_id == default.pk), pages[0] if pages else None
        )
        self.live = any(page.live for page in pages)
        self.all_day = bool(getattr(self.source, "all_day", False))
        self.category = self.source.category.slug if self.source and self.source.category_id else ""
        self.audiences = [audience.slug for audience in self.source.audiences.all()] if self.source else []
        self._reasons = {}

    def page_for(self, language):
        page = self.by_language.get(language)
        if page is None or (not page.live and self.source.live):
            page = self.source
        return page

    def title(self, language):
        return self.page_for(language).title

    def url(self, language):
        page = self.page_for(language)
        return (page_url(page) or "") if page.live else absolute_url(f"/{language}/")

    def reason(self, change_key, language):
        """The message of a cancelled or moved date (its OccurrenceChange's, or the closure's
        of the house) in `language`, else in the source's."""
        if not change_key:
            return ""
        try:
            key = uuid.UUID(str(change_key))
        except ValueError:  # not a page's change nor a house's closure: a holiday's own key
            key = change_key
        if key not in self._reasons:
            self._reasons[key] = {
                locale_id: reason
                for locale_id, reason in OccurrenceChange.objects.filter(translation_key=key).values_list(
                    "locale_id", "reason"
                )
                if reason
            }
        page = self.page_for(language)
        own = self._reasons[key]
        if own:
            return own.get(page.locale_id) or own.get(self.source.locale_id) or next(iter(own.values()))
        closures = closure_reasons(page.locale_id)
        return closures.get(key) or closure_reasons(self.source.locale_id).get(key, "")


def saved_or_followed():
    return _("You receive this alert because you saved this activity or follow its district.")


def cancellation_words(activity, change):
    def words_for(language):
        title, date = activity.title(language), when(parse(change["start"]), activity.all_day)
        return Words(
            subject=_("Cancelled: %(title)s, %(date)s") % {"title": title, "date": date},
            heading=_("A date is cancelled"),
            lead=_("“%(title)s” of %(date)s is cancelled.") % {"title": title, "date": date},
            reason=activity.reason(change.get("change_key"), language),
            url=activity.url(language),
            why=saved_or_followed(),
        )

    return words_for


def move_words(activity, change):
    def words_for(language):
        title = activity.title(language)
        date = when(parse(change["original_start"]), activity.all_day)
        new_date = when(parse(change["start"]), activity.all_day)
        return Words(
            subject=_("Moved: %(title)s, now %(date)s") % {"title": title, "date": new_date},
            heading=_("A date is moved"),
            lead=_("“%(title)s” of %(date)s is moved to %(new_date)s.")
            % {"title": title, "date": date, "new_date": new_date},
            reason=activity.reason(change.get("change_key"), language),
            url=activity.url(language),
            why=saved_or_followed(),
        )

    return words_for


def withdrawal_words(activity, withdrawn):
    def words_for(language):
        title, date = activity.title(language), when(parse(withdrawn["start"]), activity.all_day)
        return Words(
            subject=_("Withdrawn: %(title)s") % {"title": title},
            heading=_("An activity is withdrawn"),
            lead=_("“%(title)s” is no longer on the portal: its dates from %(date)s are not confirmed.")
            % {"title": title, "date": date},
            url=activity.url(language),
            why=saved_or_followed(),
        )

    return words_for


# --- Dates: the signal and the task ------------------------------------------------------------


def queue_date_alerts(sender, translation_key, district_key, cancelled, moved, withdrawn, **kwargs):
    """`dates_changed`'s receiver (connected in DistrictsConfig.ready): the worker sends."""
    send_date_alerts.enqueue(
        translation_key, district_key=district_key, cancelled=cancelled, moved=moved, withdrawn=withdrawn
    )


@task(backend="background")
def send_date_alerts(translation_key, district_key=None, cancelled=(), moved=(), withdrawn=None):
    """Alert the followers of an activity of its dates cancelled or moved, or of its withdrawal
    (the arguments of `dates_changed`). Returns how many alerts were sent."""
    activity = Activity(translation_key)
    if activity.source is None:
        return 0  # deleted in every language: nothing to name it by
    followers = event_recipients(translation_key, district_key, activity.category, activity.audiences)
    districts = [district_key] if district_key else []
    sent = 0
    if withdrawn:
        if not activity.live:
            key = f"alert:withdrawn:{activity.key}:{withdrawn['start']}"
            sent += send_to_all(followers, key, withdrawal_words(activity, withdrawn), districts)
        return sent
    for change in cancelled:
        key = f"alert:cancel:{activity.key}:{change['start']}"
        sent += send_to_all(followers, key, cancellation_words(activity, change), districts)
    for change in moved:
        key = f"alert:move:{activity.key}:{change['original_start']}:{change['start']}"
        sent += send_to_all(followers, key, move_words(activity, change), districts)
    return sent


# --- Urgent notices ----------------------------------------------------------------------------


def notice_words(notices, source):
    """{language: Words} of a notice: each language's live translation, else the source's."""
    by_language = {notice.locale.language_code: notice for notice in notices}

    def words_for(language):
        notice = by_language.get(language, source)
        return Words(
            subject=_("Urgent notice: %(title)s") % {"title": notice.title},
            heading=_("Urgent notice"),
            lead=notice.title,
            reason=notice.text,
            url=absolute_url(f"/{language}/"),
            why=_("You receive this alert because you follow the districts it concerns."),
        )

    return words_for


def alert_notice(translation_key, now=None):
    """Alert the followers of an urgent notice's scope, if it shows now. Returns how many."""
    now = now or timezone.now()
    notices = list(Notice.objects.filter(translation_key=translation_key, live=True).select_related("locale"))
    default = Locale.get_default()
    source = next(
        (notice for notice in notices if notice.locale_id == default.pk), notices[0] if notices else None
    )
    if source is None or source.level != Notice.Level.URGENT or not source.starts <= now < source.ends:
        return 0
    if source.scope == Notice.Scope.PORTAL:
        district_keys = None
    else:
        district = source.scope_district()
        if district is None:
            return 0
        district_keys = [str(district.translation_key)]
    followers = district_recipients(district_keys)
    return send_to_all(
        followers, f"alert:notice:{translation_key}", notice_words(notices, source), district_keys or ()
    )


@task(backend="background")
def send_notice_alert(translation_key):
    """Alert the followers of one urgent notice now shown (queued on its publication)."""
    return alert_notice(translation_key)


@task(backend="background")
def send_due_notice_alerts(now=None):
    """The scheduler's job, every few minutes: alert the followers of every urgent notice shown
    now whose alerts have not all gone out (a notice published with a later start, a retry).
    `now`: an ISO 8601 instant, else the clock's. Returns how many alerts were sent."""
    now = parse(now) if now else timezone.now()
    keys = (
        Notice.objects.filter(live=True, level=Notice.Level.URGENT, starts__lte=now, ends__gt=now)
        .values_list("translation_key", flat=True)
        .distinct()
    )
    return sum(alert_notice(key, now) for key in set(keys))


def queue_notice_alert(sender, instance, **kwargs):
    """Wagtail's `published` for a Notice (connected in DistrictsConfig.ready): an urgent notice
    already shown is sent after the commit; a later one waits for `send_due_notice_alerts`."""
    if instance.level != Notice.Level.URGENT:
        return
    now = timezone.now()
    if instance.starts <= now < instance.ends:
        key = str(instance.translation_key)
        transaction.on_commit(lambda: send_notice_alert.enqueue(key))
