"""The search form: the words, and filters by district, kind of page and category.

Filter values come from addresses people share and edit, so an unknown one is a form error
with a plain message, never a server error.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.public_forms import WithoutControlCharactersMixin

MAX_TYPED_LENGTH = 200

KIND_CHOICES = [
    ("", _("Everything")),
    ("district", _("Districts")),
    ("initiative", _("Initiatives and services")),
    ("event", _("Events")),
    ("news", _("News")),
]


class SearchForm(WithoutControlCharactersMixin, forms.Form):
    q = forms.CharField(label=_("Search the site"), required=False, strip=True)
    district = forms.ChoiceField(label=_("District"), required=False)
    type = forms.ChoiceField(label=_("Kind"), required=False, choices=KIND_CHOICES)
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, data, *, districts, categories, **kwargs):
        """`districts`: the locale's district pages; `categories`: [(slug, name)]."""
        super().__init__(data, **kwargs)
        self.districts = {district.slug: district for district in districts}
        self.fields["district"].choices = [("", _("All districts"))] + [
            (district.slug, district.title) for district in districts
        ]
        self.fields["category"].choices = [("", _("All categories"))] + list(categories)
        self.fields["q"].widget.attrs.update({"maxlength": MAX_TYPED_LENGTH, "autocomplete": "off"})
        self.fields["district"].error_messages["invalid_choice"] = _(
            "There is no district “%(value)s”. Choose one from the list."
        )
        self.fields["type"].error_messages["invalid_choice"] = _(
            "“%(value)s” is not a kind of page. Choose one from the list."
        )
        self.fields["category"].error_messages["invalid_choice"] = _(
            "There is no category “%(value)s”. Choose one from the list."
        )

    def clean_q(self):
        # Longer queries are cut rather than refused: a pasted paragraph still searches.
        return " ".join(self.cleaned_data["q"].split())[:MAX_TYPED_LENGTH]

    @property
    def has_filters(self):
        return self.is_bound and any(self.data.get(name) for name in ("district", "type", "category"))

    def selected_district(self):
        return self.districts.get(self.cleaned_data.get("district") or "")
