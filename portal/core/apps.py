from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The lowest floor: page cache, routing, restrictions, blocks, the API's base pieces and
    search indexing. It imports no other app of the project; content apps register with it."""

    name = "portal.core"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self):
        # Django requires signal wiring to wait for the app registry (models are importable
        # only now).
        from . import databases, image_metadata, signals, sync, tasks
        from .search import signals as search_signals

        signals.connect()
        databases.connect()
        image_metadata.connect()
        search_signals.connect()
        sync.connect()
        tasks.register()
