"""One site matcher (portal/core/sites.py), answering as Wagtail's own over every combination.

The page routing and the API's reference data ask `portal.core.sites` which Site serves a
request, from sites they keep in the cache; Wagtail asks the database (`get_site_for_hostname`,
`Site.find_for_request`). For each table of sites below (default site or none, one or several
sites on a host name, on one port or several) and every host and port a request may name, the
portal's answer is Wagtail's, including "none".
"""

import itertools

import pytest
from django.test import RequestFactory
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from portal.core import routing
from portal.core.sites import match_site, site_for_request

pytestmark = pytest.mark.django_db

# (hostname, port, is_default_site) of each site, by name.
SITE_TABLES = {
    "the default site only": {"main": ("localhost", 80, True)},
    "a default site and a host name on two ports": {
        "main": ("localhost", 80, True),
        "altro": ("altro.example", 80, False),
        "altro-8080": ("altro.example", 8080, False),
    },
    "a default site and a host name on one port": {
        "main": ("localhost", 80, True),
        "altro": ("altro.example", 80, False),
    },
    "the default site shares its host name with another port": {
        "main": ("altro.example", 80, True),
        "altro-8080": ("altro.example", 8080, False),
    },
    "no default site, a host name on one port": {"altro": ("altro.example", 80, False)},
    "no default site, a host name on two ports": {
        "altro": ("altro.example", 80, False),
        "altro-8080": ("altro.example", 8080, False),
    },
    "no default site, two host names": {
        "main": ("localhost", 8000, False),
        "altro": ("altro.example", 443, False),
    },
    "the default site on another port, a host name on two ports": {
        "main": ("localhost", 8000, True),
        "altro": ("altro.example", 80, False),
        "altro-443": ("altro.example", 443, False),
    },
}
HOSTNAMES = ["localhost", "altro.example", "sconosciuto.example"]
PORTS = [80, 443, 8000, 8080, 9999]


def make_sites(home, table):
    Site.objects.all().delete()
    for name, (hostname, port, is_default) in table.items():
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=is_default, root_page=home, site_name=name
        )
    return list(Site.objects.select_related("root_page"))


def wagtails_site(hostname, port):
    try:
        return get_site_for_hostname(hostname, port).site_name
    except Site.DoesNotExist:
        return None


def request_for(hostname, port):
    return RequestFactory().get("/", HTTP_HOST=f"{hostname}:{port}", SERVER_PORT=str(port))


def name_of(site):
    return site.site_name if site is not None else None


@pytest.mark.parametrize("table_name", SITE_TABLES)
def test_the_matcher_answers_as_wagtail_for_every_host_and_port(home, settings, table_name):
    settings.ALLOWED_HOSTS = ["*"]
    sites = make_sites(home, SITE_TABLES[table_name])
    for hostname, port in itertools.product(HOSTNAMES, PORTS):
        expected = wagtails_site(hostname, port)
        assert name_of(match_site(sites, hostname, port)) == expected, (hostname, port)
        # From a request, as Site.find_for_request reads its host and port.
        assert name_of(Site.find_for_request(request_for(hostname, port))) == expected, (hostname, port)
        assert name_of(site_for_request(request_for(hostname, port), sites)) == expected, (hostname, port)
        # The routing's copy of the sites, cached under the content version.
        assert name_of(routing.find_site(request_for(hostname, port))) == expected, (hostname, port)


def test_the_answer_is_kept_where_wagtail_keeps_it(home, django_assert_num_queries):
    sites = make_sites(home, SITE_TABLES["a default site and a host name on two ports"])
    request = request_for("altro.example", 8080)
    site = site_for_request(request, sites)
    assert site.site_name == "altro-8080"
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site
        # Asked again with other sites, the request keeps its first answer.
        assert site_for_request(request, []) is site


def test_a_port_that_is_not_a_number_matches_no_port(home):
    sites = make_sites(home, SITE_TABLES["a default site and a host name on one port"])
    request = RequestFactory().get("/", HTTP_HOST="altro.example", SERVER_PORT="http")
    assert site_for_request(request, sites).site_name == "altro"
