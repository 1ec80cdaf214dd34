from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site shell: settings, URLs, the headless API's router and schema, the chrome's
    template tags, error pages, security and sitemaps."""

    name = "portal"
    verbose_name = _("Portal")
