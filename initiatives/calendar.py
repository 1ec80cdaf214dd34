"""The “What's on” listing: filters in the URL, occurrences grouped by day, paginated."""

import datetime
from itertools import groupby

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from portal.core.directory import get_directory, reader_locale
from portal.core.page_cache import cached_by_version, valid_until
from portal.core.public_forms import WithoutControlCharactersMixin
from portal.core.visibility import public_occurrences, without_restricted

from .district_pages import district_pages, is_district

# The model modules themselves, not the package: the calendar page's context is this listing, so
# initiatives/models/calendar.py imports this module while `initiatives.models` is being loaded.
from .models.occurrence import Occurrence
from .models.pages import EventPage
from .occurrences import ONE_DAY, make_local_aware, zone
from .queries import attach_change_reasons, attach_pages
from .recurrence_rules import EARLIEST_DAY, LATEST_DAY, out_of_range_message

COUNT_CAP = 3000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP rows, so the first page costs the same at any scale.

    An exact COUNT(*) over a year of occurrences of 10,000 events takes longer than the rest
    of the page; beyond the cap residents narrow the dates instead of paging further.

    With `kept` ((request, ids…, end of the dates asked for or None)), the count is kept by
    content version under those ids: the rows change only with a publish (which moves the
    version on), when the first of them ends (it leaves the upcoming dates) or when the dates
    asked for are over; the count is kept until the earlier of the two.
    """

    def __init__(self, object_list, per_page, *, kept=None):
        super().__init__(object_list, per_page)
        self.kept = kept

    @cached_property
    def count(self):
        if self.kept is None:
            return self.counted()
        request, *key, until = self.kept

        def count_until_a_row_ends():
            if until is not None:
                valid_until(until)
            first_end = self.object_list.order_by("end").values_list("end", flat=True).first()
            if first_end is not None:
                valid_until(first_end)
            return self.counted()

        return cached_by_version(request, "initiatives:calendar-count", count_until_a_row_ends, *key)

    def counted(self):
        # Unordered: the order changes nothing in a count and kept the database from using the
        # index that suits the filters.
        return self.object_list.order_by()[: COUNT_CAP + 1].count()

    @property
    def capped(self):
        return self.count > COUNT_CAP


def filter_choices(locale, request=None):
    """The snippet choices of the calendar's filters in `locale`: plain, picklable lists, from the
    cached directory. Events point to the source-language snippet, and their rows carry its
    slug, so a category or audience not translated yet is offered under its source name."""
    directory = get_directory(request)
    return {
        "category": [(c.slug, c.name) for c in directory.categories.in_locale(locale.pk)],
        "audience": [(a.slug, a.name) for a in directory.audiences.in_locale(locale.pk)],
        "language": [(lang.code, lang.name) for lang in directory.languages.values()],
    }


class CalendarFilterForm(WithoutControlCharactersMixin, forms.Form):
    WHEN_CHOICES = [
        ("", _("From today")),
        ("today", _("Today")),
        ("week", _("This week")),
        ("weekend", _("This weekend")),
        ("month", _("This month")),
        ("dates", _("Chosen dates")),
    ]

    DATE_ATTRS = {"type": "date", "min": EARLIEST_DAY.isoformat(), "max": LATEST_DAY.isoformat()}

    when = forms.ChoiceField(label=_("When"), choices=WHEN_CHOICES, required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs=DATE_ATTRS))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs=DATE_ATTRS))
    district = forms.ChoiceField(label=_("District"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    audience = forms.ChoiceField(label=_("For whom"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    free = forms.BooleanField(label=_("Free only"), required=False)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)

    def __init__(self, data, *, districts, locale, choices=None, **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", _("All"))]
        self.districts = {d.slug: d for d in districts}
        self.fields["district"].choices = everything + [(d.slug, d.title) for d in districts]
        choices = choices or filter_choices(locale)
        for name in ("category", "audience", "language"):
            self.fields[name].choices = everything + choices[name]

    def clean_date_from(self):
        return self.day_in_range(self.cleaned_data["date_from"])

    def clean_date_to(self):
        return self.day_in_range(self.cleaned_data["date_to"])

    @staticmethod
    def day_in_range(day):
        """A typed date far outside any calendar (year 1, year 9999) is an error, not a 500."""
        if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
            raise forms.ValidationError(out_of_range_message(), code="out_of_range")
        return day

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date must not be before the start date."))
        if data.get("date_from") or data.get("date_to"):
            data["when"] = "dates"
        return data


def date_range(when, date_from=None, date_to=None, today=None, now=None):
    """(start, end) aware datetimes for a named range; end is exclusive.

    `now` (default: the current instant) starts the open ranges; `today` defaults to its date.
    """
    now = now or timezone.now()
    today = today or timezone.localdate(now, timezone=zone())

    def midnight(day):
        return make_local_aware(datetime.datetime.combine(day, datetime.time(0, 0)))

    if when == "today":
        return now, midnight(today + ONE_DAY)
    if when == "week":
        monday = today - datetime.timedelta(days=today.weekday())
        return now, midnight(monday + datetime.timedelta(days=7))
    if when == "weekend":
        saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:
            saturday = today - ONE_DAY
        return max(now, midnight(saturday)), midnight(saturday + datetime.timedelta(days=2))
    if when == "month":
        first_next = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        return now, midnight(first_next)
    if when == "dates":
        start = midnight(date_from) if date_from else now
        end = midnight(date_to + ONE_DAY) if date_to else None
        return start, end
    return now, None


def filtered_occurrences(cleaned, *, district_key=None, districts=None, request=None):
    """The public event occurrences (portal/core/visibility.py) that match the calendar's filters."""
    start, end = date_range(cleaned.get("when"), cleaned.get("date_from"), cleaned.get("date_to"))
    if cleaned.get("when") in ("today", "week", "weekend", "month"):
        valid_until(end)  # the next day, week or month brings other events (portal/core/page_cache.py)
    keys = [
        EventPage.objects.filter(**{lookup: cleaned[name]}).order_by().values("translation_key")
        for name, lookup in (("audience", "audiences__slug"), ("language", "languages__code"))
        if cleaned.get(name)
    ]
    rows = Occurrence.objects.filter(end__gt=start)
    if keys:
        # Only events have these keys: without the kind filter, whose index the database
        # preferred, it reads the few rows of the chosen events instead of every upcoming row.
        for subquery in keys:
            rows = rows.filter(translation_key__in=subquery)
    else:
        rows = rows.filter(kind=Occurrence.Kind.EVENT)
    rows = public_occurrences(rows, request)
    if end is not None:
        rows = rows.filter(start__lt=end)
    if district_key is None and cleaned.get("district") and districts:
        district_key = districts[cleaned["district"]].translation_key
    if district_key is not None:
        rows = rows.filter(district_key=district_key)
    if cleaned.get("category"):
        rows = rows.filter(category_slug=cleaned["category"])
    if cleaned.get("free"):
        rows = rows.filter(is_free=True)
    if cleaned.get("step_free"):
        rows = rows.filter(step_free=True)
    return rows.order_by("start", "pk")


SHARED_FILTERS = ("when", "district", "category", "audience", "language", "free", "step_free")


def shared_form_key(form, filtered):
    """What the rendered filter form depends on, for `{% fragment %}` to share it, or None.

    A valid form without typed dates renders the same for every reader who chose the same
    filters: its values are among the form's own choices (never a value as typed), so the
    forms kept are the few combinations of them. `filtered` says whether the query holds
    anything but the page number (the form then offers to clear it). A form with an error or
    a date is rendered afresh.
    """
    if not form.is_bound:
        return "unbound"
    data = form.cleaned_data if form.is_valid() else None
    if data is None or data.get("date_from") or data.get("date_to"):
        return None
    chosen = "&".join(f"{name}={data[name]}" for name in SHARED_FILTERS if data.get(name))
    return f"{int(filtered)}:{chosen}"


def calendar_context(request, calendar_page):
    """Context for the calendar template; query count is independent of the rows shown."""
    directory = get_directory(request)
    locale = directory.locales.get(calendar_page.locale_id) or reader_locale(request)

    def load():
        districts = without_restricted(district_pages().live().filter(locale=locale), request)
        return list(districts.order_by("title")), filter_choices(locale, request)

    districts, choices = cached_by_version(request, "initiatives:calendar-filters", load, locale.pk)
    # The district above a district's calendar, without a query when it is a public one.
    parent_path = calendar_page.path[: -calendar_page.steplen]
    district_scope = next((district for district in districts if district.path == parent_path), None)
    if district_scope is None and calendar_page.depth > 3:
        parent = calendar_page.get_parent().specific
        district_scope = parent if is_district(parent) else None
    if district_scope is not None:
        districts = []
    form = CalendarFilterForm(request.GET or None, districts=districts, locale=locale, choices=choices)
    # An invalid value (an unknown category in a hand-edited URL) is shown as a form error
    # and ignored; the valid filters still apply.
    cleaned = {}
    if form.is_bound:
        form.is_valid()
        cleaned = form.cleaned_data
    rows = filtered_occurrences(
        cleaned,
        district_key=district_scope.translation_key if district_scope else None,
        districts=form.districts,
        request=request,
    )
    query = request.GET.copy()
    query.pop("page", None)
    form_key = shared_form_key(form, bool(query))
    kept = None
    if form_key is not None and directory.guards.sees_what_the_public_sees(request):
        # The same filters count the same rows for every reader who passed no restriction.
        _start, until = date_range(cleaned.get("when"))
        kept = (request, calendar_page.pk, form_key, until)
    paginator = CappedPaginator(rows, calendar_page.per_page or 30, kept=kept)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    listed = attach_pages(page_obj.object_list, locale, request=request)
    attach_change_reasons(listed, request=request)
    days = [
        (day, list(items))
        for day, items in groupby(listed, key=lambda item: timezone.localtime(item.row.start, zone()).date())
    ]
    return {
        "filter_form": form,
        "filter_form_key": form_key,
        "district_scope": district_scope,
        "page_obj": page_obj,
        "paginator": paginator,
        "days": days,
        "filter_query": query.urlencode(),
    }
