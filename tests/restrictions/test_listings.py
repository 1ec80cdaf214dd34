"""Private events and initiatives are left out of every public listing and feed, in every language.

Each test runs for a password, a login and a group restriction, set on the event or on the
initiative above it (conftest.py). Listings show what the public may see whoever asks, so that
they can be cached and shared: a resident signed in, or past the password, sees the same list.
"""

import icalendar
import pytest

from .conftest import PRIVATE_INITIATIVE_TITLE, PRIVATE_TITLE, PUBLIC_TITLE, pass_restriction

pytestmark = pytest.mark.django_db


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def assert_only_public(content, url):
    assert PUBLIC_TITLE in content, url
    assert PRIVATE_TITLE not in content, url


def ics_summaries(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


# --- The pages that list events ----------------------------------------------------------------


def test_home_district_and_whats_on_pages(client, make_private, resident):
    private = make_private()
    for url in ("/it/", "/it/san-salvario/", "/it/cosa-succede/", "/it/san-salvario/calendario/"):
        assert_only_public(text(client, url), url)
    assert PRIVATE_INITIATIVE_TITLE not in text(client, "/it/san-salvario/")
    # Whoever asks: the lists are the public's, even for a resident past the restriction.
    pass_restriction(client, private, resident)
    assert_only_public(text(client, "/it/cosa-succede/"), "/it/cosa-succede/ (past the restriction)")


def test_home_district_and_whats_on_pages_of_a_translation(client, make_private):
    make_private(english=True)
    for url in ("/en/", "/en/san-salvario/", "/en/cosa-succede/", "/en/san-salvario/calendario/"):
        assert_only_public(text(client, url), url)
    assert PRIVATE_INITIATIVE_TITLE not in text(client, "/en/san-salvario/")


def test_home_district_and_whats_on_pages_of_an_alias(client, make_private):
    make_private(arabic=True)
    for url in ("/ar/", "/ar/san-salvario/", "/ar/cosa-succede/", "/ar/san-salvario/calendario/"):
        assert_only_public(text(client, url), url)
    assert PRIVATE_INITIATIVE_TITLE not in text(client, "/ar/san-salvario/")


# --- iCalendar feeds -------------------------------------------------------------------------


def test_portal_and_district_calendar_feeds(client, make_private):
    make_private(english=True, arabic=True)
    for code in ("it", "en", "ar"):
        for url in (f"/{code}/calendar.ics", f"/{code}/san-salvario/calendar.ics"):
            summaries = ics_summaries(client, url)
            assert PUBLIC_TITLE in summaries, url
            assert PRIVATE_TITLE not in summaries, url


# --- RSS and Atom ----------------------------------------------------------------------------


@pytest.mark.parametrize("feed", ["feed.xml", "atom.xml"])
def test_rss_and_atom_feeds(client, make_private, feed):
    make_private(english=True, arabic=True)
    for code in ("it", "en", "ar"):
        for url in (f"/{code}/{feed}", f"/{code}/san-salvario/{feed}"):
            content = text(client, url)
            assert_only_public(content, url)
            assert PRIVATE_INITIATIVE_TITLE not in content, url
