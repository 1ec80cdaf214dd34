"""The subscription pages below `/<lang>/follow/` (districts/follow/subscribe.py)."""

from django.urls import path

from . import subscribe

urlpatterns = [
    path("", subscribe.subscribe, name="follow_subscribe"),
    path("sent/", subscribe.sent, name="follow_sent"),
    path("confirm/<str:token>/", subscribe.confirm, name="follow_confirm"),
    path("manage/<str:key>/", subscribe.manage, name="follow_manage"),
    path("unsubscribe/<str:key>/", subscribe.unsubscribe, name="follow_unsubscribe"),
    path("export/<str:key>/", subscribe.export, name="follow_export"),
    path("erase/<str:key>/", subscribe.erase, name="follow_erase"),
]
