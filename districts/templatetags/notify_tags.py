"""Template tags of the "notify me" control (districts/follow/includes/notify_me.html)."""

from django import template
from django.conf import settings
from django.urls import reverse

from districts.follow.notify import CONSENT
from districts.follow.push import is_configured

register = template.Library()


@register.simple_tag
def notify_me_config():
    """What the control's script needs, or None when Web Push is not configured (no VAPID key):
    the control is then not shown at all."""
    if not is_configured():
        return None
    return {
        "public_key": settings.VAPID_PUBLIC_KEY,
        "endpoint": reverse("follow_push"),
        "worker": reverse("service_worker"),
        "consent": CONSENT,
    }
