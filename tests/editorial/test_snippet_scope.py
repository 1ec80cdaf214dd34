"""Houses and Community Managers are scoped per district like pages, in the snippet views and in
wagtail-localize's endpoints, for every role: the district's editor (Luca), its Community Manager
(Sara), another district's Community Manager (Imma), a translator (Amal) and a superuser.

Only the district's Community Managers (and superusers) change the facts of its records; a
translator translates the words of every district's records in the translation editor, never in
the edit form.
"""

from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from districts.models import CommunityManager, NeighbourhoodHouse
from tests.factories import translate_with_localize

pytestmark = pytest.mark.django_db

ROLES = ["editor", "sara", "imma", "translator", "superuser"]


@pytest.fixture
def people(editor, sara, imma, translator, superuser):
    return SimpleNamespace(editor=editor, sara=sara, imma=imma, translator=translator, superuser=superuser)


@pytest.fixture
def records(editorial):
    """Both districts' managers and houses, translated into English with wagtail-localize."""
    from wagtail_localize.models import Translation

    def translated(instance, texts):
        english = translate_with_localize(instance, editorial.en, texts)
        translation = Translation.objects.get(
            source__object_id=instance.translation_key, target_locale=editorial.en
        )
        return english, translation

    ss_manager = editorial.ss.manager
    ms_manager = editorial.ms.manager
    ss_manager_en, ss_manager_translation = translated(ss_manager, {"Community Manager": "Community manager"})
    ms_manager_en, ms_manager_translation = translated(ms_manager, {"Community Manager": "Community manager"})
    ss_house_en, ss_house_translation = translated(
        editorial.ss.house, {"Casa del Quartiere di San Salvario": "San Salvario Neighbourhood House"}
    )
    return SimpleNamespace(
        ss_manager=ss_manager,
        ss_manager_en=ss_manager_en,
        ss_manager_translation=ss_manager_translation,
        ms_manager=ms_manager,
        ms_manager_en=ms_manager_en,
        ms_manager_translation=ms_manager_translation,
        ss_house=editorial.ss.house,
        ss_house_en=ss_house_en,
        ss_house_translation=ss_house_translation,
        ms_house=editorial.ms.house,
    )


def as_role(client, people, role):
    client.force_login(getattr(people, role))
    return client


def snippet_url(action, instance, *args):
    return reverse(
        f"wagtailsnippets_districts_{instance._meta.model_name}:{action}", args=[instance.pk, *args]
    )


def refused(response):
    """Wagtail answers 403, or redirects to the dashboard with a permission message."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] in (reverse("wagtailadmin_home"), "/admin/")


def manager_form(manager, **changes):
    data = {
        "name": manager.name,
        "role": manager.role,
        "photo": "",
        "bio": manager.bio,
        "email": manager.email,
        "phone": manager.phone,
    }
    data.update(changes)
    return nested_form_data(data)


def string_segment(translation):
    from wagtail_localize.models import StringSegment

    return StringSegment.objects.filter(source=translation.source).order_by("order").first()


def put_string(client, translation, value):
    segment = string_segment(translation)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded")


# --- The edit form: the facts ----------------------------------------------------------------

# Who may open and save the Italian record of San Salvario's Community Manager.
CHANGES_FACTS = {"editor": False, "sara": True, "imma": False, "translator": False, "superuser": True}


def test_only_the_districts_managers_open_the_edit_form(client, people, records):
    for role in ROLES:
        as_role(client, people, role)
        for record in (records.ss_manager, records.ss_house):
            response = client.get(snippet_url("edit", record))
            if CHANGES_FACTS[role]:
                assert response.status_code == 200
                assert 'name="email"' in response.content.decode()
            else:
                assert refused(response), (role, record, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_districts_managers_change_the_e_mail_that_receives_proposals(client, people, records, role):
    as_role(client, people, role)
    response = client.post(
        snippet_url("edit", records.ss_manager), manager_form(records.ss_manager, email="altrove@example.org")
    )
    changed = CommunityManager.objects.get(pk=records.ss_manager.pk).email == "altrove@example.org"
    if CHANGES_FACTS[role]:
        assert response.status_code == 302
        assert changed
    else:
        assert refused(response), (role, response.status_code)
        assert not changed


def test_a_translator_cannot_change_a_house_through_its_edit_form(client, translator, records):
    """The Italian record refuses; its English copy answers with the translation editor, which
    takes no field from the form."""
    client.force_login(translator)
    changes = {"email": "altrove@example.org", "street_address": "Via Altrove 1", "name": "Altra casa"}
    assert refused(client.post(snippet_url("edit", records.ss_house), changes))
    client.post(snippet_url("edit", records.ss_house_en), changes)
    assert set(NeighbourhoodHouse.objects.values_list("email", "street_address")) == {
        (records.ss_house.email, records.ss_house.street_address),
        (records.ms_house.email, records.ms_house.street_address),
    }


def test_a_record_that_is_no_translation_gives_a_translator_no_form(client, translator, records):
    """The translation editor opens only on a translation; without one, the edit view would be
    the edit form, with every fact in it."""
    records.ss_manager_translation.enabled = False
    records.ss_manager_translation.save()
    client.force_login(translator)
    assert refused(client.get(snippet_url("edit", records.ss_manager_en)))


def test_history_and_usage_follow_the_same_scope(client, people, records):
    for role in ROLES:
        as_role(client, people, role)
        for action in ("history", "usage"):
            response = client.get(snippet_url(action, records.ss_manager))
            if CHANGES_FACTS[role]:
                assert response.status_code == 200
            else:
                assert refused(response), (role, action, response.status_code)


# --- The listing -----------------------------------------------------------------------------


def listed_edit_links(client, model):
    content = client.get(reverse(f"wagtailsnippets_districts_{model._meta.model_name}:list")).content.decode()
    return {record.pk for record in model.objects.all() if f'href="{snippet_url("edit", record)}"' in content}


def test_the_listing_shows_every_record_and_links_only_those_in_scope(client, people, records):
    everyone = set(CommunityManager.objects.values_list("pk", flat=True))
    expected = {
        "editor": set(),
        "sara": {records.ss_manager.pk, records.ss_manager_en.pk},
        "imma": {records.ms_manager.pk, records.ms_manager_en.pk},
        # The English copies open in the translation editor; the Italian records are the facts.
        "translator": {records.ss_manager_en.pk, records.ms_manager_en.pk},
        "superuser": everyone,
    }
    for role, links in expected.items():
        as_role(client, people, role)
        response = client.get(reverse("wagtailsnippets_districts_communitymanager:list"))
        assert response.status_code == 200
        assert records.ss_manager.name in response.content.decode()
        assert listed_edit_links(client, CommunityManager) == links, role


def test_translate_buttons_are_offered_on_the_records_in_scope(client, imma, records):
    from wagtail.models import Locale

    Locale.objects.create(language_code="fr")  # a language both records still lack
    imma.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    client.force_login(imma)
    content = client.get(reverse("wagtailsnippets_districts_communitymanager:list")).content.decode()
    own = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["districts", "communitymanager", records.ms_manager.pk],
    )
    other = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["districts", "communitymanager", records.ss_manager.pk],
    )
    assert own in content
    assert other not in content


# --- The translation editor and its endpoints -------------------------------------------------

# Who may open and use the translation editor of San Salvario's records.
TRANSLATES = {"editor": False, "sara": True, "imma": False, "translator": True, "superuser": True}


def test_the_translation_editor_opens_in_scope_only(client, people, records):
    for role in ROLES:
        as_role(client, people, role)
        for english in (records.ss_manager_en, records.ss_house_en):
            response = client.get(snippet_url("edit", english))
            if TRANSLATES[role]:
                assert response.status_code == 200
                assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
            else:
                assert refused(response), (role, english, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_strings_are_translated_in_scope_only(client, people, records, role):
    from wagtail_localize.models import StringTranslation

    as_role(client, people, role)
    response = put_string(client, records.ss_house_translation, "Casa di San Salvario")
    saved = StringTranslation.objects.filter(data="Casa di San Salvario").exists()
    if TRANSLATES[role]:
        assert response.status_code in (200, 201)
        assert saved
    else:
        assert response.status_code == 403, (role, response.status_code)
        assert not saved


@pytest.mark.parametrize("role", ROLES)
def test_the_translation_editors_endpoints_obey_the_scope(client, people, records, role):
    """PO file out and in, machine translation, stopping the translation."""
    as_role(client, people, role)
    translation = records.ss_manager_translation
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    machine = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )
    stop = client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": "/admin/"}
    )
    translation.refresh_from_db()
    if TRANSLATES[role]:
        assert download.status_code == 200
        assert machine.status_code == 302
        assert stop.status_code == 302 and not translation.enabled
    else:
        assert all(refused(response) for response in (download, machine, stop)), role
        assert translation.enabled


def test_another_districts_manager_cannot_upload_a_po_file(client, imma, records, settings):
    from pathlib import Path

    from wagtail_localize.models import StringTranslation

    translation = records.ss_house_translation
    po = translation.export_po()
    for entry in po:
        entry.msgstr = "Casa rubata"
    upload = Path(settings.MEDIA_ROOT) / "house.po"
    upload.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(upload))
    client.force_login(imma)
    with upload.open("rb") as handle:
        response = client.post(
            reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
            {"file": handle, "next": "/admin/"},
        )
    assert refused(response)
    assert not StringTranslation.objects.filter(data="Casa rubata").exists()


@pytest.mark.parametrize("role", ROLES)
def test_translated_words_are_published_in_scope_only(client, people, records, role):
    from wagtail_localize.models import StringTranslation

    StringTranslation.objects.filter(locale=records.ss_house_en.locale).update(data="Casa di San Salvario")
    as_role(client, people, role)
    response = client.post(snippet_url("edit", records.ss_house_en), {"action": "publish"})
    english = NeighbourhoodHouse.objects.get(pk=records.ss_house_en.pk)
    if TRANSLATES[role]:
        assert response.status_code == 302
        assert english.name == "Casa di San Salvario"
        assert (english.email, english.street_address) == (
            records.ss_house.email,
            records.ss_house.street_address,
        )
    else:
        assert refused(response), (role, response.status_code)
        assert english.name == "San Salvario Neighbourhood House"


def test_the_facts_of_houses_and_managers_are_offered_to_nobody_to_override(records):
    """wagtail-localize lets a translation override a synchronised field unless it is declared
    not overridable; a translator then publishes the translated record, live."""
    from wagtail_localize.models import OverridableSegment

    overridable = set(
        OverridableSegment.objects.filter(
            source__in=[
                records.ss_house_translation.source,
                records.ss_manager_translation.source,
            ]
        ).values_list("context__path", flat=True)
    )
    assert not overridable


def test_overriding_a_managers_e_mail_in_a_translation_changes_nothing(client, translator, records):
    """However the endpoint is reached: the English manager keeps the Italian record's e-mail."""
    from wagtail_localize.models import OverridableSegment

    client.force_login(translator)
    translation = records.ss_manager_translation
    for segment in OverridableSegment.objects.filter(source=translation.source):
        client.put(
            reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk]),
            urlencode({"value": "altrove@example.org"}),
            content_type="application/x-www-form-urlencoded",
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(snippet_url("edit", records.ss_manager_en), {"action": "publish"})
    english = CommunityManager.objects.get(pk=records.ss_manager_en.pk)
    assert english.email == records.ss_manager.email


# --- Translate and Sync ------------------------------------------------------------------------


def submit_snippet_url(instance):
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[instance._meta.app_label, instance._meta.model_name, instance.pk],
    )


@pytest.mark.parametrize("role", ROLES)
def test_records_are_sent_to_translation_in_scope_only(client, people, records, role):
    from wagtail.models import Locale

    french = Locale.objects.create(language_code="fr")
    as_role(client, people, role)
    response = client.post(submit_snippet_url(records.ss_manager), {"locales": [french.pk]})
    created = CommunityManager.objects.filter(
        translation_key=records.ss_manager.translation_key, locale=french
    )
    # Only translators (and superusers) have wagtail-localize's submit_translation permission.
    if role in ("translator", "superuser"):
        assert response.status_code == 302
        assert created.exists()
    else:
        assert refused(response), (role, response.status_code)
        assert not created.exists()


def test_submit_translation_alone_does_not_reach_another_district(client, imma, records):
    from wagtail.models import Locale

    french = Locale.objects.create(language_code="fr")
    imma.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    client.force_login(imma)
    assert refused(client.post(submit_snippet_url(records.ss_manager), {"locales": [french.pk]}))
    assert client.post(submit_snippet_url(records.ms_manager), {"locales": [french.pk]}).status_code == 302
    assert set(CommunityManager.objects.filter(locale=french).values_list("translation_key", flat=True)) == {
        records.ms_manager.translation_key
    }


@pytest.mark.parametrize("role", ROLES)
def test_translated_records_are_synced_in_scope_only(client, people, records, role):
    source = records.ss_manager_translation.source
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    as_role(client, people, role)
    get = client.get(url)
    if role in ("translator", "superuser"):
        assert get.status_code == 200
        with TestCase.captureOnCommitCallbacks(execute=True):
            assert client.post(url, {"publish_translations": "on"}).status_code == 302
    else:
        assert refused(get), (role, get.status_code)
        assert refused(client.post(url, {"publish_translations": "on"}))


def test_sync_does_not_reach_another_district(client, imma, records):
    imma.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    client.force_login(imma)
    other = reverse("wagtail_localize:update_translations", args=[records.ss_manager_translation.source.pk])
    own = reverse("wagtail_localize:update_translations", args=[records.ms_manager_translation.source.pk])
    assert refused(client.get(other))
    assert client.get(own).status_code == 200
