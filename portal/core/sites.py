"""Which Site serves a request: Wagtail's rule, over sites the portal already holds in memory.

Wagtail answers `Site.find_for_request` with a query per request (`get_site_for_hostname`). The
page routing (`portal.core.routing`) and the API's reference data (`portal.core.directory`) keep
the sites in the cache under the content version, so they ask this module instead: the same
ranking over their own list, kept on the request where Wagtail keeps its answer, so that
Wagtail's `Site.find_for_request` later in the request (templates, `page.get_url`) costs nothing
and all three agree. tests/test_sites.py compares the two over a table of hosts, ports and
default sites.
"""

from .upstream import remembered_site, request_hostname

# The ranking of Wagtail's `get_site_for_hostname`, best first.
MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT, MATCH_DEFAULT, MATCH_HOSTNAME = range(4)


def match_site(sites, hostname, port):
    """The Site of `sites` serving hostname:port, by the rules of Wagtail's `get_site_for_hostname`,
    or None where Wagtail finds none (raises Site.DoesNotExist):

    - the site with this host name and port;
    - else the default site if it has this host name;
    - else the only site with this host name, if there is one (whatever its port);
    - else the default site;
    - else none (several sites have this host name on other ports, and there is no default).
    """

    def rank(site):
        if site.hostname == hostname:
            if site.port == port:
                return MATCH_HOSTNAME_PORT
            return MATCH_HOSTNAME_DEFAULT if site.is_default_site else MATCH_HOSTNAME
        return MATCH_DEFAULT

    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site), key=rank
    )
    if not candidates:
        return None
    if len(candidates) == 1 or rank(candidates[0]) in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return candidates[0]
    if rank(candidates[0]) == MATCH_DEFAULT:
        # The default site and the host name's sites: the host name's if it has only one.
        return candidates[len(candidates) == 2]
    return None


def request_port(request):
    """The request's port as a number (None if it is not one), as Wagtail compares it."""
    try:
        return int(request.get_port())
    except (TypeError, ValueError):
        return None


def site_for_request(request, sites):
    """`Site.find_for_request(request)` answered from `sites`: kept on the request, where Wagtail
    keeps its own answer, so that whichever asks first answers for the whole request."""

    def find():
        return match_site(sites, request_hostname(request), request_port(request))

    return remembered_site(request, find)
