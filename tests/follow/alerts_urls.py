"""The portal's URLs plus stand-ins for the followers' pages (written on another branch), so
that the alerts' links resolve in tests/follow/test_alerts.py."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from portal.urls import handler404, handler500  # noqa: F401 - the portal's error pages
from portal.urls import urlpatterns as portal_urlpatterns


def stand_in(request, **kwargs):
    return HttpResponse("follow")


urlpatterns = [
    *i18n_patterns(
        path("follow/manage/<str:key>/", stand_in, name="follow_manage"),
        path("follow/unsubscribe/<str:key>/", stand_in, name="follow_unsubscribe"),
        path("follow/confirm/<str:token>/", stand_in, name="follow_confirm"),
        prefix_default_language=True,
    ),
    *portal_urlpatterns,
]
