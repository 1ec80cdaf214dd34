"""What the app's new calls cost in queries, with 10 and with 50 items: the same bound for both,
so none of them grows with the content (issue 16: sync, tombstones, find, the preview, proposals).

The first request of each builds the caches a warm worker has (the directory, the renditions);
the second is counted. Counting every database (tests/support/queries.py)."""

import datetime
import json

import pytest
from django.utils import timezone

from tests.api.conftest import events
from tests.factories import (
    InitiativePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    NoticeFactory,
    ProposalFormPageFactory,
)

pytestmark = pytest.mark.django_db

COUNTS = [10, 50]


def since(days=1):
    return (timezone.now() - datetime.timedelta(days=days)).isoformat().replace("+00:00", "Z")


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("count", COUNTS)
@pytest.mark.parametrize(
    "url, budget",
    [
        ("/api/v2/pages/?type=initiatives.EventPage&fields=*&updated_since={since}&limit={count}", 12),
        ("/api/v2/occurrences/?updated_since={since}&limit={count}", 8),
        ("/api/v2/images/?updated_since={since}&limit={count}", 6),
    ],
)
def test_a_listing_of_what_changed_does_not_grow_with_the_items(
    client, district, django_assert_max_num_queries, count, url, budget
):
    events(district, count)
    url = url.format(since=since(), count=count)
    get_json(client, url)
    with django_assert_max_num_queries(budget):
        answer = get_json(client, url)
    if "images" not in url:
        assert len(answer["items"]) == count


@pytest.mark.parametrize("count", COUNTS)
def test_a_listing_of_news_with_every_field_does_not_grow_with_the_items(
    client, district, django_assert_max_num_queries, count
):
    """News items each about an event, their category, audiences and linked pages (issue 17)."""
    listed = events(district, count)
    index = NewsIndexPageFactory(parent=district)
    for number, event in enumerate(listed):
        NewsPageFactory(parent=index, slug=f"notizia-{number}", related_pages=[("page", event)])
    url = f"/api/v2/pages/?type=districts.NewsPage&fields=*&descendant_of={district.pk}&limit={count}"
    get_json(client, url)
    with django_assert_max_num_queries(4):
        answer = get_json(client, url)
    assert len(answer["items"]) == count
    assert all(len(item["related_data"]) == 1 for item in answer["items"])


@pytest.mark.parametrize("count", COUNTS)
def test_the_tombstones_cost_the_same_for_10_and_50(client, district, django_assert_max_num_queries, count):
    moment = since(days=0)
    for event in events(district, count):
        event.unpublish()
    url = f"/api/v2/deleted/?since={moment}&limit={count}"
    get_json(client, url)
    with django_assert_max_num_queries(3):
        answer = get_json(client, url)
    assert answer["meta"]["total_count"] >= count


@pytest.mark.parametrize("count", COUNTS)
def test_find_costs_the_same_however_many_pages(client, district, django_assert_max_num_queries, count):
    event = events(district, count)[-1]
    url = f"/api/v2/pages/find/?html_path=/it/{district.slug}/{event.slug}/"
    assert client.get(url).status_code == 302
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.status_code == 302 and response["Location"].endswith(f"/api/v2/pages/{event.pk}/")


@pytest.mark.parametrize("count", COUNTS)
def test_a_proposal_from_the_app_costs_the_same_however_many_pages(
    client, district, django_assert_max_num_queries, count, mailoutbox
):
    events(district, count)
    form = ProposalFormPageFactory(parent=district)

    def send(name):
        body = {
            "form": form.pk,
            "name": name,
            "proposal": "Un gruppo di lettura per bambini il sabato mattina, in italiano e in arabo.",
            "language": "it",
            "privacy_accepted": True,
        }
        return client.post("/api/v2/proposals/", json.dumps(body), content_type="application/json")

    assert send("Amina").status_code == 201
    # 39 on SQLite: the form page and its fields, the proposal saved with its reference index,
    # the mail's page, manager and fields, and about 20 for the rate limit's two counters in the
    # shared database cache of the test settings (one round trip each with Redis).
    with django_assert_max_num_queries(40):
        assert send("Giorgio").status_code == 201


@pytest.mark.parametrize("count", COUNTS)
def test_the_notices_cost_the_same_for_10_and_50(client, district, django_assert_max_num_queries, count):
    initiative = InitiativePageFactory(parent=district, title="Sportello", slug="sportello")
    for number in range(count):
        NoticeFactory(district=district, title=f"Avviso {number}")
        NoticeFactory(initiative=initiative, title=f"Avviso dello sportello {number}")
    client.get("/api/v2/notices/?limit=100&locale=en")
    with django_assert_max_num_queries(4):
        answer = client.get("/api/v2/notices/?limit=100&locale=en").json()
    assert answer["meta"]["total_count"] == 2 * count
