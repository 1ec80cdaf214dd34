"""Wagtail's internals the portal relies on (portal.core.upstream, "Wagtail")."""

from io import BytesIO
from types import SimpleNamespace

import pytest
from django.http import Http404
from rest_framework.request import Request
from wagtail import blocks
from wagtail import views as wagtail_views
from wagtail.api.v2.filters import ChildOfFilter, DescendantOfFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.blocks import StreamValue
from wagtail.models import Page, Site

from portal.core import upstream
from tests.factories import make_image


def test_the_remembered_site_is_the_one_wagtail_keeps(site_tree, rf, django_assert_num_queries):
    request = rf.get("/", HTTP_HOST="localhost")
    site = upstream.remembered_site(request, lambda: site_tree.site)
    assert site == site_tree.site
    assert upstream.remembered_site(request, lambda: pytest.fail("found twice")) is site
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site
    # And the other way round: what Wagtail found first is remembered.
    other = rf.get("/", HTTP_HOST="localhost")
    found = Site.find_for_request(other)
    assert upstream.remembered_site(other, lambda: pytest.fail("Wagtail's answer ignored")) is found


def test_a_remembered_route_is_the_one_wagtail_serves(home, rf, django_assert_num_queries):
    request = rf.get("/altrove/", HTTP_HOST="localhost")
    assert not upstream.route_is_remembered(request)
    route = home.route(request, [])
    upstream.remember_route(request, route)
    assert upstream.route_is_remembered(request)
    with django_assert_num_queries(0):
        assert Page.route_for_request(request, "/altrove/") is route
    # Wagtail's serve view takes the remembered answer: None is a 404, even for the home page.
    request = rf.get("/", HTTP_HOST="localhost")
    upstream.remember_route(request, None)
    with pytest.raises(Http404):
        wagtail_views.serve(request, "")


def test_a_cached_parent_costs_no_query(district, home, django_assert_num_queries):
    page = Page.objects.get(pk=district.pk)
    upstream.set_cached_parent(page, home)
    with django_assert_num_queries(0):
        assert page.get_parent() is home


def test_stream_items_are_read_raw_and_converted_in_place():
    stream_block = blocks.StreamBlock([("text", blocks.CharBlock()), ("number", blocks.IntegerBlock())])
    raw = [{"type": "text", "value": "ciao", "id": "a1"}, {"type": "number", "value": 3, "id": "b2"}]
    stream = StreamValue(stream_block, raw, is_lazy=True)  # as a StreamField loads it
    assert upstream.stream_raw_items(stream) == raw
    assert upstream.unconverted_stream_items(stream) == [(0, raw[0]), (1, raw[1])]
    text_block = stream_block.child_blocks["text"]
    upstream.set_stream_child(stream, 0, text_block, "convertito")
    assert upstream.unconverted_stream_items(stream) == [(1, raw[1])]
    child = stream[0]  # Wagtail uses the stored child instead of converting the raw value
    assert (child.block, child.value, child.id) == (text_block, "convertito", "a1")
    assert stream[1].value == 3
    assert upstream.unconverted_stream_items(stream) == []


def test_the_child_of_mark_is_carried_to_wagtails_filters(district, home, rf):
    request = Request(rf.get(f"/?child_of={home.pk}&descendant_of={home.pk}"))
    view = SimpleNamespace(get_base_queryset=lambda: Page.objects.all())
    marked = ChildOfFilter().filter_queryset(request, Page.objects.all(), view)
    filtered = upstream.keep_child_of_mark(marked, marked.filter(live=True))
    assert [page.pk for page in filtered] == [district.pk]
    # DescendantOfFilter reads the mark: child_of and descendant_of together are refused.
    with pytest.raises(BadRequestError, match="child_of"):
        DescendantOfFilter().filter_queryset(request, filtered, view)
    # A queryset filtered without the door has lost it.
    DescendantOfFilter().filter_queryset(request, marked.filter(live=True), view)


def test_rich_text_links_are_read_as_wagtail_reads_them():
    html = (
        '<p>Vedi <a linktype="page" id="12">la casa</a>,'
        ' <a href="https://example.org/?a=1&amp;b=2">il sito</a>'
        ' e <a id="7" linktype="document">il volantino</a>.</p>'
    )
    assert upstream.rich_text_link_attrs(html) == [
        {"linktype": "page", "id": "12"},
        {"href": "https://example.org/?a=1&b=2"},
        {"id": "7", "linktype": "document"},
    ]
    assert upstream.rich_text_link_attrs("<p>Nessun collegamento</p>") == []


@pytest.mark.django_db
def test_the_file_hash_is_the_one_wagtail_stores():
    image = make_image()
    with image.open_file() as file:
        data = file.read()
    type(image).objects.filter(pk=image.pk).update(file_hash="")
    image.refresh_from_db()
    assert image.get_file_hash() == upstream.file_hash(BytesIO(data))  # Wagtail computes it again
    assert len(upstream.file_hash(BytesIO(data))) == 40


def test_the_api_endpoints_are_the_ones_the_router_registered():
    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail.api.v2.views import PagesAPIViewSet

    router = WagtailAPIRouter("test")
    router.register_endpoint("pages", PagesAPIViewSet)
    assert upstream.api_endpoints(router) == {"pages": PagesAPIViewSet}
    assert [pattern.pattern.regex.pattern for pattern in router.get_urlpatterns()][0].startswith("^pages")
