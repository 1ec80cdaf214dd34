"""Private flags of django-csp and Django REST framework (portal.core.upstream, "request cycle")."""

from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from rest_framework.request import Request

from portal.core import upstream

POLICY_HEADER = "Content-Security-Policy"


def test_an_exempt_response_gets_no_policy(rf, settings):
    assert settings.CONTENT_SECURITY_POLICY  # the test settings keep the default policy
    middleware = CSPMiddleware(lambda request: HttpResponse("ok"))
    request = rf.get("/")
    middleware.process_request(request)
    assert POLICY_HEADER in middleware.process_response(request, HttpResponse("ok"))
    exempt = HttpResponse("ok")
    upstream.exempt_from_csp(exempt)
    assert POLICY_HEADER not in middleware.process_response(request, exempt)


def test_replaced_query_params_reach_the_request_and_wagtails_filters(rf):
    request = Request(rf.get("/?search=casa;+quartiere&limit=5"))
    cleaned = request.GET.copy()
    cleaned["search"] = "casa quartiere"
    upstream.replace_query_params(request, cleaned)
    assert request.query_params["search"] == "casa quartiere"
    assert request.GET["search"] == "casa quartiere"  # proxied to the Django request
    assert request.GET["limit"] == "5"
