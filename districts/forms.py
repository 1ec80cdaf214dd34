"""The residents' proposal form: fixed fields written in code, plus the extra questions an editor
may add to one district's form with Wagtail's form builder."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm
from wagtail.models import Locale

from initiatives.models import Category
from portal.core.directory import get_directory
from portal.core.public_forms import WithoutControlCharactersMixin

NAME_MAX_LENGTH = 100
PHONE_MAX_LENGTH = 30
PROPOSAL_MIN_LENGTH = 20
PROPOSAL_MAX_LENGTH = 2000
EXTRA_ANSWER_MAX_LENGTH = 1000

# The honeypot: a field people never see (hidden by CSS, skipped by screen readers and the
# keyboard) that form-filling robots complete.
HONEYPOT_FIELD = "website"
# Fields the form always has; an extra question may not reuse their names.
FIXED_FIELDS = (
    "name",
    "email",
    "phone",
    "proposal",
    "category",
    "language",
    "publish_consent",
    "consent",
    HONEYPOT_FIELD,
)
# Names that the submission listing and its CSV export use for other columns.
RESERVED_NAMES = set(FIXED_FIELDS) | {"submit_time", "status", "initiative"}
# What is kept of a submission beyond the extra questions' answers; consent is implied by
# the submission itself (the form cannot be sent without it).
STORED_FIELDS = ("name", "email", "phone", "proposal", "category", "language")

# Names the app uses for a field of the form (the API, districts/api.py), where they differ:
# the app shows the privacy notice itself and says that the resident accepted it.
API_NAMES = {"consent": "privacy_accepted"}
FORM_NAMES = {api_name: name for name, api_name in API_NAMES.items()}

PHONE_PATTERN = re.compile(r"^\+?[0-9 ().\-/]+$")


def validate_phone(value):
    digits = sum(character.isdigit() for character in value)
    if not PHONE_PATTERN.match(value) or not 6 <= digits <= 15:
        raise ValidationError(
            _("Write the phone number with digits only, e.g. +39 333 123 4567."), code="invalid_phone"
        )


class TelInput(forms.TextInput):
    input_type = "tel"


def field_type(field):
    """The kind of answer a form field takes, in the API's words (`fields_data`)."""
    if isinstance(field, forms.BooleanField):
        return "boolean"
    if isinstance(field, forms.MultipleChoiceField):
        return "multiple_choice"
    if isinstance(field, forms.ChoiceField):
        return "choice"
    kinds = [
        (forms.EmailField, "email"),
        (forms.URLField, "url"),
        (forms.DateTimeField, "datetime"),
        (forms.DateField, "date"),
        (forms.DecimalField, "number"),
    ]
    for kind, name in kinds:
        if isinstance(field, kind):
            return name
    if isinstance(field.widget, TelInput):
        return "phone"
    if isinstance(field.widget, forms.Textarea):
        return "multiline"
    if isinstance(field.widget, forms.HiddenInput):
        return "hidden"
    return "text"


class ProposalFieldBuilder(FormBuilder):
    """Wagtail's form builder, with a length limit on long answers as well."""

    def create_multiline_field(self, field, options):
        options["max_length"] = EXTRA_ANSWER_MAX_LENGTH
        return super().create_multiline_field(field, options)


class ProposalForm(WithoutControlCharactersMixin, BaseForm):
    """What a resident sends to the neighbourhood house. `page` is the ProposalFormPage."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("A first name is enough."),
        error_messages={"required": _("Tell us your name: a first name is enough.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Leave an e-mail address or a phone number if you would like an answer."),
        error_messages={"invalid": _("This e-mail address does not look right, e.g. name@example.com.")},
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=PHONE_MAX_LENGTH,
        validators=[validate_phone],
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    proposal = forms.CharField(
        label=_("Your idea or request"),
        min_length=PROPOSAL_MIN_LENGTH,
        max_length=PROPOSAL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Write your idea or request."),
            "min_length": _("Tell us a little more: at least %(limit_value)d characters."),
            "max_length": _(
                "Your text is too long: at most %(limit_value)d characters "
                "(it has %(show_value)d). You can tell us more in person."
            ),
        },
    )
    category = forms.ChoiceField(
        label=_("What is it about?"),
        required=False,
    )
    language = forms.ChoiceField(
        label=_("In which language should we answer?"),
        choices=settings.LANGUAGES,
    )
    publish_consent = forms.BooleanField(
        label=_(
            "If my idea becomes a project, the site may say that it came from a resident "
            "(never with my name)."
        ),
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that the house uses my data to answer me."),
        error_messages={
            "required": _("Tick the box to agree to the privacy notice, or we cannot receive your proposal.")
        },
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].help_text = _(
            "What would you like to do or to change in the neighbourhood? What help do you need? "
            "At most %(max)s characters."
        ) % {"max": PROPOSAL_MAX_LENGTH}
        self.fields["category"].choices = [("", _("I am not sure"))] + self.category_choices()
        if self.page is not None:
            # The page's privacy notice describes the consent box, for screen readers too.
            self.fields["consent"].help_text = self.page.privacy_text
        language = get_language() or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            self.fields["language"].initial = language
        # The extra questions come before the consent boxes and the honeypot.
        self.order_fields(
            [name for name in self.fields if name not in ("publish_consent", "consent", HONEYPOT_FIELD)]
        )

    def category_choices(self):
        """(slug, name in the page's language) for every category, Italian where untranslated."""
        directory = get_directory()
        locale_id = self.page.locale_id if self.page is not None else directory.default_locale_id
        categories = directory.categories.in_locale(locale_id)
        return sorted(
            ((category.slug, category.name) for category in categories), key=lambda item: item[1].lower()
        )

    @property
    def is_spam(self):
        """True when the hidden honeypot field came back filled in."""
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD), "").strip())

    def clean(self):
        cleaned_data = super().clean()
        for name in ("name", "proposal"):
            if isinstance(cleaned_data.get(name), str):
                cleaned_data[name] = cleaned_data[name].strip()
        return cleaned_data

    def describe(self):
        """The fields an app shows, in order, as the API's `fields_data` gives them.

        Everything but the honeypot, under the API's names, with the limits the form checks;
        `extra` marks the house's own questions, whose answers the app sends in `extra`. The app
        builds its screen from this and the server still checks every answer.
        """
        return [
            {
                "name": API_NAMES.get(name, name),
                "extra": name not in FIXED_FIELDS,
                "type": field_type(field),
                "label": str(field.label or ""),
                "help_text": str(field.help_text or ""),
                "required": field.required,
                "min_length": getattr(field, "min_length", None),
                "max_length": getattr(field, "max_length", None),
                "choices": [{"value": str(value), "label": str(label)} for value, label in field.choices]
                if isinstance(field, forms.ChoiceField)
                else None,
            }
            for name, field in self.fields.items()
            if name != HONEYPOT_FIELD
        ]

    def extra_field_names(self):
        return [name for name in self.fields if name not in FIXED_FIELDS]

    def submission_data(self):
        """What is stored and e-mailed: the resident's answers, without consent and honeypot.

        The category is stored by its Italian name, the language the managers work in.
        """
        data = {name: self.cleaned_data.get(name, "") for name in STORED_FIELDS}
        slug = data["category"]
        if slug:
            category = Category.objects.filter(slug=slug, locale=Locale.get_default()).first()
            data["category"] = category.name if category else slug
        for name in self.extra_field_names():
            data[name] = self.cleaned_data.get(name)
        return data


class ProposalFormPageAdminForm(WagtailAdminFormPageForm):
    """The page editor's form: extra questions may not take the name of a fixed field."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("form_fields")
        if formset is None:
            return cleaned_data
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            if not form.cleaned_data.get("label"):
                continue
            clean_name = form.instance.clean_name or form.instance.get_field_clean_name()
            if clean_name in RESERVED_NAMES:
                form.add_error(
                    "label",
                    _("The form already asks this (“%(name)s”); choose another label.")
                    % {"name": clean_name},
                )
        return cleaned_data
