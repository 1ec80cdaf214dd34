"""Panels of the admin home for editors and Community Managers: what is on in their districts in
the next two weeks, when their houses close, the notices shown there now or soon, which
translations of their pages need work, which residents' proposals wait for an answer, and, for
Community Managers, how many residents follow their districts. (The pages waiting for their
approval are Wagtail's own panel.)

Each panel costs a fixed number of queries, whatever the number of events, pages or proposals.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from initiatives.models import Occurrence
from initiatives.queries import attach_pages
from portal.core.directory import get_directory

from .editorial import EDITING_ACTIONS, districts_for_user
from .follow import figures
from .follow.admin_views import report_url
from .models import Notice, Proposal

UPCOMING_DAYS = 14
UPCOMING_LIMIT = 30
TRANSLATION_PAGES_LIMIT = 15
PROPOSALS_LIMIT = 10
NOTICES_LIMIT = 15


class DashboardPanel(Component):
    name = ""
    order = 100
    template_name = ""

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"request": self.request, "panel": self, **self.get_panel_data()}

    def get_panel_data(self):
        return {}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context.get("shown", True):
            return ""
        return get_template(self.template_name).render(context)


def district_titles(districts):
    """{translation key: title in the default locale (else any)} of district page copies."""
    default_id = Locale.get_default().pk
    titles = {}
    for key, title, locale_id in districts.values_list("translation_key", "title", "locale_id"):
        if key not in titles or locale_id == default_id:
            titles[key] = title
    return titles


# --- What's on in my districts -------------------------------------------------------------


class UpcomingInDistrictsPanel(DashboardPanel):
    """The next two weeks of events in the user's districts, from the occurrence table.

    The panel lists the private events too (a password, login or group restriction, or an
    alias or a translation of a restricted page: portal/core/visibility.py), each marked "private":
    the people who see the panel edit these districts, so Wagtail's explorer shows them those
    pages anyway, and they need to see what is planned; the mark keeps the panel from passing
    a private event off as one that residents will find on the portal.
    """

    name = "district_upcoming"
    order = 90
    template_name = "districts/dashboard/upcoming.html"

    def get_panel_data(self):
        titles = district_titles(districts_for_user(self.request.user, EDITING_ACTIONS))
        if not titles:
            return {"shown": False}
        now = timezone.now()
        rows = Occurrence.objects.filter(
            kind=Occurrence.Kind.EVENT,
            district_key__in=list(titles),
            end__gt=now,
            start__lt=now + datetime.timedelta(days=UPCOMING_DAYS),
        ).order_by("start", "pk")
        # The default locale and the guards of what the public may see, from the cached directory.
        directory = get_directory(self.request)
        items = attach_pages(rows[:UPCOMING_LIMIT], directory.locales[directory.default_locale_id])
        guards = directory.guards
        return {
            "shown": True,
            "items": [
                (item, titles.get(item.row.district_key, ""), guards.is_private(item.page.path))
                for item in items
            ],
            "district_names": sorted(titles.values()),
            "days": UPCOMING_DAYS,
            "limit": UPCOMING_LIMIT,
        }


# --- When my houses close ------------------------------------------------------------------


class HouseClosuresPanel(DashboardPanel):
    """The closure under way and the next ones of the houses of the user's districts (their own
    closures and the public holidays they close on), with a link to each house's editor. The
    houses come from the cached directory: one query, the user's districts."""

    name = "district_closures"
    order = 95
    template_name = "districts/dashboard/closures.html"

    def get_panel_data(self):
        districts = districts_for_user(self.request.user, EDITING_ACTIONS)
        directory = get_directory(self.request)
        default_id = directory.default_locale_id
        house_ids = {house_id for house_id in districts.values_list("house_id", flat=True) if house_id}
        houses = {}
        for house_id in house_ids:
            house = directory.houses.by_id.get(house_id)
            if house is not None:
                source = directory.houses.for_key(house.translation_key, default_id)
                houses[source.pk] = source
        if not houses:
            return {"shown": False}
        rows = []
        names = []
        for house in sorted(houses.values(), key=lambda house: house.name):
            names.append(house.name)
            url = reverse("wagtailsnippets_districts_neighbourhoodhouse:edit", args=[house.pk])
            state = house.closure_state()
            for closure in ([state.current] if state.current else []) + list(state.coming):
                rows.append((closure, house, closure is state.current, url))
        rows.sort(key=lambda row: row[0].start)
        return {"shown": True, "rows": rows, "house_names": names}


# --- Translations that need work -----------------------------------------------------------


@dataclass
class TranslationWork:
    """One source page and the locales whose translation needs attention, with the reasons."""

    title: str
    source_id: int
    source_page_id: int
    source_changed: bool = False
    locales: list = field(default_factory=list)  # (locale name, missing strings, unpublished, page id)

    @property
    def sync_url(self):
        return reverse("wagtail_localize:update_translations", args=[self.source_id])


def translations_needing_work(user, limit=TRANSLATION_PAGES_LIMIT):
    """Translations of pages the user can edit that need attention.

    A translation (wagtail-localize's `Translation`, enabled) needs attention when:

    1. its source page was published after the text was last sent to translators
       (`page.last_published_at > TranslationSource.last_updated_at`): translators work on an
       old version until someone chooses "Sync translated pages";
    2. some of its strings have no translation yet (segments of the source without a
       `StringTranslation` in the target locale);
    3. a string was translated after the translated page was last published: the work is done
       but readers do not see it until someone publishes the translation.

    Pages never translated (aliases that show the Italian text) are not listed: they are all of
    them until translators start, and wagtail-localize's Translations report lists them.
    """
    page_type = ContentType.objects.get_for_model(Page)
    source_page = Page.objects.filter(
        translation_key=OuterRef("source__object_id"), locale_id=OuterRef("source__locale_id")
    )
    target_page = Page.objects.filter(
        translation_key=OuterRef("source__object_id"), locale_id=OuterRef("target_locale_id")
    )
    segments = StringSegment.objects.filter(source_id=OuterRef("source_id")).order_by()
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef("target_locale_id")),
        has_error=False,
    )
    last_translated = (
        StringTranslation.objects.filter(
            locale_id=OuterRef("target_locale_id"), context__object_id=OuterRef("source__object_id")
        )
        .order_by()
        .values("locale_id")
        .annotate(latest=Max("updated_at"))
        .values("latest")
    )

    def count(queryset):
        return Coalesce(
            Subquery(
                queryset.values("source_id").annotate(n=Count("pk")).values("n"), output_field=IntegerField()
            ),
            Value(0),
        )

    translations = Translation.objects.filter(enabled=True, source__object__content_type=page_type).annotate(
        source_page_id=Subquery(source_page.values("pk")[:1]),
        source_published_at=Subquery(source_page.values("last_published_at")[:1]),
        target_page_id=Subquery(target_page.values("pk")[:1]),
        target_published_at=Subquery(target_page.values("last_published_at")[:1]),
        segment_count=count(segments),
        translated_count=count(segments.filter(Exists(translated))),
        last_translated_at=Subquery(last_translated),
    )
    if not user.is_superuser:
        editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, EDITING_ACTIONS)
        translations = translations.filter(source_page_id__in=editable.values("pk"))
    translations = translations.filter(
        Q(source_published_at__gt=F("source__last_updated_at"))
        | Q(translated_count__lt=F("segment_count"))
        | Q(last_translated_at__gt=F("target_published_at"))
        | Q(last_translated_at__isnull=False, target_published_at__isnull=True)
    ).select_related("source", "target_locale")

    pages = {}
    for translation in translations.order_by("-source__last_updated_at", "source_id", "target_locale_id"):
        source = translation.source
        if source.pk not in pages:
            if len(pages) >= limit:
                continue
            pages[source.pk] = TranslationWork(
                title=source.object_repr, source_id=source.pk, source_page_id=translation.source_page_id
            )
        work = pages[source.pk]
        if translation.source_published_at and translation.source_published_at > source.last_updated_at:
            work.source_changed = True
        missing = translation.segment_count - translation.translated_count
        unpublished = translation.last_translated_at is not None and (
            translation.target_published_at is None
            or translation.last_translated_at > translation.target_published_at
        )
        if missing or unpublished:
            work.locales.append(
                (
                    translation.target_locale.get_display_name(),
                    missing,
                    unpublished,
                    translation.target_page_id,
                )
            )
    return list(pages.values())


class TranslationsToUpdatePanel(DashboardPanel):
    name = "district_translations"
    order = 260
    template_name = "districts/dashboard/translations.html"

    def get_panel_data(self):
        work = translations_needing_work(self.request.user)
        return {"shown": bool(work), "work": work}


# --- Residents' proposals ------------------------------------------------------------------


class UnansweredProposalsPanel(DashboardPanel):
    """Proposals still "received" in the districts the user answers for (their Community Managers)."""

    name = "district_proposals"
    order = 150
    template_name = "districts/dashboard/proposals.html"

    def get_panel_data(self):
        user = self.request.user
        policy = policy_registry.get_by_type(Proposal)
        if not policy.user_has_any_permission(user, {"view", "change"}):
            return {"shown": False}
        proposals = policy.instances_user_has_any_permission_for(user, {"view", "change"}).unanswered()
        total = proposals.count()
        if not total:
            return {"shown": False}
        latest = list(proposals.select_related("page").order_by("-submit_time", "-pk")[:PROPOSALS_LIMIT])
        districts = districts_for_user(user, {"publish"})
        titles = district_titles(districts)
        paths = list(districts.values_list("path", "translation_key"))
        rows = []
        for proposal in latest:
            key = next((key for path, key in paths if proposal.page.path.startswith(path)), None)
            rows.append((proposal, titles.get(key, "")))
        return {
            "shown": True,
            "total": total,
            "rows": rows,
            "list_url": reverse("proposals:index") + f"?status={Proposal.Status.RECEIVED}",
            "title": _("Residents' proposals waiting for an answer"),
        }


# --- Notices ---------------------------------------------------------------------------------


class NoticesPanel(DashboardPanel):
    """The notices of the user's districts shown now or in the next two weeks, published or not
    (a draft or one waiting for approval is marked), in the default language."""

    name = "district_notices"
    order = 95
    template_name = "districts/dashboard/notices.html"

    def get_panel_data(self):
        user = self.request.user
        policy = policy_registry.get_by_type(Notice)
        if not policy.user_has_permission(user, "change"):
            return {"shown": False}
        now = timezone.now()
        notices = list(
            policy.instances_user_has_any_permission_for(user, {"change"})
            .filter(
                locale=Locale.get_default(),
                ends__gt=now,
                starts__lt=now + datetime.timedelta(days=UPCOMING_DAYS),
            )
            .order_by("starts", "pk")[:NOTICES_LIMIT]
        )
        if not notices:
            return {"shown": False}
        waiting = set(
            WorkflowState.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Notice),
                object_id__in=[str(notice.pk) for notice in notices],
                status=WorkflowState.STATUS_IN_PROGRESS,
            ).values_list("object_id", flat=True)
        )
        return {
            "shown": True,
            "rows": [(notice, notice.starts <= now, str(notice.pk) in waiting) for notice in notices],
            "list_url": reverse("wagtailsnippets_districts_notice:list"),
            "add_url": reverse("wagtailsnippets_districts_notice:add"),
            "title": _("Notices in your districts, now and in the next two weeks"),
        }


# --- Followers ---------------------------------------------------------------------------------


class FollowersPanel(DashboardPanel):
    """For Community Managers: how many residents follow their districts, when the last digest
    went out and how many messages failed, with a link to the Followers report. Three queries."""

    name = "district_followers"
    order = 160
    template_name = "districts/follow/admin/panel.html"

    def get_panel_data(self):
        districts = figures.visible_districts(self.request.user)
        if not districts:
            return {"shown": False}
        _rows, total = figures.follower_counts(districts)
        summary = figures.delivery_summary([key for key, _title in districts], figures.since_window())
        return {
            "shown": True,
            "title": _("Residents following your districts"),
            "total": total,
            "summary": summary,
            "days": figures.WINDOW_DAYS,
            "report_url": report_url(),
        }


def dashboard_panels(request):
    return [
        UpcomingInDistrictsPanel(request),
        HouseClosuresPanel(request),
        NoticesPanel(request),
        UnansweredProposalsPanel(request),
        FollowersPanel(request),
        TranslationsToUpdatePanel(request),
    ]
