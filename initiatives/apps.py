from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives and events")

    def ready(self):
        # Django requires signal wiring to wait for the app registry.
        from portal.core.signals import register_content_app

        from . import registry, signals  # noqa: F401

        # Its tables in the core's cached directory, its words in the search's vocabulary.
        registry.register()

        # The occurrence table is rebuilt from the pages and announced by `content_changed`.
        register_content_app(self.label, derived_models={"occurrence"})
