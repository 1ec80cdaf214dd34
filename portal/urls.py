"""URLs: machines and the admin outside the language prefix, the page tree and search inside."""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from districts.follow import notify
from initiatives.feeds import FEED_FILES
from portal.core.routing import serve as serve_page
from portal.language_switch import choose_language
from search import views as search_views

from .api.openapi import docs_page, openapi_json
from .api.router import api_router
from .health import healthz
from .password_throttle import throttled
from .sitemaps import PortalSitemap
from .views import favicon, robots_txt


def with_views(patterns, views):
    """Wagtail's URL patterns, with the views named in `views` replaced by ours."""
    return [
        URLPattern(pattern.pattern, views[pattern.name], pattern.default_args, pattern.name)
        if pattern.name in views
        else pattern
        for pattern in patterns
    ]


# Wagtail's front-end URLs: its page-serving view routed in two queries (portal/core/routing.py),
# its page-password form throttled like sign-ins (portal/password_throttle.py).
wagtail_front_end_urls = with_views(
    wagtail_urls.urlpatterns,
    {
        "wagtail_serve": serve_page,
        "wagtailcore_authenticate_with_password": throttled(wagtail_views.authenticate_with_password, "page"),
    },
)
# The files a page serves below its address, routes of its own (`calendar.ics`, `feed.xml`,
# `atom.xml`: initiatives/feeds.py): Wagtail's pattern takes only `slug/` components, this one
# hands `<page path><file name>` to the same page-serving view, and the page's route answers.
PAGE_FILE_NAMES = "|".join(re.escape(name) for name in FEED_FILES)
page_file_pattern = re_path(
    rf"^((?:[\w\-]+/)*(?:{PAGE_FILE_NAMES}))$",
    serve_page,
    name="page_file",
)
# Wagtail's document URLs, the password form of a protected collection throttled too.
wagtail_document_urls = with_views(
    wagtaildocs_urls.urlpatterns,
    {
        "wagtaildocs_authenticate_with_password": throttled(
            wagtaildocs_serve.authenticate_with_password, "documents"
        )
    },
)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtail_document_urls)),
    path("api/v2/openapi.json", openapi_json, name="openapi"),
    path("api/v2/docs/", docs_page, name="api-docs"),
    path("api/v2/", api_router.urls),
    path("i18n/choose/<str:code>/", choose_language, name="choose_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("sw.js", notify.service_worker, name="service_worker"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("follow/push/", notify.follow_push, name="follow_push"),
    path("follow/saved/", include("districts.follow.saved_urls")),
    path("follow/", include("districts.follow.subscribe_urls")),
    page_file_pattern,
    path("", include(wagtail_front_end_urls)),
    prefix_default_language=True,
)

handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
