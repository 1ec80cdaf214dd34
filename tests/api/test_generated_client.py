"""The API as an app developer meets it: a client generated from the served OpenAPI document
by `openapi-python-client` (a pinned dev requirement), talking HTTP to a live portal with the
demo content.

Once per module: on the demo loaded by `load_demo` (shared with the other modules on it,
tests/support/demo.py; what the module writes is rolled back at its end), the portal is served
on a free port of 127.0.0.1 by a server thread sharing that transaction, `/api/v2/openapi.json`
is fetched from it and the client is generated from that file into a temporary folder and
imported. The tests then use only the
generated operations and models, strictly: the generated models drop unknown members silently
(their `from_dict` pops the fields they know), so each parsed answer is turned back into JSON
and compared with what the server sent; a member the document does not declare is a failure.
"""

import datetime
import importlib
import json
import subprocess
import sys
import threading
import urllib.request
import uuid
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import attrs
import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.support.demo import (  # noqa: F401 (fixtures)
    _demo_media,
    demo_media,
    demo_module,
    shared_demo,
    shared_demo_media,
)

# The database of the tests is the one the live portal serves (each test in a savepoint of it).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

GENERATOR = Path(sys.executable).parent / "openapi-python-client"
PACKAGE = "quartieri_client"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the signature of the standard library)
        """No access log on the test's output."""


class LivePortal:
    """The portal's WSGI application on a real socket, in a thread of this process.

    The thread uses this process's database connections (the module's open transaction, where
    the demo is), so it sees the demo on SQLite in memory and on PostgreSQL alike; requests are
    served one at a time, so the shared connection is never used by two threads at once.
    `app` may be swapped to alter the answers (see the test that a change is caught)."""

    def __init__(self):
        self.server = make_server("127.0.0.1", 0, self, server_class=WSGIServer, handler_class=QuietHandler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.app = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)

    def start(self, connections):
        def serve():
            from django.db import connections as thread_connections

            for connection in connections:
                thread_connections[connection.alias] = connection
            self.server.serve_forever(poll_interval=0.05)

        for connection in connections:
            connection.inc_thread_sharing()
        self.thread = threading.Thread(target=serve, daemon=True)
        self.thread.start()

    def stop(self, connections):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)
        for connection in connections:
            connection.dec_thread_sharing()


@pytest.fixture(scope="module")
def live_portal(shared_demo, django_db_blocker, demo_media):  # noqa: F811 (the fixture imported above)
    """The demo portal, served live; everything it wrote is rolled back at the end.

    The demo is `load_demo`'s, shared with the other modules on it (tests/support/demo.py); its
    last steps that read the base URL (`configure_site`, the default Site) are run again here,
    on the live portal's URL."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections, connections

    portal = LivePortal()
    urls = {name: portal.url for name in ("PORTAL_BASE_URL", "WAGTAILAPI_BASE_URL", "WAGTAILADMIN_BASE_URL")}
    # Django closes a connection in a transaction at the end of each request: keep it open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with (
        demo_module(shared_demo, django_db_blocker, demo_media),
        override_settings(**urls, MEDIA_ROOT=demo_media, PROPOSALS_RATE_LIMIT=100),
    ):
        shared = list(connections.all())
        try:
            call_command("configure_site", verbosity=0)
            portal.app = get_wsgi_application()
            portal.start(shared)
            try:
                yield portal
            finally:
                portal.stop(shared)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def generated(live_portal, tmp_path_factory):
    """The client package generated from the document the live portal serves, imported."""
    folder = tmp_path_factory.mktemp("generated-client")
    with urllib.request.urlopen(f"{live_portal.url}/api/v2/openapi.json", timeout=60) as answer:
        (folder / "openapi.json").write_bytes(answer.read())
    # No post-generation hooks: they would run ruff over the generated code, which we only import.
    (folder / "config.yml").write_text(f"package_name_override: {PACKAGE}\npost_hooks: []\n")
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            "openapi.json",
            "--config",
            "config.yml",
            "--meta",
            "none",
            "--output-path",
            PACKAGE,
            "--fail-on-warning",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"the generator failed:\n{result.stdout}\n{result.stderr}"
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def api(generated, live_portal):
    """The generated client's operations and models, and a client on the live portal that
    raises on any status the document does not declare and never follows redirects."""

    class Api:
        client = generated.Client(
            base_url=f"{live_portal.url}/api/v2",
            raise_on_unexpected_status=True,
            follow_redirects=False,
            timeout=60,
        )
        ops = importlib.import_module(f"{PACKAGE}.api.default")
        models = importlib.import_module(f"{PACKAGE}.models")

        def call(self, operation, **kwargs):
            module = importlib.import_module(f"{PACKAGE}.api.default.{operation}")
            return module.sync_detailed(client=self.client, **kwargs)

    return Api()


def strict(response, model_class=None):
    """The parsed answer, after checking that the generated model kept all of it: turned back
    into JSON it is what the server sent, so no member was unknown to the document (the
    generated models would have dropped it) and no value was read as another type."""
    parsed = response.parsed
    assert parsed is not None, response.status_code
    if model_class is not None:
        assert isinstance(parsed, model_class), (type(parsed), response.content[:300])
    sent = json.loads(response.content)
    assert normalized(parsed.to_dict()) == normalized(sent), difference(parsed.to_dict(), sent)
    return parsed


def normalized(value):
    """JSON with date-times compared as instants (the models write them back in Python's
    ISO format: `+00:00` where the server may send `Z`)."""
    if isinstance(value, dict):
        return {key: normalized(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalized(item) for item in value]
    if isinstance(value, str) and len(value) >= 20 and value[10:11] == "T":
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def difference(kept, sent, path="$"):
    """Where `kept` (the model's JSON) and `sent` (the server's) first differ, readably."""
    if isinstance(sent, dict) and isinstance(kept, dict):
        for key in sent.keys() | kept.keys():
            if key not in kept:
                return f"{path}.{key}: sent by the server, unknown to the generated model"
            if key not in sent:
                return f"{path}.{key}: added by the generated model"
            found = difference(kept[key], sent[key], f"{path}.{key}")
            if found:
                return found
        return ""
    if isinstance(sent, list) and isinstance(kept, list) and len(sent) == len(kept):
        for index, (one, other) in enumerate(zip(kept, sent, strict=True)):
            found = difference(one, other, f"{path}[{index}]")
            if found:
                return found
        return ""
    return "" if normalized(kept) == normalized(sent) else f"{path}: {kept!r} != {sent!r}"


def page_types(document):
    """`app.Model` of every page type the document describes, from PageItem's oneOf."""
    schemas = document["components"]["schemas"]
    types = []
    for ref in schemas["PageItem"]["oneOf"]:
        schema = schemas[ref["$ref"].rsplit("/", 1)[1]]
        meta_type = schema["properties"]["meta"]["properties"].get("type")
        if meta_type and meta_type["enum"] != ["wagtailcore.Page"]:
            types.extend(meta_type["enum"])
    return types


@pytest.fixture(scope="module")
def document(generated):
    return json.loads((Path(generated.__file__).parents[1] / "openapi.json").read_text())


@pytest.fixture(scope="module")
def listed(api, document):
    """Every page of every type in every language, as the generated listing parses it:
    {(type, locale): [item, …]} (all pages of the listing, 100 at a time)."""
    pages = {}
    for page_type in page_types(document):
        for locale in api.models.ListPagesLocale:
            items, total = [], None
            while total is None or len(items) < total:
                response = api.call(
                    "list_pages", type_=page_type, fields="*", locale=locale, limit=100, offset=len(items)
                )
                assert response.status_code == 200, (page_type, locale, response.content[:300])
                listing = strict(response, api.models.PageListing)
                total = listing.meta.total_count
                assert listing.items or not total
                items.extend(listing.items)
            pages[page_type, locale.value] = items
    return pages


def test_every_page_type_lists_in_every_language_into_its_own_model(api, document, listed):
    models = {
        "home.HomePage": api.models.HomePage,
        "districts.DistrictPage": api.models.DistrictPage,
        "initiatives.InitiativePage": api.models.InitiativePage,
        "initiatives.EventPage": api.models.EventPage,
        "initiatives.CalendarPage": api.models.CalendarPage,
        "districts.ProposalFormPage": api.models.ProposalFormPage,
        "districts.NewsIndexPage": api.models.NewsIndexPage,
        "districts.NewsPage": api.models.NewsPage,
    }
    assert set(page_types(document)) == set(models), "a page type without a check here"
    assert {locale for _type, locale in listed} == {"it", "en", "fr", "ar", "ro", "zh-hans", "es"}
    for (page_type, locale), items in listed.items():
        assert items, f"the demo has no {page_type} in {locale}"
        for item in items:
            assert isinstance(item, models[page_type]), (page_type, type(item))
            assert item.meta.type_.value == page_type
            assert item.meta.locale.value == locale
    events = listed["initiatives.EventPage", "en"]
    assert any(event.next_dates for event in events)
    assert any(event.venue_data for event in events)
    assert any(news.related_data for news in listed["districts.NewsPage", "ar"])


def test_models_of_closed_objects_keep_no_additional_properties(api):
    """Only the open maps of the document (a proposal's extra answers, its errors by field, a
    device's errors by member) have additional properties; every other model is closed, as its
    schema."""
    models = [getattr(api.models, name) for name in api.models.__all__]
    open_models = {
        model.__name__
        for model in models
        if attrs.has(model) and "additional_properties" in attrs.fields_dict(model)
    }
    assert len(models) > 50
    assert open_models == {"ProposalRequestExtra", "ProposalErrorsErrors", "DeviceErrorsErrors"}


def test_each_page_detail_parses_like_its_listing_item(api, listed):
    # Every page in Italian and English, the first of each type in the other languages.
    seen = 0
    for (page_type, locale), items in listed.items():
        for item in items if locale in ("it", "en") else items[:1]:
            response = api.call("get_page", id=item.id)
            assert response.status_code == 200, (item.id, response.content[:300])
            detail = strict(response, type(item))
            assert detail.id == item.id
            assert detail.meta.type_.value == page_type
            assert detail.meta.locale.value == locale
            seen += 1
    assert seen >= 50
    missing = api.call("get_page", id=999_999)
    assert missing.status_code == 404
    assert strict(missing, api.models.Error).message


def test_shared_links_open_through_find(api, listed):
    for locale in ("it", "ar", "zh-hans"):
        district = listed["districts.DistrictPage", locale][0]
        response = api.call("find_page", html_url=district.meta.html_url)
        assert response.status_code == 302, response.content[:300]
        assert response.headers["Location"] == district.meta.detail_url
        path = district.meta.html_url.removeprefix(api.client._base_url.removesuffix("/api/v2"))
        by_path = api.call("find_page", html_path=path)
        assert by_path.status_code == 302
        assert by_path.headers["Location"] == district.meta.detail_url
        followed = api.client.get_httpx_client().get(response.headers["Location"])
        assert api.models.DistrictPage.from_dict(followed.json()).id == district.id
    wrong = api.call("find_page", html_path="/it/no-such-page/")
    assert wrong.status_code == 404
    assert strict(wrong, api.models.Error).message
    mismatch = api.call("find_page", html_path=path, locale=api.models.FindPageLocale.IT)
    assert mismatch.status_code == 400
    assert "locale" in strict(mismatch, api.models.Error).message


def test_occurrences_of_a_year(api):
    today = datetime.date.today()
    items, total = [], None
    while total is None or len(items) < total:
        response = api.call(
            "list_occurrences",
            start=today,
            end=today + datetime.timedelta(days=365),
            locale=api.models.ListOccurrencesLocale.EN,
            limit=100,
            offset=len(items),
        )
        assert response.status_code == 200, response.content[:300]
        listing = strict(response, api.models.OccurrenceListing)
        total = listing.meta.total_count
        items.extend(listing.items)
    assert len(items) > 50
    assert all(item.locale.value == "en" for item in items)
    assert [item.start for item in items] == sorted(item.start for item in items)
    too_long = api.call("list_occurrences", start=today, end=today + datetime.timedelta(days=400))
    assert too_long.status_code == 400
    assert strict(too_long, api.models.Error).message


def test_notices_shown_now_in_every_district(api):
    listing = strict(api.call("list_notices", limit=100), api.models.NoticeListing)
    assert listing.meta.total_count == len(listing.items) >= 4  # an urgent one per district, the portal's
    assert all(item.active for item in listing.items)
    assert "urgent" in {getattr(item.level, "value", item.level) for item in listing.items}
    http = api.client.get_httpx_client()
    arabic = http.get("notices/", params={"locale": "ar", "level": "urgent"})
    assert arabic.status_code == 200, arabic.content[:300]
    items = api.models.NoticeListing.from_dict(arabic.json()).items
    assert items and all(item.locale == "ar" and item.translated for item in items)
    wrong = http.get("notices/", params={"active": "yesterday"})
    assert wrong.status_code == 400
    assert api.models.Error.from_dict(wrong.json()).message


def test_images_and_documents(api):
    images = strict(api.call("list_images", fields="*", limit=100), api.models.ImageListing)
    assert images.items, "the demo's pages show pictures"
    for image in images.items[:5]:
        detail = strict(api.call("get_image", id=image.id), api.models.ImageItem)
        assert detail.id == image.id
    documents = strict(api.call("list_documents", limit=100), api.models.DocumentListing)
    assert documents.meta.total_count == len(documents.items)


def test_nothing_deleted_since_now(api):
    now = datetime.datetime.now(datetime.UTC)
    tombstones = strict(api.call("list_deleted", since=now), api.models.TombstoneListing)
    assert tombstones.items == []
    assert tombstones.meta.next_since is not None
    naive = api.client.get_httpx_client().get("/deleted/", params={"since": "2026-01-01"})
    assert naive.status_code == 400


def test_a_proposal_is_received_and_a_bad_one_explained(api, listed):
    """Through the form listed in every language: translated, or an alias of the Italian one
    (the demo does not translate every form): both reach the house."""
    locale = api.models.CreateProposalLocale.EN
    forms = [
        form
        for (page_type, _locale), items in listed.items()
        if page_type.endswith("FormPage")
        for form in items
    ]
    assert len(forms) >= 7
    for form in forms:
        extra = {
            field.name: "Saturday morning" for field in form.fields_data if field.extra and field.required
        }
        body = api.models.ProposalRequest(
            form=form.id,
            name="Amina",
            email="amina@example.org",
            proposal=f"A reading group in Arabic and Italian for children ({uuid.uuid4().hex[:8]}).",
            language=api.models.ProposalRequestLanguage.AR,
            privacy_accepted=True,
        )
        if extra:
            body.extra = api.models.ProposalRequestExtra.from_dict(extra)
        created = api.call("create_proposal", body=body, locale=locale)
        assert created.status_code == 201, (form.id, form.meta.locale, created.content[:500])
        answer = strict(created, api.models.ProposalCreated)
        assert answer.id
        assert answer.status.value == "received"

    bad = api.models.ProposalRequest(
        form=form.id,
        name="",
        proposal="",
        language=api.models.ProposalRequestLanguage.AR,
        privacy_accepted=False,
    )
    refused = api.call("create_proposal", body=bad, locale=locale)
    assert refused.status_code == 400, refused.content[:500]
    errors = strict(refused, api.models.ProposalErrors)
    assert errors.message
    assert {"name", "privacy_accepted"} <= set(errors.errors.additional_properties)

    nowhere = api.call(
        "create_proposal", body=api.models.ProposalRequest.from_dict({**body.to_dict(), "form": 999_999})
    )
    assert nowhere.status_code == 404


def test_a_member_the_document_does_not_declare_is_caught(api, live_portal, listed):
    """The strict parse can fail: an answer with one more member than the document says (as a
    server change without its declaration would send) is refused."""
    item = listed["initiatives.EventPage", "it"][0]
    real = live_portal.app

    def one_more_member(environ, start_response):
        def without_length(status, headers, *args):
            headers = [(name, value) for name, value in headers if name.lower() != "content-length"]
            return start_response(status, headers, *args)

        body = b"".join(real(environ, without_length))
        answer = json.loads(body)
        answer["meta"]["undeclared"] = True
        return [json.dumps(answer).encode()]

    live_portal.app = one_more_member
    try:
        response = api.call("get_page", id=item.id)
    finally:
        live_portal.app = real
    assert response.status_code == 200
    assert isinstance(response.parsed, api.models.EventPage), "the generated model drops it silently"
    with pytest.raises(AssertionError, match=r"\$\.meta\.undeclared: sent by the server, unknown"):
        strict(response, api.models.EventPage)
