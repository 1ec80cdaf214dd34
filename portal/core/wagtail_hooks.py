"""Rich text page links that an API answer has read in bulk (see portal.core.api.links.LinkedPages)."""

from wagtail import hooks


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own page links
def page_links_read_in_bulk(features):
    from portal.core.api.links import PageLinkHandler

    features.register_link_type(PageLinkHandler)
