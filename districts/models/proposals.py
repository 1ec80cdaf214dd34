"""Residents' proposals: the form page of each district, its extra questions and the proposals
received, which the district's Community Manager follows until they become projects (or not)."""

import hashlib
import logging
from dataclasses import dataclass
from functools import partial
from smtplib import SMTPException

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, AbstractFormSubmission
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal.core.directory import get_directory
from portal.core.preview import AppPreviewMixin
from portal.core.visibility import CachedViewRestrictionsMixin

from ..forms import FIXED_FIELDS, ProposalFieldBuilder, ProposalForm, ProposalFormPageAdminForm
from ..ratelimit import RateLimit
from ..tasks import email_proposal
from .district import DistrictPage

logger = logging.getLogger(__name__)

RATE_LIMIT_SCOPE = "proposals"
RATE_LIMITED_MESSAGE = _(
    "You have sent several proposals in a few minutes. Please wait a little and try again, or call the house."
)


@dataclass(frozen=True)
class Receipt:
    """What became of a proposal sent to `ProposalFormPage.receive`."""

    LIMITED = "limited"  # too many from this address: try again in `retry_after` seconds
    SPAM = "spam"  # the honeypot was filled in: nothing stored, answered as a success
    INVALID = "invalid"  # the form's errors say what to correct
    REPEAT = "repeat"  # the same text again from the same address: `proposal` is the first one
    SAVED = "saved"  # stored and the Community Manager's e-mail queued: `proposal`
    NOT_SAVED = "not_saved"  # the database failed: nothing stored, the resident may retry

    outcome: str
    proposal: object = None
    retry_after: int = 0


class ProposalNotEmailed(Exception):
    """The Community Manager could not be e-mailed (the proposal is saved all the same)."""


# Help for the house's staff under the settings of an extra question where Wagtail's form
# builder gives none (or a developer's one); the panels are Wagtail's own otherwise.
EXTRA_QUESTION_HELP = {
    "label": _("The question as residents will read it, e.g. “How old are your children?”."),
    "help_text": _("Optional: one line under the question saying what to write."),
    "required": _("Tick if residents must answer before they can send their proposal."),
    "field_type": _("The kind of answer: one line, a paragraph, a choice from a list, a date…"),
}


def with_help(panel, help_text):
    """A copy of `panel` that shows `help_text` under its field."""
    return type(panel)(**{**panel.clone_kwargs(), "help_text": help_text})


class ProposalFormField(TranslatableMixin, AbstractFormField):
    """An extra question an editor adds to one district's proposal form."""

    page = ParentalKey("districts.ProposalFormPage", on_delete=models.CASCADE, related_name="form_fields")

    panels = [
        with_help(panel, EXTRA_QUESTION_HELP.get(panel.field_name, panel.help_text))
        for panel in AbstractFormField.panels
    ]

    override_translatable_fields = [
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")


class ProposalFormPage(AppPreviewMixin, CachedViewRestrictionsMixin, AbstractEmailForm):
    """Where residents propose an idea or ask for help; each proposal reaches the Community Manager."""

    intro = models.TextField(
        _("introduction"),
        max_length=800,
        help_text=_("Invite residents to write: what kind of ideas and requests the house welcomes."),
    )
    privacy_text = models.TextField(
        _("privacy notice"),
        help_text=_(
            "Shown next to the consent box: who reads the proposal, what for, how long it is kept "
            "and how to ask for it to be deleted."
        ),
    )
    thank_you_text = models.TextField(
        _("thank-you message"),
        help_text=_("Shown after sending: what happens next and when the house will answer."),
    )

    base_form_class = ProposalFormPageAdminForm
    form_builder = ProposalFieldBuilder

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        HelpPanel(
            _(
                "The form always asks for a name, an optional e-mail or phone number, the proposal, "
                "its subject, the language for the answer and consent to the privacy notice. Add "
                "extra questions below only if this house needs them."
            )
        ),
        InlinePanel("form_fields", heading=_("Extra questions"), label=_("Question")),
        FieldPanel("privacy_text"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "to_address",
                    help_text=_(
                        "Leave empty to write to the district's Community Manager. Separate several "
                        "addresses with commas."
                    ),
                ),
                FieldPanel("from_address", help_text=_("Leave empty to use the portal's address.")),
                FieldPanel("subject", help_text=_("Leave empty for “New proposal for <district>”.")),
            ],
            heading=_("E-mail to the Community Manager"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    # Only the public texts: never the addresses the proposals go to, never the proposals.
    # `fields_data`: what the form asks, so that the app can show it (`POST /api/v2/proposals/`).
    api_fields = [
        APIField("intro"),
        APIField("privacy_text"),
        APIField("thank_you_text"),
        APIField("fields_data"),
    ]
    # The contract of those fields, read by the OpenAPI document's generator.
    api_field_schemas = {
        "intro": {"type": "string", "description": "The invitation to write, in the page's language."},
        "privacy_text": {
            "type": "string",
            "description": "The privacy notice to show next to the consent box; sending a proposal "
            "needs `privacy_accepted: true`.",
        },
        "thank_you_text": {
            "type": "string",
            "description": "What happens next, shown after a proposal is sent (also in the answer).",
        },
        "fields_data": {
            "type": "array",
            "description": "The fields of the form in order, labelled in the page's language: the "
            "fixed ones and the house's extra questions (`extra`). Send each answer under its `name` "
            "to POST /proposals/.",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "extra": {
                        "type": "boolean",
                        "description": "One of the house's extra questions: answered inside `extra`.",
                    },
                    "type": {
                        "type": "string",
                        "enum": [
                            "text",
                            "multiline",
                            "email",
                            "phone",
                            "url",
                            "number",
                            "date",
                            "datetime",
                            "boolean",
                            "choice",
                            "multiple_choice",
                            "hidden",
                        ],
                    },
                    "label": {"type": "string"},
                    "help_text": {"type": "string"},
                    "required": {"type": "boolean"},
                    "min_length": {"type": "integer", "nullable": True},
                    "max_length": {"type": "integer", "nullable": True},
                    "choices": {
                        "type": "array",
                        "nullable": True,
                        "items": {
                            "type": "object",
                            "properties": {"value": {"type": "string"}, "label": {"type": "string"}},
                            "required": ["value", "label"],
                            "additionalProperties": False,
                        },
                    },
                },
                "required": [
                    "name",
                    "extra",
                    "type",
                    "label",
                    "help_text",
                    "required",
                    "min_length",
                    "max_length",
                    "choices",
                ],
                "additionalProperties": False,
            },
        },
    }
    # Where residents' data goes is the same in every language and never overridden in a
    # translation: it changes only on the source page, through the Community Manager's approval.
    override_translatable_fields = [
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("from_address", overridable=False),
        SynchronizedField("subject"),
    ]

    # Each district has its own form, which reaches its own Community Manager.
    parent_page_types = ["districts.DistrictPage"]
    # The thank-you message is part of the form page, not a page of its own.
    subpage_types = []
    max_count_per_parent = 1

    template = "districts/proposal_form_page.html"
    landing_page_template = "districts/proposal_form_page_landing.html"

    class Meta:
        verbose_name = _("proposal form")
        verbose_name_plural = _("proposal forms")

    # --- The form ------------------------------------------------------------------------

    def get_form_class(self):
        extra = self.form_builder(self.get_form_fields()).formfields
        return type("ProposalForm", (ProposalForm,), dict(extra))

    @property
    def fields_data(self):
        """The form's fields as the app shows them (`ProposalForm.describe`), in the page's language."""
        locale = get_directory().locales.get(self.locale_id) or self.locale
        with translation.override(locale.language_code):
            return self.get_form_class()(page=self).describe()

    def get_data_fields(self):
        return [
            ("submit_time", _("Submission date")),
            ("name", _("Name")),
            ("email", _("E-mail")),
            ("phone", _("Phone")),
            ("proposal", _("Proposal")),
            ("category", _("Subject")),
            ("language", _("Language for the answer")),
            *[(field.clean_name, field.label) for field in self.get_form_fields()],
            ("publish_consent", _("May be mentioned if it becomes a project")),
            ("status", _("Status")),
        ]

    def get_submission_class(self):
        return Proposal

    def get_submissions_list_view_class(self):
        # Imported when used, as Wagtail does: its admin views need the model registry ready.
        from ..export import ProposalSubmissionsListView

        return ProposalSubmissionsListView

    def get_submissions(self):
        """The proposals sent through this form in every language."""
        return Proposal.objects.filter(page__translation_key=self.translation_key)

    @property
    def district(self):
        parent = self.get_parent()
        return parent.specific if parent is not None and parent.specific_class is DistrictPage else None

    def recipients(self):
        """The addresses to write to: the page's own, else the district's Community Manager."""
        if self.to_address.strip():
            return [address.strip() for address in self.to_address.split(",") if address.strip()]
        district = self.district
        if district is not None and district.manager_id and district.manager.email:
            return [district.manager.email]
        return []

    def process_form_submission(self, form, on_saved=None):
        """Save the proposal, then tell the Community Manager.

        `on_saved` runs once the proposal is committed, never if saving it failed.
        """
        with transaction.atomic():
            proposal = Proposal.objects.create(
                page=self,
                form_data=form.submission_data(),
                publish_consent=form.cleaned_data.get("publish_consent", False),
            )
            if on_saved is not None:
                transaction.on_commit(on_saved)
        self.notify_manager(proposal)
        return proposal

    def notify_manager(self, proposal):
        """Queue the e-mail to the Community Manager; the worker (`manage.py db_worker`) sends it.

        Never sent inside the resident's request, which a slow SMTP server would hold up. If
        even queueing fails, that is logged and the proposal, saved and listed in the admin,
        stays: whatever the failure, the resident's answer is the same.
        """
        try:
            with transaction.atomic():
                email_proposal.enqueue(proposal.pk)
        except Exception as error:
            logger.error("Could not queue the e-mail of proposal %s: %s.", proposal.pk, type(error).__name__)

    def send_proposal_email(self, proposal):
        """Tell the Community Manager, in the portal's language, with a link to the proposal.

        Run by the worker. A failure to send is logged (by number, never with what the resident
        wrote) and raised as ProposalNotEmailed, so the task is recorded as failed; the
        proposal is saved and listed in the admin all the same.
        """
        recipients = self.recipients()
        if not recipients:
            logger.warning("Proposal form %s has no address to send proposal %s to.", self.pk, proposal.pk)
            return
        data = proposal.form_data
        with translation.override(settings.LANGUAGE_CODE):
            district = self.district
            subject = self.subject or _("New proposal for %(district)s") % {
                "district": district.title if district else self.title
            }
            body = render_to_string(
                "districts/emails/proposal_received.txt",
                {
                    "page": self,
                    "district": district,
                    "proposal": proposal,
                    "data": data,
                    "language": dict(settings.LANGUAGES).get(data["language"], data["language"]),
                    "extra": [(field.label, data.get(field.clean_name)) for field in self.get_form_fields()],
                    "admin_url": proposal.admin_url,
                },
            )
        try:
            send_mail(
                str(subject),
                body,
                recipients,
                self.from_address or None,
                reply_to=[data["email"]] if data.get("email") else None,
            )
        except (SMTPException, OSError) as error:
            # Only the number and the kind of failure: the message may quote the e-mail.
            logger.warning(
                "Could not e-mail proposal %s to the Community Manager: %s.",
                proposal.pk,
                type(error).__name__,
            )
            # Without the SMTP error attached: the task queue keeps the traceback.
            raise ProposalNotEmailed(
                f"proposal {proposal.pk} was not e-mailed ({type(error).__name__})"
            ) from None

    # --- Serving -------------------------------------------------------------------------

    def thank_you_url(self, request):
        return f"{self.get_url(request)}?sent=1"

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            # Keep what residents wrote out of error reports.
            request.sensitive_post_parameters = "__ALL__"
            return self.serve_post(request, *args, **kwargs)
        if request.GET.get("sent"):
            return self.render_landing_page(request)
        return super().serve(request, *args, **kwargs)

    def serve_post(self, request, *args, **kwargs):
        """The web form's answers to `receive`: Post/Redirect/Get, or the form again."""
        form = self.get_form(request.POST, page=self, user=request.user)
        receipt = self.receive(request, form)
        if receipt.outcome == Receipt.LIMITED:
            form.add_error(None, RATE_LIMITED_MESSAGE)
            response = self.render_form(request, form, status=429)
            response["Retry-After"] = str(receipt.retry_after)
            return response
        if receipt.outcome == Receipt.INVALID:
            return self.render_form(request, form)
        if receipt.outcome == Receipt.NOT_SAVED:
            form.add_error(
                None,
                _(
                    "Your proposal could not be saved just now. Please send it again in a few "
                    "moments: what you wrote is still in the form below."
                ),
            )
            return self.render_form(request, form, status=503)
        return redirect(self.thank_you_url(request))

    def receive(self, request, form):
        """Per-address limit, honeypot, validation and duplicate check, then save and notify.

        The one path of a proposal, whether it comes from the web form or from the app
        (`districts/api.py`): the same rules, the same counters, the same e-mail. Returns a
        `Receipt`; each caller only chooses how to answer it.
        """
        limit = RateLimit(request, RATE_LIMIT_SCOPE)
        if limit.exceeded():
            form.is_valid()
            return Receipt(Receipt.LIMITED, retry_after=limit.retry_after())
        if form.is_spam:
            # Answered as if it had worked, so robots learn nothing.
            limit.hit()
            return Receipt(Receipt.SPAM)
        if not form.is_valid():
            return Receipt(Receipt.INVALID)
        fingerprint = hashlib.sha256(
            f"{self.translation_key}:{form.cleaned_data['proposal']}".encode()
        ).hexdigest()
        if limit.is_repeat(fingerprint):
            # A second click, or a reload of the form, does not send the same proposal twice.
            earlier = (
                self.get_submissions()
                .filter(form_data__proposal=form.cleaned_data["proposal"])
                .order_by("-pk")
                .first()
            )
            return Receipt(Receipt.REPEAT, proposal=earlier)
        limit.hit()
        try:
            # The proposal is remembered as sent only once it is committed: after a failed
            # save the resident's next try is saved, not taken for a second click.
            proposal = self.process_form_submission(form, on_saved=partial(limit.remember, fingerprint))
        except DatabaseError as error:
            # Only the form and the kind of failure: the database's message may quote the text.
            logger.error("Could not save a proposal sent through form %s: %s.", self.pk, type(error).__name__)
            return Receipt(Receipt.NOT_SAVED)
        return Receipt(Receipt.SAVED, proposal=proposal)

    def render_form(self, request, form, status=200):
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        district = self.district
        if district is not None:
            district.prepare_from_directory(get_directory(request))
        context["district"] = district
        context["manager"] = district.localized_manager if district else None
        context["house"] = district.localized_house if district else None
        return context


class ProposalQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(status=Proposal.Status.RECEIVED)

    def shown_on_district_pages(self):
        """Proposals that became initiatives and whose authors agreed to say so."""
        return self.filter(
            publish_consent=True, status=Proposal.Status.BECAME_INITIATIVE, initiative__isnull=False
        )

    def in_subtrees(self, pages):
        """Proposals sent through the forms below any of `pages` (districts, in any locale)."""
        paths = [page.path for page in pages]
        if not paths:
            return self.none()
        condition = models.Q()
        for path in paths:
            condition |= models.Q(page__path__startswith=path)
        return self.filter(condition)


class Proposal(AbstractFormSubmission):
    """One proposal a resident sent, and what became of it."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_DISCUSSION = "in_discussion", _("In discussion")
        BECAME_INITIATIVE = "became_initiative", _("Became an initiative")
        DECLINED = "declined", _("Declined")

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
        help_text=_("Change it once you have answered, so the proposal leaves the list of new ones."),
    )
    initiative = models.ForeignKey(
        "initiatives.InitiativePage",
        verbose_name=_("initiative it became"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("When the idea became a project, choose its initiative page in this district."),
    )
    publish_consent = models.BooleanField(
        _("may be mentioned on the site"),
        default=False,
        editable=False,
        help_text=_("The resident agreed that the district page mentions the project it became."),
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = ProposalQuerySet.as_manager()

    panels = [
        HelpPanel(template="districts/admin/proposal_summary_panel.html", heading=_("The proposal")),
        FieldPanel("status"),
        PageChooserPanel("initiative", page_type="initiatives.InitiativePage"),
    ]

    class Meta:
        verbose_name = _("residents' proposal")
        verbose_name_plural = _("residents' proposals")
        ordering = ["-submit_time", "-pk"]
        indexes = [models.Index(fields=["status", "submit_time"], name="proposal_status_time")]

    def __str__(self):
        # Never what the resident wrote: this string ends up in the admin's history and logs.
        if self.submit_time:
            return _("Proposal no. %(number)s of %(date)s") % {
                "number": self.pk,
                "date": timezone.localtime(self.submit_time).strftime("%d/%m/%Y"),
            }
        return _("Proposal no. %(number)s") % {"number": self.pk}

    def save(self, *args, **kwargs):
        if self.pk is not None:
            previous = Proposal.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if previous is not None and previous != self.status:
                self.status_changed_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.status == self.Status.BECAME_INITIATIVE and self.initiative_id is None:
            raise ValidationError({"initiative": _("Choose the initiative this proposal became.")})
        if self.initiative_id is not None and self.status != self.Status.BECAME_INITIATIVE:
            raise ValidationError(
                {"status": _("Choose “Became an initiative”, or remove the initiative below.")}
            )
        if self.initiative_id is not None and self.district is not None:
            district_keys = set(
                Page.objects.ancestor_of(self.initiative).values_list("translation_key", flat=True)
            )
            if self.district.translation_key not in district_keys:
                raise ValidationError(
                    {
                        "initiative": _("Choose an initiative of %(district)s.")
                        % {"district": self.district.title}
                    }
                )

    # --- Reading the answers -------------------------------------------------------------

    def get_data(self):
        data = {
            **self.form_data,
            "submit_time": self.submit_time,
            "status": self.get_status_display(),
            "publish_consent": _("yes") if self.publish_consent else _("no"),
        }
        language = self.form_data.get("language")
        if language:
            data["language"] = dict(settings.LANGUAGES).get(language, language)
        return data

    @property
    def district(self):
        return DistrictPage.objects.ancestor_of(self.page).first() if self.page_id else None

    def district_title(self):
        district = self.district
        return district.title if district else ""

    district_title.short_description = _("district")

    @property
    def name(self):
        return self.form_data.get("name", "")

    @property
    def text(self):
        return self.form_data.get("proposal", "")

    @property
    def category(self):
        return self.form_data.get("category", "")

    category.fget.short_description = _("Subject")

    @property
    def language_name(self):
        language = self.form_data.get("language", "")
        return dict(settings.LANGUAGES).get(language, language)

    @property
    def extra_answers(self):
        """(question, answer) of the extra questions, labelled as on the form page."""
        labels = {field.clean_name: field.label for field in self.page.specific.get_form_fields()}
        return [
            (labels.get(name, name), value)
            for name, value in self.form_data.items()
            if name not in FIXED_FIELDS and value not in ("", None, [])
        ]

    @property
    def admin_url(self):
        path = reverse("proposals:edit", args=[self.pk])
        return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"

    def anonymise(self):
        """Forget who sent it and what they wrote; keep what it was about and what became of it."""
        self.form_data = {
            "category": self.form_data.get("category", ""),
            "language": self.form_data.get("language", ""),
        }
        self.anonymised_at = timezone.now()
        self.save(update_fields=["form_data", "anonymised_at"])
