"""The document and its reference page.

The page is Swagger UI from drf-spectacular-sidecar's static files (npm's swagger-ui-dist,
packaged on PyPI, so no CDN and no npm) started by our own script: no inline script or style,
so the site's Content-Security-Policy applies unchanged.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .document import document


@require_GET
@cache_control(public=True, max_age=3600)
def openapi_json(request):
    return JsonResponse(document())


@require_GET
@cache_control(public=True, max_age=3600)
def docs_page(request):
    return render(request, "api/docs.html")
