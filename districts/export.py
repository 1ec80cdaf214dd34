"""The proposals' spreadsheet export, safe to open: no cell a resident wrote runs as a formula.

Wagtail's form-submission export (`SpreadsheetExportMixin`) writes CSV cells as they are, so a
name or a proposal beginning with `=`, `+`, `-` or `@` is a formula to Excel or LibreOffice
(CSV injection: `=HYPERLINK(...)`, `=cmd|...`). Following OWASP's advice, every CSV cell that
begins with one of those characters, a tab or a carriage return gets a leading apostrophe,
which spreadsheets show as text. Its XLSX export already stores such cells as plain strings.
"""

from django.utils.encoding import force_str
from wagtail.contrib.forms.views import SubmissionsListView

# The characters that make a spreadsheet cell a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """`value` with a leading apostrophe if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


class ProposalSubmissionsListView(SubmissionsListView):
    """Wagtail's list of a form's submissions, whose CSV export neutralises formulas."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value

    def get_heading(self, queryset, field):
        # The headings include the labels of the extra questions, written by editors.
        heading = super().get_heading(queryset, field)
        if self.request.GET.get("export") == self.FORMAT_CSV:
            return neutralise_formula(force_str(heading))
        return heading
