"""Pages with routes of their own below their address, and how the page routing asks them.

A page type may route sub-paths of its own with Wagtail's `RoutablePageMixin` (`@path`): the
feeds below the home page, a district and an event (initiatives/feeds.py). `RoutesMixin` is that
mixin for a page that is otherwise served, and previewed, exactly as a page without routes.

Wagtail's `Page.route()` walk asks every page on the way down, from the root, whether it takes
the rest of the path before looking for a child page; `takes_rest` answers that question for the
fast routing (`portal.core.routing`) without a query, from the page's class.
"""

from functools import cache

from django.http import Http404
from wagtail.contrib.routable_page import models as routable
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

# How a page type routes the path below it (`sub_routing`).
CHILDREN, ROUTES, OWN = "children", "routes", "own"


class RoutesMixin(RoutablePageMixin):
    """A page with routes of its own below its address (Wagtail's `RoutablePageMixin`, `@path`),
    served itself and previewed exactly as a page without them: by `Page.serve()` and the
    preview of `Page`, not by the mixin's index view."""

    @routable.path("")
    def index_route(self, request):
        return self.serve(request)

    def serve_preview(self, request, mode_name):
        return super(RoutablePageMixin, self).serve_preview(request, mode_name)


@cache
def sub_routing(model):
    """How pages of `model` route the rest of a path: CHILDREN (Wagtail's `Page.route`: a child
    page by slug), ROUTES (`RoutablePageMixin.route` over `Page.route`: one of the class's routes
    if any matches, else a child), or OWN (another `route()`, which decides for itself)."""
    if model.route is Page.route:
        return CHILDREN
    if (
        issubclass(model, RoutablePageMixin)
        and model.route is RoutablePageMixin.route
        and super(RoutablePageMixin, model).route is Page.route
    ):
        return ROUTES
    return OWN


def takes_rest(page, components):
    """Whether `page`'s own `route()` answers for `components`, the rest of the path below it,
    rather than handing them to a child page. A routable page takes them when it is live and
    one of its routes matches, as `RoutablePageMixin.route` decides; a page type with another
    `route()` of its own is handed every rest."""
    model = page.specific_class
    how = sub_routing(model) if model is not None else CHILDREN
    if how == CHILDREN:
        return False
    if how == OWN:
        return True
    if not page.live:
        return False
    try:
        model.get_resolver().resolve("/" + "".join(f"{component}/" for component in components))
    except Http404:
        return False
    return True
