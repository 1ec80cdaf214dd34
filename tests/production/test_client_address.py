"""One rule for the client's address behind TRUSTED_PROXY_COUNT reverse proxies
(portal/client_address.py), shared by sign-in throttling and the proposals' rate limit."""

import pytest
from django.test import RequestFactory

from portal.core.client_address import client_address


def address(remote="203.0.113.7", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **headers))


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        # No proxy: the header is the client's own words, never trusted.
        (0, "203.0.113.7", "198.51.100.1", "203.0.113.7"),
        (0, "203.0.113.7", None, "203.0.113.7"),
        # One proxy: what it appended, rightmost; the rest may be forged.
        (1, "10.0.0.1", "198.51.100.1", "198.51.100.1"),
        (1, "10.0.0.1", "forged, 6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (1, "10.0.0.1", " 198.51.100.1 ,", "198.51.100.1"),
        # Two proxies: the second from the right (the outer proxy's view of the client).
        (2, "10.0.0.2", "forged, 198.51.100.1, 10.0.0.1", "198.51.100.1"),
        # Fewer entries than proxies: the request met only the inner one.
        (2, "10.0.0.2", "198.51.100.1", "198.51.100.1"),
        # No header behind a proxy, or a trusted hop that is not an address: the connection.
        (1, "10.0.0.1", None, "10.0.0.1"),
        (1, "10.0.0.1", "", "10.0.0.1"),
        (1, "10.0.0.1", "unknown", "10.0.0.1"),
        (1, "10.0.0.1", "198.51.100.1, <script>", "10.0.0.1"),
        # IPv6 clients count by their /64; IPv4-mapped addresses as IPv4.
        (0, "2001:db8:1:2:aaaa:bbbb:cccc:dddd", None, "2001:db8:1:2::"),
        (1, "10.0.0.1", "2001:DB8:1:2::9", "2001:db8:1:2::"),
        (0, "::ffff:203.0.113.7", None, "203.0.113.7"),
    ],
)
def test_the_client_is_the_trusted_hop(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert address(remote, forwarded) == expected


def test_no_address_at_all_is_none(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert address(remote="") is None


def test_the_proposals_rate_limit_counts_by_the_same_rule(settings):
    from districts.ratelimit import RateLimit

    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="x, 198.51.100.1")
    same_client = RequestFactory().post("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    other_client = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert RateLimit(request, "t").key == RateLimit(same_client, "t").key
    assert RateLimit(request, "t").key != RateLimit(other_client, "t").key
