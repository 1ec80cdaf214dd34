"""What a follower chooses, as one form for the site and the app's API: districts (by translation
key, named in the reader's language), categories and audiences (by slug), the language of the
messages (any of the portal's) and the channels. An empty choice of districts, categories or
audiences means all of them. Unknown values are form errors, never a 500.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.core.directory import get_directory

from ..models import Follower


def choices(locale_id, request=None):
    """(districts, categories, audiences) as (value, label) lists in the locale `locale_id`."""
    directory = get_directory(request)
    districts = [(str(page.translation_key), page.title) for page in directory.districts.in_locale(locale_id)]
    categories = [(row.slug, row.name) for row in directory.categories.in_locale(locale_id)]
    audiences = [(row.slug, row.name) for row in directory.audiences.in_locale(locale_id)]
    return districts, categories, audiences


class PreferencesForm(forms.Form):
    """The choices of a follower; `apply(follower)` writes them onto a Follower."""

    districts = forms.MultipleChoiceField(
        label=_("Districts"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every district."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Kinds of activity"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every kind."),
    )
    audiences = forms.MultipleChoiceField(
        label=_("For whom"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: everyone."),
    )
    language = forms.ChoiceField(label=_("Language of the messages"), choices=settings.LANGUAGES)
    weekly_digest = forms.BooleanField(
        label=_("A weekly e-mail with what is on next week"), required=False, initial=True
    )
    alerts = forms.BooleanField(
        label=_("At once: urgent notices, and cancellations or moves of what I follow or saved"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, locale_id=None, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        districts, categories, audiences = choices(locale_id, request)
        self.fields["districts"].choices = districts
        self.fields["categories"].choices = categories
        self.fields["audiences"].choices = audiences

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("weekly_digest") and not cleaned.get("alerts"):
            raise forms.ValidationError(
                _("Choose at least one: the weekly e-mail or the alerts."), code="no_channel"
            )
        return cleaned

    @classmethod
    def initial_for(cls, follower: Follower):
        return {
            "districts": follower.districts,
            "categories": follower.categories,
            "audiences": follower.audiences,
            "language": follower.language,
            "weekly_digest": follower.weekly_digest,
            "alerts": follower.alerts,
        }

    def apply(self, follower: Follower):
        """Write the cleaned choices onto `follower` (not saved)."""
        for name in ("districts", "categories", "audiences"):
            setattr(follower, name, sorted(self.cleaned_data[name]))
        follower.language = self.cleaned_data["language"]
        follower.weekly_digest = self.cleaned_data["weekly_digest"]
        follower.alerts = self.cleaned_data["alerts"]
        return follower
