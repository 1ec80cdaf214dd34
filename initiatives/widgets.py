"""Admin widgets of the initiatives' pages."""

from django import forms
from recurrence.forms import RecurrenceWidget


class AdminRecurrenceWidget(RecurrenceWidget):
    """django-recurrence's rule editor, fitted to Wagtail's admin.

    Its stylesheet gives every input `width: auto`, which Wagtail's unstyled (appearance: none)
    checkboxes and radios shrink to 2 pixels, so “Exclude these occurrences” and “Repeat until”
    cannot be seen; and it floats the widget, so the next panel slides up beside it.
    """

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["initiatives/admin/recurrence-widget.css"]})
