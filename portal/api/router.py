"""The headless API router: each app contributes its endpoints from its own `api.py`."""

from wagtail.api.v2.router import WagtailAPIRouter

from districts.api import ProposalsAPIViewSet
from districts.follow.api import DevicesAPIViewSet
from districts.notice_api import NoticesAPIViewSet
from initiatives.api import OccurrencesAPIViewSet
from portal.api.files import DocumentsAPIViewSet, ImagesAPIViewSet
from portal.api.pages import PagesAPIViewSet
from portal.core.api.deleted import DeletedAPIViewSet
from portal.core.api.http import accept_posts, accept_writes

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
api_router.register_endpoint("occurrences", OccurrencesAPIViewSet)
api_router.register_endpoint("notices", NoticesAPIViewSet)
# The one endpoint that writes: residents' proposals sent from the app (districts/api.py).
api_router.register_endpoint("proposals", ProposalsAPIViewSet)
accept_posts("/api/v2/proposals/")
# The app's devices, their preferences and saved events, with their token (districts/follow/api.py).
api_router.register_endpoint("devices", DevicesAPIViewSet)
accept_writes("/api/v2/devices/", "GET, POST, PUT, PATCH, DELETE")
api_router.register_endpoint("deleted", DeletedAPIViewSet)
