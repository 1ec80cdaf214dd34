"""Offline sync: an app lists everything once, then asks only for what changed
(`?updated_since=`) and what left the public's view (`/api/v2/deleted/?since=`), and ends with
exactly what a fresh full listing gives."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import (
    EventPageFactory,
    InitiativePageFactory,
    days_from_now,
    make_image,
    publish_translation,
)

pytestmark = pytest.mark.django_db

PAGE_TYPES = (
    "home.HomePage",
    "districts.DistrictPage",
    "initiatives.InitiativePage",
    "initiatives.EventPage",
)


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def every(client, url, **params):
    """Every item of a listing, page by page."""
    items, offset = [], 0
    while True:
        data = get(client, url, limit=100, offset=offset, **params)
        items.extend(data["items"])
        offset += 100
        if offset >= data["meta"]["total_count"]:
            return items


def occurrence_window():
    today = timezone.localdate()
    return {"start": today.isoformat(), "end": (today + datetime.timedelta(days=60)).isoformat()}


def listing(client, **since):
    """{"pages": {id: item}, "occurrences": {(event_id, start): item}, "images": …, "documents": …}."""
    pages = {}
    for page_type in PAGE_TYPES:
        for item in every(client, "/api/v2/pages/", type=page_type, fields="*", locale="it", **since):
            pages[item["id"]] = item
    occurrences = every(client, "/api/v2/occurrences/", locale="it", **occurrence_window(), **since)
    return {
        "pages": pages,
        "occurrences": {(item["event_id"], item["start"]): item for item in occurrences},
        "images": {item["id"]: item for item in every(client, "/api/v2/images/", **since)},
        "documents": {item["id"]: item for item in every(client, "/api/v2/documents/", **since)},
    }


def full_sync(client):
    since = get(client, "/api/v2/deleted/", since=timezone.now().isoformat())["meta"]["next_since"]
    return listing(client), since


def delta_sync(client, store, since):
    """What an app does (docs/API.md, Offline and sync): tombstones first, then the changes."""
    deleted = get(client, "/api/v2/deleted/", since=since)
    delta = listing(client, updated_since=since)
    for tombstone in deleted["items"]:
        if tombstone["type"] in ("page", "occurrence-source"):
            store["occurrences"] = {
                key: item for key, item in store["occurrences"].items() if item["event_id"] != tombstone["id"]
            }
        if tombstone["type"] == "page":
            store["pages"].pop(tombstone["id"], None)
        elif tombstone["type"] in ("image", "document"):
            store[tombstone["type"] + "s"].pop(tombstone["id"], None)
    for kind in ("pages", "occurrences", "images", "documents"):
        store[kind].update(delta[kind])
    return store, deleted, delta, deleted["meta"]["next_since"]


def test_a_delta_sync_ends_with_exactly_the_live_public_content(
    client, portal, english, settings, django_capture_on_commit_callbacks
):
    settings.API_CACHE_SECONDS = 0  # no cache may hold an answer back: next_since is now
    district, initiative = portal.district, portal.initiative
    doomed = EventPageFactory(
        parent=district, title="Da cancellare", start=days_from_now(4), end=days_from_now(4, 20)
    )
    mover = EventPageFactory(
        parent=district, title="Da spostare", start=days_from_now(5), end=days_from_now(5, 20)
    )
    private = InitiativePageFactory(parent=district, title="Riservata")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="cortile")  # noqa: S106
    reopened = InitiativePageFactory(parent=district, title="Riaperta")
    lock = PageViewRestriction.objects.create(page=reopened, restriction_type="login")
    untouched = portal.district.pk
    call_command("purge_sync_records", stdout=StringIO())  # the nightly run notes the public files

    store, since = full_sync(client)
    assert {portal.weekly.pk, portal.free.pk, doomed.pk, mover.pk} <= set(store["pages"])
    assert private.pk not in store["pages"] and reopened.pk not in store["pages"]
    assert portal.image.pk in store["images"]

    with django_capture_on_commit_callbacks(execute=True):
        free = portal.free
        free.title = "Cineforum d'estate"
        free.image = make_image("Schermo")  # a picture added to a page
        free.save_revision().publish()
        created = EventPageFactory(
            parent=district, title="Nuovo", start=days_from_now(6), end=days_from_now(6, 20)
        )
        portal.weekly.unpublish()
        doomed.delete()
        mover.move(private, pos="last-child")
        PageViewRestriction.objects.create(page=initiative, restriction_type="login")  # hides `pictured`
        lock.delete()
        translated = publish_translation(created, english)

    store, deleted, delta, _next = delta_sync(client, store, since)
    fresh = listing(client)
    assert store == fresh

    # The delta carried the changes only, and said what left.
    gone = {(item["type"], item["id"]) for item in deleted["items"]}
    assert {("page", portal.weekly.pk), ("page", doomed.pk), ("page", mover.pk)} <= gone
    assert {("page", initiative.pk), ("page", portal.pictured.pk), ("image", portal.image.pk)} <= gone
    assert {free.pk, created.pk, reopened.pk} <= set(delta["pages"])
    assert untouched not in delta["pages"] and translated.pk not in delta["pages"]  # another locale
    assert free.image_id in delta["images"]
    assert reopened.pk in fresh["pages"] and created.pk in fresh["pages"]


def test_a_page_made_public_again_loses_its_tombstone(client, portal, settings):
    settings.API_CACHE_SECONDS = 0
    since = get(client, "/api/v2/deleted/", since=timezone.now().isoformat())["meta"]["next_since"]
    restriction = PageViewRestriction.objects.create(page=portal.free, restriction_type="login")
    assert [item["id"] for item in get(client, "/api/v2/deleted/", since=since, type="page")["items"]] == [
        portal.free.pk
    ]
    restriction.delete()
    assert get(client, "/api/v2/deleted/", since=since, type="page")["items"] == []
    updated = get(client, "/api/v2/pages/", updated_since=since)
    assert [item["id"] for item in updated["items"]] == [portal.free.pk]


@pytest.mark.parametrize(
    "url", ["/api/v2/pages/", "/api/v2/occurrences/", "/api/v2/images/", "/api/v2/documents/"]
)
@pytest.mark.parametrize("value", ["yesterday", "2026-11-28", "2026-11-28T10:00:00", "2026-13-01T10:00:00Z"])
def test_a_bad_updated_since_is_a_400_with_a_message(client, portal, url, value):
    response = client.get(url, {"updated_since": value})
    assert response.status_code == 400
    assert "updated_since" in response.json()["message"]


@pytest.mark.parametrize("url", ["/api/v2/pages/?updated_since", "/api/v2/deleted/?since"])
def test_a_since_older_than_the_kept_tombstones_asks_for_a_full_sync(client, portal, settings, url):
    settings.API_TOMBSTONE_DAYS = 30
    old = (timezone.now() - datetime.timedelta(days=31)).isoformat()
    response = client.get(url + "=" + old.replace("+", "%2B"))
    assert response.status_code == 410
    message = response.json()["message"]  # in the request's language (Italian here)
    assert "30" in message and "updated_since" in message


def test_deleted_needs_since_and_a_known_type(client, portal):
    assert client.get("/api/v2/deleted/").status_code == 400
    now = timezone.now().isoformat().replace("+", "%2B")
    response = client.get(f"/api/v2/deleted/?since={now}&type=user")
    assert response.status_code == 400 and "type" in response.json()["message"]


def test_updated_since_has_its_own_answer_and_etag(client, portal, settings):
    """The counts and items kept by content version are keyed by the asked parameters: a sync
    answer is never the full listing's, and its ETag still gives a 304."""
    settings.API_CACHE_SECONDS = 0
    full = client.get("/api/v2/pages/")
    since = timezone.now().isoformat()
    portal.free.save_revision().publish()
    changed = client.get("/api/v2/pages/", {"updated_since": since})
    assert changed.json()["meta"]["total_count"] == 1 < full.json()["meta"]["total_count"]
    again = client.get("/api/v2/pages/", {"updated_since": since}, headers={"if-none-match": changed["ETag"]})
    assert again.status_code == 304


def test_old_records_are_purged(client, portal, clock):
    portal.weekly.unpublish()
    clock.set(timezone.now() + datetime.timedelta(days=91))
    call_command("purge_sync_records", stdout=StringIO())
    since = (timezone.now() - datetime.timedelta(days=89)).isoformat()
    assert get(client, "/api/v2/deleted/", since=since)["items"] == []
