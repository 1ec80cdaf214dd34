"""The headless API router: each app contributes its endpoints from its own `api.py`."""

from wagtail.api.v2.router import WagtailAPIRouter

import districts.api  # noqa: F401 (registers how district pages are prepared for listings)
from initiatives.api import OccurrencesAPIViewSet
from portal.api.files import DocumentsAPIViewSet, ImagesAPIViewSet
from portal.api.pages import PagesAPIViewSet
from portal.core.api.deleted import DeletedAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
api_router.register_endpoint("occurrences", OccurrencesAPIViewSet)
api_router.register_endpoint("deleted", DeletedAPIViewSet)
