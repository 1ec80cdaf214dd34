"""Where each page type may live in the tree, with Wagtail's own page-test assertions."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from districts.models import DistrictPage, NewsIndexPage, NewsPage, ProposalFormPage
from home.models import HomePage
from initiatives.models import CalendarPage, EventPage, InitiativePage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {DistrictPage, CalendarPage, NewsIndexPage})

    def test_district_page(self):
        self.assertAllowedParentPageTypes(DistrictPage, {HomePage})
        self.assertAllowedSubpageTypes(
            DistrictPage, {InitiativePage, EventPage, CalendarPage, NewsIndexPage, ProposalFormPage}
        )

    def test_initiative_page(self):
        self.assertAllowedParentPageTypes(InitiativePage, {DistrictPage})
        self.assertAllowedSubpageTypes(InitiativePage, {EventPage})

    def test_event_page(self):
        self.assertAllowedParentPageTypes(EventPage, {DistrictPage, InitiativePage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_calendar_page(self):
        self.assertAllowedParentPageTypes(CalendarPage, {HomePage, DistrictPage})
        self.assertAllowedSubpageTypes(CalendarPage, set())

    def test_news_pages(self):
        # News live in a news index, the portal's (under the home page) or a district's.
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage, DistrictPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanNotCreateAt(DistrictPage, NewsPage)
        self.assertCanNotCreateAt(InitiativePage, NewsIndexPage)
        self.assertEqual(NewsIndexPage.max_count_per_parent, 1)

    def test_allowed_pairs(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, DistrictPage)
        self.assertCanCreateAt(HomePage, CalendarPage)
        self.assertCanCreateAt(DistrictPage, InitiativePage)
        self.assertCanCreateAt(DistrictPage, EventPage)
        self.assertCanCreateAt(DistrictPage, CalendarPage)
        self.assertCanCreateAt(InitiativePage, EventPage)

    def test_forbidden_pairs(self):
        # Events and initiatives always belong to a district.
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(HomePage, InitiativePage)
        self.assertCanNotCreateAt(Page, DistrictPage)
        # No district inside a district, no initiative inside an initiative.
        self.assertCanNotCreateAt(DistrictPage, DistrictPage)
        self.assertCanNotCreateAt(InitiativePage, InitiativePage)
        self.assertCanNotCreateAt(InitiativePage, CalendarPage)
        # Events and calendars are leaves.
        self.assertCanNotCreateAt(EventPage, EventPage)
        self.assertCanNotCreateAt(CalendarPage, EventPage)
        self.assertCanNotCreateAt(DistrictPage, HomePage)


class PageCountRulesTests(WagtailPageTestCase):
    def test_one_home_page_per_parent_and_one_calendar_per_parent(self):
        self.assertEqual(HomePage.max_count_per_parent, 1)
        self.assertEqual(CalendarPage.max_count_per_parent, 1)

    def test_a_second_calendar_cannot_be_added_to_the_same_district(self):
        from tests.factories import CalendarPageFactory, DistrictPageFactory, build_site_tree

        tree = build_site_tree()
        district = DistrictPageFactory(parent=tree.home)
        self.assertTrue(CalendarPage.can_create_at(district))
        CalendarPageFactory(parent=district)
        self.assertFalse(CalendarPage.can_create_at(district))
        # …while another district still can have its own.
        self.assertTrue(CalendarPage.can_create_at(DistrictPageFactory(parent=tree.home)))
