"""/sitemap.xml: every page the public may see in every locale, each with its alternates (hreflang).

Wagtail's contrib sitemap lists the default site's tree only and names no alternates, and
Django's `i18n`/`alternates` options assume one object served under every language prefix;
with wagtail-localize each language has its own page (a translation or an alias of the
Italian one), linked by `translation_key`. So the pages of every locale's tree are read in one
query and grouped by that key. URLs are built from the cached site root paths: the number of
queries does not grow with the number of pages.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from portal.core.absolute_urls import absolute_url
from portal.core.visibility import without_restricted


class PortalSitemap(Sitemap):
    def _pages(self):
        if not hasattr(self, "_page_list"):
            roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
            under_a_root = Q()
            for path in roots.values_list("path", flat=True):
                under_a_root |= Q(path__startswith=path)
            offered = {code for code, _name in settings.LANGUAGES}
            # What the public may see (portal/core/visibility.py): not a private page's translations
            # and aliases either, which Wagtail's `.public()` lists.
            public = without_restricted(Page.objects.live(), self.request)
            self._page_list = [
                page
                for page in public.filter(under_a_root)
                .select_related("locale")
                .order_by("path", "locale__language_code")
                if page.locale.language_code in offered
            ]
        return self._page_list

    def items(self):
        return self._pages()

    def _absolute(self, page):
        """The page's URL on the portal's base (PORTAL_BASE_URL), never the request's host."""
        return absolute_url(page.get_url(self.request))

    def _alternates(self):
        """{translation key: [(language code, absolute URL)]} in the order of settings.LANGUAGES."""
        if not hasattr(self, "_alternate_map"):
            order = [code for code, _name in settings.LANGUAGES]
            groups = {}
            for page in self._pages():
                url = self._absolute(page)
                if url:
                    groups.setdefault(page.translation_key, []).append((page.locale.language_code, url))
            for links in groups.values():
                links.sort(key=lambda link: order.index(link[0]))
            self._alternate_map = groups
        return self._alternate_map

    def _urls(self, page, protocol, domain):
        default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        alternates = self._alternates()
        urls = []
        last_mods = []
        for item in self.paginator.page(page).object_list:
            links = alternates.get(item.translation_key, [])
            location = dict(links).get(item.locale.language_code)
            if not location:
                continue
            entry_alternates = [{"lang_code": code, "location": url} for code, url in links]
            default = dict(links).get(default_code)
            if default:
                entry_alternates.append({"lang_code": "x-default", "location": default})
            lastmod = item.last_published_at or item.latest_revision_created_at
            urls.append(
                {"item": item, "location": location, "lastmod": lastmod, "alternates": entry_alternates}
            )
            last_mods.append(lastmod)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
