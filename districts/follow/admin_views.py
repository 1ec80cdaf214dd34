"""The admin's Followers report (under Reports): for each district the user publishes in, how
many residents follow it and what was sent to them in the last 30 days, with the latest failures.
Superusers see every district; a Community Manager their own; anyone else is refused (403).
The figures are districts/follow/figures.py: counts, never an address.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import Delivery
from . import figures

URL_NAME = "districts_follow_report"


def districts_of(request):
    """`figures.visible_districts` of the request's user, read once per request (the menu and
    the report both ask)."""
    if not hasattr(request, "_follow_districts"):
        request._follow_districts = figures.visible_districts(request.user)
    return request._follow_districts


def may_see_report(request):
    """Superusers, and whoever may publish in at least one district (its Community Managers)."""
    return request.user.is_superuser or bool(districts_of(request))


class FollowersMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request)


class FollowersReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "districts/follow/admin/report.html"
    page_title = pgettext_lazy("followers report", "Followers")
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        # Refused as Wagtail refuses: back to the dashboard with its "no permission" message.
        if not may_see_report(request):
            raise PermissionDenied
        self.districts = districts_of(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        since = figures.since_window(now)
        followers, total = figures.follower_counts(self.districts)
        keys = [key for key, _title in self.districts]
        context.update(
            {
                "followers": followers,
                "total": total,
                "sent": [
                    entry for entry in figures.deliveries_by_district(self.districts, since) if entry.counts
                ],
                "statuses": [label for _status, label in Delivery.Status.choices],
                "summary": figures.delivery_summary(keys, since),
                "failures": figures.recent_failures(self.districts, since),
                "days": figures.WINDOW_DAYS,
                "failures_limit": figures.FAILURES_LIMIT,
            }
        )
        return context


def report_url():
    return reverse(URL_NAME)
