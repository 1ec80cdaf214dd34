"""The address of the client behind the configured reverse proxies: one rule for every limit.

Sign-in throttling (django-axes, through AXES_CLIENT_IP_CALLABLE), the page-password throttle
and the proposals' rate limit all count per client with `client_address()`.

Behind `settings.TRUSTED_PROXY_COUNT` reverse proxies, each of which appends the address it
was reached from to X-Forwarded-For, the client is the TRUSTED_PROXY_COUNT-th entry from the
right; entries further left were written by the client and may be forged. With the default 0
the header is ignored and the client is REMOTE_ADDR. A trusted hop that is not an IP address
(a proxy that writes something else) is not trusted either: the connecting address is used.

An IPv6 client is counted by its /64 network: one subscriber is normally given a whole /64
and can pick a new address in it for every attempt, so a single address would not limit it.
"""

import ipaddress

from django.conf import settings

IPV6_CLIENT_PREFIX = 64


def _parsed(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _normalised(address):
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/{IPV6_CLIENT_PREFIX}", strict=False).network_address)
    return str(address)


def client_address(request):
    """The client's address as a normalised string (an IPv6 client's /64 network), or None
    when the server gave none that parses (a Unix socket without a proxy, for instance)."""
    remote = _parsed(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    address = remote
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            # Fewer entries than proxies: the request skipped the outer proxies, and the
            # leftmost entry is what the first proxy it met saw connecting.
            hop = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
            address = _parsed(hop) or remote
    return _normalised(address) if address is not None else None
