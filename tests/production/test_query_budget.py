"""Every public page type renders in a bounded number of queries, however much content there is.

Issue 8's target: an uncached page view in at most 12 queries. The page cache is off (the
test settings), so each view below is rendered; the first view of a page may fill the
version-keyed caches of the site-wide data (home/api_directory.py, PortalNav), the second is
measured, as in a warm gunicorn worker.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CalendarPageFactory,
    EventPageFactory,
    InitiativePageFactory,
    ProposalFormPageFactory,
    days_from_now,
    publish_translation,
    synchronise_locales,
)

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 12
PAGE_TYPES = ("home", "district", "calendar", "initiative", "event", "proposal_form")


def build_portal(home, district, events):
    """A district with a calendar, an initiative, a proposal form and `events` events."""
    calendar = CalendarPageFactory(parent=home, slug="cosa-succede")
    district_calendar = CalendarPageFactory(parent=district, slug="calendario-quartiere")
    initiative = InitiativePageFactory(parent=district, title="Sportello di ascolto", slug="sportello")
    form = ProposalFormPageFactory(parent=district, slug="proponi")
    pages = [
        EventPageFactory(
            parent=initiative if number % 2 else district,
            title=f"Evento {number}",
            slug=f"evento-{number}",
            start=days_from_now(1 + number % 20, 18),
        )
        for number in range(events)
    ]
    # A link to every event in the district's body: one more block per event.
    district = type(district).objects.get(pk=district.pk)
    district.body = [
        ("call_to_action", {"text": f"Vai a {page.title}", "page": page, "url": ""}) for page in pages
    ]
    district.save_revision().publish()
    district = type(district).objects.get(pk=district.pk)
    return {
        "home": home,
        "district": district,
        "calendar": calendar,
        "district_calendar": district_calendar,
        "initiative": initiative,
        "event": pages[1],
        "proposal_form": form,
    }


def translated(pages, locale):
    """The pages in `locale`, each translated after its parent (as wagtail-localize requires)."""
    result = {}
    for name in ("home", "district", "calendar", "district_calendar", "initiative", "event", "proposal_form"):
        result[name] = publish_translation(pages[name], locale)
    return result


def queries_of_second_view(client, page):
    url = page.get_url()
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), context


def assert_within_budget(client, pages, names=PAGE_TYPES):
    counts = {}
    for name in names:
        count, context = queries_of_second_view(client, pages[name])
        counts[name] = count
        if count > QUERY_BUDGET:
            listing = "\n".join(query["sql"][:160] for query in context.captured_queries)
            pytest.fail(f"{name} ({pages[name].url}): {count} queries > {QUERY_BUDGET}\n{listing}")
    return counts


@pytest.mark.parametrize("events", [3, 30])
def test_italian_pages_within_budget(client, home, district, events):
    pages = build_portal(home, district, events)
    assert_within_budget(client, pages)


@pytest.mark.parametrize("events", [3, 30])
def test_english_pages_within_budget(client, site_tree, district, events):
    pages = translated(build_portal(site_tree.home, district, events), site_tree.en)
    assert_within_budget(client, pages)
    # The body's links lead to the English event where there is one, else to the Italian one.
    content = client.get(pages["district"].url).content.decode()
    assert f'href="{pages["event"].url}"' in content
    assert 'href="/it/san-salvario/evento-0/"' in content


def test_alias_locale_pages_within_budget(client, home, district):
    from wagtail.models import Page

    pages = build_portal(home, district, 30)
    locales = synchronise_locales(("it", "ar"))
    aliases = {
        name: Page.objects.get(alias_of=page, locale=locales["ar"]).specific for name, page in pages.items()
    }
    assert_within_budget(client, aliases)


def test_query_count_does_not_grow_with_content(client, home, district):
    """The same page costs the same with 3 or 30 more events around it."""
    pages = build_portal(home, district, 3)
    small = {name: queries_of_second_view(client, pages[name])[0] for name in PAGE_TYPES}
    for number in range(27):
        EventPageFactory(
            parent=pages["initiative"], slug=f"altro-{number}", start=days_from_now(2 + number, 18)
        )
    large = {name: queries_of_second_view(client, pages[name])[0] for name in PAGE_TYPES}
    assert large == small


def test_pages_render_when_the_cache_is_gone(client, home, district):
    """The version-keyed caches are an optimisation: without them every page still renders."""
    from unittest import mock

    pages = build_portal(home, district, 3)
    urls = {name: pages[name].url for name in PAGE_TYPES}
    with mock.patch("portal.page_cache.caches") as caches:
        caches.__getitem__.side_effect = ConnectionError("cache gone")
        for name, url in urls.items():
            assert client.get(url).status_code == 200, name
    assert caches.__getitem__.called
