"""The portal's URLs and stand-ins for the followers' views, for the digest's tests only: the
views named follow_manage, follow_unsubscribe and follow_confirm are another module's
(districts/follow/subscribe.py); the digest only needs their names to resolve."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def stand_in(request, **kwargs):
    return HttpResponse("")


urlpatterns = [
    path("follow/manage/<str:key>/", stand_in, name="follow_manage"),
    path("follow/unsubscribe/<str:key>/", stand_in, name="follow_unsubscribe"),
    path("follow/confirm/<str:token>/", stand_in, name="follow_confirm"),
    *portal_urlpatterns,
]
