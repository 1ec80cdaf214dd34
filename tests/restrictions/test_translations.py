"""A restriction applies to the page's translations and aliases too: their own addresses ask for
the same password, login or group, and the sitemap, search and the API leave them out.

The Italian pages are translated (or followed by Arabic aliases) first, then made private, as an
editor does who restricts a page that translators have already worked on; wagtail-localize
copies a restriction to a translation only when that translation is synchronised again.
"""

import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page, PageViewRestriction

from tests.factories import EventPageFactory, InitiativePageFactory

from .conftest import PASSWORD, PRIVATE_TITLE, PUBLIC_TITLE, pass_restriction, restrict

pytestmark = pytest.mark.django_db


def assert_refused(response):
    """Wagtail's answer to a visitor who has not passed a restriction, without the page."""
    content = response.content.decode()
    if response.status_code == 302:
        assert "/_util/login/" in response["Location"]
    else:
        assert response.status_code == 200
        assert 'name="password"' in content
    assert "vi aspettiamo" not in content  # the event's summary


# --- Serving ---------------------------------------------------------------------------------


def test_a_translation_asks_for_the_source_pages_restriction(client, make_private, resident):
    private = make_private(english=True)
    english = private.copy("en")
    assert_refused(client.get(english.url))
    assert_refused(client.get(private.copy("en", "initiative").url))
    # The same restriction: past it on the Italian page, the English one opens as well.
    pass_restriction(client, private, resident)
    response = client.get(english.url)
    assert response.status_code == 200
    assert "vi aspettiamo" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_an_alias_asks_for_the_source_pages_restriction(client, make_private):
    private = make_private(arabic=True)
    assert_refused(client.get(private.copy("ar").url))
    assert client.get(private.copy("ar", "public_event").url).status_code == 200


def test_an_alias_of_a_page_in_a_private_section_is_private(client, make_private, other_district):
    """Wagtail's own check follows an alias to its source page, not to the source's ancestors."""
    private = make_private()
    alias = private.event.create_alias(parent=other_district, update_slug="riunione-copia")
    assert_refused(client.get(alias.url))
    assert "/riunione-copia/" not in client.get("/sitemap.xml").content.decode()
    assert alias.pk not in api_ids(client, "/api/v2/pages/?limit=100")


def test_a_restriction_on_a_translation_guards_its_source(client, site_tree, district, en_home):
    """The translations of a page are one page in several languages: a restriction on the
    English copy alone makes the Italian page private too (as the occurrences API had it)."""
    from tests.factories import publish_translation

    event = EventPageFactory(parent=district, title=PRIVATE_TITLE, slug="riunione")
    publish_translation(district, site_tree.en)
    english = publish_translation(event, site_tree.en)
    restrict(english, PageViewRestriction.PASSWORD)
    assert_refused(client.get(event.url))
    assert PRIVATE_TITLE not in client.get("/it/").content.decode()


@pytest.mark.parametrize("case", [(PageViewRestriction.PASSWORD, "page")])
def test_a_translation_with_its_own_copy_of_the_restriction_asks_once(client, make_private):
    """wagtail-localize copies the source's restriction to a translation it synchronises: the
    copy and the source's restriction ask the same, so the visitor is asked once."""
    private = make_private(english=True)
    english = private.copy("en")
    copy = restrict(english, PageViewRestriction.PASSWORD)
    form = client.get(english.url).content.decode()
    action = re.search(r'<form[^>]*action="([^"]+)"', form[form.index('name="password"') - 2000 :]).group(1)
    assert f"/{copy.pk}/{english.pk}/" in action  # the page's own restriction first
    client.post(action, {"password": PASSWORD, "return_url": english.url})
    response = client.get(english.url)
    assert response.status_code == 200
    assert "vi aspettiamo" in response.content.decode()


def test_a_public_pages_translation_and_alias_stay_public(client, make_private):
    private = make_private(english=True, arabic=True)
    for page in (private.copy("en", "public_event"), private.copy("ar", "public_event")):
        response = client.get(page.url)
        assert response.status_code == 200
        assert PUBLIC_TITLE in response.content.decode()


# --- Sitemap ---------------------------------------------------------------------------------


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(response.content)
    return {element.text for element in root.findall("s:url/s:loc", namespace)}


def test_the_sitemap_leaves_out_private_pages_their_translations_and_aliases(client, make_private):
    private = make_private(english=True, arabic=True)
    locations = {location.split("testserver", 1)[-1] for location in sitemap_locations(client)}
    assert private.public_event.url in locations
    assert private.copy("en", "public_event").url in locations
    assert private.copy("ar", "public_event").url in locations
    for page in (private.event, private.copy("en"), private.copy("ar"), private.copy("en", "initiative")):
        assert page.url not in locations, page.url
    # No private page is named as an alternate (hreflang) either.
    content = client.get("/sitemap.xml").content.decode()
    assert "/riunione/" not in content


# --- Search ----------------------------------------------------------------------------------


def test_search_and_suggestions_leave_out_private_translations_and_aliases(client, make_private):
    make_private(english=True, arabic=True)
    for code in ("it", "en", "ar"):
        content = client.get(f"/{code}/search/", {"q": "riunione riservata"}).content.decode()
        assert "/riunione/" not in content, code
        suggestions = client.get(f"/{code}/search/suggest/", {"q": "riunione"}).json()["results"]
        assert suggestions == [], code
        browsing = client.get(f"/{code}/search/", {"type": "event"}).content.decode()
        assert "/festa/" in browsing and "/riunione/" not in browsing, code


def test_no_did_you_mean_from_a_private_pages_words(client, site_tree, district):
    EventPageFactory(parent=district, title="Festa di quartiere", summary="Musica e cena in cortile.")
    event = EventPageFactory(
        parent=district, title="Assemblea", summary="Parliamo del bilancio condominiale."
    )
    restrict(event, PageViewRestriction.LOGIN)
    content = client.get("/it/search/", {"q": "condominiali festa"}).content.decode()
    assert "Festa di quartiere" in content  # found by one of the words
    assert "condominiale" not in content  # not "corrected" into a private page's word


# --- API -------------------------------------------------------------------------------------


def api_ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return {item["id"] for item in response.json()["items"]}


def test_the_api_leaves_out_private_pages_their_translations_and_aliases(client, make_private):
    private = make_private(english=True, arabic=True)
    private_pages = [private.event, private.copy("en"), private.copy("ar"), private.copy("en", "initiative")]
    for url in ("/api/v2/pages/?limit=100", "/api/v2/pages/?limit=100&site=localhost"):
        listed = api_ids(client, url)
        assert private.public_event.pk in listed and private.copy("en", "public_event").pk in listed, url
        assert not {page.pk for page in private_pages} & listed, url
    for page in private_pages:
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    for code in ("it", "en", "ar"):
        items = client.get(f"/api/v2/occurrences/?locale={code}").json()["items"]
        titles = {item["title"] for item in items}
        assert PUBLIC_TITLE in titles and PRIVATE_TITLE not in titles, code


@pytest.mark.parametrize("case", [(PageViewRestriction.PASSWORD, place) for place in ("page", "ancestor")])
def test_the_api_lists_what_a_password_opens_to_whoever_typed_it(client, make_private, resident):
    """The pages endpoint keeps Wagtail's rule: a visitor past a restriction sees what it opens."""
    private = make_private(english=True)
    pass_restriction(client, private, resident)
    listed = api_ids(client, "/api/v2/pages/?limit=100")
    assert {private.event.pk, private.copy("en").pk} <= listed


def test_a_translated_private_section_needs_one_entry_per_language(site_tree, district, en_home):
    """The rule is kept as tree-path prefixes: a private section translated into English costs
    one entry per language, not one per page."""
    from portal.core.visibility import load_guards
    from tests.factories import publish_translation

    section = InitiativePageFactory(parent=district, title="Sezione", slug="sezione")
    events = [EventPageFactory(parent=section, slug=f"e{number}") for number in range(5)]
    publish_translation(district, site_tree.en)
    publish_translation(section, site_tree.en)
    for event in events:
        publish_translation(event, site_tree.en)
    restrict(section, PageViewRestriction.LOGIN)
    guards = load_guards()
    english_section = Page.objects.get(translation_key=section.translation_key, locale=site_tree.en)
    assert sorted(guards.paths) == sorted([section.path, english_section.path])
    assert len(guards.entries) == 2
