"""The site's saved events, below `/<lang>/follow/saved/` (portal/urls.py includes them)."""

from django.urls import path

from . import saved

urlpatterns = [
    path("", saved.saved_page, name="follow_saved"),
    path("items/", saved.saved_items, name="follow_saved_items"),
    path("device/<str:token>.ics", saved.calendar_of_device, name="follow_saved_device_calendar"),
    path("<str:token>.ics", saved.calendar_of_keys, name="follow_saved_calendar"),
]
