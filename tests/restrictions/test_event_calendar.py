"""An event's own `.ics` answers as the event's page does: the password form or the login redirect
to whoever has not passed its restriction, the calendar (never cached) to whoever has."""

import pytest
from wagtail.models import PageViewRestriction

from .conftest import PRIVATE_TITLE, pass_restriction

pytestmark = pytest.mark.django_db


def ics_url(page):
    return page.url + "calendar.ics"


def assert_refused_like_the_page(client, page):
    """The .ics gets the page's own answer, and not a word of the event."""
    expected = client.get(page.url)
    response = client.get(ics_url(page))
    assert response.status_code == expected.status_code
    assert "BEGIN:VCALENDAR" not in response.content.decode()
    assert "vi aspettiamo" not in response.content.decode()  # the event's summary
    if response.status_code == 302:
        # The login page, then back to the calendar file.
        assert response["Location"].split("?")[0] == expected["Location"].split("?")[0]
        assert "calendar.ics" in response["Location"]
    else:
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode()
        assert "calendar.ics" in response.content.decode()  # the form's return address
    assert "no-store" in response["Cache-Control"]


def assert_calendar(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/calendar")
    assert PRIVATE_TITLE in response.content.decode()
    # Never kept by the page cache or a shared proxy: it is someone's private answer.
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_private_events_calendar_file_asks_what_its_page_asks(client, make_private, resident):
    private = make_private()
    assert_refused_like_the_page(client, private.event)
    if private.kind == PageViewRestriction.GROUPS:
        client.force_login(resident)  # signed in, but not in the group
        assert_refused_like_the_page(client, private.event)
    pass_restriction(client, private, resident)
    assert_calendar(client.get(ics_url(private.event)))


def test_a_translations_calendar_file_asks_for_the_source_pages_restriction(client, make_private, resident):
    private = make_private(english=True)
    english = private.copy("en")
    assert_refused_like_the_page(client, english)
    # Past the Italian page's password (or signed in): the English calendar opens too.
    pass_restriction(client, private, resident)
    assert_calendar(client.get(ics_url(english)))


def test_an_aliass_calendar_file_asks_for_the_source_pages_restriction(client, make_private):
    private = make_private(arabic=True)
    assert_refused_like_the_page(client, private.copy("ar"))


def test_a_public_events_calendar_file_stays_public_and_cacheable(client, make_private):
    private = make_private()
    response = client.get(ics_url(private.public_event))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "no-store" not in response["Cache-Control"]
