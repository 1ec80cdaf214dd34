"""The e-mail messages to followers: HTML with a plain-text part, in the follower's language,
each with a one-click unsubscribe (RFC 8058: `List-Unsubscribe` with the HTTPS link and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click`) and the link to manage preferences.
No tracking pixel, no remote image, no third-party anything: links are plain links to the portal.

`message(follower, subject, template, context)` renders `<template>.txt` and `<template>.html`
(templates/districts/follow/emails/) under `translation.override(follower.language)`, with
`follower`, `manage_url`, `unsubscribe_url`, `language` and `direction` in the context.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from portal.core.i18n import language_direction

from .links import manage_url, unsubscribe_url


def context_for(follower, extra=None):
    return {
        "follower": follower,
        "manage_url": manage_url(follower),
        "unsubscribe_url": unsubscribe_url(follower),
        "language": follower.language,
        "direction": language_direction(follower.language),
        **(extra or {}),
    }


def render(template, context, language):
    """(text, html) of `template` in `language`."""
    with translation.override(language):
        return (
            render_to_string(f"{template}.txt", context),
            render_to_string(f"{template}.html", context),
        )


def assemble(follower, subject, text, html, *, list_unsubscribe=True, attachments=()):
    """The message ready to send: from DEFAULT_FROM_EMAIL to the follower, with the headers.

    `attachments`: (filename, content, mimetype) triples (the digest's `.ics`)."""
    headers = {"Auto-Submitted": "auto-generated", "Content-Language": follower.language}
    if list_unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url(follower)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[follower.email],
        headers=headers,
    )
    email.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        email.attach(filename, content, mimetype)
    return email


def message(follower, subject, template, context=None, **options):
    """Render `template` for `follower` and assemble the message (see `assemble`)."""
    full = context_for(follower, context)
    text, html = render(template, full, follower.language)
    return assemble(follower, subject, text, html, **options)
