"""The occurrence table follows publishing, unpublishing, moving and deleting, and the daily command."""

import datetime

import pytest
import recurrence
from django.core.management import CommandError, call_command

from initiatives.models import Occurrence
from tests.factories import EventPageFactory, InitiativePageFactory, days_from_now, publish_translation

pytestmark = pytest.mark.django_db


def rows_of(page):
    return Occurrence.objects.filter(translation_key=page.translation_key)


def weekly_event(parent, **kwargs):
    return EventPageFactory(
        parent=parent,
        start=days_from_now(1, 18),
        end=days_from_now(1, 19),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY;COUNT=4"),
        **kwargs,
    )


def test_publishing_a_new_revision_rewrites_the_rows(district):
    event = weekly_event(district)
    assert rows_of(event).count() == 4
    event.recurrence = recurrence.deserialize("RRULE:FREQ=WEEKLY;COUNT=2")
    event.save_revision().publish()
    assert rows_of(event).count() == 2


def test_saving_a_draft_leaves_the_rows_alone(district):
    event = weekly_event(district)
    event.recurrence = recurrence.deserialize("RRULE:FREQ=WEEKLY;COUNT=2")
    event.save_revision()
    assert rows_of(event).count() == 4


def test_unpublishing_removes_the_rows(district):
    event = weekly_event(district)
    event.unpublish()
    assert not rows_of(event).exists()


def test_unpublishing_the_source_keeps_the_rows_of_a_live_translation(site_tree, en_home, district):
    event = weekly_event(district)
    publish_translation(district, site_tree.en)
    english = publish_translation(event, site_tree.en)
    event.unpublish()
    rows = list(rows_of(event))
    assert len(rows) == 4
    assert {row.page_id for row in rows} == {english.pk}


def test_moving_an_event_to_another_district_moves_its_rows(district, other_district):
    event = weekly_event(district)
    assert {row.district_key for row in rows_of(event)} == {district.translation_key}
    event.move(other_district, pos="last-child")
    assert {row.district_key for row in rows_of(event)} == {other_district.translation_key}


def test_deleting_an_event_removes_its_rows(district):
    event = weekly_event(district)
    other = weekly_event(district)
    event.delete()
    assert not rows_of(event).exists()
    assert rows_of(other).count() == 4


def test_deleting_a_district_removes_the_rows_of_everything_in_it(district, other_district):
    weekly_event(district)
    elsewhere = weekly_event(other_district)
    district.delete()
    assert set(Occurrence.objects.values_list("translation_key", flat=True)) == {elsewhere.translation_key}


def test_deleting_the_source_keeps_the_rows_of_a_live_translation(site_tree, en_home, district):
    event = weekly_event(district)
    publish_translation(district, site_tree.en)
    english = publish_translation(event, site_tree.en)
    event.delete()
    assert {row.page_id for row in rows_of(english)} == {english.pk}
    assert rows_of(english).count() == 4


def test_deleting_an_initiative_with_its_events_removes_the_rows(district):
    initiative = InitiativePageFactory(
        parent=district,
        schedule=recurrence.deserialize("RRULE:FREQ=DAILY"),
        opens_at=datetime.time(9),
        closes_at=datetime.time(10),
    )
    event = weekly_event(initiative)
    assert rows_of(initiative).exists() and rows_of(event).exists()
    initiative.delete()  # the event goes with it
    assert not Occurrence.objects.exists()


def test_rows_carry_the_filters_of_their_page(district):
    event = weekly_event(district, is_free=False, cost="3 €")
    assert {(row.category_slug, row.is_free, row.step_free) for row in rows_of(event)} == {
        (event.category.slug, False, True)
    }


def test_update_occurrences_command_is_idempotent(district, capsys):
    weekly_event(district)
    EventPageFactory(parent=district, start=days_from_now(3, 9), end=days_from_now(3, 10))

    def snapshot():
        fields = [f.name for f in Occurrence._meta.fields if f.name != "id"]
        return sorted(Occurrence.objects.values_list(*fields), key=repr)

    Occurrence.objects.all().delete()
    call_command("update_occurrences")
    first = snapshot()
    call_command("update_occurrences")
    assert snapshot() == first
    assert len(first) == 5
    assert "5 rows for 2 pages" in capsys.readouterr().out


def break_the_rule_of(page, rule="RRULE:FREQ=DAILY;BYSETPOS=0"):
    """Store a rule that cannot be expanded, as a page saved before today's checks could have."""
    type(page).objects.filter(pk=page.pk).update(recurrence=rule)


def test_a_page_that_cannot_be_rebuilt_is_reported_and_skipped(district, capsys, caplog):
    good = weekly_event(district)
    bad = weekly_event(district, title="Regola rotta")
    break_the_rule_of(bad)
    Occurrence.objects.filter(translation_key=good.translation_key).delete()

    call_command("update_occurrences")  # no exception: the nightly run and the release go on

    assert rows_of(good).count() == 4
    assert rows_of(bad).count() == 4  # its previous dates are kept
    out, err = capsys.readouterr()
    assert "4 rows for 1 pages" in out
    assert "1 pages failed" in out
    assert f"no. {bad.pk} “Regola rotta”" in err
    assert "Warning: 1 pages could not be rebuilt" in err
    assert "Regola rotta" in caplog.text or str(bad.translation_key) in caplog.text


def test_the_command_fails_only_when_every_page_failed(district):
    bad = weekly_event(district)
    break_the_rule_of(bad)
    with pytest.raises(CommandError, match="No page could be rebuilt"):
        call_command("update_occurrences")


@pytest.fixture
def versions_when_rows_written(monkeypatch):
    """The content version read each time a page's new rows have just been written."""
    from portal.core.page_cache import read_version

    seen = []
    manager = Occurrence.objects
    original = manager.bulk_create

    def write_and_read(*args, **kwargs):
        written = original(*args, **kwargs)
        seen.append(read_version())
        return written

    monkeypatch.setattr(manager, "bulk_create", write_and_read)
    return seen


# Committed for real, as in production (a test's own transaction would hold back every
# on-commit action to its end), with the tree the migrations create restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_bumps_the_content_version_after_the_dates_are_rebuilt(
    district, versions_when_rows_written
):
    from portal.core.page_cache import read_version

    event = weekly_event(district)
    event.recurrence = recurrence.deserialize("RRULE:FREQ=WEEKLY;COUNT=2")
    versions_when_rows_written.clear()
    event.save_revision().publish()
    assert rows_of(event).count() == 2
    assert versions_when_rows_written, "the rows were not rebuilt"
    assert read_version() > max(versions_when_rows_written)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_daily_command_bumps_the_content_version_after_the_dates_are_rebuilt(
    district, versions_when_rows_written
):
    from portal.core.page_cache import read_version

    weekly_event(district)
    weekly_event(district)
    versions_when_rows_written.clear()
    call_command("update_occurrences")
    assert len(versions_when_rows_written) == 2
    assert read_version() > max(versions_when_rows_written)
