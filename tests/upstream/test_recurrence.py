"""django-recurrence's internals the portal relies on (portal.core.upstream, "django-recurrence")."""

import re

import recurrence
from django.contrib.staticfiles import finders
from recurrence.forms import RecurrenceWidget

from initiatives.widgets import AdminRecurrenceWidget
from portal.core import upstream

WIDGET_STYLESHEET = "recurrence/css/recurrence.css"


def test_the_by_params_name_the_rules_options():
    rule = recurrence.Rule(recurrence.MONTHLY, byday=[recurrence.SA(1)], bymonth=[6], bysetpos=1)
    params = upstream.recurrence_by_params(rule)
    wanted = {"bysetpos", "bymonth", "bymonthday", "byyearday", "byweekno", "byday", "byhour", "byminute"}
    assert wanted | {"bysecond"} <= set(params)
    assert {name: getattr(rule, name) for name in params if getattr(rule, name)} == {
        "bysetpos": [1],
        "bymonth": [6],
        "byday": [recurrence.SA(1)],
    }


def test_the_widget_stylesheet_still_has_the_rules_the_portal_counters():
    """initiatives/admin/recurrence-widget.css undoes two rules of django-recurrence's stylesheet:
    if these change, look at the rule editor in the admin again."""
    assert WIDGET_STYLESHEET in str(RecurrenceWidget().media)
    assert WIDGET_STYLESHEET in str(AdminRecurrenceWidget().media)
    with open(finders.find(WIDGET_STYLESHEET), encoding="utf-8") as file:
        css = file.read()
    assert re.search(r"div\.recurrence-widget\s*\{[^}]*float:\s*left", css)
    assert re.search(r"\{[^}]*width:\s*auto", css)
