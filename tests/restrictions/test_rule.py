"""The rule itself (portal/core/visibility.py): which restrictions guard which subtrees, and its cost."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from portal.core.page_cache import request_version
from portal.core.visibility import get_guards, load_guards
from tests.factories import EventPageFactory, InitiativePageFactory, publish_translation

from .conftest import restrict

pytestmark = pytest.mark.django_db


def english(page, locale):
    return Page.objects.get(translation_key=page.translation_key, locale=locale)


def test_a_translation_inside_a_private_section_keeps_its_own_pages_restriction(site_tree, district, en_home):
    """An English event inside the English copy of a section that a login guards, whose Italian
    source also has a password: the English event asks for both, like the Italian one."""
    section = InitiativePageFactory(parent=district, slug="sezione")
    event = EventPageFactory(parent=section, slug="evento")
    for page in (district, section, event):
        publish_translation(page, site_tree.en)
    login = restrict(english(section, site_tree.en), PageViewRestriction.LOGIN)
    password = restrict(event, PageViewRestriction.PASSWORD)
    guards = load_guards()
    assert {r.pk for r in guards.restrictions_for(english(event, site_tree.en).path)} == {
        login.pk,
        password.pk,
    }
    assert {r.pk for r in guards.restrictions_for(event.path)} == {login.pk, password.pk}
    assert guards.restrictions_for(district.path) == []


def test_groups_of_a_restriction_are_part_of_what_it_asks(site_tree, district, en_home):
    """Two group restrictions for different groups are both asked for."""
    event = EventPageFactory(parent=district, slug="evento")
    publish_translation(district, site_tree.en)
    copy = publish_translation(event, site_tree.en)
    source = restrict(event, PageViewRestriction.GROUPS, Group.objects.create(name="Volontari"))
    own = restrict(copy, PageViewRestriction.GROUPS, Group.objects.create(name="Insegnanti"))
    assert {r.pk for r in load_guards().restrictions_for(copy.path)} == {source.pk, own.pk}


def test_the_guards_are_read_from_the_cache_without_a_query(site_tree, district):
    restrict(EventPageFactory(parent=district), PageViewRestriction.LOGIN)
    request = RequestFactory().get("/")
    request_version(request)
    get_guards(request)  # built once per content version
    with CaptureQueriesContext(connection) as queries:
        guards = get_guards(request)
    assert len(queries) == 0
    assert len(guards.paths) == 1


def queries_of_second_view(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_restrictions_elsewhere_add_no_query_to_a_page_or_a_listing(client, site_tree, district, en_home):
    event = EventPageFactory(parent=district, slug="evento")
    urls = [
        "/it/",
        "/it/san-salvario/",
        event.url,
        "/it/calendar.ics",
        "/it/feed.xml",
        "/api/v2/occurrences/",
    ]
    before = {url: queries_of_second_view(client, url) for url in urls}
    section = InitiativePageFactory(parent=district, slug="sezione")
    private = EventPageFactory(parent=section, slug="privato")
    publish_translation(district, site_tree.en)
    publish_translation(section, site_tree.en)
    publish_translation(private, site_tree.en)
    restrict(section, PageViewRestriction.PASSWORD)
    restrict(private, PageViewRestriction.LOGIN)
    after = {url: queries_of_second_view(client, url) for url in urls}
    assert after == before


def test_changing_only_the_groups_of_a_restriction_bumps_the_content_version(site_tree, district):
    """Wagtail's privacy dialog saves the restriction, then its groups: the second step alone
    must invalidate what was cached under the old groups."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from portal.core.page_cache import read_version

    restriction = PageViewRestriction.objects.create(page=district, restriction_type="groups")
    before = read_version()
    restriction.groups.add(Group.objects.create(name="Residents' committee"))
    after_add = read_version()
    restriction.groups.clear()
    assert before < after_add < read_version()


def test_a_draft_save_keeps_the_page_cache_and_publishing_empties_it(site_tree, district):
    """An editor's draft (and Wagtail's autosave every few seconds) changes nothing residents
    see, so it must not empty the cache of the whole portal; publishing it does."""
    from portal.core.page_cache import read_version

    before = read_version()
    district.title = "San Salvario (draft)"
    revision = district.save_revision()
    assert read_version() == before
    revision.publish()
    assert read_version() > before
