from functools import partial
from urllib.parse import urlencode

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site shell: settings, URLs, the headless API's router and schema, the chrome's
    template tags, error pages, security and sitemaps."""

    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # Function-local: the API router imports the content apps' models, importable only once
        # the app registry is ready. The preview "As in the app" (portal/core/preview.py) builds
        # a draft's answer with the pages endpoint and names its preview route.
        from django.urls import reverse

        from portal.api.pages import PagesAPIViewSet
        from portal.api.router import api_router
        from portal.core.absolute_urls import absolute_url
        from portal.core.preview import register_app_representation

        def preview_url(token):
            return absolute_url(reverse("wagtailapi:pages:preview")) + "?" + urlencode({"token": token})

        register_app_representation(partial(PagesAPIViewSet.draft_representation, api_router), preview_url)
