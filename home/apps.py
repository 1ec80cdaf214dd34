from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and site settings")

    def ready(self):
        from portal import databases, image_metadata, signals

        signals.connect()
        databases.connect()
        image_metadata.connect()
