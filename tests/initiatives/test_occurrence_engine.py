"""The occurrence engine: rule expansion in Turin time, exceptions, changes and materialisation."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurrence
import recurring_ical_events

from initiatives.models import InitiativePage
from initiatives.models import Occurrence as OccurrenceRow
from initiatives.occurrence_table import rebuild_all, rebuild_for_key, schedule_for
from initiatives.occurrences import Change, Schedule, expand
from tests.factories import (
    EventPageFactory,
    InitiativePageFactory,
    local_datetime,
    occurrence_change,
)

ROME = ZoneInfo("Europe/Rome")
UTC = datetime.UTC
D = datetime.date
DT = datetime.datetime
TWO_HOURS = datetime.timedelta(hours=2)


def window(first_day, last_day):
    """[first_day 00:00, day after last_day 00:00) in Turin, as aware datetimes."""
    return (
        DT.combine(first_day, datetime.time(0, 0), tzinfo=ROME),
        DT.combine(last_day + datetime.timedelta(days=1), datetime.time(0, 0), tzinfo=ROME),
    )


def weekly(*days, **kwargs):
    return recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, byday=list(days), **kwargs)])


def starts(occurrences):
    """Start instants as Turin wall-clock datetimes (naive), for readable comparisons."""
    return [occ.start.astimezone(ROME).replace(tzinfo=None) for occ in occurrences]


def start_days(occurrences):
    return [occ.start.astimezone(ROME).date() for occ in occurrences]


def series(first, rule_text=None, *, duration=TWO_HOURS, value=None, **kwargs):
    if value is None and rule_text is not None:
        value = recurrence.deserialize(rule_text)
    return Schedule(first_start=first, duration=duration, recurrence=value, **kwargs)


# --- Rules ---------------------------------------------------------------------------------


def test_weekly_on_several_weekdays():
    schedule = series(DT(2027, 1, 4, 10, 0), value=weekly(recurrence.MO, recurrence.WE, recurrence.FR))
    result = expand(schedule, *window(D(2027, 1, 4), D(2027, 1, 17)))
    assert starts(result) == [
        DT(2027, 1, 4, 10),
        DT(2027, 1, 6, 10),
        DT(2027, 1, 8, 10),
        DT(2027, 1, 11, 10),
        DT(2027, 1, 13, 10),
        DT(2027, 1, 15, 10),
    ]
    assert all(occ.end - occ.start == TWO_HOURS for occ in result)
    assert not any(occ.cancelled or occ.moved for occ in result)


def test_weekly_rule_parsed_from_text():
    schedule = series(DT(2027, 1, 5, 18, 0), "RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    result = expand(schedule, *window(D(2027, 1, 5), D(2027, 1, 14)))
    assert start_days(result) == [D(2027, 1, 5), D(2027, 1, 7), D(2027, 1, 12), D(2027, 1, 14)]


def test_every_other_week():
    schedule = series(DT(2027, 1, 5, 18, 0), "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
    result = expand(schedule, *window(D(2027, 1, 1), D(2027, 2, 28)))
    assert start_days(result) == [D(2027, 1, 5), D(2027, 1, 19), D(2027, 2, 2), D(2027, 2, 16)]


def test_every_other_week_keeps_its_parity_in_a_later_window():
    schedule = series(DT(2027, 1, 5, 18, 0), "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
    result = expand(schedule, *window(D(2027, 6, 1), D(2027, 6, 30)))
    # 5 January + 2k weeks: 8 and 22 June, never 1, 15 or 29 June.
    assert start_days(result) == [D(2027, 6, 8), D(2027, 6, 22)]


def test_monthly_by_day_of_month():
    schedule = series(DT(2027, 1, 15, 18, 0), "RRULE:FREQ=MONTHLY;BYMONTHDAY=15")
    result = expand(schedule, *window(D(2027, 1, 1), D(2027, 6, 30)))
    assert start_days(result) == [D(2027, month, 15) for month in range(1, 7)]
    assert {occ.start.astimezone(ROME).hour for occ in result} == {18}


def test_monthly_first_saturday():
    schedule = series(DT(2027, 1, 2, 10, 0), "RRULE:FREQ=MONTHLY;BYDAY=+1SA")
    result = expand(schedule, *window(D(2027, 1, 1), D(2027, 6, 30)))
    assert start_days(result) == [
        D(2027, 1, 2),
        D(2027, 2, 6),
        D(2027, 3, 6),
        D(2027, 4, 3),
        D(2027, 5, 1),
        D(2027, 6, 5),
    ]


def test_monthly_first_saturday_from_rule_object():
    rule = recurrence.Rule(recurrence.MONTHLY, byday=[recurrence.SA(1)])
    schedule = series(DT(2027, 1, 2, 10, 0), value=recurrence.Recurrence(rrules=[rule]))
    result = expand(schedule, *window(D(2027, 7, 1), D(2027, 9, 30)))
    assert start_days(result) == [D(2027, 7, 3), D(2027, 8, 7), D(2027, 9, 4)]


def test_monthly_last_friday():
    schedule = series(DT(2027, 1, 29, 21, 0), "RRULE:FREQ=MONTHLY;BYDAY=-1FR")
    result = expand(schedule, *window(D(2027, 1, 1), D(2027, 6, 30)))
    assert start_days(result) == [
        D(2027, 1, 29),
        D(2027, 2, 26),
        D(2027, 3, 26),
        D(2027, 4, 30),
        D(2027, 5, 28),
        D(2027, 6, 25),
    ]
    assert all(
        day.weekday() == 4 and (day + datetime.timedelta(days=7)).month != day.month
        for day in start_days(result)
    )


def test_yearly():
    schedule = series(DT(2027, 8, 15, 11, 0), "RRULE:FREQ=YEARLY")
    result = expand(schedule, *window(D(2027, 1, 1), D(2030, 12, 31)))
    assert starts(result) == [DT(year, 8, 15, 11, 0) for year in (2027, 2028, 2029, 2030)]


def test_until_includes_its_whole_local_day():
    # What the admin widget stores for "until 2 February": local midnight, in UTC.
    until = DT(2027, 2, 2, 0, 0, tzinfo=ROME).astimezone(UTC)
    assert until == DT(2027, 2, 1, 23, 0, tzinfo=UTC)
    schedule = series(DT(2027, 1, 5, 18, 0), value=weekly(recurrence.TU, until=until))
    result = expand(schedule, *window(D(2027, 1, 1), D(2027, 3, 31)))
    assert start_days(result) == [
        D(2027, 1, 5),
        D(2027, 1, 12),
        D(2027, 1, 19),
        D(2027, 1, 26),
        D(2027, 2, 2),
    ]


def test_until_from_text_in_summer():
    # 30 June 2027 00:00 in Turin is 29 June 22:00 UTC.
    schedule = series(DT(2027, 6, 2, 18, 0), "RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20270629T220000Z")
    result = expand(schedule, *window(D(2027, 6, 1), D(2027, 8, 31)))
    assert start_days(result)[-1] == D(2027, 6, 30)
    assert len(result) == 5  # 2, 9, 16, 23 and 30 June


def test_count_is_counted_from_the_first_occurrence_not_the_window():
    schedule = series(DT(2027, 1, 5, 18, 0), "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3")
    everything = expand(schedule, *window(D(2027, 1, 1), D(2027, 12, 31)))
    assert start_days(everything) == [D(2027, 1, 5), D(2027, 1, 12), D(2027, 1, 19)]
    later = expand(schedule, *window(D(2027, 1, 15), D(2027, 12, 31)))
    assert start_days(later) == [D(2027, 1, 19)]


def test_rdates_take_the_time_of_the_series():
    value = weekly(recurrence.TU)
    value.rdates = [
        D(2027, 1, 8),  # a plain date
        DT(2027, 1, 16, 0, 0, tzinfo=ROME).astimezone(UTC),  # local midnight stored in UTC
        DT(2027, 7, 3, 0, 0, tzinfo=ROME),  # local midnight in summer
    ]
    schedule = series(DT(2027, 1, 5, 18, 0), value=value)
    winter = expand(schedule, *window(D(2027, 1, 4), D(2027, 1, 17)))
    assert starts(winter) == [
        DT(2027, 1, 5, 18),
        DT(2027, 1, 8, 18),
        DT(2027, 1, 12, 18),
        DT(2027, 1, 16, 18),
    ]
    summer = expand(schedule, *window(D(2027, 7, 1), D(2027, 7, 4)))
    assert starts(summer) == [DT(2027, 7, 3, 18)]


def test_rdate_with_its_own_time_keeps_it():
    value = weekly(recurrence.TU)
    value.rdates = [DT(2027, 1, 9, 10, 30, tzinfo=ROME)]
    schedule = series(DT(2027, 1, 5, 18, 0), value=value)
    result = expand(schedule, *window(D(2027, 1, 9), D(2027, 1, 9)))
    assert starts(result) == [DT(2027, 1, 9, 10, 30)]


@pytest.mark.parametrize(
    "exdate",
    [
        D(2027, 1, 12),
        DT(2027, 1, 12, 0, 0, tzinfo=ROME).astimezone(UTC),  # 11 January 23:00 UTC
        DT(2027, 1, 12, 18, 0, tzinfo=ROME),  # the exact instance, as RFC 5545 wants it
    ],
    ids=["date", "local-midnight-in-utc", "exact-instant"],
)
def test_exdate_is_matched_by_local_date(exdate):
    value = weekly(recurrence.TU)
    value.exdates = [exdate]
    schedule = series(DT(2027, 1, 5, 18, 0), value=value)
    result = expand(schedule, *window(D(2027, 1, 1), D(2027, 1, 31)))
    assert start_days(result) == [D(2027, 1, 5), D(2027, 1, 19), D(2027, 1, 26)]


def test_exdate_in_summer_stored_as_text():
    # 13 July 2027 00:00 in Turin is 12 July 22:00 UTC: the day before, in UTC.
    text = "RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20270712T220000Z"
    schedule = series(DT(2027, 7, 6, 18, 0), text)
    result = expand(schedule, *window(D(2027, 7, 1), D(2027, 7, 31)))
    assert start_days(result) == [D(2027, 7, 6), D(2027, 7, 20), D(2027, 7, 27)]


def test_exrule_removes_its_days():
    text = "RRULE:FREQ=WEEKLY;BYDAY=TU\nEXRULE:FREQ=MONTHLY;BYDAY=+1TU"
    schedule = series(DT(2027, 1, 5, 18, 0), text)
    result = expand(schedule, *window(D(2027, 2, 1), D(2027, 2, 28)))
    assert start_days(result) == [D(2027, 2, 9), D(2027, 2, 16), D(2027, 2, 23)]


# --- All-day and multi-day ------------------------------------------------------------------


@pytest.mark.django_db
def test_all_day_event_ends_at_the_next_midnight():
    page = EventPageFactory.build(
        start=local_datetime(2027, 5, 1, 0, 0), end=local_datetime(2027, 5, 1, 0, 0), all_day=True
    )
    (occ,) = expand(schedule_for(page), *window(D(2027, 4, 1), D(2027, 5, 31)))
    assert occ.all_day
    assert occ.start == DT(2027, 5, 1, 0, 0, tzinfo=ROME)
    assert occ.end == DT(2027, 5, 2, 0, 0, tzinfo=ROME)
    assert occ.last_day == D(2027, 5, 1)
    assert not occ.is_multi_day


@pytest.mark.django_db
def test_all_day_event_ignores_the_times_typed_in():
    page = EventPageFactory.build(
        start=local_datetime(2027, 5, 1, 9, 30), end=local_datetime(2027, 5, 1, 17, 0), all_day=True
    )
    (occ,) = expand(schedule_for(page), *window(D(2027, 5, 1), D(2027, 5, 1)))
    assert (occ.start, occ.end) == (DT(2027, 5, 1, tzinfo=ROME), DT(2027, 5, 2, tzinfo=ROME))


@pytest.mark.django_db
def test_multi_day_all_day_event_across_the_spring_change():
    # A festival on Saturday 27 and Sunday 28 March 2027: the clocks change in between.
    page = EventPageFactory.build(
        start=local_datetime(2027, 3, 27), end=local_datetime(2027, 3, 28), all_day=True
    )
    (occ,) = expand(schedule_for(page), *window(D(2027, 3, 1), D(2027, 3, 31)))
    assert occ.start == DT(2027, 3, 27, 0, 0, tzinfo=ROME)
    assert occ.end == DT(2027, 3, 29, 0, 0, tzinfo=ROME)
    # 47 real hours: the night of 28 March is one hour short.
    assert occ.end.astimezone(UTC) - occ.start.astimezone(UTC) == datetime.timedelta(hours=47)
    assert occ.last_day == D(2027, 3, 28)
    assert occ.is_multi_day


@pytest.mark.django_db
def test_timed_multi_day_event_is_found_by_a_window_on_its_last_day():
    page = EventPageFactory.build(
        start=local_datetime(2027, 9, 10, 18, 0), end=local_datetime(2027, 9, 12, 13, 0)
    )
    (occ,) = expand(schedule_for(page), *window(D(2027, 9, 12), D(2027, 9, 12)))
    assert occ.start == DT(2027, 9, 10, 18, 0, tzinfo=ROME)
    assert occ.last_day == D(2027, 9, 12)
    assert occ.is_multi_day
    assert expand(schedule_for(page), *window(D(2027, 9, 13), D(2027, 9, 20))) == []


# --- The change of time ---------------------------------------------------------------------


def test_weekly_event_stays_at_18_local_across_both_changes_of_time():
    schedule = series(DT(2027, 3, 2, 18, 0), "RRULE:FREQ=WEEKLY;BYDAY=TU")
    result = expand(schedule, *window(D(2027, 3, 1), D(2027, 11, 30)))
    assert len(result) == 40  # every Tuesday from 2 March to 30 November
    for occ in result:
        local = occ.start.astimezone(ROME)
        assert (local.hour, local.minute, local.weekday()) == (18, 0, 1)
        summer = D(2027, 3, 28) <= local.date() < D(2027, 10, 31)
        assert occ.start.astimezone(UTC).hour == (16 if summer else 17), local
        assert occ.end - occ.start == TWO_HOURS
    by_day = {occ.start.astimezone(ROME).date(): occ.start.astimezone(UTC) for occ in result}
    assert by_day[D(2027, 3, 23)] == DT(2027, 3, 23, 17, 0, tzinfo=UTC)
    assert by_day[D(2027, 3, 30)] == DT(2027, 3, 30, 16, 0, tzinfo=UTC)
    assert by_day[D(2027, 10, 26)] == DT(2027, 10, 26, 16, 0, tzinfo=UTC)
    assert by_day[D(2027, 11, 2)] == DT(2027, 11, 2, 17, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_materialised_rows_keep_18_local_across_the_changes_of_time(district):
    event = EventPageFactory(
        parent=district,
        start=local_datetime(2027, 3, 2, 18, 0),
        end=local_datetime(2027, 3, 2, 20, 0),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU"),
    )
    written = rebuild_for_key(event.translation_key, window=window(D(2027, 3, 1), D(2027, 11, 30)))
    rows = list(OccurrenceRow.objects.filter(translation_key=event.translation_key).order_by("start"))
    assert written == len(rows) == 40
    utc_hours = {row.start.astimezone(ROME).date(): row.start.astimezone(UTC).hour for row in rows}
    assert {row.start.astimezone(ROME).hour for row in rows} == {18}
    assert utc_hours[D(2027, 3, 23)] == 17
    assert utc_hours[D(2027, 3, 30)] == 16
    assert utc_hours[D(2027, 10, 26)] == 16
    assert utc_hours[D(2027, 11, 2)] == 17
    assert {row.end - row.start for row in rows} == {TWO_HOURS}


# --- Cancelled and moved occurrences --------------------------------------------------------


def test_cancelled_occurrence_stays_listed_and_marked():
    schedule = series(
        DT(2027, 1, 5, 18, 0),
        "RRULE:FREQ=WEEKLY;BYDAY=TU",
        changes={D(2027, 1, 12): Change(cancelled=True, reason="L'insegnante è malata")},
    )
    result = expand(schedule, *window(D(2027, 1, 1), D(2027, 1, 31)))
    assert start_days(result) == [D(2027, 1, 5), D(2027, 1, 12), D(2027, 1, 19), D(2027, 1, 26)]
    flags = [(occ.cancelled, occ.reason) for occ in result]
    assert flags == [(False, ""), (True, "L'insegnante è malata"), (False, ""), (False, "")]


def test_moved_occurrence_appears_at_its_new_time():
    schedule = series(
        DT(2027, 1, 5, 18, 0),
        "RRULE:FREQ=WEEKLY;BYDAY=TU",
        changes={
            D(2027, 1, 12): Change(
                cancelled=False, reason="Spostato a mercoledì", new_start=DT(2027, 1, 13, 17, 30, tzinfo=ROME)
            )
        },
    )
    result = expand(schedule, *window(D(2027, 1, 1), D(2027, 1, 31)))
    assert starts(result) == [
        DT(2027, 1, 5, 18),
        DT(2027, 1, 13, 17, 30),
        DT(2027, 1, 19, 18),
        DT(2027, 1, 26, 18),
    ]
    moved = result[1]
    assert moved.moved and not moved.cancelled
    assert moved.original_start == DT(2027, 1, 12, 18, 0, tzinfo=ROME)
    assert moved.end == DT(2027, 1, 13, 19, 30, tzinfo=ROME)  # same duration as the series
    assert not any(occ.moved for occ in result if occ is not moved)


def test_occurrence_moved_into_the_window_from_a_date_before_it_is_listed():
    # Planned for 12 January, postponed to 21 January: a window that starts on 14 January
    # (the rolling horizon a few days later) must still list it on the 21st.
    schedule = series(
        DT(2027, 1, 5, 18, 0),
        "RRULE:FREQ=WEEKLY;BYDAY=TU",
        changes={
            D(2027, 1, 12): Change(cancelled=False, new_start=DT(2027, 1, 21, 18, 0, tzinfo=ROME)),
            # A change for a day the series does not meet is ignored.
            D(2027, 1, 13): Change(cancelled=False, new_start=DT(2027, 1, 22, 18, 0, tzinfo=ROME)),
        },
    )
    result = expand(schedule, *window(D(2027, 1, 14), D(2027, 1, 31)))
    assert starts(result) == [DT(2027, 1, 19, 18), DT(2027, 1, 21, 18), DT(2027, 1, 26, 18)]
    assert result[1].moved and result[1].original_start == DT(2027, 1, 12, 18, 0, tzinfo=ROME)


def test_occurrence_moved_out_of_the_window_is_not_listed():
    schedule = series(
        DT(2027, 1, 5, 18, 0),
        "RRULE:FREQ=WEEKLY;BYDAY=TU",
        changes={D(2027, 1, 12): Change(cancelled=False, new_start=DT(2027, 2, 3, 18, 0, tzinfo=ROME))},
    )
    result = expand(schedule, *window(D(2027, 1, 1), D(2027, 1, 31)))
    assert start_days(result) == [D(2027, 1, 5), D(2027, 1, 19), D(2027, 1, 26)]


def test_excluded_date_cannot_be_brought_back_by_a_move():
    value = recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20270111T230000Z")
    schedule = series(
        DT(2027, 1, 5, 18, 0),
        value=value,
        changes={D(2027, 1, 12): Change(cancelled=False, new_start=DT(2027, 1, 21, 18, 0, tzinfo=ROME))},
    )
    result = expand(schedule, *window(D(2027, 1, 14), D(2027, 1, 31)))
    assert start_days(result) == [D(2027, 1, 19), D(2027, 1, 26)]


@pytest.mark.django_db
def test_cancelled_and_moved_dates_in_the_table(district):
    event = EventPageFactory(
        parent=district,
        start=local_datetime(2027, 1, 5, 18, 0),
        end=local_datetime(2027, 1, 5, 20, 0),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU"),
        occurrence_changes=[
            occurrence_change(D(2027, 1, 12), reason="Sciopero dei mezzi"),
            occurrence_change(
                D(2027, 1, 19),
                cancelled=False,
                new_start=local_datetime(2027, 1, 21, 10, 0),
                new_end=local_datetime(2027, 1, 21, 11, 0),
            ),
        ],
    )
    rebuild_for_key(event.translation_key, window=window(D(2027, 1, 1), D(2027, 1, 31)))
    rows = list(OccurrenceRow.objects.filter(translation_key=event.translation_key).order_by("start"))
    summary = [(row.start.astimezone(ROME).replace(tzinfo=None), row.cancelled, row.moved) for row in rows]
    assert summary == [
        (DT(2027, 1, 5, 18), False, False),
        (DT(2027, 1, 12, 18), True, False),
        (DT(2027, 1, 21, 10), False, True),
        (DT(2027, 1, 26, 18), False, False),
    ]
    changes = {change.original_date: change for change in event.occurrence_changes.all()}
    assert rows[1].change_key == changes[D(2027, 1, 12)].translation_key
    assert rows[2].change_key == changes[D(2027, 1, 19)].translation_key
    assert rows[2].original_start == DT(2027, 1, 19, 18, 0, tzinfo=ROME)
    assert rows[2].end == DT(2027, 1, 21, 11, 0, tzinfo=ROME)
    assert rows[0].change_key is None and rows[3].change_key is None


@pytest.mark.django_db
def test_exdate_saved_through_the_field_survives_the_database(district):
    value = weekly(recurrence.TU)
    value.exdates = [DT(2027, 7, 13, 0, 0, tzinfo=ROME)]  # serialised as 20270712T220000Z
    event = EventPageFactory(
        parent=district,
        start=local_datetime(2027, 7, 6, 18, 0),
        end=local_datetime(2027, 7, 6, 19, 0),
        recurrence=value,
    )
    assert "EXDATE;TZID=Europe/Rome:20270713T180000" in event.recurrence_rules
    rebuild_for_key(event.translation_key, window=window(D(2027, 7, 1), D(2027, 7, 31)))
    days = [
        row.start.astimezone(ROME).date()
        for row in OccurrenceRow.objects.filter(translation_key=event.translation_key)
    ]
    assert days == [D(2027, 7, 6), D(2027, 7, 20), D(2027, 7, 27)]


# --- Caps and the horizon -------------------------------------------------------------------


def test_expansion_is_capped_by_max_count():
    schedule = series(DT(2027, 1, 1, 8, 0), "RRULE:FREQ=DAILY", duration=datetime.timedelta(hours=1))
    result = expand(schedule, *window(D(2027, 1, 1), D(2027, 12, 31)), max_count=10)
    assert start_days(result) == [D(2027, 1, day) for day in range(1, 11)]


def test_expansion_is_capped_by_the_setting(settings):
    settings.OCCURRENCES_MAX_PER_EVENT = 25
    schedule = series(DT(2027, 1, 1, 8, 0), "RRULE:FREQ=DAILY", duration=datetime.timedelta(hours=1))
    assert len(expand(schedule, *window(D(2027, 1, 1), D(2027, 12, 31)))) == 25


def test_window_is_half_open():
    schedule = series(DT(2027, 1, 5, 18, 0), "RRULE:FREQ=WEEKLY;BYDAY=TU")
    start = DT(2027, 1, 12, 20, 0, tzinfo=ROME)  # the end of the 12 January occurrence
    end = DT(2027, 1, 19, 18, 0, tzinfo=ROME)  # the start of the 19 January one
    assert expand(schedule, start, end) == []
    assert start_days(expand(schedule, start - datetime.timedelta(minutes=1), end)) == [D(2027, 1, 12)]


@pytest.mark.django_db
def test_rebuild_all_is_idempotent(district):
    span = window(D(2027, 1, 1), D(2027, 6, 30))
    EventPageFactory(
        parent=district,
        start=local_datetime(2027, 1, 5, 18, 0),
        end=local_datetime(2027, 1, 5, 20, 0),
        recurrence=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20270111T230000Z"),
        occurrence_changes=[occurrence_change(D(2027, 2, 2), reason="Chiuso")],
    )
    EventPageFactory(
        parent=district,
        start=local_datetime(2027, 4, 25, 0, 0),
        end=local_datetime(2027, 4, 25),
        all_day=True,
    )
    InitiativePageFactory(
        parent=district,
        schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=MO,TH"),
        schedule_starts_on=D(2027, 1, 1),
        opens_at=datetime.time(9, 0),
        closes_at=datetime.time(12, 30),
    )
    EventPageFactory(parent=district, publish=False, start=local_datetime(2027, 3, 3, 10, 0))

    def snapshot():
        fields = [f.name for f in OccurrenceRow._meta.fields if f.name != "id"]
        return sorted(OccurrenceRow.objects.values_list(*fields), key=repr)

    pages, total = rebuild_all(window=span)
    first = snapshot()
    assert pages == 3  # the draft is not materialised
    assert total == len(first) > 0
    assert rebuild_all(window=span) == (pages, total)
    assert snapshot() == first
    kinds = {row[2] for row in first}
    assert kinds == {OccurrenceRow.Kind.EVENT, OccurrenceRow.Kind.OPENING}


@pytest.mark.django_db
def test_rebuild_all_drops_rows_of_pages_no_longer_live(district):
    span = window(D(2027, 1, 1), D(2027, 1, 31))
    event = EventPageFactory(
        parent=district, start=local_datetime(2027, 1, 10, 18), end=local_datetime(2027, 1, 10, 19)
    )
    rebuild_all(window=span)
    assert OccurrenceRow.objects.filter(translation_key=event.translation_key).count() == 1
    event.unpublish()
    OccurrenceRow.objects.bulk_create(
        [
            OccurrenceRow(
                page_id=event.pk,
                translation_key=event.translation_key,
                start=local_datetime(2027, 1, 10, 18),
                end=local_datetime(2027, 1, 10, 19),
            )
        ]
    )  # a stale row left by a crash
    rebuild_all(window=span)
    assert not OccurrenceRow.objects.filter(translation_key=event.translation_key).exists()


# --- Initiatives ----------------------------------------------------------------------------


def make_initiative(district, **kwargs):
    values = {
        "schedule": recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU"),
        "schedule_starts_on": D(2027, 1, 4),  # a Monday: not itself an opening day
        "opens_at": datetime.time(10, 0),
        "closes_at": datetime.time(12, 0),
    }
    values.update(kwargs)
    return InitiativePageFactory(parent=district, **values)


@pytest.mark.django_db
def test_initiative_schedule_does_not_include_its_anchor_day(district):
    initiative = make_initiative(district)
    rebuild_for_key(initiative.translation_key, window=window(D(2027, 1, 1), D(2027, 1, 31)))
    rows = list(OccurrenceRow.objects.filter(translation_key=initiative.translation_key).order_by("start"))
    assert [row.start.astimezone(ROME).date() for row in rows] == [
        D(2027, 1, 5),
        D(2027, 1, 12),
        D(2027, 1, 19),
        D(2027, 1, 26),
    ]
    assert {(row.start.astimezone(ROME).time(), row.end.astimezone(ROME).time()) for row in rows} == {
        (datetime.time(10, 0), datetime.time(12, 0))
    }
    assert {row.kind for row in rows} == {OccurrenceRow.Kind.OPENING}
    assert {row.district_key for row in rows} == {district.translation_key}


@pytest.mark.django_db
def test_initiative_schedule_keeps_its_hours_in_summer(district):
    initiative = make_initiative(district, opens_at=datetime.time(15, 30), closes_at=datetime.time(18, 0))
    rebuild_for_key(initiative.translation_key, window=window(D(2027, 7, 1), D(2027, 7, 7)))
    (row,) = OccurrenceRow.objects.filter(translation_key=initiative.translation_key)
    assert row.start == DT(2027, 7, 6, 13, 30, tzinfo=UTC)
    assert row.end == DT(2027, 7, 6, 16, 0, tzinfo=UTC)


@pytest.mark.django_db
@pytest.mark.parametrize("status", [InitiativePage.Status.ENDED, InitiativePage.Status.PAUSED])
def test_initiative_that_is_not_active_has_no_rows(district, status):
    initiative = make_initiative(district, status=status)
    written = rebuild_for_key(initiative.translation_key, window=window(D(2027, 1, 1), D(2027, 12, 31)))
    assert written == 0
    assert not OccurrenceRow.objects.filter(translation_key=initiative.translation_key).exists()


@pytest.mark.django_db
def test_initiative_rows_disappear_when_it_ends(district):
    initiative = make_initiative(district)
    span = window(D(2027, 1, 1), D(2027, 3, 31))
    assert rebuild_for_key(initiative.translation_key, window=span) > 0
    initiative.status = InitiativePage.Status.ENDED
    initiative.save_revision().publish()  # the publish signal refreshes the table
    assert not OccurrenceRow.objects.filter(translation_key=initiative.translation_key).exists()


@pytest.mark.django_db
def test_initiative_without_hours_or_rule_has_no_schedule(district):
    no_rule = InitiativePageFactory(parent=district, opens_at=datetime.time(9), closes_at=datetime.time(10))
    no_hours = InitiativePageFactory.build(schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=MO"))
    assert schedule_for(no_rule) is None
    assert schedule_for(no_hours) is None


# --- An independent expander: recurring_ical_events -----------------------------------------


def ical_starts(ics_text, span):
    calendar = icalendar.Calendar.from_ical(ics_text)
    events = recurring_ical_events.of(calendar).between(*span)
    return sorted(event["DTSTART"].dt.astimezone(UTC) for event in events)


def ics(dtstart, dtend, *lines):
    body = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Quartieri tests//EN",
            "BEGIN:VEVENT",
            "UID:cross-check@quartieri.test",
            "SUMMARY:Cross-check",
            f"DTSTART;TZID=Europe/Rome:{dtstart}",
            f"DTEND;TZID=Europe/Rome:{dtend}",
            *lines,
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    return body.encode()


def test_weekly_with_exdates_matches_recurring_ical_events():
    span = window(D(2027, 1, 1), D(2027, 12, 31))
    # The iCalendar EXDATEs name the exact instances; ours are local midnights stored in UTC.
    reference = ical_starts(
        ics(
            "20270105T180000",
            "20270105T200000",
            "RRULE:FREQ=WEEKLY;BYDAY=TU",
            "EXDATE;TZID=Europe/Rome:20270330T180000,20270803T180000,20271102T180000",
        ),
        span,
    )
    value = recurrence.deserialize(
        "RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20270329T220000Z,20270802T220000Z,20271101T230000Z"
    )
    engine = expand(series(DT(2027, 1, 5, 18, 0), value=value), *span)
    assert len(reference) == 52 - 3
    assert [occ.start.astimezone(UTC) for occ in engine] == reference


def test_first_saturday_matches_recurring_ical_events():
    span = window(D(2027, 1, 1), D(2027, 12, 31))
    reference = ical_starts(ics("20270102T100000", "20270102T123000", "RRULE:FREQ=MONTHLY;BYDAY=+1SA"), span)
    engine = expand(
        series(
            DT(2027, 1, 2, 10, 0), "RRULE:FREQ=MONTHLY;BYDAY=+1SA", duration=datetime.timedelta(hours=2.5)
        ),
        *span,
    )
    assert len(reference) == 12
    assert [occ.start.astimezone(UTC) for occ in engine] == reference
    assert [occ.end.astimezone(UTC) for occ in engine] == [
        start + datetime.timedelta(hours=2.5) for start in reference
    ]


def test_last_friday_and_every_other_week_match_recurring_ical_events():
    span = window(D(2027, 1, 1), D(2027, 12, 31))
    for first, rule in [
        ((2027, 1, 29, 21, 0), "RRULE:FREQ=MONTHLY;BYDAY=-1FR"),
        ((2027, 1, 5, 18, 0), "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=MO"),
    ]:
        stamp = "{:04d}{:02d}{:02d}T{:02d}{:02d}00".format(*first)
        end_stamp = stamp[:-6] + "235900"
        reference = ical_starts(ics(stamp, end_stamp, rule), span)
        engine = expand(series(DT(*first), rule, duration=datetime.timedelta(hours=1)), *span)
        assert [occ.start.astimezone(UTC) for occ in engine] == reference, rule


@pytest.mark.django_db
def test_materialised_rows_match_recurring_ical_events(district):
    span = window(D(2027, 1, 1), D(2027, 12, 31))
    event = EventPageFactory(
        parent=district,
        start=local_datetime(2027, 1, 2, 10, 0),
        end=local_datetime(2027, 1, 2, 12, 0),
        recurrence=recurrence.deserialize("RRULE:FREQ=MONTHLY;BYDAY=+1SA\nEXDATE:20270806T220000Z"),
    )
    rebuild_for_key(event.translation_key, window=span)
    rows = OccurrenceRow.objects.filter(translation_key=event.translation_key).order_by("start")
    reference = ical_starts(
        ics(
            "20270102T100000",
            "20270102T120000",
            "RRULE:FREQ=MONTHLY;BYDAY=+1SA",
            "EXDATE;TZID=Europe/Rome:20270807T100000",
        ),
        span,
    )
    assert len(reference) == 11
    assert [row.start for row in rows] == reference
