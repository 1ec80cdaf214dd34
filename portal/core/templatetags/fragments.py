"""`{% fragment %}`: a part of a page rendered once per content version and shared by readers.

With the page cache off (or on a miss) a page was rendered whole for every request: the
navigation, the footer, the listings and the body cost most of its time, and they are the same
for every anonymous reader until the content changes. A fragment is kept by
`cached_by_version` under its name, the ids it names, the active language and the site, so a
publish or any other content change renders it again; what it shows that changes with the clock
(`valid_until`, called by every occurrence row read and by "has taken place") limits how long it
is kept, as it limits the page's.

    {% fragment "districts:district-body" page.pk %}…{% endfragment %}
    {% fragment "portal:header" page.pk per_page %}…{% endfragment %}

`per_page` is for a fragment built from the requested URL (the language links keep a calendar's
filters): it is shared only on a page requested without a query string, and rendered afresh
elsewhere.

What a fragment renders must be the same for every reader of that page in that language: no
form with a CSRF token, nothing of the signed-in user. It is rendered afresh, never shared, for
a preview (a draft is not the published page) and for a page behind a view restriction (what
the reader unlocked is theirs alone).
"""

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from portal.core.page_cache import cached_by_version
from portal.core.routing import find_site
from portal.core.visibility import view_restrictions_for

register = template.Library()


def shareable(request, page):
    """Whether what is rendered for `request` of `page` may be shared with other readers."""
    if request is None or getattr(request, "is_preview", False):
        return False
    if page is None:
        return True
    return bool(getattr(page, "live", False)) and not view_restrictions_for(page)


def scope(request, page):
    """(shareable, the site's id) of `request` showing `page`: asked once per request and page,
    since a listing renders one fragment per item."""
    known = request.__dict__.setdefault("_portal_fragment_scopes", {})
    key = getattr(page, "pk", None)
    if key not in known:
        site = find_site(request) if shareable(request, page) else None
        known[key] = (site is not None, site.pk if site is not None else None)
    return known[key]


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, keys, per_page):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys
        self.per_page = per_page

    def render(self, context):
        request = context.get("request")
        page = context.get("page")
        if request is None or (self.per_page and (page is None or request.META.get("QUERY_STRING"))):
            return self.nodelist.render(context)
        shared, site_id = scope(request, page)
        if not shared:
            return self.nodelist.render(context)
        keys = [key.resolve(context) for key in self.keys]

        def build():
            # A plain str: what is kept must unpickle to the same text in any process.
            return str(self.nodelist.render(context))

        html = cached_by_version(
            request,
            self.name.resolve(context),
            build,
            *keys,
            translation.get_language(),
            site_id,
        )
        return mark_safe(html)  # noqa: S308 - the template's own output, escaped when rendered


@register.tag("fragment")
def fragment(parser, token):
    """{% fragment "<app>:<what>" id… [per_page] %}…{% endfragment %}: see the module's docstring."""
    bits = token.split_contents()
    per_page = bits[-1] == "per_page"
    if per_page:
        bits.pop()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% fragment %} needs a name: {% fragment "app:what" id… %}')
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    keys = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), keys, per_page)
