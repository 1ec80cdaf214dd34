"""The district page, as the floor below the districts app sees it.

initiatives sits below districts (docs/ARCHITECTURE.md, `.importlinter`): it may not import the
district page, yet an activity belongs to a district (its house, its occurrence rows'
`district_key`) and a calendar may list one district's dates. The districts app registers its
page model here from its `AppConfig.ready` (districts/apps.py), as apps register with Wagtail's
hooks; initiatives asks this module and never names the model.

The cached directory (`portal.core.directory`: `districts`, `.above(page)`, `.for_key(...)`) is
the cheaper answer where an answer as old as the content version will do; these are live
queries, for the occurrence rows and for pages whose own answers are cached by version anyway.
"""

from django.core.exceptions import ImproperlyConfigured

_district_page_model = None


def register_district_page(model):
    """Called once by the districts app: `model` is the page type that groups activities."""
    global _district_page_model
    _district_page_model = model


def district_page_model():
    """The registered district page model."""
    if _district_page_model is None:
        raise ImproperlyConfigured(
            "No district page is registered: the districts app registers it in its AppConfig.ready()."
        )
    return _district_page_model


def is_district(page):
    """Whether `page` is a district page."""
    return isinstance(page, district_page_model())


def district_pages():
    """Every district page, as a PageQuerySet."""
    return district_page_model().objects.all()
