"""Point the default Wagtail Site at PORTAL_BASE_URL: its hostname and port (idempotent).

Wagtail's initial migration creates the default Site as `localhost:80`, and Wagtail builds its
own absolute links from it (`Page.full_url`: the admin's "View live", the API's page links,
frontend-cache purges). The Procfile's release phase and `load_demo` run this command, so those
links name the public host. The Site's root page and name are kept.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site


def site_address(base_url):
    """(hostname, port) of "scheme://host[:port]"; ValueError if it is anything else."""
    parts = urlsplit(base_url)
    try:
        port = parts.port
    except ValueError:  # not a number, or out of range
        port = -1
    if (
        port == -1
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
    ):
        raise ValueError(f"PORTAL_BASE_URL must look like https://quartieri.example.org, not {base_url!r}.")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


class Command(BaseCommand):
    help = (
        "Set the default Wagtail Site's hostname and port from PORTAL_BASE_URL (its root page and "
        "name stay). Safe to run again: a Site that already matches is left alone."
    )

    def handle(self, *args, **options):
        base_url = settings.PORTAL_BASE_URL.rstrip("/")
        try:
            hostname, port = site_address(base_url)
        except ValueError as error:
            raise CommandError(str(error)) from None
        verbose = options["verbosity"] >= 1
        with transaction.atomic():
            site = Site.objects.select_for_update().filter(is_default_site=True).first()
            if site is None:
                self.stderr.write(
                    self.style.WARNING(
                        "There is no default Site: nothing to configure. Create one under Settings → "
                        "Sites (or run load_demo) and run this command again."
                    )
                )
                return
            clash = Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).first()
            if clash is not None:
                raise CommandError(
                    f"Another Site ({clash}) already uses {hostname}:{port}; remove it or change "
                    "PORTAL_BASE_URL."
                )
            if (site.hostname, site.port) == (hostname, port):
                if verbose:
                    self.stdout.write(f"The default Site already serves {hostname}:{port}.")
            else:
                previous = f"{site.hostname}:{site.port}"
                site.hostname, site.port = hostname, port
                site.save(update_fields=["hostname", "port"])
                if verbose:
                    self.stdout.write(
                        self.style.SUCCESS(f"The default Site now serves {hostname}:{port} (was {previous}).")
                    )
        if site.root_url != base_url:
            # A Site says http for every port but 443: https on another port cannot be expressed.
            self.stderr.write(
                self.style.WARNING(
                    f"Wagtail's own links will read {site.root_url}, not {base_url}; the portal's "
                    "links (API, feeds, sitemap, calendars) use PORTAL_BASE_URL."
                )
            )
