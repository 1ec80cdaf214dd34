"""Rich text page links that an API answer has read in bulk (see portal.core.api.links.LinkedPages)."""

from wagtail import hooks

from portal.core.api.links import PageLinkHandler


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own page links
def page_links_read_in_bulk(features):
    features.register_link_type(PageLinkHandler)
