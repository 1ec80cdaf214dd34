"""Page links in rich text read once per API answer instead of twice per rich text."""

import contextvars

from django.db.models import Q
from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler as WagtailPageLinkHandler

from portal.core import upstream
from portal.core.directory import Translated

# --- Page links in rich text ----------------------------------------------------------------

# The pages linked from the rich text being serialised, read once for the whole answer.
linked_pages_context = contextvars.ContextVar("api_linked_pages", default=None)


class LinkedPages:
    """The pages that rich text links to, with their translations: `<a linktype="page">` as
    Wagtail's PageLinkHandler writes it, without its two queries per rich text (the linked
    pages as their types, the active locale) nor the query per link to another language."""

    def __init__(self, ids, rows, directory):
        self.ids = {str(pk) for pk in ids}
        self.directory = directory
        self.by_id = {str(page.pk): page for page in rows}
        self.live = Translated(page for page in rows if page.live)

    @staticmethod
    def condition(ids):
        """The linked pages and their translations."""
        keys = Page.objects.filter(id__in=ids).values("translation_key")
        return Q(id__in=ids) | Q(translation_key__in=keys)

    def anchor(self, pk):
        page = self.by_id.get(str(pk))
        if page is None:
            return "<a>"
        # Page.localized: the live translation in the reader's locale, else the page itself.
        page = self.live.localized(page, self.directory.active_locale().pk)
        return f'<a href="{escape(page.url)}">'


class PageLinkHandler(WagtailPageLinkHandler):
    """Wagtail's page link handler, reading the pages an API answer prepared (see `LinkedPages`);
    everywhere else it is Wagtail's own."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        links = linked_pages_context.get()
        if links is None or any(str(attrs.get("id")) not in links.ids for attrs in attrs_list):
            return super().expand_db_attributes_many(attrs_list)
        return [links.anchor(attrs.get("id")) for attrs in attrs_list]


def linked_page_ids(value, ids):
    """Collect the ids of `<a linktype="page" id="…">` in the strings of a raw value."""
    if isinstance(value, str):
        if "linktype" in value:
            for attrs in upstream.rich_text_link_attrs(value):
                if attrs.get("linktype") == "page" and str(attrs.get("id", "")).isdigit():
                    ids.add(int(attrs["id"]))
    elif isinstance(value, dict):
        for item in value.values():
            linked_page_ids(item, ids)
    elif isinstance(value, list | tuple):
        for item in value:
            linked_page_ids(item, ids)
    return ids
