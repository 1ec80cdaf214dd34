"""The headless API's contract: an OpenAPI 3.0 document generated from the code that serves the
answers (document.py), at `/api/v2/openapi.json`, with a reference page at `/api/v2/docs/`
(views.py); the test suite checks every API answer it sees against it and fuzzes it."""

from .document import document
from .views import docs_page, openapi_json

__all__ = ["document", "docs_page", "openapi_json"]
