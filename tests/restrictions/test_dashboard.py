"""The admin home's "next days in your districts" panel marks private events as private.

The people who see the panel edit these districts: Wagtail's explorer shows them the private
pages anyway, and they need to see what is planned. What they must not be led to believe is
that residents will find a private event on the portal.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from .conftest import PRIVATE_TITLE, PUBLIC_TITLE

pytestmark = pytest.mark.django_db


def rows(content):
    """{event title: the panel's table row} of the upcoming panel."""
    panel = content.split('id="district-upcoming-content"', 1)[1].split("</table>", 1)[0]
    found = {}
    for row in panel.split("<tr>")[1:]:
        for title in (PUBLIC_TITLE, PRIVATE_TITLE):
            if title in row:
                found[title] = row
    return found


def test_the_district_editor_sees_private_events_marked_private(client, make_private):
    from districts.editorial import setup_editorial
    from tests.factories import UserFactory

    make_private(english=True)
    setup_editorial()
    editor = UserFactory(username="luca", groups=["San Salvario editors"])
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    found = rows(response.content.decode())
    # The label is in the editor's admin language (Italian by default).
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        label = translation.gettext("private")
    assert label != "private" or response.wsgi_request.LANGUAGE_CODE == "en"
    assert set(found) == {PUBLIC_TITLE, PRIVATE_TITLE}
    assert label not in found[PUBLIC_TITLE]
    assert "w-status--label" in found[PRIVATE_TITLE] and label in found[PRIVATE_TITLE]
