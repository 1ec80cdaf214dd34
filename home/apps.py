from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home page")

    def ready(self):
        # Django requires the app registry to be ready before registering.
        from portal.core.signals import register_content_app

        register_content_app(self.label)
