"""Residents who follow the portal without an account: what they follow, how they are reached,
the events they saved, and every message sent to them.

A `Follower` is one e-mail address or one device (a browser with "notify me" on, or the app):
its districts, categories and audiences (empty: all), its language, its channels (the weekly
digest, immediate alerts or both), the consent it gave (time and wording) and its secret key,
the only credential a resident holds (the manage link in every message, the app's device token).
A follower reached by Web Push, FCM or APNs has one or more `PushEndpoint`s. `SavedEvent` keeps
the events a device saved, by translation key (the same event in every language). `Delivery` is
one message to one follower on one channel, unique by its `dedupe_key`, so a retried job never
sends twice; it outlives an erased follower without their address, for the managers' counts.

The code that uses them lives in districts/follow/ (see its package docstring).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_key():
    """A follower's secret: 43 URL-safe characters (256 bits)."""
    return secrets.token_urlsafe(32)


class FollowerQuerySet(models.QuerySet):
    def confirmed(self):
        """Followers who may be sent news: e-mail addresses confirmed, devices at once."""
        return self.filter(confirmed_at__isnull=False)

    def following_district(self, district_key):
        """Followers of the district with translation key `district_key` (or of every district)."""
        # The key in quotes, as JSON holds it: `contains` on a JSON list does not exist on SQLite.
        return self.filter(Q(districts=[]) | Q(districts__icontains=f'"{district_key}"'))


class Follower(models.Model):
    """One resident's subscription: an e-mail address or a device, and what it follows."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("e-mail address")
        DEVICE = "device", _("device")

    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EMAIL)
    email = models.EmailField(
        _("e-mail address"), blank=True, help_text=_("Empty for a device that only receives notifications.")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    districts = models.JSONField(
        _("districts"),
        default=list,
        blank=True,
        help_text=_("Translation keys of the districts followed; empty: all."),
    )
    categories = models.JSONField(
        _("categories"),
        default=list,
        blank=True,
        help_text=_("Slugs of the categories followed; empty: all."),
    )
    audiences = models.JSONField(
        _("audiences"), default=list, blank=True, help_text=_("Slugs of the audiences followed; empty: all.")
    )
    weekly_digest = models.BooleanField(_("weekly digest"), default=True)
    alerts = models.BooleanField(_("immediate alerts"), default=True)
    consent_text = models.TextField(_("consent wording"), help_text=_("The words the resident agreed to."))
    consent_at = models.DateTimeField(_("consent given at"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    confirmed_at = models.DateTimeField(
        _("confirmed at"),
        null=True,
        blank=True,
        help_text=_("When the e-mail address was confirmed (double opt-in)."),
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(
        null=True, blank=True, help_text=_("A device's last call to the API.")
    )

    objects = FollowerQuerySet.as_manager()

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=Q(kind="email"), name="follower_unique_email"
            ),
            models.CheckConstraint(
                condition=Q(kind="device") | ~Q(email=""), name="follower_email_has_address"
            ),
        ]
        indexes = [models.Index(fields=["confirmed_at", "created_at"], name="follower_confirmed")]

    def __str__(self):
        return self.email if self.kind == self.Kind.EMAIL else f"device {self.pk}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def selection(self):
        """What this follower follows, as a hashable value: the digest is built once per
        language and selection, not once per follower."""
        return (
            self.language,
            tuple(sorted(self.districts)),
            tuple(sorted(self.categories)),
            tuple(sorted(self.audiences)),
        )


class PushEndpoint(models.Model):
    """Where a follower's device is reached: a Web Push subscription (endpoint and keys, RFC
    8030/8291), or an FCM or APNs token when that delivery is configured."""

    class Platform(models.TextChoices):
        WEBPUSH = "webpush", "Web Push"
        FCM = "fcm", "Firebase Cloud Messaging"
        APNS = "apns", "Apple Push Notification service"

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="endpoints")
    platform = models.CharField(max_length=10, choices=Platform.choices, default=Platform.WEBPUSH)
    endpoint = models.URLField(
        max_length=1000, help_text=_("The push service's URL (Web Push) or the device token (FCM, APNs).")
    )
    p256dh = models.CharField(max_length=200, blank=True, help_text=_("The browser's public key (Web Push)."))
    auth = models.CharField(max_length=100, blank=True, help_text=_("The browser's auth secret (Web Push)."))
    created_at = models.DateTimeField(default=timezone.now)
    last_success_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("push endpoint")
        verbose_name_plural = _("push endpoints")
        constraints = [models.UniqueConstraint(fields=["endpoint"], name="push_endpoint_unique")]

    def __str__(self):
        return f"{self.get_platform_display()} {self.pk}"


class SavedEvent(models.Model):
    """An event (or an initiative's dates) a device saved, by translation key: the same in every
    language. The alerts of its cancellations and moves go to this follower."""

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="saved_events")
    translation_key = models.UUIDField(help_text=_("The event's translation key."))
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("saved event")
        verbose_name_plural = _("saved events")
        constraints = [
            models.UniqueConstraint(fields=["follower", "translation_key"], name="saved_event_once")
        ]
        indexes = [models.Index(fields=["translation_key"], name="saved_event_key")]

    def __str__(self):
        return f"{self.translation_key} saved by {self.follower_id}"


class Delivery(models.Model):
    """One message to one follower on one channel. `dedupe_key` names what the message is about
    (the digest of a week, the cancellation of one date, a notice), so a job retried after a crash
    finds the row and does not send again."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        PUSH = "push", _("push notification")

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("confirmation")
        DIGEST = "digest", _("weekly digest")
        ALERT = "alert", _("alert")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        GONE = "gone", _("address gone")
        SKIPPED = "skipped", _("skipped")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    follower = models.ForeignKey(
        Follower, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    dedupe_key = models.CharField(max_length=200, help_text=_("What the message is about, for idempotence."))
    language = models.CharField(_("language"), max_length=10, blank=True)
    districts = models.JSONField(
        default=list, blank=True, help_text=_("Translation keys of the districts concerned.")
    )
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["follower", "channel", "dedupe_key"], name="delivery_once_per_follower"
            )
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="delivery_status"),
            models.Index(fields=["kind", "created_at"], name="delivery_kind"),
        ]

    def __str__(self):
        return f"{self.kind} {self.channel} {self.status}"
