"""Every public page type renders in a bounded number of queries, however much content there is.

Issue 8's target: an uncached page view in at most 12 queries. The page cache is off (the
test settings), so each view below is rendered; the first view of a page may fill the
version-keyed caches of the site-wide data (portal/core/directory.py, PortalNav, the routing's
sites), the second is measured, as in a warm gunicorn worker. Factory content first (3 and 30
events), then the demo content in Italian, English and Arabic, as loaded and with 300 more
events: there every kind of page, search results and the 404 page cost an exact number of
queries (DEMO_QUERIES), the same on SQLite and PostgreSQL.
"""

import pytest

from tests.factories import (
    CalendarPageFactory,
    EventPageFactory,
    InitiativePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    NoticeFactory,
    ProposalFormPageFactory,
    add_numbered_event,
    days_from_now,
    publish_translation,
    synchronise_locales,
)
from tests.support.demo import _demo_media, demo_built, demo_media  # noqa: F401 (fixtures)
from tests.support.queries import CaptureAllQueries

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 12
PAGE_TYPES = ("home", "district", "calendar", "initiative", "event", "proposal_form", "news_index", "news")


def build_portal(home, district, events):
    """A district with a calendar, an initiative, a proposal form, `events` events and as many
    news items (each about the initiative), and the portal's news."""
    calendar = CalendarPageFactory(parent=home, slug="cosa-succede")
    NewsIndexPageFactory(parent=home, slug="notizie-portale")
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
    news_index = NewsIndexPageFactory(parent=district)
    news = [
        NewsPageFactory(
            parent=news_index,
            title=f"Notizia {number}",
            slug=f"notizia-{number}",
            related_pages=[("page", initiative), ("page", pages[number])],
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
        "news_index": news_index,
        "news": news[0],
    }


def translated(pages, locale):
    """The pages in `locale`, each translated after its parent (as wagtail-localize requires)."""
    result = {}
    names = ("home", "district", "calendar", "district_calendar", "initiative", "event", "proposal_form")
    for name in (*names, "news_index", "news"):
        result[name] = publish_translation(pages[name], locale)
    return result


def queries_of_second_view(client, page):
    url = page.get_url()
    assert client.get(url).status_code == 200
    with CaptureAllQueries() as context:
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


def test_calendar_files_within_budget(client, home, district):
    """The calendar files of an initiative, an event, a district and the portal (initiatives/ical.py)."""
    pages = build_portal(home, district, 30)
    for url in (
        pages["initiative"].url + "calendar.ics",
        pages["event"].url + "calendar.ics",
        district.url + "calendar.ics",
        "/it/calendar.ics",
    ):
        assert client.get(url).status_code == 200
        with CaptureAllQueries() as context:
            assert client.get(url).status_code == 200
        assert len(context.captured_queries) <= QUERY_BUDGET, url


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


def test_notices_cost_no_query_on_a_warm_page(client, home, district):
    """Notices of every scope and level read from the version-keyed list: the same count."""
    pages = build_portal(home, district, 3)
    before = {name: queries_of_second_view(client, pages[name])[0] for name in PAGE_TYPES}
    for level in ("information", "important", "urgent"):
        NoticeFactory(district=district, level=level)
        NoticeFactory(house=district.house, level=level)
        NoticeFactory(initiative=pages["initiative"], level=level)
        NoticeFactory(scope="portal", level=level)
    after = {name: queries_of_second_view(client, pages[name])[0] for name in PAGE_TYPES}
    assert after == before
    assert "notices--banner" in client.get(pages["event"].url).content.decode()


def test_pages_render_when_the_cache_is_gone(client, home, district):
    """The version-keyed caches are an optimisation: without them every page still renders."""
    from unittest import mock

    pages = build_portal(home, district, 3)
    urls = {name: pages[name].url for name in PAGE_TYPES}
    with mock.patch("portal.core.page_cache.caches") as caches:
        caches.__getitem__.side_effect = ConnectionError("cache gone")
        for name, url in urls.items():
            assert client.get(url).status_code == 200, name
    assert caches.__getitem__.called


# --- The demo content: pictures, seven-level URLs, translations and aliases ---------------------
#
# The demo is built once for the module (Italian, English and Arabic through wagtail-localize,
# its translations published as the translation editor does), in a transaction rolled back at
# the end; each test runs in a savepoint inside it.

DEMO_LANGUAGES = ("it", "en", "ar")
# Queries of the second view of each kind of page, the same in every language. Every page is
# found by its address from the route kept by content version (portal/core/routing.py): the
# second view reads the content version and what the page itself does not keep. The home,
# district and event pages keep their rendered body ({% fragment %}): the second view reads no
# listing. A calendar keeps the pages of the dates it lists and their count: the second view
# reads only the rows. A news index reads its count and its page of news (the version besides); a
# news page keeps its body. A search keeps its page of results (search/views.py): the same words
# again read the version only.
DEMO_QUERIES = {
    "home": 1,
    "district": 1,
    "calendar": 2,
    "calendar_filtered": 2,
    "district_calendar": 2,
    "initiative": 2,
    "initiative_not_translated": 3,
    "event": 1,
    "event_below_initiative": 1,
    "event_not_translated": 1,
    "proposal_form": 3,
    "news_index": 3,
    "news_index_filtered": 3,
    "portal_news": 3,
    "news": 1,
    "search": 1,
    "search_filtered": 1,
    "not_found": 3,
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_media):  # noqa: F811 (the fixture imported above)
    """{language: {kind of page: URL}} on the demo content, in three languages rather than
    seven to save a minute, with its proposal forms."""
    with demo_built(django_db_blocker, demo_media, languages=DEMO_LANGUAGES, editorial=True):
        yield {language: demo_urls(language) for language in DEMO_LANGUAGES}


def demo_urls(language):
    """One page of each kind in `language`, chosen by the shape of the Italian tree."""
    from wagtail.models import Locale, Page

    from districts.models import DistrictPage, NewsIndexPage, NewsPage, ProposalFormPage
    from home.models import HomePage
    from initiatives.models import CalendarPage, EventPage, InitiativePage

    locale = Locale.objects.get(language_code=language)
    home = HomePage.objects.get(locale__language_code="it")
    district = DistrictPage.objects.child_of(home).order_by("path").first()

    def here(page):
        return page.get_translation(locale)

    def translated(pages, wanted=True):
        """The first of `pages` that has (or has not) been translated into every demo language."""
        for page in pages.order_by("path"):
            copies = Page.objects.filter(translation_key=page.translation_key).exclude(locale=page.locale)
            if all(copy.alias_of_id is None for copy in copies) == wanted:
                return page
        raise AssertionError(f"the demo has no such page among {pages.model.__name__}")

    initiatives = InitiativePage.objects.child_of(district).live()
    deep_events = EventPage.objects.descendant_of(district).filter(depth=district.depth + 2)
    pages = {
        "home": home,
        "district": district,
        "calendar": CalendarPage.objects.child_of(home).get(),
        "district_calendar": CalendarPage.objects.child_of(district).get(),
        "initiative": translated(initiatives),
        "initiative_not_translated": translated(initiatives, wanted=False),
        "event": translated(EventPage.objects.child_of(district)),
        "event_below_initiative": translated(deep_events),
        "event_not_translated": translated(deep_events, wanted=False),
        "proposal_form": ProposalFormPage.objects.child_of(district).get(),
        "news_index": NewsIndexPage.objects.child_of(district).get(),
        "portal_news": NewsIndexPage.objects.child_of(home).get(),
        "news": NewsPage.objects.descendant_of(district).order_by("path").first(),
    }
    urls = {name: here(page).url for name, page in pages.items()}
    prefix = f"/{language}/"
    urls["calendar_filtered"] = f"{urls['calendar']}?district={here(district).slug}&when=month"
    urls["news_index_filtered"] = f"{urls['portal_news']}?district={here(district).slug}&category=courses"
    urls["search"] = f"{prefix}search/?q=corso"
    urls["search_filtered"] = f"{prefix}search/?q=corso&type=event&district={here(district).slug}"
    urls["not_found"] = f"{urls['event_below_initiative']}nessuna-pagina/"
    return urls


def demo_queries(client, url):
    """(status, queries) of the second view of `url`, as in a warm worker."""
    client.get(url)
    with CaptureAllQueries() as context:
        response = client.get(url)
    return response.status_code, context


def assert_demo_budget(client, language, urls, only_within_budget=()):
    """Each URL's queries as in DEMO_QUERIES (only ≤ QUERY_BUDGET for `only_within_budget`)."""
    measured, listings = {}, []
    for name, url in urls.items():
        status, context = demo_queries(client, url)
        assert status == (404 if name == "not_found" else 200), (name, url, status)
        measured[name] = len(context)
        expected = DEMO_QUERIES[name]
        if isinstance(expected, dict):
            expected = expected[language]
        if name not in only_within_budget and len(context) != expected:
            queries = "\n".join(f"    {query['sql'][:200]}" for query in context.captured_queries)
            listings.append(f"{name} {url}: {len(context)} queries, expected {expected}\n{queries}")
    assert all(count <= QUERY_BUDGET for count in measured.values()), measured
    assert not listings, "\n".join(listings)
    return measured


@pytest.mark.slow
@pytest.mark.parametrize("language", DEMO_LANGUAGES)
def test_demo_pages_within_budget(client, demo, language):
    assert set(demo[language]) == set(DEMO_QUERIES)
    assert_demo_budget(client, language, demo[language])


@pytest.mark.slow
def test_demo_budget_with_many_more_events_and_initiatives(client, demo):
    """300 more events (a third weekly) and 30 more initiatives: every page costs the same."""
    import datetime

    import recurrence
    from django.utils import timezone
    from wagtail.models import Locale

    from districts.models import DistrictPage
    from initiatives.models import Category, InitiativePage
    from initiatives.occurrence_table import rebuild_all
    from initiatives.occurrences import make_local_aware

    italian = Locale.objects.get(language_code="it")
    districts = list(DistrictPage.objects.filter(locale=italian).order_by("path"))
    category = Category.objects.filter(locale=italian).first()
    weekly = recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)])
    initiatives = [
        districts[number % len(districts)].add_child(
            instance=InitiativePage(
                title=f"Iniziativa {number}",
                slug=f"budget-iniziativa-{number}",
                summary="Un servizio del quartiere",
                category=category,
                locale=italian,
                live=True,
                first_published_at=timezone.now(),
            )
        )
        for number in range(30)
    ]
    today = timezone.localdate()
    for number in range(300):
        start = make_local_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=1 + number % 200), datetime.time(18))
        )
        parent = initiatives[number % 30] if number % 2 else districts[number % len(districts)]
        add_numbered_event(
            parent,
            number,
            start,
            category=category,
            weekly=weekly,
            locale=italian,
            slug_prefix="budget-evento",
        )
    rebuild_all()
    for language in DEMO_LANGUAGES:
        # A results page reads one table per kind of page it shows: it depends on what matches.
        assert_demo_budget(client, language, demo[language], only_within_budget=("search", "search_filtered"))
