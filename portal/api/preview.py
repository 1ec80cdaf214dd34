"""The pages endpoint's preview route, `/api/v2/pages/preview/?token=…`: the one way a draft
reaches the API, for the app of a developer an editor gave the token to.

The token and the snapshot it names are portal/core/preview.py's; the snapshot was built when
the editor previewed the draft "As in the app", by the same viewset and serializer as a page's
detail (`draft_representation`), so the app receives exactly what the page will answer once
published. The answer is `Cache-Control: private, no-store`: the page cache stores nothing
private (and a request with `token` bypasses it), and the API's middleware gives it no ETag.
"""

import json

from django.http import Http404
from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError

from portal.core.preview import PreviewExpired, PreviewGone, PreviewTokenInvalid, open_preview

PAGE = {"$ref": "#/components/schemas/PageItem"}
ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


class PreviewRouteMixin:
    """The preview route of the pages endpoint, and how the preview builds a draft's answer."""

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("preview/", cls.as_view({"get": "preview_view"}), name="preview"),
            *super().get_urlpatterns(),
        ]

    def preview_view(self, request):
        unknown = sorted(name for name in request.GET if name != "token")
        if unknown:
            raise BadRequestError("query parameter is not allowed: " + ", ".join(unknown))
        token = request.GET.get("token", "")
        if not token:
            raise BadRequestError("token is required: the preview 'As in the app' gives one")
        try:
            representation = open_preview(token)
        except PreviewTokenInvalid as error:
            raise BadRequestError("invalid preview token") from error
        except PreviewExpired as error:
            raise BadRequestError("preview token expired: preview the draft again for a new one") from error
        except PreviewGone as error:
            # As any unknown id under /api/: {"message": "not found"} (portal/core/api/http.py).
            raise Http404("not found") from error
        # The snapshot is kept as the JSON text the serializer gave.
        response = Response(json.loads(representation))
        response["Cache-Control"] = "private, no-store"
        return response

    @classmethod
    def draft_representation(cls, router, page, request):
        """`page` (an unsaved draft or a revision) as the detail view represents it, for the
        anonymous app on this site, through the viewset's own preparation and serializer."""
        request.wagtailapi_router = router
        view = cls(request=Request(request), action="detail_view", args=(), kwargs={}, format_kwarg=None)
        view._specific_object = page
        view._detail_page = page
        serializer_class = view.get_serializer_class()
        return view.representations([page], serializer_class)[0]()

    @classmethod
    def openapi_paths(cls):
        inherited = getattr(super(), "openapi_paths", dict)()
        return {
            **inherited,
            "/pages/preview/": {
                "get": {
                    "operationId": "previewPage",
                    "summary": "A draft page, with a preview token",
                    "description": (
                        "The draft an editor previewed 'As in the app' in the admin, exactly as "
                        "the page's detail will answer once published. The token is signed, "
                        "names one page and one snapshot, and expires after API_PREVIEW_SECONDS "
                        "(15 minutes by default). The answer is private: Cache-Control "
                        "private, no-store, no ETag."
                    ),
                    "parameters": [
                        {
                            "name": "token",
                            "in": "query",
                            "required": True,
                            "description": "The token the admin's preview 'As in the app' shows.",
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": _json(PAGE, "The draft page"),
                        "400": _json(
                            ERROR, "No token, an altered, malformed or expired one, or another parameter"
                        ),
                        "404": _json(ERROR, "The draft's snapshot is no longer kept (preview it again)"),
                    },
                }
            },
        }
