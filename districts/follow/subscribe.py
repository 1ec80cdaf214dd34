"""The site's e-mail subscription: subscribe, confirm (double opt-in), manage, one-click
unsubscribe (RFC 8058), export and erase, and the background task that sends the confirmation.

The follower's secret key in a link is the only credential: every page that carries it is
`Cache-Control: private, no-store` and `noindex`, and an unknown key is a 404. The subscribe
form never says whether an address is known: a new address, an unconfirmed one and a
confirmed one all get the same "check your inbox" answer (the confirmed one is e-mailed its
manage link instead of a confirmation). Confirming takes a click on a button (a POST): mail
scanners that open every link of a message do not confirm for the resident.
"""

import datetime
import functools
import json
import uuid
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_tasks import task
from wagtail.models import Page

from portal.core.directory import get_directory, reader_locale
from portal.core.public_forms import WithoutControlCharactersMixin

from ..models import Delivery, Follower
from ..ratelimit import RateLimit
from . import mail
from .delivery import deliver
from .links import CONFIRM_SALT, confirm_url, manage_url
from .preferences import PreferencesForm

# At most this many subscriptions per window (seconds) from one client address.
RATE_LIMIT_SCOPE = "follow-subscribe"
RATE_LIMIT = 5
RATE_WINDOW = 600
# An unconfirmed (or already confirmed) address is e-mailed again at most once in this time.
RESEND_AFTER = datetime.timedelta(minutes=5)
HONEYPOT_FIELD = "website"

CONSENT_TEXT = _(
    "I agree that Quartieri keeps my e-mail address and the choices above to send me the messages "
    "I chose, and nothing else. Every message has a link to change my choices, to unsubscribe "
    "or to erase everything."
)


def private(view):
    """`Cache-Control: private, no-store`: never kept by the page cache, a proxy or a browser."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapped


def reader_locale_id(request):
    locale = reader_locale(request)
    return locale.pk if locale is not None else None


def follower_or_404(key):
    follower = Follower.objects.filter(key=key).first()
    if follower is None:
        raise Http404("No such subscription")
    return follower


# --- Subscribing -------------------------------------------------------------------------------


class SubscribeForm(WithoutControlCharactersMixin, PreferencesForm):
    """The address, the preferences, the consent and the robots' trap."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Tick the box to agree, or we cannot send you anything.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            self.fields["language"].initial = language
        self.order_fields(["email"])

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD), "").strip())


def render_subscribe(request, form, status=200):
    return TemplateResponse(request, "districts/follow/subscribe.html", {"form": form}, status=status)


@private
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """GET: the form (`?district=<translation key>` ticks that district). POST: the answer."""
    locale_id = reader_locale_id(request)
    if request.method != "POST":
        initial = {}
        district = request.GET.get("district", "")
        form = SubscribeForm(locale_id=locale_id, request=request)
        if district in dict(form.fields["districts"].choices):
            initial["districts"] = [district]
        form.initial = initial
        return render_subscribe(request, form)
    form = SubscribeForm(request.POST, locale_id=locale_id, request=request)
    limit = RateLimit(request, RATE_LIMIT_SCOPE, limit=RATE_LIMIT, window=RATE_WINDOW)
    if limit.exceeded():
        response = TemplateResponse(request, "districts/follow/limited.html", status=429)
        response["Retry-After"] = str(limit.retry_after())
        return response
    if form.is_spam:
        limit.hit()
        return redirect("follow_sent")  # as if it had worked: robots learn nothing
    if not form.is_valid():
        return render_subscribe(request, form)
    limit.hit()
    follower = register(form)
    if follower is not None:
        send_confirmation.enqueue(follower.pk)
    return redirect("follow_sent")


def register(form):
    """The Follower for the form's address, new or unconfirmed (its choices and consent
    updated), or confirmed (untouched). Returns it if a message is due, else None."""
    now = timezone.now()
    address = form.cleaned_data["email"]
    with transaction.atomic():
        follower = Follower.objects.select_for_update().filter(kind="email", email__iexact=address).first()
        if follower is None:
            follower = Follower(kind=Follower.Kind.EMAIL, email=address, created_at=now)
        elif follower.confirmation_sent_at and now - follower.confirmation_sent_at < RESEND_AFTER:
            return None
        if not follower.is_confirmed:
            form.apply(follower)
            # The wording as the resident read it: the page's language, active now.
            follower.consent_text = str(CONSENT_TEXT)
            follower.consent_at = now
        follower.confirmation_sent_at = now
        try:
            with transaction.atomic():
                follower.save()
        except IntegrityError:  # the same address sent twice at once: the first one wins
            return None
    return follower


@private
def sent(request):
    """ "Check your inbox", whatever the address was."""
    return TemplateResponse(request, "districts/follow/sent.html")


@task(backend="background")
def send_confirmation(follower_id):
    """E-mail follower `follower_id` its confirmation link, or (already confirmed) its manage
    link. At most once per request of the form (the dedupe key names its time)."""
    follower = Follower.objects.filter(pk=follower_id, kind=Follower.Kind.EMAIL).first()
    if follower is None or follower.confirmation_sent_at is None:
        return False
    stamp = int(follower.confirmation_sent_at.timestamp())
    with translation.override(follower.language):
        if follower.is_confirmed:
            subject = gettext("Your subscription to Quartieri")
            template, dedupe_key = (
                "districts/follow/emails/already_following",
                f"manage:{follower.key}:{stamp}",
            )
            context = {}
        else:
            subject = gettext("Confirm your subscription to Quartieri")
            template, dedupe_key = "districts/follow/emails/confirmation", f"confirm:{follower.key}:{stamp}"
            context = {"confirm_url": confirm_url(follower), "days": settings.FOLLOW_UNCONFIRMED_DAYS}
    message = mail.message(follower, subject, template, context, list_unsubscribe=False)
    outcome = deliver(
        follower,
        Delivery.Channel.EMAIL,
        Delivery.Kind.CONFIRMATION,
        dedupe_key,
        message.send,
        subject=subject,
    )
    return outcome.sent


# --- Confirming --------------------------------------------------------------------------------


def invalid_link(request, status):
    context = {"days": settings.FOLLOW_UNCONFIRMED_DAYS}
    return TemplateResponse(request, "districts/follow/invalid_link.html", context, status=status)


@private
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET: a button to confirm (mail scanners open links, they do not press buttons). POST:
    confirmed. A tampered or expired link is a 400, one whose subscription is gone a 404."""
    try:
        key = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            token, max_age=datetime.timedelta(days=settings.FOLLOW_UNCONFIRMED_DAYS)
        )
    except signing.BadSignature:  # SignatureExpired is one too
        return invalid_link(request, 400)
    follower = Follower.objects.filter(key=key).first()
    if follower is None:
        return invalid_link(request, 404)
    if request.method == "POST" and not follower.is_confirmed:
        follower.confirmed_at = timezone.now()
        follower.save(update_fields=["confirmed_at"])
        return TemplateResponse(
            request,
            "districts/follow/confirmed.html",
            {"follower": follower, "manage_url": manage_url(follower)},
        )
    template = "districts/follow/confirmed.html" if follower.is_confirmed else "districts/follow/confirm.html"
    return TemplateResponse(request, template, {"follower": follower, "manage_url": manage_url(follower)})


# --- Managing, unsubscribing, export and erasure -----------------------------------------------


@private
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, key):
    """The follower's choices, edited; since when and with what consent."""
    follower = follower_or_404(key)
    locale_id = reader_locale_id(request)
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST, locale_id=locale_id, request=request)
        if form.is_valid():
            form.apply(follower).save()
            saved = True
    else:
        form = PreferencesForm(
            initial=PreferencesForm.initial_for(follower), locale_id=locale_id, request=request
        )
    return TemplateResponse(
        request, "districts/follow/manage.html", {"follower": follower, "form": form, "saved": saved}
    )


@private
@csrf_exempt  # RFC 8058: a mail client's one-click POST carries no CSRF token; the key is the secret
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, key):
    """GET: one button. POST (that button, or a mail client's `List-Unsubscribe=One-Click`):
    the subscription deleted; the deliveries stay, without the address."""
    follower = follower_or_404(key)
    if request.method == "POST":
        follower.delete()
        return TemplateResponse(request, "districts/follow/unsubscribed.html")
    return TemplateResponse(request, "districts/follow/unsubscribe.html", {"follower": follower})


@private
@require_http_methods(["GET", "HEAD", "POST"])
def erase(request, key):
    """GET: what erasing means, and a button. POST: the follower and all it holds deleted:
    its push endpoints and saved events with it; its deliveries stay, without the address."""
    follower = follower_or_404(key)
    if request.method == "POST":
        follower.delete()
        return TemplateResponse(request, "districts/follow/erased.html")
    return TemplateResponse(request, "districts/follow/erase.html", {"follower": follower})


@private
@require_http_methods(["GET", "HEAD"])
def export(request, key):
    """Everything held about the follower, as a JSON download."""
    follower = follower_or_404(key)
    body = json.dumps(export_data(follower, request), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="quartieri-subscription.json"'
    return response


def iso(value):
    return value.isoformat() if value is not None else None


def export_data(follower, request=None):
    """What is held about `follower`, named in its language where the portal names things."""
    directory = get_directory(request)
    locale_id = directory.locale_id_for(follower.language)
    districts = []
    for key in follower.districts:
        try:
            page = directory.districts.for_key(uuid.UUID(key), locale_id)
        except ValueError:
            page = None
        districts.append({"translation_key": key, "name": page.title if page is not None else None})
    categories = {row.slug: row.name for row in directory.categories.in_locale(locale_id)}
    audiences = {row.slug: row.name for row in directory.audiences.in_locale(locale_id)}
    saved = list(follower.saved_events.order_by("saved_at"))
    titles = {}
    for page in Page.objects.filter(translation_key__in=[row.translation_key for row in saved]).order_by(
        "translation_key", "-locale_id"
    ):
        if page.translation_key not in titles or page.locale_id == locale_id:
            titles[page.translation_key] = page.title
    return {
        "email": follower.email or None,
        "kind": follower.kind,
        "language": follower.language,
        "created_at": iso(follower.created_at),
        "confirmed_at": iso(follower.confirmed_at),
        "consent": {"text": follower.consent_text, "given_at": iso(follower.consent_at)},
        "channels": {"weekly_digest": follower.weekly_digest, "alerts": follower.alerts},
        "districts": districts,
        "categories": [{"slug": slug, "name": categories.get(slug)} for slug in follower.categories],
        "audiences": [{"slug": slug, "name": audiences.get(slug)} for slug in follower.audiences],
        "push_endpoints": [
            {
                "platform": endpoint.platform,
                "host": urlsplit(endpoint.endpoint).hostname,
                "created_at": iso(endpoint.created_at),
            }
            for endpoint in follower.endpoints.order_by("created_at")
        ],
        "saved_events": [
            {
                "translation_key": str(row.translation_key),
                "title": titles.get(row.translation_key),
                "saved_at": iso(row.saved_at),
            }
            for row in saved
        ],
        "deliveries": [
            {
                "kind": row.kind,
                "channel": row.channel,
                "status": row.status,
                "created_at": iso(row.created_at),
                "sent_at": iso(row.sent_at),
                "subject": row.subject,
            }
            for row in follower.deliveries.order_by("created_at")
        ],
    }
